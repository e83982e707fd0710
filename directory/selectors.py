"""Reads of the directory: open vacancies, the filtered company listing with
its facet counts, and what company and vacancy pages show.

Everything here runs a fixed number of queries, whatever the number of
companies (tests/directory/test_queries.py holds us to it).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, When
from django.http import HttpRequest
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from portal.models import Quarter
from portal.selectors import search_terms
from portal.vocabulary import Vocabulary, VocabularyEntry

from . import jsonld
from .choices import Offer, WorkingTimeModel
from .models import (
    CompanyPage,
    DirectoryIndexPage,
    Sector,
    SpokenLanguage,
    VacancyFinderPage,
    VacancyPage,
)

COMPANIES_PER_PAGE = 20
QUERY_MAX_LENGTH = 200
SORTS = ("relevance", "name", "newest")
VIEWS = ("list", "map")


# Vacancies ---------------------------------------------------------------


def _open_filter() -> Q:
    return Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now())


def vacancies_open(*, locale: Locale | None = None) -> QuerySet[VacancyPage]:
    """Published vacancies whose application period has not ended. The
    vacancy finder (issue 4) builds on this."""
    vacancies = VacancyPage.objects.live().public().filter(_open_filter())
    if locale is not None:
        vacancies = vacancies.filter(locale=locale)
    return vacancies


def vacancies_for_company(*, company: CompanyPage) -> QuerySet[VacancyPage]:
    return (
        vacancies_open()
        .child_of(company)
        .order_by("expire_at", "title")
        .prefetch_related("helpful_languages")
    )


def vacancies_similar(*, vacancy: VacancyPage, limit: int = 5) -> list[VacancyPage]:
    """Open vacancies like an ended one: same type first, then same sector."""
    company = vacancy.get_parent().specific
    candidates = vacancies_open(locale=vacancy.locale).exclude(pk=vacancy.pk)
    sector_key = company.sector.translation_key if company.sector_id else None
    same_sector = Q(pk__in=[])
    if sector_key:
        sector_companies = CompanyPage.objects.filter(
            sector__translation_key=sector_key
        ).values("path")
        paths = [row["path"] for row in sector_companies]
        for path in paths:
            same_sector |= Q(path__startswith=path)
    candidates = candidates.filter(Q(offer_type=vacancy.offer_type) | same_sector)
    return list(
        candidates.annotate(
            same_type=Case(
                When(offer_type=vacancy.offer_type, then=1),
                default=0,
                output_field=IntegerField(),
            )
        ).order_by("-same_type", "-first_published_at")[:limit]
    )


def vacancies_newest(*, locale: Locale, limit: int = 4) -> list[VacancyPage]:
    return list(vacancies_open(locale=locale).order_by("-first_published_at")[:limit])


def vacancies_teaser(*, locale: Locale) -> dict | None:
    """The "new vacancies" slot of the home page, or None when there are none.
    A language without translated vacancies shows the German ones, marked as
    German (`lang`)."""
    vacancies = vacancies_newest(locale=locale)
    lang = ""
    default = Locale.get_default()
    if not vacancies and default.pk != locale.pk:
        vacancies = vacancies_newest(locale=default)
        lang = default.language_code
    if not vacancies:
        return None
    parents = {
        page.path: page
        for page in Page.objects.filter(
            path__in={v.path[: -VacancyPage.steplen] for v in vacancies}
        ).only("id", "title", "path")
    }
    index = (
        DirectoryIndexPage.objects.live().filter(locale=locale).first()
        or DirectoryIndexPage.objects.live().filter(locale=default).first()
    )
    return {
        "template": "directory/teasers/new_vacancies.html",
        "lang": lang,
        "items": [
            {"vacancy": v, "company": parents.get(v.path[: -VacancyPage.steplen])}
            for v in vacancies
        ],
        "index": index,
    }


# Companies ---------------------------------------------------------------


@dataclass
class DirectoryFilters:
    """The visitor's filter state, parsed from the URL. Values that do not
    exist are dropped (and reported), never an error."""

    query: str = ""
    sectors: list[str] = field(default_factory=list)  # sector slugs
    quarters: list[str] = field(default_factory=list)  # quarter slugs
    offers: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    barrier_free: bool = False
    sort: str = "name"
    view: str = "list"
    ignored: list[str] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return bool(
            self.query
            or self.sectors
            or self.quarters
            or self.offers
            or self.languages
            or self.barrier_free
        )


def _pick(values: list[str], allowed, ignored: list[str]) -> list[str]:
    """Known values; a `Vocabulary` also takes translated slugs and keys and
    answers with the stable slug."""
    normalise = getattr(allowed, "normalise", None) or (
        lambda value: value if value in allowed else None
    )
    picked = []
    for value in values:
        known = normalise(value)
        if known is None:
            ignored.append(value[:40])
        elif known not in picked:
            picked.append(known)
    return picked


def directory_filters_parse(
    params, *, sector_slugs, quarter_slugs, language_codes
) -> DirectoryFilters:
    ignored: list[str] = []
    query = " ".join(params.get("q", "").split())[:QUERY_MAX_LENGTH]
    sort = params.get("sort") or ("relevance" if query else "name")
    if sort not in SORTS or (sort == "relevance" and not query):
        sort = "relevance" if query else "name"
    view = params.get("view", "list")
    return DirectoryFilters(
        query=query,
        sectors=_pick(params.getlist("sector"), sector_slugs, ignored),
        quarters=_pick(params.getlist("quarter"), quarter_slugs, ignored),
        offers=_pick(params.getlist("offer"), set(Offer.values), ignored),
        languages=_pick(params.getlist("lang"), language_codes, ignored),
        barrier_free=params.get("barrier_free") in ("1", "on", "true"),
        sort=sort,
        view=view if view in VIEWS else "list",
        ignored=ignored,
    )


def companies_in(*, index_page: DirectoryIndexPage) -> QuerySet[CompanyPage]:
    return CompanyPage.objects.live().public().child_of(index_page)


def _search_ids(*, index_page: DirectoryIndexPage, query: str) -> list[int]:
    terms = search_terms(query)
    if not terms:
        return []
    results = (
        CompanyPage.objects.live()
        .filter(locale_id=index_page.locale_id)
        .search(" ".join(terms), operator="and")
    )
    return [page.pk for page in results]


def _filtered(
    companies: QuerySet,
    filters: DirectoryFilters,
    *,
    sectors: Vocabulary,
    quarters: Vocabulary,
    search_ids: list[int] | None,
    skip: str = "",
) -> QuerySet:
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


def directory_listing(*, index_page: DirectoryIndexPage, request: HttpRequest) -> dict:
    """Everything the directory page shows for the request's filters."""
    locale = index_page.locale
    sectors = Sector.vocabulary(locale=locale)
    quarters = Quarter.vocabulary(locale=locale)
    languages = list(SpokenLanguage.objects.all())
    filters = directory_filters_parse(
        request.GET,
        sector_slugs=sectors,
        quarter_slugs=quarters,
        language_codes={lang.code for lang in languages},
    )

    base = companies_in(index_page=index_page)
    search_ids = (
        _search_ids(index_page=index_page, query=filters.query)
        if filters.query
        else None
    )

    def filtered(skip=""):
        return _filtered(
            base,
            filters,
            sectors=sectors,
            quarters=quarters,
            search_ids=search_ids,
            skip=skip,
        )

    # Facet counts: each facet counts what its values would add to the other
    # facets' selection (values of one facet combine with "or").
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
    barrier_free_count = filtered("barrier_free").filter(barrier_free=True).count()

    results = filtered()
    if filters.sort == "relevance" and search_ids:
        results = results.order_by(
            Case(
                *[When(pk=pk, then=pos) for pos, pk in enumerate(search_ids)],
                output_field=IntegerField(),
            )
        )
    elif filters.sort == "newest":
        results = results.order_by("-first_published_at", "title")
    else:
        results = results.order_by("title")

    Image = get_image_model()
    cards = results.select_related("sector", "quarter").prefetch_related(
        Prefetch("logo", queryset=Image.objects.prefetch_renditions("max-160x80"))
    )
    page_obj = Paginator(cards, COMPANIES_PER_PAGE).get_page(request.GET.get("page"))

    items = [
        {
            "company": company,
            "sector": sectors.entry_for(company.sector),
            "quarter": quarters.entry_for(company.quarter),
        }
        for company in page_obj.object_list
    ]

    markers = []
    if filters.view == "map":
        index_url = index_page.get_url(request) or ""
        markers = [
            {
                "title": row["title"],
                "url": f"{index_url}{row['slug']}/",
                "lat": float(row["latitude"]),
                "lng": float(row["longitude"]),
            }
            for row in results.filter(latitude__isnull=False).values(
                "title", "slug", "latitude", "longitude"
            )
        ]

    return {
        "filters": filters,
        "page_obj": page_obj,
        "items": items,
        "result_count": page_obj.paginator.count,
        "markers": markers,
        "facets": {
            "sector": [
                {
                    "value": s.slug,
                    "label": s.label,
                    "lang": s.lang,
                    "count": sector_counts.get(s.key, 0),
                    "checked": s.slug in filters.sectors,
                }
                for s in sectors
            ],
            "quarter": [
                {
                    "value": q.slug,
                    "label": q.label,
                    "lang": q.lang,
                    "count": quarter_counts.get(q.key, 0),
                    "checked": q.slug in filters.quarters,
                }
                for q in quarters
            ],
            "offer": [
                {
                    "value": offer.value,
                    "label": offer.label,
                    "count": offer_counts[offer.value],
                    "checked": offer.value in filters.offers,
                }
                for offer in Offer
            ],
            "lang": [
                {
                    "value": lang.code,
                    "label": str(lang),
                    "count": language_counts.get(lang.code, 0),
                    "checked": lang.code in filters.languages,
                }
                for lang in languages
                if language_counts.get(lang.code) or lang.code in filters.languages
            ],
            "barrier_free": {
                "count": barrier_free_count,
                "checked": filters.barrier_free,
            },
        },
        "sorts": [s for s in SORTS if filters.query or s != "relevance"],
    }


