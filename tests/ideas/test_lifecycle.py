"""The whole lifecycle of an idea through the real views, with the e-mails
each step sends (locmem backend)."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from ideas.models import Idea, IdeaEvent, Support
from tests.factories.ideas import STERN_POINT, ResidentFactory
from tests.utils import image_bytes

pytestmark = pytest.mark.django_db


def submit_data(category, quarter, **overrides):
    data = {
        "title": "Hochbeete am Kepler-Platz",
        "description": "Auf der Wiese ist Platz für sechs Hochbeete.\n\n"
        "Die Anlaufstelle verleiht Werkzeug.",
        "category": category.pk,
        "quarter": quarter.pk,
        "latitude": STERN_POINT[0],
        "longitude": STERN_POINT[1],
        "photo_description": "",
        "author_can_help": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def test_idea_lifecycle_from_submission_to_implementation(
    client,
    board,
    category,
    quarter,
    author,
    moderator,
    editor,
    django_capture_on_commit_callbacks,
):
    # The author submits.
    client.force_login(author)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/ideen/new/",
            submit_data(
                category,
                quarter,
                photo_file=SimpleUploadedFile(
                    "beet.png", image_bytes("PNG"), content_type="image/png"
                ),
                photo_description="Skizze der Beete",
            ),
        )
    idea = Idea.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/ideen/{idea.reference}/"
    assert idea.status == "submitted"
    assert idea.reference.startswith("I-20")
    assert idea.photo is not None
    assert idea.author_can_help is True
    assert [m.to for m in mail.outbox] == [[author.email], [moderator.email]]
    assert idea.reference in mail.outbox[0].subject

    # Not public while it waits; the author sees it.
    anonymous = type(client)(HTTP_HOST="localhost")
    assert anonymous.get(f"/ideen/{idea.reference}/").status_code == 404
    assert client.get(f"/ideen/{idea.reference}/").status_code == 200
    assert idea.title not in anonymous.get("/ideen/").content.decode()

    # The moderator publishes it in the admin.
    mail.outbox.clear()
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("ideas_admin:status", args=[idea.pk]),
            {"to_status": "published", "public_note": "", "internal_note": "ok"},
        )
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.status == "published"
    assert idea.published_at is not None
    assert (idea.response_due_at - timezone.localdate(idea.published_at)).days == 56
    assert [m.to for m in mail.outbox] == [[author.email]]
    assert idea.title in anonymous.get("/ideen/").content.decode()

    # Two residents support it; they hear about the next steps.
    supporters = ResidentFactory.create_batch(2)
    for supporter in supporters:
        client.force_login(supporter)
        client.post(f"/ideen/{idea.reference}/support/")
    assert Support.objects.filter(idea=idea).count() == 2

    # An editor answers officially.
    mail.outbox.clear()
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("ideas_admin:respond", args=[idea.pk]),
            {"response": "Das Grünflächenamt prüft den Standort."},
        )
    idea.refresh_from_db()
    assert idea.responded_at is not None
    assert idea.response_by == editor
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [author.email, *(s.email for s in supporters)]
    )

    # In review, planned, implemented with a completion note.
    client.force_login(moderator)
    for step, note in (
        ("in_review", ""),
        ("planned", "Im Frühjahr"),
        ("implemented", "Die Beete stehen!"),
    ):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("ideas_admin:status", args=[idea.pk]),
                {"to_status": step, "public_note": note, "internal_note": ""},
            )
        assert response.status_code == 302, response.content.decode()[:2000]
        assert len(mail.outbox) == 3
    idea.refresh_from_db()
    assert idea.status == "implemented"
    assert idea.completion_note == "Die Beete stehen!"

    # Every step is logged with who did it, and the public timeline shows it.
    events = list(IdeaEvent.objects.filter(idea=idea).values_list("to_status", "actor"))
    assert events == [
        ("submitted", author.pk),
        ("published", moderator.pk),
        ("", editor.pk),
        ("in_review", moderator.pk),
        ("planned", moderator.pk),
        ("implemented", moderator.pk),
    ]
    page = anonymous.get(f"/ideen/{idea.reference}/").content.decode()
    assert "Das Grünflächenamt prüft den Standort." in page
    assert "Die Beete stehen!" in page
    assert "badge--official" in page
    assert "ok" not in page.split('class="timeline"')[1].split("</section>")[0]


def test_rejection_reason_goes_to_the_author_only_and_never_public(
    client, board, submitted_idea, moderator, django_capture_on_commit_callbacks
):
    ResidentFactory()
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("ideas_admin:status", args=[submitted_idea.pk]),
            {"to_status": "rejected", "public_note": "Privates Grundstück."},
        )
    submitted_idea.refresh_from_db()
    assert submitted_idea.status == "rejected"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [submitted_idea.author.email]
    assert "Privates Grundstück." in mail.outbox[0].body
    anonymous = type(client)(HTTP_HOST="localhost")
    assert anonymous.get(f"/ideen/{submitted_idea.reference}/").status_code == 404
    # A rejected idea cannot be published later.
    response = client.post(
        reverse("ideas_admin:status", args=[submitted_idea.pk]),
        {"to_status": "published"},
    )
    assert response.status_code == 400
    submitted_idea.refresh_from_db()
    assert submitted_idea.status == "rejected"


def test_declining_needs_reasons(client, idea, moderator):
    client.force_login(moderator)
    response = client.post(
        reverse("ideas_admin:status", args=[idea.pk]),
        {"to_status": "declined", "public_note": ""},
    )
    assert response.status_code == 400
    idea.refresh_from_db()
    assert idea.status == "published"


def test_english_board_and_mail_in_the_idea_language(
    client, board, idea, moderator, django_capture_on_commit_callbacks
):
    response = client.get(f"/en/ideas/{idea.reference}/")
    assert response.status_code == 200
    assert idea.title in response.content.decode()
    Idea.objects.filter(pk=idea.pk).update(language="en", status="submitted")
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("ideas_admin:status", args=[idea.pk]),
            {"to_status": "published"},
        )
    assert "is online" in mail.outbox[0].subject
    assert f"/en/ideas/{idea.reference}/" in mail.outbox[0].body
