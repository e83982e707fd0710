"""Reads of the local economy: open premises and their facet counts, the
premises that match an enquiry, the network board's posts and the network's
figures. The pages' template contexts are built from these in
`economy.page_context`.

Every function here runs a fixed number of queries, whatever the number of
units, posts or enquiries (tests/economy/test_queries.py holds us to it).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import NamedTuple

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import TruncMonth
from django.utils import timezone
from wagtail.models import Locale, Page

from directory.models import CompanyPage, Sector, VacancyPage
from events.selectors import EventFilters, event_occurrences
from portal.models import Quarter

from . import rules
from .choices import (
    AREA_BANDS,
    RENT_BANDS,
    Audience,
    EnquiryStatus,
    PostType,
)
from .filters import area_condition, available_now_condition, rent_condition
from .models import (
    BoardAnswer,
    BoardPostPage,
    Enquiry,
    NetworkBoardPage,
    PremisesIndexPage,
    PremisesPage,
)

PREMISES_PER_PAGE = 20
POSTS_PER_PAGE = 30
SIMILAR_LIMIT = 4
MATCHES_LIMIT = 10
MEETINGS_LIMIT = 3


def _open() -> Q:
    return Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now())


# Premises ------------------------------------------------------------------


def premises_open(*, locale: Locale | None = None) -> QuerySet[PremisesPage]:
    """Published units that have not ended, in the default language's tree
    (where the firms keep them) unless another locale is asked for."""
    locale = locale or Locale.get_default()
    return PremisesPage.objects.live().public().filter(_open(), locale=locale)


def page_translations(pages: list[Page], model, locale: Locale) -> dict:
    """translation_key -> live translation in `locale` (one query)."""
    if not pages or locale.pk == Locale.get_default().pk:
        return {}
    return {
        page.translation_key: page
        for page in model.objects.live().filter(
            locale=locale, translation_key__in=[p.translation_key for p in pages]
        )
    }


class PremisesFacetCounts(NamedTuple):
    quarter: dict  # quarter translation key -> count
    type: dict
    area: dict  # key of AREA_BANDS -> count
    rent: dict  # key of RENT_BANDS -> count
    step_free: int
    now: int


def premises_facet_counts(filtered) -> PremisesFacetCounts:
    """`filtered(skip)` is the filtered queryset leaving out facet `skip`."""
    return PremisesFacetCounts(
        quarter=dict(
            filtered("quarter")
            .order_by()
            .values_list("quarter__translation_key")
            .annotate(n=Count("pk"))
        ),
        type=dict(
            filtered("type")
            .order_by()
            .values_list("premises_type")
            .annotate(n=Count("pk"))
        ),
        area=filtered("area").aggregate(
            **{key: Count("pk", filter=area_condition(key)) for key in AREA_BANDS}
        ),
        rent=filtered("rent").aggregate(
            **{key: Count("pk", filter=rent_condition(key)) for key in RENT_BANDS}
        ),
        step_free=filtered("step_free").filter(step_free=True).count(),
        now=filtered("now").filter(available_now_condition()).count(),
    )


def premises_map_units(premises: QuerySet) -> QuerySet[PremisesPage]:
    """The units of `premises` that have a position, with what a marker needs."""
    return premises.filter(latitude__isnull=False).only(
        "id", "title", "url_path", "latitude", "longitude", "path"
    )


def _original(page: Page, model):
    """The German page the firm keeps (itself when it is German)."""
    default = Locale.get_default()
    if page.locale_id == default.pk:
        return page
    return (
        model.objects.filter(
            translation_key=page.translation_key, locale=default
        ).first()
        or page
    )


def premises_similar(*, premises: PremisesPage) -> list[PremisesPage]:
    """Open units like an ended one: same type first, then same quarter."""
    original = _original(premises, PremisesPage)
    candidates = premises_open().exclude(translation_key=original.translation_key)
    candidates = candidates.filter(
        Q(premises_type=original.premises_type) | Q(quarter_id=original.quarter_id)
    )
    return list(
        candidates.annotate(
            same_type=Case(
                When(premises_type=original.premises_type, then=1),
                default=0,
                output_field=IntegerField(),
            )
        ).order_by("-same_type", "-first_published_at")[:SIMILAR_LIMIT]
    )


def premises_index_for(*, locale: Locale) -> PremisesIndexPage | None:
    return (
        PremisesIndexPage.objects.live().filter(locale=locale).first()
        or PremisesIndexPage.objects.live().filter(locale=Locale.get_default()).first()
    )


def premises_matching(*, enquiry: Enquiry, limit: int = MATCHES_LIMIT) -> list:
    """Open units that fit an enquiry: the kinds of premises asked for, the
    area, the monthly budget (units with rent on request fit any budget);
    units in the preferred quarter first."""
    units = premises_open().select_related("quarter")
    if enquiry.premises_types:
        units = units.filter(premises_type__in=enquiry.premises_types)
    if enquiry.area_min:
        units = units.filter(area__gte=enquiry.area_min)
    if enquiry.area_max:
        units = units.filter(area__lte=enquiry.area_max)
    units = units.annotate(
        monthly=ExpressionWrapper(
            F("rent_per_m2") * F("area"),
            output_field=DecimalField(max_digits=12, decimal_places=2),
        )
    )
    if enquiry.budget:
        units = units.filter(
            Q(rent_per_m2__isnull=True) | Q(monthly__lte=enquiry.budget)
        )
    preferred = (
        When(quarter__translation_key=enquiry.quarter.translation_key, then=0)
        if enquiry.quarter_id
        else When(pk__in=[], then=0)
    )
    units = units.annotate(
        elsewhere=Case(preferred, default=Value(1), output_field=IntegerField())
    )
    return list(
        units.order_by("elsewhere", F("monthly").asc(nulls_last=True), "pk")[:limit]
    )


def enquiries_for_export() -> QuerySet[Enquiry]:
    """Every stored enquiry (deleted ones are gone from the table)."""
    return Enquiry.objects.select_related("quarter", "assigned_to").order_by(
        "-created_at"
    )


# Network board -------------------------------------------------------------


def posts_open() -> QuerySet[BoardPostPage]:
    return (
        BoardPostPage.objects.live()
        .public()
        .filter(_open(), locale=Locale.get_default())
    )


def posts_visible(*, user) -> QuerySet[BoardPostPage]:
    posts = posts_open()
    if not rules.is_member(user):
        posts = posts.filter(audience=Audience.PUBLIC)
    return posts


def network_meetings(*, locale: Locale) -> list:
    """The next dates of events for the target group "firms"."""
    now = timezone.now()
    group = settings.ECONOMY_MEETING_TARGET_GROUP
    found = []
    for candidate in dict.fromkeys([locale, Locale.get_default()]):
        found = [
            occurrence
            for occurrence in event_occurrences(
                locale=candidate,
                filters=EventFilters(group=group),
                window_start=now,
                window_end=now + dt.timedelta(days=120),
            )
            if not occurrence.cancelled
        ][:MEETINGS_LIMIT]
        if found:
            break
    return found


def post_type_counts(posts: QuerySet[BoardPostPage]) -> dict:
    """post type -> number of `posts` of that type."""
    return dict(posts.order_by().values_list("post_type").annotate(n=Count("pk")))


def board_firms(posts: list[BoardPostPage]) -> dict:
    """tree path -> the firm page above each of `posts` (one query)."""
    return {
        page.path: page
        for page in CompanyPage.objects.filter(
            path__in={post.path[: -BoardPostPage.steplen] for post in posts}
        ).only("id", "title", "path", "url_path")
    }


def board_for(*, locale: Locale):
    return (
        NetworkBoardPage.objects.live().filter(locale=locale).first()
        or NetworkBoardPage.objects.live().filter(locale=Locale.get_default()).first()
    )


def answers_for(*, user) -> QuerySet[BoardAnswer]:
    return rules.answers_visible_to(
        user=user, answers=BoardAnswer.objects.select_related("post")
    )


# Figures -------------------------------------------------------------------


def _months(count: int) -> list[dt.date]:
    today = timezone.localdate().replace(day=1)
    months = []
    year, month = today.year, today.month
    for _ in range(count):
        months.append(dt.date(year, month, 1))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(months))


def _per_month(queryset: QuerySet, field: str, months: list[dt.date]) -> list[int]:
    start = timezone.make_aware(dt.datetime.combine(months[0], dt.time.min))
    rows = (
        queryset.filter(**{f"{field}__gte": start})
        .annotate(month=TruncMonth(field))
        .order_by()
        .values_list("month")
        .annotate(n=Count("pk"))
    )
    counts: dict = defaultdict(int)
    for month, n in rows:
        if month is None:
            continue
        day = month.date() if isinstance(month, dt.datetime) else month
        if isinstance(month, dt.datetime) and timezone.is_aware(month):
            day = timezone.localtime(month).date()
        counts[day.replace(day=1)] += n
    return [counts.get(month, 0) for month in months]


def network_figures(*, months: int = 12) -> dict:
    """The network's figures for the project team, as rows of (label, value)."""
    default = Locale.get_default()
    locale = Locale.get_active()
    quarters = Quarter.vocabulary(locale=locale)
    sectors = Sector.vocabulary(locale=locale)
    firms = CompanyPage.objects.live().filter(locale=default)
    by_quarter = dict(
        firms.order_by().values_list("quarter__translation_key").annotate(n=Count("pk"))
    )
    by_sector = dict(
        firms.order_by().values_list("sector__translation_key").annotate(n=Count("pk"))
    )
    month_list = _months(months)
    vacancies = VacancyPage.objects.filter(locale=default)
    now = timezone.now()
    premises = PremisesPage.objects.filter(locale=default)
    statuses = dict(
        Enquiry.objects.order_by().values_list("status").annotate(n=Count("pk"))
    )
    posts = dict(
        BoardPostPage.objects.filter(locale=default, first_published_at__isnull=False)
        .order_by()
        .values_list("post_type")
        .annotate(n=Count("pk"))
    )
    answers = dict(
        BoardAnswer.objects.order_by()
        .values_list("post__post_type")
        .annotate(n=Count("pk"))
    )
    month_labels = [month for month in month_list]
    return {
        "firms_by_quarter": [
            (q.label, q.lang, by_quarter.get(q.key, 0)) for q in quarters
        ]
        + ([(None, "", by_quarter[None])] if by_quarter.get(None) else []),
        "firms_by_sector": [(s.label, s.lang, by_sector.get(s.key, 0)) for s in sectors]
        + ([(None, "", by_sector[None])] if by_sector.get(None) else []),
        "months": month_labels,
        "vacancies_posted": _per_month(
            vacancies.filter(first_published_at__isnull=False),
            "first_published_at",
            month_list,
        ),
        "vacancies_ended": _per_month(
            vacancies.filter(expire_at__lte=now), "expire_at", month_list
        ),
        "premises_listed": _per_month(
            premises.filter(first_published_at__isnull=False),
            "first_published_at",
            month_list,
        ),
        "premises_let": _per_month(
            premises.filter(let_at__isnull=False), "let_at", month_list
        ),
        "enquiries_by_status": [
            (label, statuses.get(value, 0)) for value, label in EnquiryStatus.choices
        ],
        "posts_by_type": [
            (label, posts.get(value, 0), answers.get(value, 0))
            for value, label in PostType.choices
        ],
    }