def company_detail(*, company: CompanyPage, request: HttpRequest) -> dict:
    """What a company page shows besides its own fields."""
    locale = company.locale
    sector = Sector.vocabulary(locale=locale).entry_for(company.sector)
    quarter = Quarter.vocabulary(locale=locale).entry_for(company.quarter)
    vacancies = list(vacancies_for_company(company=company))
    languages = list(company.languages.all())
    tags = list(company.tags.all())
    return {
        "sector": sector,
        "quarter": quarter,
        "vacancies": vacancies,
        "company_languages": languages,
        "tags": tags,
        "jsonld": jsonld.company(
            company, request=request, languages=languages, sector=sector
        ),
    }


def vacancy_detail(*, vacancy: VacancyPage, request: HttpRequest) -> dict:
    company = vacancy.get_parent().specific
    helpful_languages = list(vacancy.helpful_languages.all())
    return {
        "company": company,
        "helpful_languages": helpful_languages,
        "working_time_model_choices": WorkingTimeModel.choices,
        "jsonld": jsonld.vacancy(vacancy, company=company, request=request),
    }


# Vacancy finder ----------------------------------------------------------

VACANCIES_PER_PAGE = 20
SEARCH_HITS_MAX = 500


@dataclass
class FinderVocabulary:
    """The quarters and sectors a locale's finder (and the API) offers: the
    same stable slugs in every language, labels in `locale`'s."""

    quarters: Vocabulary
    sectors: Vocabulary


