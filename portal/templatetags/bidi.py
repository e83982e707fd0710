"""Bidirectional text: keep numbers, references, addresses and text in
another language readable inside Arabic and Persian pages.

The Unicode bidi algorithm lays out a run of digits and spaces ("0331 953
9536") right to left inside a right-to-left paragraph, so a phone number
reads "9536 953 0331"; a postcode next to a city swaps sides, a reference
next to a date mixes with it, German punctuation lands on the wrong end.
Each such value goes into its own isolate:

    {{ phone|ltr }}         left-to-right isolate: phone numbers, postcodes,
                            references, e-mail addresses, URLs
    {{ company|address }}   a street address as one left-to-right isolate
                            (`|address:"lines"`: street and town on two)
    {{ date|isolate }}      an isolate that takes the direction of its own
                            text (dates spelled in the visitor's language)
    {{ entry|term }}        a vocabulary entry's label, marked lang="de"
                            when it falls back to German
    {{ text|in_lang:"de" }} text in another language than the page's, with
                            its lang and direction (German fallback content)
    {% lang_attrs page "body" %}
                            ` lang="de" dir="ltr"` on an element holding a
                            field of a translation that is still German
                            (portal.untranslated); {{ page|field_in_lang:
                            "summary" }} prints such a field, marked
    {{ phone|ltr_text }}    plain-text mails: U+2066/U+2069 around the value
                            in right-to-left languages (|isolate_text:
                            U+2068/U+2069, for dates; |in_lang_text:"de":
                            text in another language, like |in_lang)

Isolating is harmless in left-to-right languages, so the HTML filters apply
in every language and the templates stay the same for all of them.
"""

import re

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe

from portal.untranslated import untranslated_lang

register = template.Library()

LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"


def _empty(value) -> bool:
    return value is None or value == ""


def _direction(language: str) -> str:
    return "rtl" if language.split("-")[0] in settings.LANGUAGES_BIDI else "ltr"


def _current_language() -> str:
    return (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]


@register.filter(is_safe=True)
def ltr(value):
    """`value` in a left-to-right isolate (<bdi dir="ltr">)."""
    if _empty(value):
        return ""
    return format_html('<bdi dir="ltr">{}</bdi>', value)


@register.filter(is_safe=True)
def isolate(value):
    """`value` in an isolate that finds its direction from its own text."""
    if _empty(value):
        return ""
    return format_html("<bdi>{}</bdi>", value)


@register.filter(is_safe=True)
def address(place, layout="line"):
    """A place's (object or dict) street, postcode and city as one
    left-to-right line, or as two (`|address:"lines"`), each isolated."""
    if place is None or place == "":
        return ""

    def part(name: str) -> str:
        if isinstance(place, dict):
            return str(place.get(name) or "")
        return str(getattr(place, name, "") or "")

    street = part("street")
    town = " ".join(p for p in (part("postal_code"), part("city")) if p)
    parts = [p for p in (street, town) if p]
    if layout == "lines":
        return format_html_join(
            mark_safe("<br>"),
            '<bdi dir="ltr" translate="no">{}</bdi>',
            ((p,) for p in parts),
        )
    if not parts:
        return ""
    return format_html('<bdi dir="ltr" translate="no">{}</bdi>', ", ".join(parts))


@register.filter(is_safe=True)
def in_lang(value, language):
    """`value` marked as written in `language` when that is not the page's
    language (German content shown where no translation exists)."""
    if _empty(value):
        return ""
    language = (language or "").split("-")[0]
    if not language or language == _current_language():
        return conditional_escape(value)
    return format_html(
        '<bdi lang="{}" dir="{}">{}</bdi>', language, _direction(language), value
    )


@register.filter(is_safe=True)
def term(entry):
    """A vocabulary entry's (or a term's) label; an untranslated one says
    it is German."""
    if entry is None or entry == "":
        return ""
    label = getattr(entry, "label", None) or getattr(entry, "name", None) or entry
    language = getattr(entry, "lang", "")
    if not language:
        return conditional_escape(label)
    return in_lang(label, language)


@register.simple_tag
def lang_attrs(page, field):
    """` lang="de" dir="ltr"` for an element showing `field` of `page` when
    that field of a translation still holds the German original's text."""
    language = untranslated_lang(page, field)
    if not language or language == _current_language():
        return ""
    return format_html(' lang="{}" dir="{}"', language, _direction(language))


@register.filter(is_safe=True)
def field_in_lang(page, field):
    """`page`'s `field` (plain text), marked German when untranslated."""
    return in_lang(getattr(page, field, ""), untranslated_lang(page, field))


#: A range of numbers or hours ("20–30", "9:00–12:00") as Django prints them.
_RANGE = re.compile(
    r"(?<![\w:.,–-])\d+(?:[:.,]\d+)?\s*–\s*\d+(?:[:.,]\d+)?(?![\w:.,–-])"
)


@register.filter(is_safe=True)
def isolate_ranges(value):
    """Each numeric range in `value` (translated text, e.g. "20–30 hours a
    week") as one left-to-right isolate: read right to left, "20–30" would
    show as "30–20". Ranges spelled with words (Persian "20 تا 30") keep the
    sentence's direction and are left alone."""
    if _empty(value):
        return ""
    text = conditional_escape(value)
    return mark_safe(  # noqa: S308 - only adds tags around escaped digits
        _RANGE.sub(lambda match: f'<bdi dir="ltr">{match.group(0)}</bdi>', text)
    )


@register.filter
def ltr_text(value):
    """For plain-text mails: a left-to-right isolate made of Unicode
    controls, in right-to-left languages only (elsewhere they would just
    be invisible characters someone copies along)."""
    if _empty(value):
        return ""
    if not translation.get_language_bidi():
        return value
    return f"{LRI}{value}{PDI}"


@register.filter
def isolate_text(value):
    """For plain-text mails: a first-strong isolate (U+2068 … U+2069) for
    values spelled in the reader's language, such as dates; right-to-left
    languages only."""
    if _empty(value):
        return ""
    if not translation.get_language_bidi():
        return value
    return f"{FSI}{value}{PDI}"


@register.filter
def in_lang_text(value, language):
    """For plain-text mails: `value`, written in `language` (German
    fallback text), in an isolate of that language's direction when it is
    not the reader's, in right-to-left languages only (like `ltr_text`)."""
    if _empty(value):
        return ""
    language = (language or "").split("-")[0]
    if (
        not language
        or language == _current_language()
        or not translation.get_language_bidi()
    ):
        return value
    opening = LRI if _direction(language) == "ltr" else RLI
    return f"{opening}{value}{PDI}"
