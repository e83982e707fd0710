import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from ..extensions import badges_for

register = template.Library()

# As Django's json_script: nothing in the data can close the script element.
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def jsonld(data) -> str:
    """`data` as a schema.org JSON-LD script element (data, not code)."""
    if not data:
        return ""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(_ESCAPES)),  # noqa: S308 - escaped above
    )


@register.simple_tag
def occurrence_badge(badges, occurrence) -> str:
    """What apps above events add to a date in the listing (events.extensions)."""
    return badges_for(badges, occurrence)