def finder_vocabulary(*, locale: Locale) -> FinderVocabulary:
    return FinderVocabulary(
        quarters=Quarter.vocabulary(locale=locale),
        sectors=Sector.vocabulary(locale=locale),
    )


def finder_for_change(*, finder_id: int | None) -> VacancyFinderPage | None:
    """The live finder a shortlist form came from; an unknown id falls back
    to the default language's finder (None if there is no finder at all)."""
    finders = VacancyFinderPage.objects.live().select_related("locale")
    if finder_id is not None:
        finder = finders.filter(pk=finder_id).first()
        if finder is not None:
            return finder
    return finders.filter(locale=Locale.get_default()).first()


def vacancies_canonical() -> QuerySet[VacancyPage]:
    """Open vacancies in the default language's tree, where firms keep them.
    The finder and the API list these and show a translation when there is
    one; filters use the canonical page's fields."""
    return vacancies_open(locale=Locale.get_default())


def _search_hits(*, query: str, locales: list[Locale]) -> tuple[list, list[str]]:
    """Translation keys of vacancies matching `query` (best first) and tree
    paths of companies matching it, in the given locales."""
    locale_ids = [locale.pk for locale in locales]
    vacancy_hits = (
        VacancyPage.objects.live()
        .filter(locale_id__in=locale_ids)
        .search(query, operator="and")
    )
    keys: list = []
    for page in vacancy_hits[:SEARCH_HITS_MAX]:
        if page.translation_key not in keys:
            keys.append(page.translation_key)
    company_hits = (
        CompanyPage.objects.live()
        .filter(locale_id__in=locale_ids)
        .search(query, operator="and")
    )
    company_keys = [page.translation_key for page in company_hits[:SEARCH_HITS_MAX]]
    paths = list(
        CompanyPage.objects.filter(
            translation_key__in=company_keys, locale=Locale.get_default()
        ).values_list("path", flat=True)
    )
    return keys, paths


