"""Read-only JSON API of the open vacancies for advisers' other tools, with
the vacancy finder's filters (parsed by the same `filters.py`).

django-ninja (which Wagtail 8's API v3 is built on) describes it in an
OpenAPI document at /api/vacancies/openapi.json. It is a separate small API
rather than a router on Wagtail's v3 API, because mounting that API would
also publish its page write endpoints. See docs/vacancy-api.md.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest
from django.utils import translation
from ninja import Field, NinjaAPI, Query, Schema
from wagtail.models import Locale

from portal import absolute
from portal.models import Quarter
from portal.page_cache import model_tag, page_cache_tag

from .filters import HOURS_MAX, HOURS_MIN, vacancy_filters_parse
from .models import Sector
from .selectors import finder_vocabulary, vacancies_find, vacancy_items

#: The anonymous page cache keeps answers until a vacancy or term changes.
VOCABULARY_TAGS = (model_tag(Sector), model_tag(Quarter))

PER_PAGE_DEFAULT, PER_PAGE_MAX = 20, 100

api = NinjaAPI(
    title="Quartiersportal: open vacancies",
    version="1.0.0",
    description=(
        "Open vacancies of the business network in Potsdam Stern, Drewitz and "
        "Schlaatz, with the vacancy finder's filters. Read-only, no login. "
        "Unknown filter values are ignored and listed in `ignored`."
    ),
    urls_namespace="vacancy_api",
    openapi_url="/openapi.json",
    # Ninja's interactive docs load Swagger UI from a CDN; the portal makes
    # no third-party requests, so only the OpenAPI document is served.
    docs_url=None,
)


class VacancyQuery(Schema):
    """All parameters are optional and combine with "and"; repeated values
    of one parameter (type, quarter, sector) combine with "or"."""

    q: str = Field("", description="Full text: title, summary, tasks, company.")
    german: str = Field(
        "",
        description="German the person speaks: none, A1, A2, B1, B2, C1, C2. "
        "Returns vacancies that need this level or less.",
    )
    type: list[str] = Field(
        [],
        description="Offer type: job, apprenticeship, part_time_apprenticeship, "
        "internship, minijob, trial_work.",
    )
    hours: str = Field(
        "",
        description=f"Can work at most this many hours a week "
        f"({HOURS_MIN}–{HOURS_MAX}).",
    )
    immediately: str = Field("", description="1: can start immediately.")
    childcare: str = Field("", description="1: hours compatible with childcare.")
    no_qualification: str = Field(
        "", description="1: no formal qualification required."
    )
    foreign: str = Field("", description="1: foreign qualifications accepted.")
    barrier_free: str = Field("", description="1: barrier-free workplace.")
    quarter: list[str] = Field(
        [],
        description="Quarter slug, e.g. stern, drewitz: the German slug, the same "
        "in every language.",
    )
    sector: list[str] = Field(
        [],
        description="Sector slug, e.g. handwerk, pflege: the German slug, the same "
        "in every language.",
    )
    sort: str = Field("", description="newest (default), ending, relevance (with q).")
    lang: str = Field(
        "", description="Language of titles and summaries where translated."
    )
    page: int = Field(1, ge=1, description="Page number.")
    per_page: int = Field(
        PER_PAGE_DEFAULT, ge=1, le=PER_PAGE_MAX, description="Results per page."
    )


class CompanyOut(Schema):
    name: str
    url: str
    street: str
    postal_code: str
    city: str
    quarter: str | None
    sector: str | None


class VacancyOut(Schema):
    id: int = Field(description="Page id of the German original (stable).")
    url: str = Field(description="The vacancy page in the requested language.")
    language: str = Field(description="Language of title and summary.")
    title: str
    title_de: str = Field(description="The German title, for the employer.")
    summary: str
    summary_easy_de: str = Field(description="Summary in easy German, or empty.")
    company: CompanyOut | None
    offer_type: str
    working_time: str
    hours_min: int | None
    hours_max: int | None
    german_level: str
    qualification: str
    foreign_qualifications_accepted: bool
    childcare_compatible: bool
    starts_immediately: bool
    start_date: dt.date | None
    barrier_free_workplace: bool
    apply_until: dt.date | None
    published: dt.datetime | None


class IgnoredOut(Schema):
    param: str
    value: str
    reason: str = Field(description="unknown, not_a_number or out_of_range")


class VacancyListOut(Schema):
    count: int
    page: int
    pages: int
    next: str | None
    previous: str | None
    ignored: list[IgnoredOut]
    results: list[VacancyOut]


class ValidationIssueOut(Schema):
    type: str = Field(description="What is wrong, e.g. greater_than_equal.")
    loc: list[str | int] = Field(description='Where, e.g. ["query", "page"].')
    msg: str = Field(description="The problem in words (English).")


class ValidationErrorOut(Schema):
    """django-ninja's answer to parameters outside their declared range
    (`page` < 1, `per_page` outside 1–100, a `page` that is no number)."""

    detail: list[ValidationIssueOut]


def _locale(code: str) -> Locale:
    codes = {language for language, _name in settings.LANGUAGES}
    if code in codes:
        locale = Locale.objects.filter(language_code=code).first()
        if locale is not None:
            return locale
    return Locale.get_default()


def _page_url(request: HttpRequest, number: int) -> str:
    params = request.GET.copy()
    params["page"] = str(number)
    return absolute.absolute_url(f"{request.path}?{params.urlencode()}")


@api.get(
    "/",
    # Every answer the endpoint gives; 422 comes from ninja's validation.
    response={200: VacancyListOut, 422: ValidationErrorOut},
    summary="Open vacancies, filtered",
    operation_id="vacancies_list",
)
def vacancies_list(request: HttpRequest, params: Query[VacancyQuery]):
    locale = _locale(params.lang)
    page_cache_tag(request, "listing:vacancies", *VOCABULARY_TAGS)
    vocabulary = finder_vocabulary(locale=locale)
    filters = vacancy_filters_parse(
        request.GET,
        quarter_slugs=vocabulary.quarters,
        sector_slugs=vocabulary.sectors,
    )
    vacancies = vacancies_find(filters=filters, vocabulary=vocabulary, locale=locale)
    paginator = Paginator(vacancies, params.per_page)
    page = paginator.get_page(params.page)
    with translation.override(locale.language_code):
        items = vacancy_items(
            list(page.object_list), locale=locale, vocabulary=vocabulary
        )
        original = Locale.get_default().language_code
        results = [_vacancy(request, item, locale, original) for item in items]
    return {
        "count": paginator.count,
        "page": page.number,
        "pages": paginator.num_pages,
        "next": _page_url(request, page.next_page_number())
        if page.has_next()
        else None,
        "previous": (
            _page_url(request, page.previous_page_number())
            if page.has_previous()
            else None
        ),
        "ignored": filters.ignored,
        "results": results,
    }


def _vacancy(request: HttpRequest, item, locale: Locale, original: str) -> dict:
    vacancy, shown, company = item.vacancy, item.shown, item.company
    return {
        "id": vacancy.pk,
        "url": absolute.page_url(shown, request),
        "language": locale.language_code if item.translated else original,
        "title": shown.title,
        "title_de": vacancy.title,
        "summary": shown.summary,
        "summary_easy_de": vacancy.summary_easy,
        "company": {
            "name": company.title,
            "url": absolute.page_url(company, request),
            "street": company.street,
            "postal_code": company.postal_code,
            "city": company.city,
            "quarter": item.quarter.slug if item.quarter else None,
            "sector": item.sector.slug if item.sector else None,
        }
        if company
        else None,
        "offer_type": vacancy.offer_type,
        "working_time": vacancy.working_time,
        "hours_min": vacancy.hours_min,
        "hours_max": vacancy.hours_max,
        "german_level": vacancy.german_level,
        "qualification": vacancy.qualification,
        "foreign_qualifications_accepted": vacancy.foreign_qualifications_accepted,
        "childcare_compatible": vacancy.childcare_compatible,
        "starts_immediately": vacancy.starts_immediately,
        "start_date": vacancy.start_date,
        "barrier_free_workplace": vacancy.barrier_free_workplace,
        "apply_until": vacancy.apply_until,
        "published": vacancy.first_published_at,
    }
