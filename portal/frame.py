"""The site frame every page shows (menu, footer, legal links, the
organisation's name) built once per site and language and kept in the
cache until a publish of a home page or section, a settings change or a
full purge changes it (the page cache's `frame` and `all` tags).

Built, it costs some ten queries (the language's home page, the sections,
three settings, each legal page in the visitor's language); from the cache it
costs none (the site comes from portal.lookups)."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest
from django.utils import translation
from wagtail.models import Page, Site

from .meta import page_description
from .models import LegalSettings, MapSettings, OrganisationSettings
from .page_cache import ALL, page_cache_tag, tag_fingerprint
from .selectors import menu_sections

FRAME_TAGS = ("frame", ALL)
LEGAL_KINDS = ("imprint_page", "privacy_page", "accessibility_page")


def _build(request: HttpRequest, site: Site) -> dict:
    home = site.root_page.localized
    sections = menu_sections(root=site.root_page, home=home)
    organisation = OrganisationSettings.for_site(site)
    legal = LegalSettings.for_site(site)
    tiles = MapSettings.for_site(site)
    legal_ids = {
        kind: getattr(legal, f"{kind}_id")
        for kind in LEGAL_KINDS
        if getattr(legal, f"{kind}_id")
    }
    legal_pages = Page.objects.in_bulk(legal_ids.values())
    links = []
    for kind, page_id in legal_ids.items():
        page = legal_pages.get(page_id)
        if page is not None:
            links.append({"kind": kind, "url": page.localized.get_url(request)})
    return {
        "home": {
            "url": home.get_url(request),
            "description": page_description(home.specific),
        },
        "menu": [
            {
                "path": section.path,
                "url": section.get_url(request),
                "title": section.title,
                "lang": section.fallback_lang,
            }
            for section in sections
        ],
        "organisation": {
            name: getattr(organisation, name)
            for name in ("name", "street", "postal_code", "city", "phone", "email")
        },
        "legal": links,
        # For the consent-first maps (listings, the idea board and its form).
        "map": {"tile_url": tiles.tile_url, "attribution": tiles.attribution},
    }


def site_frame(request: HttpRequest) -> dict | None:
    """The frame of `request`'s site in the active language (None for a host
    that is no site)."""
    if hasattr(request, "_portal_frame"):
        return request._portal_frame
    page_cache_tag(request, *FRAME_TAGS)
    site = Site.find_for_request(request)
    frame = None
    if site is not None:
        if getattr(settings, "PORTAL_FRAME_CACHE", True):
            cache = caches["default"]
            key = ":".join(
                [
                    "frame",
                    str(site.pk),
                    translation.get_language() or "",
                    tag_fingerprint(FRAME_TAGS),
                ]
            )
            frame = cache.get(key)
            if frame is None:
                frame = _build(request, site)
                cache.set(key, frame, timeout=24 * 3600)
        else:
            frame = _build(request, site)
    request._portal_frame = frame
    return frame