def vacancies_find(
    *, filters, vocabulary: FinderVocabulary, locale: Locale
) -> QuerySet[VacancyPage]:
    """The canonical open vacancies matching `filters`, sorted."""
    from .filters import vacancies_apply_filters, vacancies_sort

    search_keys, company_paths = None, None
    if filters.query:
        locales = [Locale.get_default()]
        if locale.pk != locales[0].pk:
            locales.append(locale)
        search_keys, company_paths = _search_hits(query=filters.query, locales=locales)
    vacancies = vacancies_apply_filters(
        vacancies_canonical(),
        filters,
        companies=CompanyPage.objects.filter(locale=Locale.get_default()),
        quarters=vocabulary.quarters,
        sectors=vocabulary.sectors,
        search_keys=search_keys,
        search_company_paths=company_paths,
    )
    return vacancies_sort(vacancies, filters, search_keys)


@dataclass
class VacancyItem:
    """One vacancy as the finder, the shortlist and the handout show it:
    the canonical page (facts, easy-German summary), its translation into
    the visitor's language when live (title, summary, URL), its company."""

    vacancy: VacancyPage
    shown: VacancyPage
    company: CompanyPage | None
    quarter: VocabularyEntry | None = None
    sector: VocabularyEntry | None = None
    ended: bool = False

    @property
    def translated(self) -> bool:
        return self.shown.pk != self.vacancy.pk

    @property
    def pk(self) -> int:
        return self.vacancy.pk


