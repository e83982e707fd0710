"""The directory's filters: the company listing's, and the vacancy finder's
in one place for the finder page and the JSON API. Parse them from a query
string, then apply them to a queryset.

Parsing never raises (`portal.query`). A value that does not exist, or hours
that are not a whole number within range, is dropped and reported in
`ignored`, so the page can say so and the API can return it; the rest of the
filters still apply.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Length, Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.query import QueryReader
from portal.vocabulary import Vocabulary

from .choices import GermanLevel, Offer, OfferType, Qualification, WorkingTime
from .models import VacancyPage

COMPANY_SORTS = ("relevance", "name", "newest")
COMPANY_VIEWS = ("list", "map")
HOURS_MIN, HOURS_MAX = 1, 60
SORTS = ("newest", "ending", "relevance")

#: CEFR levels from least to most German needed; "none" comes first.
GERMAN_ORDER = [level.value for level in GermanLevel]

#: Yes/no filters: URL parameter -> (label, condition on VacancyPage).
FLAGS: dict[str, tuple] = {
    "childcare": (
        _("Hours compatible with childcare"),
        Q(childcare_compatible=True),
    ),
    "no_qualification": (
        _("No formal qualification required"),
        Q(qualification=Qualification.NONE),
    ),
    "foreign": (
        _("Foreign qualifications accepted"),
        Q(foreign_qualifications_accepted=True),
    ),
    "barrier_free": (_("Barrier-free workplace"), Q(barrier_free_workplace=True)),
}


@dataclass
class VacancyFilters:
    """What the visitor asked for, cleaned."""

    query: str = ""
    german: str = ""  # the most German a newcomer brings, e.g. "A2"
    types: list[str] = field(default_factory=list)
    hours: int | None = None  # can work at most this many hours a week
    immediately: bool = False
    flags: list[str] = field(default_factory=list)  # keys of FLAGS
    quarters: list[str] = field(default_factory=list)  # quarter slugs
    sectors: list[str] = field(default_factory=list)  # sector slugs
    sort: str = "newest"
    easy: bool = False  # show the easy-German summary (display only)
    ignored: list[dict] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return bool(
            self.query
            or self.german
            or self.types
            or self.hours
            or self.immediately
            or self.flags
            or self.quarters
            or self.sectors
        )

    def as_params(self) -> dict:
        """The filters as URL parameters (for the API's echo)."""
        return {
            "q": self.query,
            "german": self.german,
            "type": self.types,
            "hours": self.hours,
            "immediately": self.immediately,
            **{flag: flag in self.flags for flag in FLAGS},
            "quarter": self.quarters,
            "sector": self.sectors,
            "sort": self.sort,
        }


def vacancy_filters_parse(
    params: Mapping, *, quarter_slugs: Iterable[str], sector_slugs: Iterable[str]
) -> VacancyFilters:
    """Clean filters from a QueryDict (request.GET); never raises."""
    read = QueryReader(params)
    query = read.text("q", search_safe=True)
    return VacancyFilters(
        query=query,
        german=read.value("german", GERMAN_ORDER),
        types=read.values("type", OfferType.values),
        hours=read.integer("hours", minimum=HOURS_MIN, maximum=HOURS_MAX),
        immediately=read.flag("immediately"),
        flags=[flag for flag in FLAGS if read.flag(flag)],
        quarters=read.values("quarter", quarter_slugs),
        sectors=read.values("sector", sector_slugs),
        sort=read.sort("sort", SORTS, default="newest", query=query),
        easy=read.flag("easy"),
        ignored=read.ignored,
    )


def german_levels_up_to(level: str) -> list[str]:
    """ "A2" -> ["none", "A1", "A2"]: what a person with A2 can apply for."""
    return GERMAN_ORDER[: GERMAN_ORDER.index(level) + 1]


def hours_condition(hours: int) -> Q:
    """Vacancies someone can take who works at most `hours` a week: the
    lowest hours the firm accepts fit, or, without stated hours, the job is
    not full time only."""
    return (
        Q(hours_min__lte=hours)
        | Q(hours_min__isnull=True, hours_max__lte=hours)
        | Q(
            hours_min__isnull=True,
            hours_max__isnull=True,
            working_time__in=[WorkingTime.PART_TIME, WorkingTime.EITHER],
        )
    )


def with_parent_path(vacancies: QuerySet, steplen: int) -> QuerySet:
    """Annotate each vacancy with its company's tree path, so company fields
    (quarter, sector) filter in the same query."""
    return vacancies.annotate(parent_path=Substr("path", 1, Length("path") - steplen))


def vacancies_apply_filters(
    vacancies: QuerySet,
    filters: VacancyFilters,
    *,
    companies: QuerySet,
    quarters: Vocabulary,
    sectors: Vocabulary,
    search_keys: list | None = None,
    search_company_paths: list[str] | None = None,
) -> QuerySet:
    """`vacancies` narrowed to `filters`. Quarter and sector are the
    company's; `companies` are the candidate companies. Quarters and sectors
    match by translation key, so a filter works whichever locale's row a
    company points at."""
    if filters.query:
        hits = Q(translation_key__in=search_keys or [])
        if search_company_paths:
            vacancies = with_parent_path(vacancies, VacancyPage.steplen)
            hits |= Q(parent_path__in=search_company_paths)
        vacancies = vacancies.filter(hits)
    if filters.german:
        vacancies = vacancies.filter(
            german_level__in=german_levels_up_to(filters.german)
        )
    if filters.types:
        vacancies = vacancies.filter(offer_type__in=filters.types)
    if filters.hours:
        vacancies = vacancies.filter(hours_condition(filters.hours))
    if filters.immediately:
        vacancies = vacancies.filter(
            Q(starts_immediately=True) | Q(start_date__lte=timezone.localdate())
        )
    for flag in filters.flags:
        vacancies = vacancies.filter(FLAGS[flag][1])
    if filters.quarters or filters.sectors:
        chosen = companies
        if filters.quarters:
            chosen = chosen.filter(
                quarter__translation_key__in=quarters.keys_of(filters.quarters)
            )
        if filters.sectors:
            chosen = chosen.filter(
                sector__translation_key__in=sectors.keys_of(filters.sectors)
            )
        if "parent_path" not in vacancies.query.annotations:
            vacancies = with_parent_path(vacancies, VacancyPage.steplen)
        vacancies = vacancies.filter(parent_path__in=chosen.values("path"))
    return vacancies


def vacancies_sort(vacancies: QuerySet, filters: VacancyFilters, search_keys=None):
    if filters.sort == "ending":
        return vacancies.order_by(
            F("expire_at").asc(nulls_last=True), "-first_published_at", "pk"
        )
    if filters.sort == "relevance" and search_keys:
        return vacancies.order_by(
            Case(
                *[
                    When(translation_key=key, then=n)
                    for n, key in enumerate(search_keys)
                ],
                default=Value(len(search_keys)),
                output_field=IntegerField(),
            ),
            "-first_published_at",
            "pk",
        )
    return vacancies.order_by(F("first_published_at").desc(nulls_last=True), "pk")


# Company listing -----------------------------------------------------------


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
    ignored: list[dict] = field(default_factory=list)  # see portal.query

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


def directory_filters_parse(
    params: Mapping, *, sector_slugs, quarter_slugs, language_codes
) -> DirectoryFilters:
    """Clean the company listing's filters from request.GET; never raises."""
    read = QueryReader(params)
    query = read.text("q")
    return DirectoryFilters(
        query=query,
        sectors=read.values("sector", sector_slugs),
        quarters=read.values("quarter", quarter_slugs),
        offers=read.values("offer", Offer.values),
        languages=read.values("lang", language_codes),
        barrier_free=read.flag("barrier_free"),
        sort=read.sort("sort", COMPANY_SORTS, default="name", query=query),
        view=read.value("view", COMPANY_VIEWS, default="list"),
        ignored=read.ignored,
    )
