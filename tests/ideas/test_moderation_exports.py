"""The moderators' CSV and XLSX exports: labels in the moderator's
language, local time to the second, any stored text exported without a
500, and no cell that a spreadsheet would run as a formula."""

import csv
import datetime as dt
import io
import zoneinfo

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from ideas.choices import IdeaStatus
from ideas.models import Category, Idea
from tests.factories.ideas import CommentFactory, IdeaFactory

pytestmark = pytest.mark.django_db

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
LIST = "wagtailsnippets_ideas_idea:list"
COMMENTS = "wagtailsnippets_ideas_comment:list"
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
#: 09:30:15.123456 UTC on a winter day is 10:30:15 in Berlin.
STAMP = dt.datetime(2026, 1, 15, 9, 30, 15, 123456, tzinfo=dt.UTC)


def _csv(client, url) -> list[list[str]]:
    response = client.get(url + "?export=csv")
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content)))


def _xlsx(client, url) -> list[tuple]:
    response = client.get(url + "?export=xlsx")
    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    return list(load_workbook(io.BytesIO(data)).active.values)


def _in_language(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_labels_in_the_moderators_language(client, moderator, idea, language):
    translated = (
        Category.objects.create(
            locale=Locale.objects.get(language_code=language),
            translation_key=idea.category.translation_key,
            name=f"Gärtnern ({language})",
            slug=idea.category.slug,
        )
        if language != "de"
        else idea.category
    )
    client.force_login(_in_language(moderator, language))
    with translation.override(language):
        status = str(IdeaStatus.PUBLISHED.label)
        heading = translation.gettext("Status")
    for rows in (_csv(client, reverse(LIST)), _xlsx(client, reverse(LIST))):
        header, row = rows[0], rows[1]
        assert header[2] == heading
        assert row[2] == status
        assert row[3] == translated.name
        assert "published" not in row


def test_times_are_local_to_the_second(client, moderator, idea):
    Idea.objects.filter(pk=idea.pk).update(created_at=STAMP, published_at=STAMP)
    client.force_login(moderator)
    header, row = _csv(client, reverse(LIST))[:2]
    assert row[9] == "2026-01-15 10:30:15"
    assert row[10] == "2026-01-15 10:30:15"
    xlsx_row = _xlsx(client, reverse(LIST))[1]
    assert xlsx_row[9] == dt.datetime(2026, 1, 15, 10, 30, 15)


def test_time_zone_of_the_moderators_profile(client, moderator, idea):
    Idea.objects.filter(pk=idea.pk).update(created_at=STAMP)
    profile = UserProfile.get_for_user(moderator)
    profile.current_time_zone = "Europe/Kyiv"
    profile.save()
    client.force_login(moderator)
    assert _csv(client, reverse(LIST))[1][9] == "2026-01-15 11:30:15"


NASTY = [
    # C0 controls (not NUL, which PostgreSQL refuses to store at all).
    "Bank\x01 am\x07 Teich\x0b\x1b",
    "Zero\u200bwidth\u200d\ufeff title",
    '=HYPERLINK("http://evil.example","klick")',
    "+49 331 123",
    "-2+3",
    "@SUM(A1:A2)",
    "\tTabbed",
    "\rReturn",
]


def test_any_stored_text_exports_without_error(client, moderator, category, quarter):
    ideas = [
        IdeaFactory(title=title, category=category, quarter=quarter) for title in NASTY
    ]
    for idea in ideas:
        CommentFactory(idea=idea, text=idea.title)
    client.force_login(moderator)
    for url in (reverse(LIST), reverse(COMMENTS)):
        xlsx_values = {cell for row in _xlsx(client, url) for cell in row}
        assert "Bank am Teich" in xlsx_values
        assert "Zerowidth title" in xlsx_values
        csv_cells = {cell for row in _csv(client, url) for cell in row}
        for formula in NASTY[2:]:
            assert formula not in csv_cells
            assert "'" + formula in csv_cells


def test_list_shows_the_due_date_with_its_direction(client, moderator, idea, quarter):
    today = timezone.localdate()
    soon = IdeaFactory(title="Bald", quarter=quarter, category=idea.category)
    late = IdeaFactory(title="Spät", quarter=quarter, category=idea.category)
    Idea.objects.filter(pk=soon.pk).update(response_due_at=today + dt.timedelta(days=5))
    Idea.objects.filter(pk=late.pk).update(response_due_at=today - dt.timedelta(days=3))
    Idea.objects.filter(pk=idea.pk).update(response_due_at=today + dt.timedelta(days=1))
    answered = IdeaFactory(title="Beantwortet", quarter=quarter, category=idea.category)
    Idea.objects.filter(pk=answered.pk).update(
        response_due_at=today - dt.timedelta(days=9), responded_at=timezone.now()
    )
    for language in LANGUAGE_CODES:
        client.force_login(_in_language(moderator, language))
        html = client.get(reverse(LIST)).content.decode()
        with translation.override(language):
            in_five = translation.ngettext("in %(count)d day", "in %(count)d days", 5)
            in_one = translation.ngettext("in %(count)d day", "in %(count)d days", 1)
            overdue = translation.ngettext(
                "%(count)d day overdue", "%(count)d days overdue", 3
            )
        assert in_five % {"count": 5} in html, language
        assert in_one % {"count": 1} in html, language
        assert overdue % {"count": 3} in html, language
        with translation.override(language):
            nine = translation.ngettext(
                "%(count)d day overdue", "%(count)d days overdue", 9
            )
            assert translation.gettext("answered") in html, language
        # An answered idea is not overdue, however old its due date.
        assert nine % {"count": 9} not in html, language
        assert f'datetime="{today + dt.timedelta(days=5):%Y-%m-%d}"' in html
        if language != "en":
            assert in_five != "in %(count)d days", language
            assert overdue != "%(count)d days overdue", language
