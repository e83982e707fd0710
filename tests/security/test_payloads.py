"""Hostile input in every public form field, filter and search parameter:
XSS, SQL, format strings, 100,000 characters, a null byte and Unicode
controls (right-to-left override, zero-width characters). Whatever comes in:
no server error, the markup never comes back unescaped, and nothing is saved
that the form should refuse.

A new public parameter is one entry in GET_TARGETS; a new form one test
that posts each payload into each of its fields."""

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache

from ideas.models import Comment, Idea
from portal.models import User
from tests.factories.directory import CompanyPageFactory, DirectoryIndexPageFactory
from tests.factories.economy import (
    BoardPostPageFactory,
    NetworkBoardPageFactory,
    PremisesIndexPageFactory,
    PremisesPageFactory,
)
from tests.factories.events import EventIndexPageFactory, EventPageFactory
from tests.ideas.test_lifecycle import submit_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_rate_limits():
    """allauth counts sign-ups per address in the cache; each case is new."""
    cache.clear()
    yield
    cache.clear()


XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'
PAYLOADS = {
    "xss": XSS,
    "xss-attribute": '" autofocus onfocus="alert(1)" x="',
    "sql": "' OR '1'='1'; DROP TABLE portal_user; --",
    "format": "%s %(secret)s {0} {secret} {{ settings.SECRET_KEY }} {% debug %}",
    "overlong": "Ä" * 100_000,
    "null-byte": "Hoch\x00beet",
    "unicode-controls": "Hoch\u202ebeet\u200b\u200d\ufeff\u2066x\u2069",
}
#: Markup that must never come back as it went in.
RAW_MARKUP = ['<script>alert("x")', "<img src=x onerror", '" autofocus onfocus="']
#: Bidirectional overrides and isolates let a title show other text than it
#: has (U+202A–U+202E, U+2066–U+2069).
# Control, invisible and bidi override characters: never stored
# (portal.text.text_clean removes them; a null byte included).
HARMFUL = {
    chr(c)
    for c in (
        *range(0x00, 0x09),
        0x0B,
        0x0C,
        *range(0x0E, 0x20),
        *range(0x7F, 0xA0),
        0x200B,
        0x2060,
        0xFEFF,
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
    )
}


@pytest.fixture
def public_pages(home, board, idea):
    idea.status = "published"
    idea.save()
    directory = DirectoryIndexPageFactory(parent=home)
    company = CompanyPageFactory(parent=directory)
    events = EventIndexPageFactory(parent=home)
    EventPageFactory(parent=events)
    network = NetworkBoardPageFactory(parent=home)
    BoardPostPageFactory(parent=company)
    premises = PremisesIndexPageFactory(parent=home)
    PremisesPageFactory(parent=company)
    return {
        "search": "/suche/",
        "search_en": "/en/search/",
        "directory": directory.url,
        "events": events.url,
        "calendar": events.url + "calendar/",
        "archive": events.url + "archive/",
        "board": board.url,
        "idea": board.idea_url(idea),
        "network": network.url,
        "premises": premises.url,
    }


GET_TARGETS = [
    ("search", "q"),
    ("search", "page"),
    ("search_en", "q"),
    ("directory", "q"),
    ("directory", "sector"),
    ("directory", "quarter"),
    ("directory", "offer"),
    ("directory", "lang"),
    ("directory", "barrier_free"),
    ("directory", "sort"),
    ("directory", "view"),
    ("directory", "page"),
    ("events", "category"),
    ("events", "quarter"),
    ("events", "group"),
    ("events", "date_from"),
    ("events", "date_to"),
    ("events", "free"),
    ("events", "page"),
    ("calendar", "month"),
    ("calendar", "category"),
    ("archive", "page"),
    ("board", "q"),
    ("board", "category"),
    ("board", "quarter"),
    ("board", "status"),
    ("board", "sort"),
    ("board", "page"),
    ("idea", "page"),
    ("network", "type"),
    ("network", "page"),
    ("premises", "quarter"),
    ("premises", "type"),
    ("premises", "area"),
    ("premises", "rent"),
    ("premises", "step_free"),
    ("premises", "now"),
    ("premises", "sort"),
    ("premises", "view"),
    ("premises", "page"),
]


