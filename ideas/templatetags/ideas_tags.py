"""Template helpers of the idea board: residents' text, form fields."""

import re
from urllib.parse import urlsplit

from django import template
from django.utils.html import urlize
from django.utils.safestring import mark_safe
from django.utils.text import normalize_newlines

from ideas import rules
from ideas.models.ideas import person_name as name_of

register = template.Library()

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@register.filter
def resident_text(value: str):
    """Plain text as paragraphs; no HTML from the text is ever rendered and
    web addresses become links marked as user content."""
    paragraphs = [
        p.strip() for p in PARAGRAPH_BREAK.split(normalize_newlines(value or ""))
    ]
    html = []
    for paragraph in paragraphs:
        if not paragraph:
            continue
        lines = [
            urlize(line, trim_url_limit=60, nofollow=True, autoescape=True).replace(
                'rel="nofollow"', 'rel="nofollow ugc"'
            )
            for line in paragraph.split("\n")
        ]
        html.append("<p>" + "<br>".join(lines) + "</p>")
    return mark_safe("".join(html))  # noqa: S308 - every piece escaped by urlize


@register.simple_tag
def field_widget(field, **extra):
    """A bound field's widget with the ARIA attributes that tie it to its
    help text and errors."""
    attrs = dict(extra)
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}-help")
    if field.errors:
        described.append(f"{field.auto_id}-errors")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.filter
def is_checkbox(field) -> bool:
    return getattr(field.field.widget, "input_type", "") == "checkbox"


@register.filter
def is_radio(field) -> bool:
    return getattr(field.field.widget, "input_type", "") == "radio"


@register.simple_tag
def status_class(status: str) -> str:
    return f"status status--{status}"


@register.filter
def person_name(user, audience: str = "") -> str:
    """A stored actor or author, who may have deleted the account since:
    `{{ idea.author|person_name }}` on public pages, `…|person_name:"staff"`
    in the admin. Templates name people only through this filter."""
    return name_of(user, staff=audience == "staff")


@register.simple_tag
def can_report_comment(user, idea, comment) -> bool:
    """`{% can_report_comment user idea comment as allowed %}`: the rule of
    ideas.rules for this comment (not the idea-level answer, which is "no"
    for the idea's author)."""
    return rules.can_report(user, idea, comment)


@register.filter
def url_host(template_url: str) -> str:
    """The host name of a tile URL template, for the consent notice."""
    return urlsplit(template_url.replace("{s}", "a")).hostname or template_url
