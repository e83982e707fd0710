"""Moderation in the Wagtail admin: queue, export, bulk actions, reports,
hiding, dashboard panel, daily limits."""

import csv
import io

import pytest
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import Site

from ideas.models import Comment, Idea, IdeaSettings, Report, Support
from ideas.services.base import IdeaError
from ideas.services.lifecycle import idea_submit
from ideas.services.moderation import comment_create, report_create
from tests.factories.ideas import CommentFactory, IdeaFactory, ResidentFactory

from .test_lifecycle import submit_data

pytestmark = pytest.mark.django_db

LIST = "wagtailsnippets_ideas_idea:list"


def test_queue_lists_submitted_first(client, moderator, category, quarter):
    IdeaFactory(title="Schon öffentlich", category=category, quarter=quarter)
    IdeaFactory(title="Wartend", status="submitted", category=category, quarter=quarter)
    client.force_login(moderator)
    html = client.get(reverse(LIST)).content.decode()
    assert html.index("Wartend") < html.index("Schon öffentlich")
    filtered = client.get(reverse(LIST) + "?status=published").content.decode()
    assert "Wartend" not in filtered
    assert "Schon öffentlich" in filtered
    assert "Wartend" in client.get(reverse(LIST) + "?q=wartend").content.decode()


def test_export_csv_and_xlsx_with_counts(client, moderator, idea):
    for user in ResidentFactory.create_batch(2):
        Support.objects.create(idea=idea, user=user)
    CommentFactory(idea=idea)
    client.force_login(moderator)
    response = client.get(reverse(LIST) + "?export=csv")
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    header, row = rows[0], rows[1]
    # Columns as in IdeaViewSet.list_export (headings are translated).
    assert len(header) == 15
    assert row[0] == idea.reference
    assert row[1] == idea.title
    assert row[5] == "Ideengeberin"
    assert row[6:9] == ["2", "1", "0"]

    response = client.get(reverse(LIST) + "?export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.values)
    assert values[1][0] == idea.reference
    assert values[1][6] == 2
    assert values[1][7] == 1


def test_bulk_publish_and_reject(
    client, moderator, category, quarter, django_capture_on_commit_callbacks
):
    waiting = [
        IdeaFactory(status="submitted", category=category, quarter=quarter)
        for _ in range(3)
    ]
    client.force_login(moderator)
    url = reverse("wagtail_bulk_action", args=("ideas", "idea", "publish_ideas"))
    query = "&".join(f"id={i.pk}" for i in waiting[:2])
    assert client.get(f"{url}?{query}").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{url}?{query}")
    assert response.status_code == 302
    assert {
        i.status for i in Idea.objects.filter(pk__in=[w.pk for w in waiting[:2]])
    } == {"published"}
    assert len(mail.outbox) == 2

    reject = reverse("wagtail_bulk_action", args=("ideas", "idea", "reject_ideas"))
    response = client.post(f"{reject}?id={waiting[2].pk}", {"public_note": ""})
    assert response.status_code == 200  # the reason is required
    waiting[2].refresh_from_db()
    assert waiting[2].status == "submitted"
    client.post(f"{reject}?id={waiting[2].pk}", {"public_note": "Doppelt"})
    waiting[2].refresh_from_db()
    assert waiting[2].status == "rejected"


def test_three_reports_hide_until_a_moderator_restores(client, board, idea, moderator):
    comment = CommentFactory(idea=idea)
    reporters = ResidentFactory.create_batch(3)
    for reporter in reporters[:2]:
        report_create(user=reporter, idea=idea, comment=comment, reason="spam")
    comment.refresh_from_db()
    assert comment.is_hidden is False
    report_create(user=reporters[2], idea=idea, comment=comment, reason="offensive")
    comment.refresh_from_db()
    assert comment.is_hidden is True
    anonymous = type(client)(HTTP_HOST="localhost")
    assert (
        comment.text not in anonymous.get(f"/ideen/{idea.reference}/").content.decode()
    )
    with pytest.raises(IdeaError):
        report_create(user=reporters[0], idea=idea, comment=comment, reason="spam")

    client.force_login(moderator)
    client.post(
        reverse("ideas_admin:hide_comment", args=[comment.pk]), {"reason": "Harmlos"}
    )
    comment.refresh_from_db()
    assert comment.is_hidden is False
    assert not Report.objects.filter(resolved_at__isnull=True).exists()
    assert comment.text in anonymous.get(f"/ideen/{idea.reference}/").content.decode()

    for reporter in reporters:
        report_create(user=reporter, idea=idea, reason="spam")
    idea.refresh_from_db()
    assert idea.is_hidden is True
    assert anonymous.get(f"/ideen/{idea.reference}/").status_code == 404
    client.post(reverse("ideas_admin:hide_idea", args=[idea.pk]), {"reason": "ok"})
    idea.refresh_from_db()
    assert idea.is_hidden is False


def test_dashboard_panel(client, moderator, idea, resident):
    Support.objects.create(idea=idea, user=resident)
    client.force_login(moderator)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "ideas-dashboard" in html
    assert "<svg" in html
    assert "<rect" in html
    assert "Stern" in html


def test_daily_limits(settings, resident, idea, category, quarter):
    site_settings = IdeaSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.ideas_per_day = 2
    site_settings.comments_per_day = 2
    site_settings.reports_per_day = 1
    site_settings.save()
    for n in range(2):
        idea_submit(
            author=resident,
            title=f"Idee {n}",
            description="x" * 30,
            category=category,
            quarter=quarter,
        )
    with pytest.raises(IdeaError, match="Limit"):
        idea_submit(
            author=resident,
            title="Zu viel",
            description="x" * 30,
            category=category,
            quarter=quarter,
        )
    assert Idea.objects.filter(author=resident).count() == 2

    for n in range(2):
        comment_create(idea=idea, author=resident, text=f"K{n}")
    with pytest.raises(IdeaError, match="Limit"):
        comment_create(idea=idea, author=resident, text="zu viel")
    assert Comment.objects.filter(author=resident).count() == 2

    other = IdeaFactory(category=category, quarter=quarter)
    report_create(user=resident, idea=idea, reason="spam")
    with pytest.raises(IdeaError, match="Limit"):
        report_create(user=resident, idea=other, reason="spam")
    assert Report.objects.filter(reporter=resident).count() == 1


def test_daily_limit_message_on_the_form(client, board, resident, category, quarter):
    site_settings = IdeaSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.ideas_per_day = 0
    site_settings.save()
    client.force_login(resident)

    response = client.post("/en/ideas/new/", submit_data(category, quarter))
    assert "limit of 0 ideas" in response.content.decode()
    assert Idea.objects.count() == 0


def test_admin_pages_render_for_editors(client, editor, idea, resident):
    comment = CommentFactory(idea=idea)
    report_create(user=resident, idea=idea, comment=comment, reason="spam")
    client.force_login(editor)
    urls = [
        reverse(LIST),
        reverse("wagtailsnippets_ideas_idea:edit", args=[idea.pk]),
        reverse("wagtailsnippets_ideas_idea:inspect", args=[idea.pk]),
        reverse("wagtailsnippets_ideas_comment:list"),
        reverse("wagtailsnippets_ideas_report:list"),
        reverse("wagtailsnippets_ideas_category:list"),
        reverse("wagtailsnippets_residents_participationcodebatch:list"),
        reverse("wagtailsnippets_residents_participationcodebatch:add"),
        reverse("ideas_admin:status", args=[idea.pk]),
        reverse("ideas_admin:respond", args=[idea.pk]),
        reverse("ideas_admin:hide_idea", args=[idea.pk]),
        reverse("ideas_admin:hide_comment", args=[comment.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url
