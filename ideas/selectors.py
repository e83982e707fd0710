"""Reads of the idea board. Every list here runs a fixed number of queries,
whatever its length: counts are computed by the database."""

import statistics
from collections.abc import Iterable
from datetime import date

from allauth.account.models import EmailAddress
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Mod, TruncWeek
from django.utils import timezone
from wagtail.models import Locale

from portal import absolute
from portal.lookups import section_page
from portal.models import Quarter
from portal.vocabulary import term_name
from residents.rules import mail_address

from .choices import PUBLIC_STATUSES, QUEUE_ORDER, BoardSort, EventKind, IdeaStatus
from .models import (
    Category,
    Comment,
    Idea,
    IdeaBoardPage,
    IdeaEvent,
    Pledge,
    Report,
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


def ideas_labelled(
    ideas, *, locale: Locale | None = None, vocabularies: dict | None = None
) -> list[Idea]:
    """`ideas` (with category and quarter joined) as a list, each with
    `category_name` and `quarter_name`: vocabulary entries in the active
    language that print as the name and know when they are German (the
    `term` template filter marks them). Two queries, whatever the count;
    none when the board's filter form passes its `vocabularies`."""
    ideas = list(ideas)
    if not ideas:
        return ideas
    vocabularies = vocabularies or {}
    categories = vocabularies.get("category")
    if categories is None:
        categories = Category.vocabulary(locale=locale)
    quarters = vocabularies.get("quarter")
    if quarters is None:
        quarters = Quarter.vocabulary(locale=locale)
    for idea in ideas:
        idea.category_name = categories.entry_for(idea.category) or ""
        idea.quarter_name = quarters.entry_for(idea.quarter) or ""
    return ideas


def ideas_public() -> QuerySet:
    return Idea.objects.filter(status__in=PUBLIC_STATUSES, is_hidden=False)


def ideas_public_for_search() -> QuerySet:
    """Public ideas with their quarter's name in the active language."""
    return ideas_public().annotate(quarter_name=term_name(Quarter, "quarter"))


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
    status, matching `query`, in the order `sort`. Label the shown page with
    `ideas_labelled`."""
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
    ideas = ideas_with_counts(ideas)
    ideas = ideas.select_related(
        "photo", "author", "category", "quarter"
    ).prefetch_related("photo__renditions")
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
    idea = (
        ideas_with_counts(Idea.objects.filter(reference=reference))
        .select_related(
            "photo",
            "completion_photo",
            "author",
            "response_by",
            "category",
            "quarter",
        )
        .first()
    )
    return ideas_labelled([idea])[0] if idea is not None else None


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
    return ideas_labelled(
        ideas_with_counts(
            ideas_public().filter(
                status__in=[IdeaStatus.PUBLISHED, IdeaStatus.IN_REVIEW]
            )
        )
        .select_related("category", "quarter")
        .order_by("-support_count", "-published_at")[:limit]
    )


def board_page(*, locale: Locale | None = None) -> IdeaBoardPage | None:
    """The live board page of `locale` (the active one by default), falling
    back to any live board."""
    locale = locale or Locale.get_active()
    return section_page(IdeaBoardPage, locale=locale) or section_page(
        IdeaBoardPage, locale=None
    )


def recipient_address(user) -> str:
    """The user's verified primary address, else the account's address."""
    return mail_address(user)


def recipient_addresses(users: Iterable) -> list[tuple[object, str]]:
    """(user, `recipient_address(user)`) for each of `users` that has an
    address, in two queries."""
    users = list(users)
    verified: dict[int, str] = {}
    for user_id, email in (
        EmailAddress.objects.filter(user__in=users, verified=True)
        .order_by("user_id", "-primary", "pk")
        .values_list("user_id", "email")
    ):
        verified.setdefault(user_id, email)
    pairs = ((user, verified.get(user.pk) or user.email) for user in users)
    return [(user, address) for user, address in pairs if address]


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


def ideas_for_moderation() -> QuerySet:
    """The admin's moderation queue: submitted ideas first, with counts and
    the category and quarter named in the active (the moderator's)
    language, for the list and its exports."""
    rank = Case(
        *[When(status=status, then=Value(i)) for i, status in enumerate(QUEUE_ORDER)],
        output_field=IntegerField(),
    )
    return ideas_with_counts(
        Idea.objects.select_related("quarter", "category", "author")
    ).annotate(
        queue_rank=rank,
        category_name=term_name(Category, "category"),
        quarter_name=term_name(Quarter, "quarter"),
    )


def comments_for_moderation() -> QuerySet:
    """Every comment, hidden ones included, with the number of its open
    reports, for the admin's comment list."""
    open_reports = (
        Report.objects.filter(comment=OuterRef("pk"), resolved_at__isnull=True)
        .order_by()
        .values("comment")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Comment.objects.select_related("idea", "author").annotate(
        open_report_count=Coalesce(
            Subquery(open_reports, output_field=IntegerField()), Value(0)
        )
    )


def idea_support_count(*, idea: Idea) -> int:
    """The exact number of supports of `idea`, counted now."""
    return Support.objects.filter(idea=idea).count()


def idea_supported_by(*, idea: Idea, user) -> bool:
    return Support.objects.filter(idea=idea, user=user).exists()


def idea_pledge_of(*, idea: Idea, user) -> Pledge | None:
    return Pledge.objects.filter(idea=idea, user=user).first()


def idea_comment_of(*, idea: Idea, comment_id: int) -> Comment | None:
    """The comment `comment_id` if it belongs to `idea`."""
    return Comment.objects.filter(pk=comment_id, idea=idea).first()


def idea_reported_by(*, idea: Idea, user, comment: Comment | None = None) -> bool:
    """Whether `user` has reported `idea` (or `comment` on it) already."""
    return Report.objects.filter(reporter=user, idea=idea, comment=comment).exists()


def idea_pledges(*, idea: Idea) -> QuerySet:
    """The idea's pledges with their people (for those who may see them)."""
    return idea.pledges.select_related("user")
