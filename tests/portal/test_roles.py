"""The portal's roles are groups with exactly the admin rights they need,
built by `migrate` (no demo needed). Matrix: role × admin action."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import GroupPagePermission
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    streamfield,
)

from home.models import StandardPage
from portal import roles
from tests.factories.home import StandardPageFactory
from tests.factories.portal import UserFactory

RESIDENT = "resident"


def test_role_groups_exist_after_migrate(db):
    """The test database is built by `migrate` alone."""
    names = set(Group.objects.values_list("name", flat=True))

    assert set(roles.ROLES) <= names


def test_roles_are_synced_to_the_code_after_migrate(db):
    """Wagtail's own "Moderators" group may edit and publish pages; the
    portal's moderators only moderate ideas and comments."""
    moderators = Group.objects.get(name=roles.MODERATORS)
    editors = Group.objects.get(name=roles.EDITORS)

    assert not GroupPagePermission.objects.filter(group=moderators).exists()
    editor_page_rights = set(
        GroupPagePermission.objects.filter(group=editors).values_list(
            "permission__codename", flat=True
        )
    )
    assert {"add_page", "change_page", "publish_page"} <= editor_page_rights


def test_roles_sync_is_idempotent(db):
    before = {
        group.name: sorted(group.permissions.values_list("codename", flat=True))
        for group in Group.objects.filter(name__in=roles.ROLES)
    }

    roles.roles_sync()
    roles.roles_sync()

    after = {
        group.name: sorted(group.permissions.values_list("codename", flat=True))
        for group in Group.objects.filter(name__in=roles.ROLES)
    }
    assert after == before
    assert Group.objects.filter(name__in=roles.ROLES).count() == len(roles.ROLES)
    assert GroupPagePermission.objects.filter(group__name=roles.EDITORS).count() == len(
        roles.PAGE_PERMISSIONS[roles.EDITORS]
    )


def client_for(role: str) -> Client:
    groups = [] if role == RESIDENT else [Group.objects.get(name=role)]
    client = Client()
    client.force_login(UserFactory(groups=groups))
    return client


def admin_urls(home_de, site) -> dict[str, str]:
    return {
        "dashboard": "/admin/",
        "page explorer": "/admin/pages/",
        "edit page": f"/admin/pages/{home_de.pk}/edit/",
        "legal settings": f"/admin/settings/portal/legalsettings/{site.pk}/",
        "upload images": "/admin/images/multiple/add/",
        "manage quarters": "/admin/snippets/portal/quarter/",
    }


ALLOWED = {
    roles.EDITORS: {
        "dashboard",
        "page explorer",
        "edit page",
        "legal settings",
        "upload images",
        "manage quarters",
    },
    roles.MODERATORS: {"dashboard"},
    roles.ADVISERS: {"dashboard"},
    roles.FIRMS: {"dashboard"},
    RESIDENT: set(),
}


@pytest.mark.parametrize(
    "action",
    [
        "dashboard",
        "page explorer",
        "edit page",
        "legal settings",
        "upload images",
        "manage quarters",
    ],
)
@pytest.mark.parametrize("role", list(ALLOWED))
def test_admin_rights_by_role(home_de, site, role, action):
    client = client_for(role)

    response = client.get(admin_urls(home_de, site)[action])

    if action in ALLOWED[role]:
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        expected = "/admin/login/" if role == RESIDENT else "/admin/"
        assert response["Location"].startswith(expected)


@pytest.fixture
def page(home_de):
    return StandardPageFactory(
        parent=home_de, title="Öffnungszeiten", slug="oeffnungszeiten", intro="Alt"
    )


def edit_form_data(client, page) -> dict:
    """The page editor's own form data, as a browser would send it back
    (the StreamField editor is drawn by JavaScript, so its empty body is
    added by hand)."""
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data.update(nested_form_data({"body": streamfield([])}))
    return data


def test_editor_edits_and_publishes_a_page(page, client):
    editor = client_for(roles.EDITORS)
    data = edit_form_data(editor, page)
    data["intro"] = "Neu: auch samstags geöffnet."
    data["action-publish"] = "action-publish"

    response = editor.post(f"/admin/pages/{page.pk}/edit/", data)

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.intro == "Neu: auch samstags geöffnet."
    assert page.live
    assert not page.has_unpublished_changes
    assert "auch samstags geöffnet" in client.get("/oeffnungszeiten/").content.decode()


def test_editor_creates_a_page(home_de):
    editor = client_for(roles.EDITORS)

    response = editor.post(
        f"/admin/pages/add/home/standardpage/{home_de.pk}/",
        nested_form_data(
            {
                "title": "Neue Seite",
                "slug": "neue-seite",
                "intro": "",
                "body": streamfield([]),
                "action-publish": "publish",
            }
        ),
    )

    assert response.status_code == 302
    assert StandardPage.objects.get(slug="neue-seite").live


@pytest.mark.parametrize(
    "role", [roles.MODERATORS, roles.ADVISERS, roles.FIRMS, RESIDENT]
)
def test_others_cannot_edit_pages(page, role):
    client = client_for(role)

    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        {"title": "Gehackt", "slug": "oeffnungszeiten", "action-publish": "1"},
    )

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "Öffnungszeiten"
    assert page.get_latest_revision() is None
