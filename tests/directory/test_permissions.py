"""Permission matrix: firm A, firm B, an editor and an anonymous visitor try
every admin action on firm A's and firm B's pages. Denied actions change
nothing."""

import pytest
from django.urls import reverse
from wagtail.models import Collection, Page

from directory.models import CompanyPage, VacancyPage
from tests.factories.portal import ImageFactory

ACTIONS = ["edit", "preview", "publish", "move", "copy", "delete", "add_vacancy"]

# role -> (own firm's pages? None for roles without a firm) -> allowed actions
FIRM_OWN = {"edit", "preview", "add_vacancy"}
EDITOR = set(ACTIONS)


def _expected(role: str, target: str, action: str) -> bool:
    if role == "editor":
        return action in EDITOR
    if role == "anonymous":
        return False
    own = (role, target) in {("firm_a", "a"), ("firm_b", "b")}
    return own and action in FIRM_OWN


def _post_data(page):
    return {
        "title": page.title + " (geändert)",
        "slug": page.slug,
        "short_description": page.short_description,
        "street": page.street,
        "postal_code": page.postal_code,
        "city": page.city,
        "body-count": "0",
        "social_profiles-count": "0",
        "contact_persons-count": "0",
        "opening_hours-count": "0",
        "tags": "",
    }


def _do(client, action, company, vacancy, index_page, other):
    """Perform `action` and return whether it took effect."""
    before_title = CompanyPage.objects.get(pk=company.pk).title
    if action == "edit":
        client.post(
            reverse("wagtailadmin_pages:edit", args=[company.pk]), _post_data(company)
        )
        company.refresh_from_db()
        latest = company.get_latest_revision_as_object()
        return latest.title != before_title
    if action == "preview":
        url = reverse("wagtailadmin_pages:preview_on_edit", args=[company.pk])
        response = client.post(url, _post_data(company))
        if response.status_code != 200 or not response.json().get("is_valid"):
            return False
        return client.get(url).status_code == 200
    if action == "publish":
        data = _post_data(company) | {"action-publish": "publish"}
        client.post(reverse("wagtailadmin_pages:edit", args=[company.pk]), data)
        return CompanyPage.objects.get(pk=company.pk).title != before_title
    if action == "move":
        # The only valid destination of a vacancy is another company.
        client.post(
            reverse("wagtailadmin_pages:move_confirm", args=[vacancy.pk, other.pk])
        )
        return Page.objects.get(pk=vacancy.pk).get_parent().pk == other.pk
    if action == "copy":
        count = CompanyPage.objects.count()
        client.post(
            reverse("wagtailadmin_pages:copy", args=[company.pk]),
            {
                "new_title": "Kopie",
                "new_slug": f"kopie-{company.slug}",
                "new_parent_page": index_page.pk,
                "copy_subpages": "on",
            },
        )
        return CompanyPage.objects.count() > count
    if action == "delete":
        client.post(reverse("wagtailadmin_pages:delete", args=[vacancy.pk]))
        client.post(reverse("wagtailadmin_pages:delete", args=[company.pk]))
        return not CompanyPage.objects.filter(pk=company.pk).exists()
    if action == "add_vacancy":
        count = VacancyPage.objects.child_of(company).count()
        url = reverse(
            "wagtailadmin_pages:add",
            args=["directory", "vacancypage", company.pk],
        )
        client.post(
            url,
            {
                "title": "Neue Stelle",
                "slug": "neue-stelle",
                "summary": "Kurz gesagt.",
                "offer_type": "job",
                "working_time": "full",
                "contract": "permanent",
                "openings": "1",
                "german_level": "B1",
                "qualification": "none",
                "contact_persons-count": "0",
            },
        )
        return VacancyPage.objects.child_of(company).count() > count
    raise AssertionError(action)


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("target", ["a", "b"])
@pytest.mark.parametrize("role", ["firm_a", "firm_b", "editor", "anonymous"])
def test_permission_matrix(
    client,
    index_page,
    company_a,
    company_b,
    vacancy_a,
    vacancy_b,
    firm_a_user,
    firm_b_user,
    editor_user,
    role,
    target,
    action,
):
    users = {"firm_a": firm_a_user, "firm_b": firm_b_user, "editor": editor_user}
    if role in users:
        client.force_login(users[role])
    company, vacancy = (
        (company_a, vacancy_a) if target == "a" else (company_b, vacancy_b)
    )
    other = company_b if target == "a" else company_a
    other_state = (other.title, other.live, other.path, other.latest_revision_id)

    took_effect = _do(client, action, company, vacancy, index_page, other)

    assert took_effect is _expected(role, target, action)
    other.refresh_from_db()
    assert (other.title, other.live, other.path, other.latest_revision_id) == (
        other_state
    ), "an action on one firm changed the other"


@pytest.mark.parametrize(
    ("role", "target", "visible"),
    [
        ("firm_a", "a", True),
        ("firm_a", "b", False),
        ("firm_b", "a", False),
        ("firm_b", "b", True),
    ],
)
def test_firm_sees_only_its_own_pages_in_explorer(
    client, company_a, company_b, firm_a_user, firm_b_user, role, target, visible
):
    client.force_login(firm_a_user if role == "firm_a" else firm_b_user)
    company = company_a if target == "a" else company_b
    response = client.get(reverse("wagtailadmin_pages:edit", args=[company.pk]))
    assert (response.status_code == 200) is visible
    response = client.get(reverse("wagtailadmin_explore", args=[company.pk]))
    assert (response.status_code == 200) is visible


@pytest.mark.parametrize(
    "url_name",
    [
        "wagtailsnippets_directory_sector:list",
        "wagtailusers_users:index",
        "wagtailsites:index",
        "wagtailadmin_workflows:index",
    ],
)
def test_firm_cannot_reach_foreign_admin_areas(client, firm_a_user, url_name):
    client.force_login(firm_a_user)
    response = client.get(reverse(url_name))
    assert response.status_code in (302, 403)


def test_firm_sees_and_edits_only_images_of_its_own_collection(
    client, firm_a_user, firm_b_user, company_a, company_b, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path)
    company_b.refresh_from_db()
    own = ImageFactory(
        title="Logo A",
        collection=Collection.objects.get(name=company_a.firm_group.name),
    )
    foreign = ImageFactory(
        title="Logo B",
        collection=Collection.objects.get(name=company_b.firm_group.name),
    )
    client.force_login(firm_a_user)

    listing = client.get(reverse("wagtailimages:index"))
    assert "Logo A" in listing.content.decode()
    assert "Logo B" not in listing.content.decode()
    assert client.get(reverse("wagtailimages:edit", args=[own.pk])).status_code == 200
    response = client.get(reverse("wagtailimages:edit", args=[foreign.pk]))
    assert response.status_code in (302, 403)
    response = client.post(reverse("wagtailimages:delete", args=[foreign.pk]))
    assert response.status_code in (302, 403)
    assert type(foreign).objects.filter(pk=foreign.pk).exists()


def test_firm_can_end_own_vacancy_but_not_others(
    client, vacancy_a, vacancy_b, firm_a_user
):
    client.force_login(firm_a_user)
    response = client.post(reverse("directory_vacancy_end", args=[vacancy_b.pk]))
    assert response.status_code in (302, 403)
    vacancy_b.refresh_from_db()
    assert vacancy_b.live
    client.post(reverse("directory_vacancy_end", args=[vacancy_a.pk]))
    vacancy_a.refresh_from_db()
    assert not vacancy_a.live
