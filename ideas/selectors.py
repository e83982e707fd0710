"""Reads of the idea board. Every list here runs a fixed number of queries,
whatever its length: counts are computed by the database."""

import statistics
from datetime import date

from django.db.models import (
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Mod, TruncWeek
from django.utils import timezone
from wagtail.models import Locale

from portal import absolute

from .choices import PUBLIC_STATUSES, BoardSort, EventKind, IdeaStatus
from .models import (
    Category,
    Comment,
    Idea,
    IdeaBoardPage,
    IdeaEvent,
    Pledge,
    Support,
)

BOARD_PAGE_SIZE = 12
MAP_POINTS_MAX = 1000
PRIME = 2147483647


def _count_of(model, **filters) -> Coalesce:
    rows = (
        model.objects.filter(idea=OuterRef("pk"), **filters)
        .order_by()
        .values("idea")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def ideas_with_counts(queryset: QuerySet) -> QuerySet:
    """Add support_count, comment_count and pledge_count, computed from the
    stored rows (never a cached counter that could drift)."""
    return queryset.annotate(
        support_count=_count_of(Support),
        comment_count=_count_of(Comment, is_hidden=False),
        pledge_count=_count_of(Pledge),
    )


def _localized_name(model) -> Subquery:
    """The name of an idea's category or quarter in the active language."""
    field = "category" if model is Category else "quarter"
    return Coalesce(
        Subquery(
            model.objects.filter(
                translation_key=OuterRef(f"{field}__translation_key"),
                locale=Locale.get_active(),
            ).values("name")[:1]
        ),
        F(f"{field}__name"),
    )


def ideas_public() -> QuerySet:
    return Idea.objects.filter(status__in=PUBLIC_STATUSES, is_hidden=False)


def daily_seed(day: date) -> int:
    """The seed of the random order: the same all day, new every day."""
    return day.toordinal() % 9973 + 7


def ideas_for_board(
    *,
    sort: str = BoardSort.NEWEST,
    category: str = "",
    quarter: str = "",
    status: str = "",
    query: str = "",
    today: date | None = None,
) -> QuerySet:
    """Public ideas filtered by category and quarter (translation keys) and
    status, matching `query`, in the order `sort`."""
    from portal.models import Quarter

    ideas = ideas_public()
    if category:
        ideas = ideas.filter(category__translation_key=category)
    if quarter:
        ideas = ideas.filter(quarter__translation_key=quarter)
    if status and status in PUBLIC_STATUSES:
        ideas = ideas.filter(status=status)
    query = query.strip()
    if query:
        ideas = ideas.filter(
            Q(title__icontains=query)
            | Q(description__icontains=query)
            | Q(reference__iexact=query)
        )
    ideas = ideas_with_counts(ideas).annotate(
        category_name=_localized_name(Category),
        quarter_name=_localized_name(Quarter),
    )
    ideas = ideas.select_related("photo", "author").prefetch_related(
        "photo__renditions"
    )
    if sort == BoardSort.SUPPORTED:
        return ideas.order_by("-support_count", "-published_at", "-pk")
    if sort == BoardSort.DISCUSSED:
        return ideas.order_by("-comment_count", "-published_at", "-pk")
    if sort == BoardSort.RANDOM:
        # A multiplicative hash of the id modulo a prime, with a multiplier
        # that changes every day: a different order each day, the same one
        # all day (so pagination is stable), computed by the database.
        multiplier = (2654435761 * daily_seed(today or timezone.localdate())) % PRIME
        return ideas.annotate(
            shuffle=Mod(F("id") * Value(multiplier or 1), Value(PRIME))
        ).order_by("shuffle", "pk")
    return ideas.order_by("-published_at", "-pk")


def ideas_map_points(*, ideas: QuerySet) -> list[dict]:
    """Up to MAP_POINTS_MAX ideas of `ideas` that have a map point."""
    rows = (
        ideas.filter(latitude__isnull=False)
        .order_by()
        .values("reference", "title", "status", "latitude", "longitude")[
            :MAP_POINTS_MAX
        ]
    )
    labels = dict(IdeaStatus.choices)
    return [
        {
            "ref": row["reference"],
            "title": row["title"],
            "status": str(labels[row["status"]]),
            "lat": float(row["latitude"]),
            "lng": float(row["longitude"]),
        }
        for row in rows
    ]


def ideas_median_response_days() -> int | None:
    """Median days from publication to the first official response, rounded."""
    rows = Idea.objects.filter(
        published_at__isnull=False, responded_at__isnull=False
    ).values_list("published_at", "responded_at")
    days = [max((answered - published).days, 0) for published, answered in rows]
    return round(statistics.median(days)) if days else None


def idea_for_detail(*, reference: str) -> Idea | None:
    """One idea with its counts, names and photos, whatever its status."""
    from portal.models import Quarter

    return (
        ideas_with_counts(Idea.objects.filter(reference=reference))
        .annotate(
            category_name=_localized_name(Category),
            quarter_name=_localized_name(Quarter),
        )
        .select_related("photo", "completion_photo", "author", "response_by")
        .first()
    )


def idea_timeline(*, idea: Idea) -> list[IdeaEvent]:
    return list(
        idea.events.filter(is_public=True)
        .exclude(kind__in=[EventKind.HIDDEN, EventKind.RESTORED])
        .select_related("actor")
    )


def idea_comments(*, idea: Idea, include_hidden: bool = False) -> list[Comment]:
    """Top-level comments with their replies prefetched (one level)."""
    visible = Comment.objects.select_related("author")
    if not include_hidden:
        visible = visible.filter(is_hidden=False)
    return list(
        visible.filter(idea=idea, parent__isnull=True).prefetch_related(
            Prefetch("replies", queryset=visible.order_by("created_at", "pk"))
        )
    )


def ideas_top(*, limit: int = 3) -> list[Idea]:
    """The most supported public ideas that are still open, for the home
    page teaser."""
    from portal.models import Quarter

    return list(
        ideas_with_counts(
            ideas_public().filter(
                status__in=[IdeaStatus.PUBLISHED, IdeaStatus.IN_REVIEW]
            )
        )
        .annotate(
            category_name=_localized_name(Category),
            quarter_name=_localized_name(Quarter),
        )
        .order_by("-support_count", "-published_at")[:limit]
    )


def board_page(*, locale: Locale | None = None) -> IdeaBoardPage | None:
    """The live board page of `locale` (the active one by default), falling
    back to any live board."""
    pages = IdeaBoardPage.objects.live()
    locale = locale or Locale.get_active()
    return pages.filter(locale=locale).first() or pages.first()


def ideas_home_teaser(*, locale: Locale) -> dict | None:
    """The "ideas for the quarter" slot of the home page, or None without a
    live board."""
    board = board_page(locale=locale)
    if board is None:
        return None
    return {
        "template": "ideas/teaser.html",
        "ideas": ideas_top(limit=3),
        "board_url": board.url,
    }


def idea_absolute_url(idea: Idea) -> str:
    locale = Locale.objects.filter(language_code=idea.language).first()
    board = board_page(locale=locale)
    if board is None or not idea.reference:
        return ""
    return absolute.page_url(board) + board.reverse_subpage(
        "idea_detail", args=[idea.reference]
    )


def supports_by_week(*, weeks: int = 12) -> list[tuple[date, int]]:
    """Supports given per week over the last `weeks` weeks (oldest first),
    weeks without supports included as zero."""
    today = timezone.localdate()
    start = today - timezone.timedelta(days=today.weekday() + 7 * (weeks - 1))
    rows = (
        Support.objects.filter(created_at__date__gte=start)
        .annotate(week=TruncWeek("created_at"))
        .values("week")
        .annotate(n=Count("pk"))
        .values_list("week", "n")
    )
    counts = {}
    for week, n in rows:
        day = week.date() if hasattr(week, "date") else week
        counts[day] = counts.get(day, 0) + n
    return [
        (
            start + timezone.timedelta(weeks=i),
            counts.get(start + timezone.timedelta(weeks=i), 0),
        )
        for i in range(weeks)
    ]


def ideas_by_status_and_quarter() -> dict:
    """{"statuses": [...], "rows": [{"quarter": name, "counts": [...]}]}"""
    rows = (
        Idea.objects.values("quarter__name", "quarter__sort_order", "status")
        .annotate(n=Count("pk"))
        .order_by("quarter__sort_order", "quarter__name")
    )
    statuses = list(IdeaStatus)
    table: dict[str, dict[str, int]] = {}
    for row in rows:
        table.setdefault(row["quarter__name"], {})[row["status"]] = row["n"]
    return {
        "statuses": [status.label for status in statuses],
        "rows": [
            {
                "quarter": name,
                "counts": [counts.get(status.value, 0) for status in statuses],
                "total": sum(counts.values()),
            }
            for name, counts in table.items()
        ],
        "totals": [
            sum(counts.get(status.value, 0) for counts in table.values())
            for status in statuses
        ],
    }