def assert_safe(response, payload: str, where: str):
    assert response.status_code < 500, f"{where}: {response.status_code}"
    text = response.content.decode(errors="replace")
    for markup in RAW_MARKUP:
        if markup in payload:
            assert markup not in text, f"{where}: unescaped {markup!r}"
    assert settings.SECRET_KEY not in text, where


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_filters_and_search_survive_hostile_parameters(client, public_pages, payload):
    for page, parameter in GET_TARGETS:
        path = public_pages[page]
        response = client.get(path, {parameter: payload})
        assert_safe(response, payload, f"{path}?{parameter}=")
        # And twice, as a repeated parameter.
        response = client.get(path, {parameter: [payload, payload]})
        assert_safe(response, payload, f"{path}?{parameter}=&{parameter}=")


def saved_text_is_clean(value: str) -> bool:
    return not (HARMFUL & set(value))


IDEA_FIELDS = ["title", "description", "photo_description", "latitude", "category"]


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
@pytest.mark.parametrize("field", IDEA_FIELDS)
def test_idea_form_refuses_or_escapes_hostile_input(
    client,
    board,
    resident,
    category,
    quarter,
    field,
    payload,
):
    client.force_login(resident)
    data = submit_data(category, quarter)
    data[field] = payload
    if field == "photo_description":
        data["title"] = "Hochbeete mit Beschreibung"

    response = client.post("/en/ideas/new/", data)

    assert_safe(response, payload, field)
    saved = Idea.objects.filter(author=resident).first()
    if saved is None:
        assert response.status_code == 200
        assert 'class="error-summary" role="alert"' in response.text
        return
    # Saved: only where the form had to take it (a null byte is cleaned
    # out of text, not refused), and shown escaped.
    assert payload != PAYLOADS["overlong"]
    assert field not in ("latitude", "category")
    for name in ("title", "description", "photo_description"):
        assert saved_text_is_clean(getattr(saved, name)), name
    assert_safe(client.get(board.idea_url(saved)), payload, "idea detail")


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_comment_form_refuses_or_escapes_hostile_input(
    client,
    board,
    resident,
    idea,
    payload,
):
    idea.status = "published"
    idea.save()
    client.force_login(resident)
    detail = board.idea_url(idea)

    response = client.post(detail + "comment/", {"text": payload, "website": ""})

    assert_safe(response, payload, "comment")
    comment = Comment.objects.filter(idea=idea).first()
    if comment is None:
        assert response.status_code == 400
        return
    assert payload != PAYLOADS["overlong"]
    assert saved_text_is_clean(comment.text)
    assert_safe(client.get(detail), payload, "idea with comment")


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
@pytest.mark.parametrize("field", ["email", "display_name", "password1"])
def test_sign_up_refuses_or_escapes_hostile_input(client, field, payload):
    data = {
        "email": "neu@example.org",
        "display_name": "Gartenfreundin",
        "password1": "Quartier-2024!",
        "password2": "Quartier-2024!",
        field: payload,
    }
    if field == "password1":
        data["password2"] = payload

    response = client.post("/en/account/signup/", data)

    assert_safe(response, payload, field)
    user = User.objects.filter(email="neu@example.org").first()
    if user is None:
        assert response.status_code == 200
        assert not mail.outbox
        return
    assert field != "email"
    assert payload != PAYLOADS["null-byte"] or field == "display_name"
    # Django sets no upper limit on passwords (hashing pre-hashes long keys).
    assert payload != PAYLOADS["overlong"] or field == "password1"
    assert saved_text_is_clean(user.display_name)
