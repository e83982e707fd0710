"""The support box says why an idea cannot be supported: waiting for
moderation, not published, or closed after the decision; never "closed" for
an idea that was not even open yet."""

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Locale

from ideas.choices import IdeaStatus
from tests.factories.ideas import IdeaFactory
from tests.utils import soup

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
CLOSED = "Supports are closed for this idea."
WAITING = (
    "This idea is waiting for moderation. It can be supported once it is published."
)
NOT_PUBLISHED = "This idea was not published, so it cannot be supported."


def _support_box(client, board, idea, language_code):
    locale, _created = Locale.objects.get_or_create(language_code=language_code)
    page = board.get_translation_or_none(locale)
    if page is None:
        page = board.copy_for_translation(locale, copy_parents=True)
        page.save_revision().publish()
    response = client.get(page.specific.idea_url(idea))
    assert response.status_code == 200
    assert soup(response).select_one("html")["lang"] == language_code
    return soup(response).select_one("#support").get_text(" ", strip=True)


def _in(language_code, msgid):
    with translation.override(language_code):
        return gettext(msgid)


@pytest.mark.parametrize("language_code", LANGUAGE_CODES)
def test_authors_pending_idea_waits_for_moderation(
    client, board, resident, quarter, category, language_code
):
    idea = IdeaFactory(
        author=resident,
        quarter=quarter,
        category=category,
        status=IdeaStatus.SUBMITTED,
    )
    client.force_login(resident)
    text = _support_box(client, board, idea, language_code)
    assert _in(language_code, WAITING) in text
    assert _in(language_code, CLOSED) not in text


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (IdeaStatus.SUBMITTED, WAITING),
        (IdeaStatus.REJECTED, NOT_PUBLISHED),
        (IdeaStatus.PLANNED, CLOSED),
        (IdeaStatus.IMPLEMENTED, CLOSED),
        (IdeaStatus.DECLINED, CLOSED),
    ],
)
def test_each_unsupportable_status_says_why(
    client, board, resident, quarter, category, status, expected
):
    idea = IdeaFactory(
        author=resident, quarter=quarter, category=category, status=status
    )
    client.force_login(resident)
    text = _support_box(client, board, idea, "de")
    assert _in("de", expected) in text
    others = {WAITING, NOT_PUBLISHED, CLOSED} - {expected}
    assert all(_in("de", other) not in text for other in others)
