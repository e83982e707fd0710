"""Isolation matrix for the local economy, as for company pages: a firm
reads and writes only its own premises and posts and the answers to its
posts; business advisers read enquiries, firms and editors never;
anonymous visitors nothing of the admin."""

import re

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from economy.models import PremisesPage
from tests.factories.economy import (
    BoardAnswerFactory,
    BoardPostPageFactory,
    EnquiryFactory,
    PremisesPageFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "firm_a", "firm_b", "adviser", "editor"]
REFUSED = {302, 403, 404}


@pytest.fixture
def world(
    company_a, company_b, quarter, firm_a_user, firm_b_user, adviser, editor_user
):
    unit_a = PremisesPageFactory(
        parent=company_a, title="Laden TOKEN-UNIT-A", slug="laden-a", quarter=quarter
    )
    unit_b = PremisesPageFactory(
        parent=company_b, title="Laden TOKEN-UNIT-B", slug="laden-b", quarter=quarter
    )
    # Drafts: what only the firm (and the editors) may read.
    draft_a = PremisesPageFactory(
        parent=company_a, title="Entwurf TOKEN-DRAFT-A", quarter=quarter, publish=False
    )
    draft_b = PremisesPageFactory(
        parent=company_b, title="Entwurf TOKEN-DRAFT-B", quarter=quarter, publish=False
    )
    post_a = BoardPostPageFactory(parent=company_a, title="Gesuch TOKEN-POST-A")
    post_b = BoardPostPageFactory(parent=company_b, title="Gesuch TOKEN-POST-B")
    answer_a = BoardAnswerFactory(post=post_a, message="Antwort TOKEN-ANSWER-A")
    answer_b = BoardAnswerFactory(post=post_b, message="Antwort TOKEN-ANSWER-B")
    enquiry = EnquiryFactory(name="TOKEN-ENQUIRER", business="Café TOKEN-ENQUIRY")
    return {
        "users": {
            "anonymous": None,
            "firm_a": firm_a_user,
            "firm_b": firm_b_user,
            "adviser": adviser,
            "editor": editor_user,
        },
        "units": {"a": unit_a, "b": unit_b},
        "drafts": {"a": draft_a, "b": draft_b},
        "posts": {"a": post_a, "b": post_b},
        "answers": {"a": answer_a, "b": answer_b},
        "enquiry": enquiry,
    }


def _client(client, world, role):
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    return client


#: Which firm's pages each role may edit.
EDITS = {"firm_a": {"a"}, "firm_b": {"b"}, "editor": {"a", "b"}}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("owner", ["a", "b"])
@pytest.mark.parametrize("kind", ["units", "drafts", "posts"])
def test_edit_view_of_premises_and_posts(client, world, role, owner, kind):
    page = world[kind][owner]
    response = _client(client, world, role).get(
        reverse("wagtailadmin_pages:edit", args=[page.pk])
    )
    if owner in EDITS.get(role, set()):
        assert response.status_code == 200
        assert page.title in response.content.decode()
    else:
        assert response.status_code in REFUSED
        assert page.title not in response.content.decode()


@pytest.mark.parametrize("role", ["firm_a", "firm_b"])
def test_explorer_shows_only_the_firms_own_drafts(client, world, role):
    own, other = ("a", "b") if role == "firm_a" else ("b", "a")
    c = _client(client, world, role)
    company = world["units"][own].get_parent()
    html = c.get(reverse("wagtailadmin_explore", args=[company.pk])).content.decode()
    assert f"TOKEN-DRAFT-{own.upper()}" in html
    other_company = world["units"][other].get_parent()
    response = c.get(reverse("wagtailadmin_explore", args=[other_company.pk]))
    assert response.status_code in REFUSED
    assert f"TOKEN-DRAFT-{other.upper()}" not in response.content.decode()


def test_a_firm_cannot_change_another_firms_unit(client, world):
    unit_b = world["units"]["b"]
    c = _client(client, world, "firm_a")
    response = c.post(
        reverse("wagtailadmin_pages:edit", args=[unit_b.pk]),
        {"title": "Gekapert", "slug": unit_b.slug},
    )
    assert response.status_code in REFUSED
    assert PremisesPage.objects.get(pk=unit_b.pk).title == unit_b.title


def test_a_firm_adds_premises_only_below_its_own_company(client, world):
    c = _client(client, world, "firm_a")
    own = world["units"]["a"].get_parent()
    other = world["units"]["b"].get_parent()
    add = "wagtailadmin_pages:add"
    assert (
        c.get(reverse(add, args=["economy", "premisespage", own.pk])).status_code == 200
    )
    response = c.get(reverse(add, args=["economy", "premisespage", other.pk]))
    assert response.status_code in REFUSED


