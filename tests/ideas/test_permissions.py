"""Who may do what: roles × actions, through the real endpoints. A refused
action changes nothing and never answers 500."""

import pytest
from django.urls import reverse

from ideas.models import Comment, Idea, Report, Support
from tests.factories.ideas import IdeaFactory

from .test_lifecycle import submit_data

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "unverified", "resident", "author", "moderator", "editor"]
ACTIONS = ["submit", "support", "comment", "report", "moderate", "respond"]

ALLOWED = {
    "anonymous": set(),
    "unverified": set(),
    "resident": {"submit", "support", "comment", "report"},
    # Authors cannot support or report their own idea.
    "author": {"submit", "comment"},
    "moderator": {"submit", "support", "comment", "report", "moderate"},
    "editor": {"submit", "support", "comment", "report", "moderate", "respond"},
}


@pytest.fixture
def actor(request, resident, unverified, author, moderator, editor):
    return {
        "anonymous": None,
        "unverified": unverified,
        "resident": resident,
        "author": author,
        "moderator": moderator,
        "editor": editor,
    }[request.param]


def perform(client, action, *, idea, submitted, category, quarter) -> bool:
    """Try `action`; return whether it took effect in the database."""
    base = f"/ideen/{idea.reference}/"
    if action == "submit":
        before = Idea.objects.count()
        response = client.post("/ideen/new/", submit_data(category, quarter))
        effect = Idea.objects.count() == before + 1
    elif action == "support":
        response = client.post(base + "support/")
        effect = Support.objects.filter(idea=idea).exists()
    elif action == "comment":
        response = client.post(base + "comment/", {"text": "Gute Idee!"})
        effect = Comment.objects.filter(idea=idea).exists()
    elif action == "report":
        response = client.post(base + "report/", {"reason": "spam", "note": ""})
        effect = Report.objects.filter(idea=idea).exists()
    elif action == "moderate":
        response = client.post(
            reverse("ideas_admin:status", args=[submitted.pk]),
            {"to_status": "published"},
        )
        submitted.refresh_from_db()
        effect = submitted.status == "published"
    elif action == "respond":
        response = client.post(
            reverse("ideas_admin:respond", args=[idea.pk]),
            {"response": "Wird geprüft."},
        )
        idea.refresh_from_db()
        effect = idea.response == "Wird geprüft."
    else:  # pragma: no cover - a typo in the matrix
        raise AssertionError(action)
    assert response.status_code < 500
    return effect


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("actor", ROLES, indirect=True)
def test_permission_matrix(
    request, client, board, idea, author, category, quarter, actor, action
):
    role = request.node.callspec.params["actor"]
    submitted = IdeaFactory(status="submitted", category=category, quarter=quarter)
    if actor is not None:
        client.force_login(actor)
    effect = perform(
        client,
        action,
        idea=idea,
        submitted=submitted,
        category=category,
        quarter=quarter,
    )
    assert effect is (action in ALLOWED[role]), f"{role} × {action}"


def test_anonymous_is_sent_to_the_login(client, board, idea):
    response = client.post(f"/ideen/{idea.reference}/support/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")
    assert client.get("/ideen/new/")["Location"].startswith("/konto/login/")


def test_unverified_resident_is_told_to_confirm(client, board, unverified):
    client.force_login(unverified)
    response = client.get("/ideen/new/")
    assert response.status_code == 403
    assert "Bitte bestätigen Sie Ihre E-Mail-Adresse" in response.content.decode()


def test_forged_moderation_post_by_a_resident_changes_nothing(
    client, submitted_idea, resident
):
    client.force_login(resident)
    for name, data in (
        ("ideas_admin:status", {"to_status": "published"}),
        ("ideas_admin:respond", {"response": "Gefälscht"}),
        ("ideas_admin:hide_idea", {"reason": "weg"}),
    ):
        response = client.post(reverse(name, args=[submitted_idea.pk]), data)
        assert response.status_code in (302, 403)
    bulk = reverse("wagtail_bulk_action", args=("ideas", "idea", "publish_ideas"))
    response = client.post(f"{bulk}?id={submitted_idea.pk}")
    assert response.status_code in (302, 403)
    submitted_idea.refresh_from_db()
    assert submitted_idea.status == "submitted"
    assert submitted_idea.response == ""
    assert submitted_idea.is_hidden is False


def test_moderator_may_not_respond(client, idea, moderator):
    client.force_login(moderator)
    response = client.post(
        reverse("ideas_admin:respond", args=[idea.pk]), {"response": "x"}
    )
    # Wagtail turns the refusal into a redirect to the dashboard.
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    idea.refresh_from_db()
    assert idea.response == ""
