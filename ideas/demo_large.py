"""The idea board at a large `--size`: thousands of residents (one password
hash for all), tens of thousands of ideas in every status, hundreds of
thousands of supports (a few ideas with many, most with few) and comments
with replies, all bulk-inserted on top of the normal demo."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from portal.demo_bulk import (
    Size,
    auto_now_off,
    batched,
    keys_allocate,
    rows_insert,
    search_index_bulk,
    users_bulk_create,
)
from portal.models import Quarter

from .choices import PUBLIC_STATUSES, IdeaStatus
from .demo import COMMENTS, IDEAS, REPLIES, STATUS_PLAN
from .models import Category, Comment, Idea, IdeaEvent, Support

#: Usernames of the large size's residents: `anwohner-00001` …
RESIDENT_PREFIX = "anwohner"
#: How the titles of the bulk ideas end.
BULK_TITLE = r" Nr\. [0-9]+$"


def seed_large(demo, size: Size) -> None:
    residents = users_bulk_create(
        RESIDENT_PREFIX, size.residents, password_hash=demo.password_hash
    )
    demo.created["large residents"] += len(residents)
    # The bulk ideas are numbered ("… (Stern) Nr. 17"), all in one transaction.
    if Idea.objects.filter(title__regex=BULK_TITLE).exists():
        demo.count("ideas", created=False)
        return
    wanted = size.ideas
    ideas = _seed_ideas(demo, wanted, residents)
    public = [i for i in ideas if i.status in PUBLIC_STATUSES]
    _seed_supports(demo, size, public, residents)
    _seed_comments(demo, size, public, residents)
    search_index_bulk(
        Idea,
        Idea.objects.filter(pk__in=[i.pk for i in ideas]),
        progress=demo.progress_bar(None, desc="Large: index ideas", total=len(ideas)),
    )


def _seed_ideas(demo, wanted: int, residents) -> list[Idea]:
    rng = demo.rng
    de = demo.locales["de"]
    categories = {c.slug: c for c in Category.objects.filter(locale=de)}
    quarters = list(Quarter.objects.filter(locale=de, is_project_quarter=True))
    moderator = get_user_model().objects.filter(username="moderator").first()
    now = timezone.now()
    first_number = Idea.objects.count() + 1
    ideas, events = [], []
    bar = demo.progress_bar(None, desc="Large: ideas", total=wanted)
    for n in range(wanted):
        slug, base, description = IDEAS[n % len(IDEAS)]
        quarter = quarters[n % len(quarters)]
        status = STATUS_PLAN[n % len(STATUS_PLAN)]
        created = now - timedelta(
            days=rng.randint(3, 700), minutes=rng.randint(0, 1440)
        )
        published = (
            created + timedelta(days=rng.randint(1, 3))
            if status in PUBLIC_STATUSES
            else None
        )
        ideas.append(
            Idea(
                title=f"{base[:80]} ({quarter.name}) Nr. {first_number + n}",
                description=description,
                category=categories.get(slug),
                quarter=quarter,
                author=residents[n % len(residents)],
                author_can_help=n % 3 == 0,
                language="de",
                status=status,
                created_at=created,
                updated_at=published or created,
                published_at=published,
                response_due_at=timezone.localdate(published) + timedelta(weeks=8)
                if published
                else None,
            )
        )
        bar.update(1)
    bar.close()
    with auto_now_off(Idea, "created_at", "updated_at"):
        for chunk in batched(ideas):
            # The reference is made from the primary key, as services do.
            for idea, pk in zip(chunk, keys_allocate(Idea, len(chunk)), strict=True):
                idea.pk = pk
                idea.reference = f"I-{idea.created_at.year}-{idea.pk:04d}"
            rows_insert(Idea, chunk)
    for idea in ideas:
        events.append(
            IdeaEvent(
                idea=idea,
                kind="status",
                actor_id=idea.author_id,
                to_status=IdeaStatus.SUBMITTED,
                created_at=idea.created_at,
            )
        )
        if idea.published_at:
            events.append(
                IdeaEvent(
                    idea=idea,
                    kind="status",
                    actor=moderator,
                    from_status=IdeaStatus.SUBMITTED,
                    to_status=IdeaStatus.PUBLISHED,
                    created_at=idea.published_at,
                )
            )
    with auto_now_off(IdeaEvent, "created_at"):
        for chunk in batched(events, 5000):
            rows_insert(IdeaEvent, chunk)
    demo.created["ideas"] += len(ideas)
    return ideas


def _seed_supports(demo, size: Size, public, residents) -> None:
    """`size.supports` in all, skewed (1/rank) so that the board's first page
    has ideas with hundreds of supports, each resident once per idea."""
    rng = demo.rng
    if not public:
        return
    wanted = size.supports
    weights = [1 / (rank + 20) for rank in range(len(public))]
    scale = wanted / sum(weights)
    cap = len(residents) - 1  # the author does not support their own idea
    counts = [min(cap, int(w * scale)) for w in weights]
    # What rounding and the cap left over goes to the ideas with room.
    left = wanted - sum(counts)
    for k in range(len(counts)):
        if left <= 0:
            break
        room = min(cap - counts[k], left)
        counts[k] += room
        left -= room
    order = list(range(len(public)))
    rng.shuffle(order)
    now = timezone.now()
    bar = demo.progress_bar(None, desc="Large: supports", total=wanted)
    batch = []
    with auto_now_off(Support, "created_at"):
        for rank, k in enumerate(order):
            idea = public[k]
            span = max(int((now - idea.published_at).total_seconds()), 1)
            backers = rng.sample(residents, counts[rank] + 1)
            backers = [u for u in backers if u.pk != idea.author_id]
            for user in backers[: counts[rank]]:
                batch.append(
                    Support(
                        idea_id=idea.pk,
                        user_id=user.pk,
                        created_at=idea.published_at
                        + timedelta(seconds=rng.randint(0, span)),
                    )
                )
            if len(batch) >= 5000:
                rows_insert(Support, batch)
                bar.update(len(batch))
                demo.created["supports"] += len(batch)
                batch = []
        rows_insert(Support, batch)
        bar.update(len(batch))
        demo.created["supports"] += len(batch)
    bar.close()


def _seed_comments(demo, size: Size, public, residents) -> None:
    """Nine in ten comments on an idea, one in ten a reply to one of them."""
    rng = demo.rng
    wanted = size.comments
    replies = wanted // 10
    now = timezone.now()
    top = []
    for n in range(wanted - replies):
        idea = rng.choice(public)
        span = max(int((now - idea.published_at).total_seconds()), 1)
        top.append(
            Comment(
                idea_id=idea.pk,
                author=rng.choice(residents),
                text=COMMENTS[n % len(COMMENTS)],
                created_at=idea.published_at + timedelta(seconds=rng.randint(0, span)),
            )
        )
    with auto_now_off(Comment, "created_at"):
        for chunk in batched(top, 5000):
            rows_insert(Comment, chunk)
        answers = []
        for n in range(replies):
            parent = rng.choice(top)
            answers.append(
                Comment(
                    idea_id=parent.idea_id,
                    parent_id=parent.pk,
                    author=rng.choice(residents),
                    text=REPLIES[n % len(REPLIES)],
                    created_at=min(parent.created_at + timedelta(hours=3), now),
                )
            )
        for chunk in batched(answers, 5000):
            rows_insert(Comment, chunk)
    demo.created["comments"] += len(top) + len(answers)
