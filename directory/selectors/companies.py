"""Reads of the company directory: the companies of a listing, narrowed by
the visitor's filters, their facet counts and what a company page lists."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, When
from wagtail.images import get_image_model

from portal.lookups import rows_cached
from portal.selectors import search_terms
from portal.vocabulary import Vocabulary

from ..choices import Offer
from ..filters import DirectoryFilters
from ..models import CompanyPage, DirectoryIndexPage, SpokenLanguage


def companies_in(*, index_page: DirectoryIndexPage) -> QuerySet[CompanyPage]:
    return CompanyPage.objects.live().public().child_of(index_page)


def company_search_ids(*, index_page: DirectoryIndexPage, query: str) -> list[int]:
    """Ids of the index's language's companies matching `query`, best first."""
    terms = search_terms(query)
    if not terms:
        return []
    results = (
        CompanyPage.objects.live()
        .filter(locale_id=index_page.locale_id)
        .search(" ".join(terms), operator="and")
    )
    return [page.pk for page in results]


def companies_filtered(
    companies: QuerySet,
    filters: DirectoryFilters,
    *,
    sectors: Vocabulary,
    quarters: Vocabulary,
    search_ids: list[int] | None,
    skip: str = "",
) -> QuerySet:
    """`companies` narrowed to `filters`, leaving out the facet `skip`."""
    if search_ids is not None:
        companies = companies.filter(pk__in=search_ids)
    if filters.sectors and skip != "sector":
        companies = companies.filter(
            sector__translation_key__in=sectors.keys_of(filters.sectors)
        )
    if filters.quarters and skip != "quarter":
        companies = companies.filter(
            quarter__translation_key__in=quarters.keys_of(filters.quarters)
        )
    if filters.offers and skip != "offer":
        any_offer = Q()
        for offer in filters.offers:
            any_offer |= Q(**{f"offers_{offer}": True})
        companies = companies.filter(any_offer)
    if filters.languages and skip != "lang":
        speakers = CompanyPage.languages.through.objects.filter(
            spokenlanguage_id__in=filters.languages
        ).values("companypage_id")
        companies = companies.filter(pk__in=speakers)
    if filters.barrier_free and skip != "barrier_free":
        companies = companies.filter(barrier_free=True)
    return companies


@dataclass
class CompanyFacetCounts:
    """Per facet value, how many companies it would add to the other facets'
    selection (values of one facet combine with "or")."""

    sector: dict
    quarter: dict
    offer: dict
    lang: dict
    barrier_free: int


def company_facet_counts(filtered) -> CompanyFacetCounts:
    """`filtered(skip)` is the filtered queryset leaving out facet `skip`."""
    sector_counts = {
        row["sector__translation_key"]: row["n"]
        for row in filtered("sector")
        .order_by()
        .values("sector__translation_key")
        .annotate(n=Count("pk"))
    }
    quarter_counts = {
        row["quarter__translation_key"]: row["n"]
        for row in filtered("quarter")
        .order_by()
        .values("quarter__translation_key")
        .annotate(n=Count("pk"))
    }
    offer_counts = filtered("offer").aggregate(
        **{
            offer.value: Count("pk", filter=Q(**{f"offers_{offer.value}": True}))
            for offer in Offer
        }
    )
    language_counts = {
        row["spokenlanguage_id"]: row["n"]
        for row in CompanyPage.languages.through.objects.filter(
            companypage_id__in=filtered("lang").values("pk")
        )
        .order_by()
        .values("spokenlanguage_id")
        .annotate(n=Count("companypage_id"))
    }
    return CompanyFacetCounts(
        sector=sector_counts,
        quarter=quarter_counts,
        offer=offer_counts,
        lang=language_counts,
        barrier_free=filtered("barrier_free").filter(barrier_free=True).count(),
    )


def companies_sorted(
    companies: QuerySet, *, sort: str, search_ids: list[int] | None
) -> QuerySet:
    if sort == "relevance" and search_ids:
        return companies.order_by(
            Case(
                *[When(pk=pk, then=pos) for pos, pk in enumerate(search_ids)],
                output_field=IntegerField(),
            )
        )
    if sort == "newest":
        return companies.order_by("-first_published_at", "title")
    return companies.order_by("title")


def company_cards(companies: QuerySet) -> QuerySet:
    """What a company card shows: sector, quarter and the logo's rendition."""
    Image = get_image_model()
    return companies.select_related("sector", "quarter").prefetch_related(
        Prefetch("logo", queryset=Image.objects.prefetch_renditions("max-160x80"))
    )


def company_map_rows(companies: QuerySet) -> QuerySet:
    """Title, slug and position of the companies that have one."""
    return companies.filter(latitude__isnull=False).values(
        "title", "slug", "latitude", "longitude"
    )


def spoken_languages() -> list[SpokenLanguage]:
    return rows_cached(SpokenLanguage, lambda: list(SpokenLanguage.objects.all()))