def vacancy_items(
    vacancies: list[VacancyPage],
    *,
    locale: Locale,
    vocabulary: FinderVocabulary | None = None,
) -> list[VacancyItem]:
    """Wrap canonical vacancies for display with a fixed number of queries:
    one for the translations, one for the companies (with quarter, sector)."""
    if not vacancies:
        return []
    translations = {}
    if locale.pk != Locale.get_default().pk:
        translations = {
            page.translation_key: page
            for page in VacancyPage.objects.live()
            .filter(
                locale=locale,
                translation_key__in=[v.translation_key for v in vacancies],
            )
            .only("id", "title", "summary", "url_path", "path", "translation_key")
        }
    companies = {
        company.path: company
        for company in CompanyPage.objects.filter(
            path__in={v.path[: -VacancyPage.steplen] for v in vacancies}
        ).select_related("quarter", "sector")
    }
    items = []
    for vacancy in vacancies:
        company = companies.get(vacancy.path[: -VacancyPage.steplen])
        quarter = sector = None
        if company is not None and vocabulary is not None:
            quarter = vocabulary.quarters.entry_for(company.quarter)
            sector = vocabulary.sectors.entry_for(company.sector)
        items.append(
            VacancyItem(
                vacancy=vacancy,
                shown=translations.get(vacancy.translation_key, vacancy),
                company=company,
                quarter=quarter,
                sector=sector,
            )
        )
    return items


def finder_listing(*, finder_page, request: HttpRequest) -> dict:
    """Everything the vacancy finder shows for the request's filters."""
    from .choices import OfferType
    from .filters import FLAGS, GERMAN_ORDER, vacancy_filters_parse

    locale = finder_page.locale
    vocabulary = finder_vocabulary(locale=locale)
    filters = vacancy_filters_parse(
        request.GET,
        quarter_slugs=vocabulary.quarters,
        sector_slugs=vocabulary.sectors,
    )
    vacancies = vacancies_find(filters=filters, vocabulary=vocabulary, locale=locale)
    page_obj = Paginator(
        vacancies.prefetch_related("helpful_languages"), VACANCIES_PER_PAGE
    ).get_page(request.GET.get("page"))
    return {
        "filters": filters,
        "page_obj": page_obj,
        "items": vacancy_items(
            list(page_obj.object_list), locale=locale, vocabulary=vocabulary
        ),
        "result_count": page_obj.paginator.count,
        "vocabulary": vocabulary,
        "german_levels": GERMAN_ORDER[1:],
        "offer_types": OfferType.choices,
        "flags": [
            {"name": name, "label": label, "checked": name in filters.flags}
            for name, (label, _condition) in FLAGS.items()
        ],
    }


# Firm dashboard ------------------------------------------------------------


@dataclass
class FirmDashboard:
    """What a firm user sees first in the admin: its own company, its
    vacancies with their end dates, and what waits for an editor's review."""

    company: CompanyPage
    vacancies: list[VacancyPage]
    pending: list[Page]
    page_count: int


def firm_companies(*, user) -> list[CompanyPage]:
    """The companies (one page per translation key, the default language's
    where it exists) whose firm group `user` belongs to."""
    if not user.is_authenticated:
        return []
    default = Locale.get_default()
    companies = CompanyPage.objects.filter(firm_group__user=user).order_by(
        Case(When(locale=default, then=0), default=1), "title"
    )
    chosen: dict = {}
    for company in companies:
        chosen.setdefault(company.translation_key, company)
    return list(chosen.values())


def firm_dashboards(*, user) -> list[FirmDashboard]:
    from wagtail.models import WorkflowState

    dashboards = []
    for company in firm_companies(user=user):
        translations = Page.objects.filter(translation_key=company.translation_key)
        subtree = Q()
        for page in translations:
            subtree |= Q(path__startswith=page.path)
        pages = Page.objects.filter(subtree)
        pending = list(
            pages.filter(_workflow_states__status=WorkflowState.STATUS_IN_PROGRESS)
            .select_related("locale")
            .distinct()
            .order_by("title")
        )
        in_review = {page.pk for page in pending}
        vacancies = list(
            VacancyPage.objects.child_of(company).order_by(
                "-live", "apply_until", "title"
            )
        )
        for vacancy in vacancies:
            vacancy.in_review = vacancy.pk in in_review
        dashboards.append(
            FirmDashboard(
                company=company,
                vacancies=vacancies,
                pending=pending,
                page_count=pages.count(),
            )
        )
    return dashboards
