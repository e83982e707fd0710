"""Comments are moderated like ideas: a list with filters, row actions
(hide, restore) and bulk actions, for moderators, editors and admins; and
every reader who may report a comment sees the link, the idea's author too."""

import json

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from ideas.models import Comment, Report
from ideas.services.moderation import content_set_hidden
from tests.factories.ideas import CommentFactory, ResidentFactory

pytestmark = pytest.mark.django_db

LIST = "wagtailsnippets_ideas_comment:list"


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser(
        username="chefin", email="chefin@example.org", password="a-good-pass-2024"
    )


@pytest.fixture
def comments(idea, moderator):
    shown = CommentFactory(idea=idea, text="Sichtbarer Kommentar")
    hidden = CommentFactory(idea=idea, text="Versteckter Kommentar")
    content_set_hidden(actor=moderator, hidden=True, reason="Spam", comment=hidden)
    return shown, hidden


@pytest.mark.parametrize("role", ["moderator", "editor", "superuser"])
def test_hidden_comment_can_be_restored_from_the_list(request, client, comments, role):
    shown, hidden = comments
    client.force_login(request.getfixturevalue(role))
    html = client.get(reverse(LIST)).content.decode()
    restore = reverse("ideas_admin:hide_comment", args=[hidden.pk])
    hide = reverse("ideas_admin:hide_comment", args=[shown.pk])
    assert f'href="{restore}"' in html
    assert f'href="{hide}"' in html

    assert client.get(restore).status_code == 200
    response = client.post(restore, {"reason": "Doch in Ordnung"})
    assert response.status_code == 302
    hidden.refresh_from_db()
    assert hidden.is_hidden is False


def test_filters_hidden_and_reported(client, comments, moderator, resident):
    shown, hidden = comments
    client.force_login(moderator)
    html = client.get(reverse(LIST) + "?is_hidden=true").content.decode()
    assert hidden.text in html
    assert shown.text not in html

    Report.objects.create(
        reporter=resident, idea=shown.idea, comment=shown, reason="spam"
    )
    html = client.get(reverse(LIST) + "?reported=true").content.decode()
    assert shown.text in html
    assert hidden.text not in html


def test_bulk_hide_and_restore(client, idea, moderator):
    batch = CommentFactory.create_batch(3, idea=idea)
    client.force_login(moderator)
    hide = reverse("wagtail_bulk_action", args=("ideas", "comment", "hide_comments"))
    query = "&".join(f"id={c.pk}" for c in batch)
    assert client.get(f"{hide}?{query}").status_code == 200
    # A reason is required, as on the single form.
    assert client.post(f"{hide}?{query}", {"reason": ""}).status_code == 200
    assert not Comment.objects.filter(is_hidden=True).exists()
    response = client.post(f"{hide}?{query}", {"reason": "Werbung"})
    assert response.status_code == 302
    assert Comment.objects.filter(is_hidden=True, hidden_reason="Werbung").count() == 3

    restore = reverse(
        "wagtail_bulk_action", args=("ideas", "comment", "restore_comments")
    )
    response = client.post(f"{restore}?id={batch[0].pk}", {"reason": "ok"})
    assert response.status_code == 302
    assert Comment.objects.filter(is_hidden=True).count() == 2


def test_bulk_actions_are_offered_in_the_list(client, comments, moderator):
    client.force_login(moderator)
    html = client.get(reverse(LIST)).content.decode()
    assert "hide_comments" in html
    assert "restore_comments" in html


def test_residents_cannot_bulk_hide(client, idea, resident):
    comment = CommentFactory(idea=idea)
    client.force_login(resident)
    hide = reverse("wagtail_bulk_action", args=("ideas", "comment", "hide_comments"))
    response = client.post(f"{hide}?id={comment.pk}", {"reason": "weg"})
    assert response.status_code in (302, 403)
    comment.refresh_from_db()
    assert comment.is_hidden is False


def test_idea_author_can_report_other_peoples_comments(client, board, idea, author):
    other = CommentFactory(idea=idea, text="Fremder Kommentar")
    own = CommentFactory(idea=idea, author=author, text="Eigener Kommentar")
    client.force_login(author)
    html = client.get(f"/ideen/{idea.reference}/").content.decode()
    assert f"report/?comment={other.pk}" in html
    assert f"report/?comment={own.pk}" not in html
    # … but still not the own idea.
    assert f'href="/ideen/{idea.reference}/report/"' not in html

    response = client.post(
        f"/ideen/{idea.reference}/report/",
        {"reason": "offensive", "note": "", "comment": other.pk},
    )
    assert response.status_code == 302
    assert Report.objects.filter(reporter=author, comment=other).exists()


def test_residents_see_report_links_except_on_their_own(client, board, idea):
    resident = ResidentFactory()
    mine = CommentFactory(idea=idea, author=resident)
    theirs = CommentFactory(idea=idea)
    client.force_login(resident)
    html = client.get(f"/ideen/{idea.reference}/").content.decode()
    assert f"report/?comment={theirs.pk}" in html
    assert f"report/?comment={mine.pk}" not in html
    assert f'href="/ideen/{idea.reference}/report/"' in html


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_sidebar_names_the_two_kinds_of_reports_apart(client, superuser, language):
    """Wagtail's "Reports" (page types, site history …) and the idea board's
    reported content had the same German name, "Meldungen"."""
    profile = UserProfile.get_for_user(superuser)
    profile.preferred_language = language
    profile.save()
    client.force_login(superuser)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    with translation.override(language):
        wagtail_reports = translation.gettext("Reports")
        idea_reports = translation.gettext("Reported content")
    assert wagtail_reports != idea_reports
    for label in (wagtail_reports, idea_reports):
        assert label in html or json.dumps(label)[1:-1] in html, label


def _queries_of(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_comment_list_queries_do_not_grow_with_the_page(client, idea, moderator):
    """Authors (possibly former members), ideas and open reports come with
    the list's one query, whatever the page holds."""
    CommentFactory.create_batch(3, idea=idea)
    client.force_login(moderator)
    _queries_of(client, reverse(LIST))  # warm the per-user caches
    small = _queries_of(client, reverse(LIST))
    CommentFactory.create_batch(50, idea=idea, author=None)
    assert _queries_of(client, reverse(LIST)) == small
