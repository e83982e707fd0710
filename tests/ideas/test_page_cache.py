"""The idea board and an idea's page are kept in the anonymous page cache
and purged at once by a support, a comment, its hiding and a moderation
decision, in German and in Arabic; the support action answers without
rendering the idea (303, or JSON with the exact count)."""

import pytest
from django.test import Client
from wagtail.models import Locale

from ideas.choices import IdeaStatus
from ideas.services import lifecycle, moderation
from residents.services import account_delete
from tests.factories.home import translate_page
from tests.factories.ideas import IdeaFactory, ResidentFactory

LANGUAGES = ["de", "ar"]


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PORTAL_PAGE_CACHE = settings.PORTAL_FRAME_CACHE = True
    settings.PORTAL_PAGE_CACHE_CLOCK_SKEW = 0


@pytest.fixture
def boards(home, board):
    translate_page(home, "ar", slug="home-ar")
    arabic = board.copy_for_translation(Locale.objects.get(language_code="ar"))
    arabic.title, arabic.slug = "مركز الأفكار", "ideas-ar"
    arabic.save_revision().publish()
    arabic.refresh_from_db()
    return {"de": board, "ar": arabic}


def _urls(boards, language, idea):
    board = boards[language]
    return board.url, board.url + f"{idea.reference}/"


def cached(url) -> str:
    visitor = Client(HTTP_HOST="localhost")
    visitor.get(url)
    response = visitor.get(url)
    assert response.get("X-Page-Cache") == "hit", url
    return response.content.decode()


def fresh(url) -> str:
    response = Client(HTTP_HOST="localhost").get(url)
    assert response.status_code == 200
    return response.content.decode()


def count_shown(html: str) -> str:
    start = html.index('class="support-box__count"')
    return html[start : start + 80]


@pytest.mark.parametrize("language", LANGUAGES)
def test_support_purges_idea_and_board(client, boards, idea, resident, language):
    board_url, idea_url = _urls(boards, language, idea)
    before = count_shown(cached(idea_url))
    cached(board_url)
    assert "<strong>0</strong>" in before

    client.force_login(resident)
    response = client.post(idea_url + "support/")

    assert response.status_code == 303
    assert response["Location"] == idea_url + "#support"
    assert "<strong>1</strong>" in count_shown(fresh(idea_url))
    assert Client(HTTP_HOST="localhost").get(board_url).get("X-Page-Cache") == "miss"


def test_support_answers_json_with_the_exact_count(client, boards, idea):
    _board_url, idea_url = _urls(boards, "de", idea)
    for _number in range(3):
        client.force_login(ResidentFactory())
        response = client.post(
            idea_url + "support/", headers={"accept": "application/json"}
        )
    again = client.post(idea_url + "support/", headers={"accept": "application/json"})
    withdrawn = client.post(
        idea_url + "support/",
        {"action": "withdraw"},
        headers={"accept": "application/json"},
    )

    assert response.json()["count"] == 3
    assert response.json()["supported"] is True
    assert again.json()["count"] == 3, "a second support is not counted"
    assert withdrawn.json() == {
        "supported": False,
        "count": 2,
        "message": withdrawn.json()["message"],
    }


def test_support_refused_in_json(client, boards, idea):
    _board_url, idea_url = _urls(boards, "de", idea)
    client.force_login(idea.author)
    response = client.post(
        idea_url + "support/", headers={"accept": "application/json"}
    )
    assert response.status_code == 403
    assert response.json()["error"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_comment_and_its_hiding_purge_the_idea(
    boards, idea, resident, moderator, language
):
    _board_url, idea_url = _urls(boards, language, idea)
    cached(idea_url)

    comment = moderation.comment_create(idea=idea, author=resident, text="Sehr gern!")
    assert "Sehr gern!" in fresh(idea_url)

    cached(idea_url)
    moderation.content_set_hidden(
        actor=moderator, hidden=True, reason="Werbung", comment=comment
    )
    assert "Sehr gern!" not in fresh(idea_url)


@pytest.mark.parametrize("language", LANGUAGES)
def test_moderation_decision_purges_board_and_idea(boards, author, moderator, language):
    waiting = IdeaFactory(
        author=author, status=IdeaStatus.SUBMITTED, title="Bank am Teich"
    )
    board_url, idea_url = _urls(boards, language, waiting)
    assert "Bank am Teich" not in cached(board_url)

    lifecycle.idea_transition(
        idea=waiting, actor=moderator, to_status=IdeaStatus.PUBLISHED
    )

    assert "Bank am Teich" in fresh(board_url)
    assert "Bank am Teich" in fresh(idea_url)


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_idea_is_found_once_published_where_it_was_not_found(
    boards, author, moderator, language
):
    """Before moderation an idea's address answers 404, and that answer is
    cached; publishing the idea must purge it (it kept the idea hidden from
    visitors for the 404's cache time: the resident journey in the browser)."""
    waiting = IdeaFactory(
        author=author, status=IdeaStatus.SUBMITTED, title="Bank am Teich"
    )
    _board_url, idea_url = _urls(boards, language, waiting)
    visitor = Client(HTTP_HOST="localhost")
    assert visitor.get(idea_url).status_code == 404
    again = visitor.get(idea_url)
    assert (again.status_code, again.get("X-Page-Cache")) == (404, "hit")

    lifecycle.idea_transition(
        idea=waiting, actor=moderator, to_status=IdeaStatus.PUBLISHED
    )

    assert "Bank am Teich" in fresh(idea_url)


@pytest.mark.parametrize("language", LANGUAGES)
def test_account_deletion_purges_the_authors_name(boards, idea, language):
    """An author's name may be on any cached page (their ideas, comments):
    deleting the account takes it off at once, not after the cache's time."""
    _board_url, idea_url = _urls(boards, language, idea)
    name = idea.author.display_name
    assert name in cached(idea_url)

    account_delete(user=idea.author)

    assert name not in fresh(idea_url)