ENQUIRY_READERS = {"adviser"}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("view", ["index", "edit", "inspect", "export"])
def test_only_business_advisers_read_enquiries(client, world, role, view):
    enquiry = world["enquiry"]
    url = {
        "index": reverse("enquiries:index"),
        "edit": reverse("enquiries:edit", args=[enquiry.pk]),
        "inspect": reverse("enquiries:inspect", args=[enquiry.pk]),
        "export": reverse("enquiries:index") + "?export=csv",
    }[view]
    response = _client(client, world, role).get(url)
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    ).decode()
    if role in ENQUIRY_READERS:
        assert response.status_code == 200
        assert "TOKEN-ENQUIR" in body
    else:
        assert response.status_code in REFUSED
        assert "TOKEN-ENQUIR" not in body


ANSWERS_READ = {
    "firm_a": {"a"},
    "firm_b": {"b"},
    "adviser": {"a", "b"},
    "editor": set(),
    "anonymous": set(),
}


@pytest.mark.parametrize("role", ROLES)
def test_answers_to_posts_are_the_posting_firms(client, world, role):
    c = _client(client, world, role)
    response = c.get(reverse("board_answers:index"))
    html = response.content.decode()
    for owner in ("a", "b"):
        token = f"TOKEN-ANSWER-{owner.upper()}"
        inspect = c.get(
            reverse("board_answers:inspect", args=[world["answers"][owner].pk])
        )
        if owner in ANSWERS_READ[role]:
            assert inspect.status_code == 200
            assert token in inspect.content.decode()
            assert f"TOKEN-POST-{owner.upper()}" in html
        else:
            assert inspect.status_code in REFUSED
            assert token not in inspect.content.decode()
            assert f"TOKEN-POST-{owner.upper()}" not in html
    assert response.status_code == (200 if ANSWERS_READ[role] else 302)


@pytest.mark.parametrize("role", ["firm_a", "firm_b", "adviser"])
def test_nobody_edits_or_deletes_answers(client, world, role):
    c = _client(client, world, role)
    answer = world["answers"]["a"]
    for name in ("board_answers:edit", "board_answers:delete"):
        response = c.post(reverse(name, args=[answer.pk]), {"message": "x"})
        assert response.status_code in REFUSED
    answer.refresh_from_db()
    assert answer.message == "Antwort TOKEN-ANSWER-A"


@pytest.mark.parametrize("role", ROLES)
def test_figures_are_for_the_project_team(client, world, role):
    response = _client(client, world, role).get(reverse("economy_figures"))
    if role in {"adviser", "editor"}:
        assert response.status_code == 200
    else:
        assert response.status_code in REFUSED


@pytest.mark.parametrize("language", ["de", "ar", "en"])
def test_figures_chart_lengths_are_numbers_in_every_language(client, world, language):
    """SVG lengths take a decimal point: a German "172,3" is refused by the
    browser and the bar is not drawn (found by the admin console walk)."""
    user = world["users"]["adviser"]
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    html = client.get(reverse("economy_figures")).content.decode()
    lengths = [
        value
        for tag in re.findall(r"<rect[^>]*>", html)
        for value in re.findall(r'\b(?:x|y|width|height)="([^"]*)"', tag)
    ]
    assert lengths, "the chart has bars"
    assert all(re.fullmatch(r"-?\d+(\.\d+)?", value) for value in lengths), lengths


@pytest.mark.parametrize("role", ROLES)
def test_only_the_owning_firm_marks_its_unit_as_let(client, world, role):
    """Marking as let takes the unit off the site in every language (410)
    and counts it as let; another firm, an adviser or a visitor gets nowhere
    and changes nothing, in the form or by posting."""
    unit = world["units"]["a"]
    public_url = unit.url
    url = reverse("economy_premises_let", args=[unit.pk])
    _client(client, world, role)

    form = client.get(url)
    response = client.post(url)

    unit.refresh_from_db()
    if role in ("firm_a", "editor"):
        assert form.status_code == 200
        assert response.status_code == 302
        assert unit.let_at is not None
        assert not unit.live
        assert client.get(public_url).status_code == 410
    else:
        assert response.status_code in (302, 403)
        if role == "anonymous":
            assert "/login/" in response["Location"]
        assert unit.let_at is None
        assert unit.live
