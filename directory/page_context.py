"""Template contexts of the directory's pages, built from the request with
the selectors: the company listing, a company, a vacancy, the vacancy finder
and the home page's "new vacancies" teaser. No queries of their own."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest
from wagtail.models import Locale

from portal.models import Quarter
from portal.vocabulary import facet_options

from . import jsonld
from .choices import Offer, OfferType, WorkingTimeModel
from .filters import (
    COMPANY_SORTS,
    FLAGS,
    GERMAN_ORDER,
    directory_filters_parse,
    vacancy_filters_parse,
)
from .models import CompanyPage, DirectoryIndexPage, Sector, VacancyPage
from .selectors.companies import (
    companies_filtered,
    companies_in,
    companies_sorted,
    company_cards,
    company_facet_counts,
    company_map_rows,
    company_search_ids,
    spoken_languages,
)
from .selectors.vacancies import (
    VACANCIES_PER_PAGE,
    directory_index_for,
    finder_vocabulary,
    vacancies_find,
    vacancies_for_company,
    vacancies_newest,
    vacancy_companies,
    vacancy_items,
)

COMPANIES_PER_PAGE = 20


def directory_listing(*, index_page: DirectoryIndexPage, request: HttpRequest) -> dict:
    """Everything the directory page shows for the request's filters."""
    locale = index_page.locale
    sectors = Sector.vocabulary(locale=locale)
    quarters = Quarter.vocabulary(locale=locale)
    languages = spoken_languages()
    filters = directory_filters_parse(
        request.GET,
        sector_slugs=sectors,
        quarter_slugs=quarters,
        language_codes={lang.code for lang in languages},
    )

    base = companies_in(index_page=index_page)
    search_ids = (
        company_search_ids(index_page=index_page, query=filters.query)
        if filters.query
        else None
    )

    def filtered(skip=""):
        return companies_filtered(
            base,
            filters,
            sectors=sectors,
            quarters=quarters,
            search_ids=search_ids,
            skip=skip,
        )

    counts = company_facet_counts(filtered)
    results = companies_sorted(filtered(), sort=filters.sort, search_ids=search_ids)
    page_obj = Paginator(company_cards(results), COMPANIES_PER_PAGE).get_page(
        request.GET.get("page")
    )

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
            for row in company_map_rows(results)
        ]

    return {
        "filters": filters,
        "page_obj": page_obj,
        "items": items,
        "result_count": page_obj.paginator.count,
        "markers": markers,
        "facets": {
            "sector": facet_options(
                sectors, counts=counts.sector, chosen=filters.sectors
            ),
            "quarter": facet_options(
                quarters, counts=counts.quarter, chosen=filters.quarters
            ),
            "offer": [
                {
                    "value": offer.value,
                    "label": offer.label,
                    "count": counts.offer[offer.value],
                    "checked": offer.value in filters.offers,
                }
                for offer in Offer
            ],
            "lang": [
                {
                    "value": lang.code,
                    "label": str(lang),
                    "count": counts.lang.get(lang.code, 0),
                    "checked": lang.code in filters.languages,
                }
                for lang in languages
                if counts.lang.get(lang.code) or lang.code in filters.languages
            ],
            "barrier_free": {
                "count": counts.barrier_free,
                "checked": filters.barrier_free,
            },
        },
        "sorts": [s for s in COMPANY_SORTS if filters.query or s != "relevance"],
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


def finder_listing(*, finder_page, request: HttpRequest) -> dict:
    """Everything the vacancy finder shows for the request's filters."""
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
        "facets": {
            "type": [
                {"value": value, "label": label, "checked": value in filters.types}
                for value, label in OfferType.choices
            ],
            "quarter": _term_options(vocabulary.quarters, filters.quarters),
            "sector": _term_options(vocabulary.sectors, filters.sectors),
            "easy": {"checked": filters.easy},
        },
        "flags": [
            {"name": name, "label": label, "checked": name in filters.flags}
            for name, (label, _condition) in FLAGS.items()
        ],
    }


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
    parents = vacancy_companies(vacancies)
    return {
        "template": "directory/teasers/new_vacancies.html",
        "lang": lang,
        "items": [
            {"vacancy": v, "company": parents.get(v.path[: -VacancyPage.steplen])}
            for v in vacancies
        ],
        "index": directory_index_for(locale=locale),
    }


def _term_options(terms, chosen) -> list[dict]:
    """Options of `components/facet.html` for vocabulary terms, without counts."""
    return [
        {"value": t.slug, "label": t.label, "lang": t.lang, "checked": t.slug in chosen}
        for t in terms
    ]
