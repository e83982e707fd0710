"""What search engines and link previews read from a page's <head>: meta
description, canonical URL, hreflang alternates, OpenGraph and Twitter cards.
One function for every page type (templates/components/meta.html renders it),
so no page type can come without them. Page types differ only in which
fields carry a description or an image; the first non-empty one is used."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.http import HttpRequest
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.models import Page

from .absolute import absolute_url, page_url
from .lookups import is_public, page_translations

DESCRIPTION_MAX = 160
# Fields that describe a page, best first (search_description is the editor's
# own choice in Wagtail's "Promote" tab).
DESCRIPTION_FIELDS = (
    "search_description",
    "intro",
    "summary",
    "short_description",
    "teaser",
    "claim",
)
# Image field -> the field with its alternative text on the page.
IMAGE_FIELDS = {"image": "image_alt_text", "hero_image": "hero_alt_text", "logo": ""}
IMAGE_SPEC = "fill-1200x630|format-jpeg"


@dataclass
class Alternate:
    language: str
    url: str


@dataclass
class PageMeta:
    title: str
    description: str
    canonical: str
    language: str
    alternates: list[Alternate] = field(default_factory=list)
    image_url: str = ""
    image_width: int | None = None
    image_height: int | None = None
    image_alt: str = ""
    og_type: str = "website"


def _text(value) -> str:
    text = " ".join(strip_tags(str(value or "")).split())
    return Truncator(text).chars(DESCRIPTION_MAX)


def page_description(page) -> str:
    """The text that describes `page` in search results and link previews."""
    return _description(page)


def _description(page) -> str:
    for name in DESCRIPTION_FIELDS:
        text = _text(getattr(page, name, ""))
        if text:
            return text
    return ""


def _image(page):
    for name, alt_field in IMAGE_FIELDS.items():
        image = getattr(page, name, None)
        if image is not None and hasattr(image, "get_rendition"):
            alt = getattr(page, alt_field, "") if alt_field else ""
            return image, alt or image.default_alt_text or ""
    return None, ""


def _alternates(page: Page, request: HttpRequest) -> list[Alternate]:
    translations = [t for t in page_translations(page) if is_public(t)]
    found = {t.locale.language_code: page_url(t, request) for t in translations}
    if len(found) < 2:
        return []
    order = [code for code, _name in settings.LANGUAGES]
    alternates = [Alternate(code, found[code]) for code in order if code in found]
    default = found.get(settings.LANGUAGE_CODE) or alternates[0].url
    return [*alternates, Alternate("x-default", default)]


def page_meta(
    *,
    page: Page | None,
    request: HttpRequest,
    title: str,
    language: str,
    home_description: str = "",
) -> PageMeta:
    """`title` is the document's title as the template built it;
    `home_description` the language's home page's, which stands in for
    pages without one."""
    # Sub-routes (calendar, archive, idea detail) have their own canonical
    # address; query strings (filters, paging) are left out of it.
    canonical = absolute_url(request.path)
    meta = PageMeta(
        title=title,
        description=_description(page) if page is not None else "",
        canonical=canonical,
        language=language,
    )
    if not meta.description:
        meta.description = home_description
    if not meta.description:
        meta.description = _text(title)
    if page is None or not page.pk:
        return meta
    on_the_page_itself = page_url(page, request) == canonical
    if on_the_page_itself:
        meta.alternates = _alternates(page, request)
    image, alt = _image(page)
    if image is not None:
        rendition = image.get_rendition(IMAGE_SPEC)
        meta.image_url = absolute_url(rendition.url)
        meta.image_width, meta.image_height = rendition.width, rendition.height
        meta.image_alt = alt
    meta.og_type = "article" if page.depth > 3 else "website"
    return meta
