"""Template contexts of the economy's pages, built from the request with the
selectors: the premises listing, a unit's page and the network board. No
queries of their own."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest
from wagtail.models import Locale

from portal.models import Quarter
from portal.vocabulary import facet_options

from . import jsonld, rules
from .choices import AREA_BANDS, RENT_BANDS, PostType, PremisesType
from .filters import (
    board_filters_parse,
    premises_apply_filters,
    premises_filters_parse,
    premises_sort,
)
from .models import BoardPostPage, PremisesIndexPage, PremisesPage
from .selectors import (
    POSTS_PER_PAGE,
    PREMISES_PER_PAGE,
    board_firms,
    network_meetings,
    page_translations,
    post_type_counts,
    posts_visible,
    premises_facet_counts,
    premises_index_for,
    premises_map_units,
    premises_open,
)


def _shown(page, translations: dict, *, default_language: str) -> dict:
    """The version of a page a visitor reads: the translation, or the German
    original marked with its language."""
    translated = translations.get(page.translation_key)
    if translated is not None:
        return {"page": translated, "facts": page, "lang": ""}
    return {"page": page, "facts": page, "lang": default_language}


def premises_listing(*, index_page: PremisesIndexPage, request: HttpRequest) -> dict:
    """Everything the listing shows for the request's filters."""
    locale = index_page.locale
    default = Locale.get_default()
    quarters = Quarter.vocabulary(locale=locale)
    filters = premises_filters_parse(request.GET, quarters=quarters)
    quarter_keys = quarters.keys_of(filters.quarters)
    base = premises_open()

    def filtered(skip: str = ""):
        return premises_apply_filters(
            base, filters, quarter_keys=quarter_keys, skip=skip
        )

    counts = premises_facet_counts(filtered)
    results = premises_sort(filtered(), filters).select_related("quarter")
    page_obj = Paginator(results, PREMISES_PER_PAGE).get_page(request.GET.get("page"))
    units = list(page_obj.object_list)
    translations = page_translations(units, PremisesPage, locale)
    items = [
        {
            **_shown(unit, translations, default_language=default.language_code),
            "quarter": quarters.entry_for(unit.quarter),
        }
        for unit in units
    ]

    markers = []
    if filters.view == "map":
        # Every unit of the selection, not only this page's: the map is the
        # list's other view. Titles are the German originals (marked there).
        markers = [
            {
                "title": unit.title,
                "url": unit.get_url(request),
                "lat": float(unit.latitude),
                "lng": float(unit.longitude),
            }
            for unit in premises_map_units(filtered())
        ]

    def options(values, counts, chosen, labels):
        return [
            {
                "value": value,
                "label": labels[value],
                "count": counts.get(value, 0) or 0,
                "checked": value in chosen,
            }
            for value in values
        ]

    return {
        "filters": filters,
        "page_obj": page_obj,
        "items": items,
        "result_count": page_obj.paginator.count,
        "markers": markers,
        "facets": {
            "quarter": facet_options(
                quarters, counts=counts.quarter, chosen=filters.quarters
            ),
            "type": options(
                PremisesType.values,
                counts.type,
                filters.types,
                dict(PremisesType.choices),
            ),
            "area": options(
                list(AREA_BANDS),
                counts.area,
                filters.areas,
                {key: band[0] for key, band in AREA_BANDS.items()},
            ),
            "rent": options(
                list(RENT_BANDS),
                counts.rent,
                filters.rents,
                {key: band[0] for key, band in RENT_BANDS.items()},
            ),
            "step_free": {"count": counts.step_free, "checked": filters.step_free},
            "now": {"count": counts.now, "checked": filters.available_now},
        },
        "enquiry_url": index_page.url + index_page.reverse_subpage("enquiry"),
    }


def premises_detail(*, premises: PremisesPage, request: HttpRequest) -> dict:
    """What a unit's page shows besides its own fields."""
    company = premises.get_parent().specific
    quarter = Quarter.vocabulary(locale=premises.locale).entry_for(premises.quarter)
    index = premises_index_for(locale=premises.locale)
    return {
        "company": company,
        "quarter": quarter,
        "index": index,
        "enquiry_url": (
            index.url + index.reverse_subpage("enquiry") if index is not None else ""
        ),
        "jsonld": jsonld.premises(premises, company=company, request=request),
    }


def board_listing(*, board, request: HttpRequest) -> dict:
    locale = board.locale
    default = Locale.get_default()
    filters = board_filters_parse(request.GET)
    visible = posts_visible(user=request.user)
    type_counts = post_type_counts(visible)
    posts = visible.filter(post_type=filters.type) if filters.type else visible
    posts = posts.select_related("quarter").order_by("expire_at", "pk")
    page_obj = Paginator(posts, POSTS_PER_PAGE).get_page(request.GET.get("page"))
    rows = list(page_obj.object_list)
    firms = board_firms(rows)
    translations = page_translations(rows, BoardPostPage, locale)
    quarters = Quarter.vocabulary(locale=locale)
    items = [
        {
            **_shown(post, translations, default_language=default.language_code),
            "firm": firms.get(post.path[: -BoardPostPage.steplen]),
            "quarter": quarters.entry_for(post.quarter),
        }
        for post in rows
    ]
    return {
        "filters": filters,
        "items": items,
        "page_obj": page_obj,
        "chosen_type": filters.type,
        "types": [
            {"value": value, "label": label, "count": type_counts.get(value, 0)}
            for value, label in PostType.choices
        ],
        "is_member": rules.is_member(request.user),
        "meetings": network_meetings(locale=locale),
    }
