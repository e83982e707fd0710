"""The board: sorts, filters, search, pagination, map, teaser, and a fixed
number of SQL queries whatever the number of ideas."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ideas.models import Comment, Idea, Support
from ideas.selectors import ideas_for_board
from tests.factories.ideas import (
    CategoryFactory,
    IdeaFactory,
    QuarterFactory,
    ResidentFactory,
)

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    html = response.content.decode()
    return re.findall(r'class="idea-card__title"><a href="[^"]+">([^<]+)</a>', html)


@pytest.fixture
def three(idea, category, quarter):
    """Three published ideas: B most supported, C most discussed, A newest."""
    now = timezone.now()
    a, b, c = (IdeaFactory(title=t, category=category, quarter=quarter) for t in "ABC")
    for i, item in enumerate((c, b, a)):
        Idea.objects.filter(pk=item.pk).update(
            published_at=now + timezone.timedelta(minutes=i + 1)
        )
    for user in ResidentFactory.create_batch(3):
        Support.objects.create(idea=b, user=user)
    for _ in range(4):
        Comment.objects.create(idea=c, text="Ja", author=None)
    return a, b, c


def test_sorts(client, board, three):
    assert titles(client.get("/ideen/"))[:3] == ["A", "B", "C"]
    assert titles(client.get("/ideen/?sort=supported"))[0] == "B"
    assert titles(client.get("/ideen/?sort=discussed"))[0] == "C"
    random_today = titles(client.get("/ideen/?sort=random"))
    assert random_today == titles(client.get("/ideen/?sort=random"))
    assert sorted(random_today) == sorted(titles(client.get("/ideen/")))


def test_random_order_changes_with_the_day(board, category, quarter):
    IdeaFactory.create_batch(30, category=category, quarter=quarter)
    day = timezone.localdate()
    first = list(ideas_for_board(sort="random", today=day).values_list("pk", flat=True))
    again = list(ideas_for_board(sort="random", today=day).values_list("pk", flat=True))
    other = list(
        ideas_for_board(
            sort="random", today=day + timezone.timedelta(days=1)
        ).values_list("pk", flat=True)
    )
    assert first == again
    assert first != other
    assert sorted(first) == sorted(other)


def test_filters_and_search(client, board, idea, category, quarter):
    garden = CategoryFactory(slug="gruen", name="Grünflächen")
    drewitz = QuarterFactory(slug="drewitz", name="Drewitz", boundary=[])
    IdeaFactory(title="Blühwiese", category=garden, quarter=drewitz, status="planned")
    IdeaFactory(title="Geheim", category=garden, quarter=drewitz, status="submitted")
    assert titles(client.get(f"/ideen/?category={garden.translation_key}")) == [
        "Blühwiese"
    ]
    assert titles(client.get(f"/ideen/?quarter={quarter.translation_key}")) == [
        idea.title
    ]
    assert titles(client.get("/ideen/?status=planned")) == ["Blühwiese"]
    assert titles(client.get("/ideen/?q=blühwiese")) == ["Blühwiese"]
    assert titles(client.get(f"/ideen/?q={idea.reference}")) == [idea.title]
    assert titles(client.get("/ideen/?q=geheim")) == []
    # Filter state stays in the pagination links.
    IdeaFactory.create_batch(13, category=garden, quarter=drewitz)
    html = client.get(f"/ideen/?category={garden.translation_key}").content.decode()
    assert f"category={garden.translation_key}&amp;page=2" in html


def test_hidden_and_unpublished_ideas_stay_off_the_board(client, board, idea):
    IdeaFactory(title="Wartet", status="submitted")
    IdeaFactory(title="Abgelehnt", status="rejected")
    hidden = IdeaFactory(title="Versteckt")
    Idea.objects.filter(pk=hidden.pk).update(is_hidden=True)
    assert titles(client.get("/ideen/")) == [idea.title]


def test_map_points_and_no_foreign_request(client, board, category, quarter):
    IdeaFactory(
        title="Mit Punkt",
        latitude="52.374500",
        longitude="13.123500",
        category=category,
        quarter=quarter,
    )
    html = client.get("/ideen/").content.decode()
    assert 'id="idea-map-points"' in html
    assert '"lat": 52.3745' in html
    # Tiles come only after consent: no tile URL in src/href attributes.
    assert not re.search(r'(src|href)="https?://(?!localhost)', html)
    assert "/static/vendor/leaflet/leaflet.js" in html


def test_home_page_teaser(client, board, three):
    html = client.get("/").content.decode()
    assert "ideas-teaser-title" in html
    assert html.index(">B<") < html.index(">A<")


def _fill(count: int) -> None:
    """`count` published ideas, each with supports and comments, in bulk."""
    category = CategoryFactory()
    quarter = QuarterFactory()
    residents = ResidentFactory.create_batch(5)
    now = timezone.now()
    start = Idea.objects.count()
    ideas = Idea.objects.bulk_create(
        Idea(
            title=f"Idee {start + i}",
            description="Beschreibung",
            category=category,
            quarter=quarter,
            author=residents[i % 5],
            status="published",
            published_at=now,
            latitude="52.374500" if i % 2 else None,
            longitude="13.123500" if i % 2 else None,
            reference=f"I-2026-{start + i + 1:05d}",
        )
        for i in range(count)
    )
    Support.objects.bulk_create(
        Support(idea=idea, user=user) for idea in ideas for user in residents[:3]
    )
    Comment.objects.bulk_create(
        Comment(idea=idea, author=residents[0], text="Ja") for idea in ideas
    )


@pytest.mark.parametrize("logged_in", [False, True])
def test_board_query_count_is_constant(client, board, logged_in):
    if logged_in:
        client.force_login(ResidentFactory())
    _fill(3)
    client.get("/ideen/?sort=supported")  # warm caches (site root, settings)
    with CaptureQueriesContext(connection) as small:
        response = client.get("/ideen/?sort=supported")
    assert len(titles(response)) == 3
    _fill(300)
    # The new category and quarter renew the cached term lists: read once.
    client.get("/ideen/?sort=supported")
    with CaptureQueriesContext(connection) as large:
        response = client.get("/ideen/?sort=supported")
    assert len(titles(response)) == 12
    assert len(small.captured_queries) == len(large.captured_queries), (
        len(small.captured_queries),
        len(large.captured_queries),
    )
    print(f"board queries (logged in: {logged_in}): {len(large.captured_queries)}")


def _discuss(idea, count: int) -> None:
    residents = ResidentFactory.create_batch(count)
    Support.objects.bulk_create(Support(idea=idea, user=u) for u in residents)
    parents = Comment.objects.bulk_create(
        Comment(idea=idea, author=u, text="Ja") for u in residents
    )
    Comment.objects.bulk_create(
        Comment(idea=idea, author=u, text="Re", parent=p)
        for u, p in zip(residents, parents, strict=True)
    )


def test_detail_query_count_is_constant(client, board, idea):
    _discuss(idea, 1)
    client.get(f"/ideen/{idea.reference}/")
    with CaptureQueriesContext(connection) as small:
        client.get(f"/ideen/{idea.reference}/")
    _discuss(idea, 20)
    with CaptureQueriesContext(connection) as large:
        html = client.get(f"/ideen/{idea.reference}/").content.decode()
    assert html.count('id="comment-') == 42
    assert len(small.captured_queries) == len(large.captured_queries)
