"""Editors translate pages with wagtail-localize; a new translation is a draft
of German text until an editor publishes it (docs/languages.md)."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from wagtail.models import Locale, Page

from portal import roles
from tests.factories.home import StandardPageFactory, translate_page

OTHER_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "de"]


@pytest.fixture
def editor(db):
    groups = roles.roles_sync()
    user = get_user_model().objects.create_user(
        username="editor", email="editor@example.org", password="pass-word-123"
    )
    user.groups.add(groups[roles.EDITORS])
    return user


@pytest.fixture
def german_page(home_de):
    page = StandardPageFactory(parent=home_de, title="Beratung", slug="beratung")
    StandardPageFactory(parent=page, title="Sprachkurse", slug="sprachkurse")
    return page


def _home_in(home_de, code):
    return home_de.get_translation_or_none(
        Locale.objects.get(language_code=code)
    ) or translate_page(home_de, code, title=f"Home {code}")


def _submit_translation(client, page, locale, *, subtree=False):
    data = {"locales": [locale.pk]}
    if subtree:
        data["include_subtree"] = "on"
    return client.post(f"/admin/localize/submit/page/{page.pk}/", data)


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_translate_this_page_makes_a_draft_until_an_editor_publishes_it(
    client, editor, home_de, german_page, code, django_capture_on_commit_callbacks
):
    _home_in(home_de, code)
    locale = Locale.objects.get(language_code=code)
    client.force_login(editor)

    # wagtail-localize publishes after the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = _submit_translation(client, german_page, locale)

    assert response.status_code == 302
    translated = german_page.get_translation(locale)
    assert translated.live is False
    assert translated.has_unpublished_changes is True
    assert translated.url == f"/{code}/beratung/"
    client.logout()
    assert client.get(translated.url).status_code == 404

    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/pages/{translated.pk}/edit/", {"action": "publish"}
        )

    assert response.status_code == 302
    translated.refresh_from_db()
    assert translated.live is True
    client.logout()
    assert client.get(translated.url).status_code == 200


def test_translating_a_subtree_leaves_every_new_page_a_draft(
    client, editor, home_de, german_page, django_capture_on_commit_callbacks
):
    _home_in(home_de, "ar")
    locale = Locale.objects.get(language_code="ar")
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        _submit_translation(client, german_page, locale, subtree=True)

    created = Page.objects.filter(
        locale=locale, translation_key__in=[german_page.translation_key]
    ) | Page.objects.filter(
        locale=locale,
        translation_key__in=german_page.get_descendants().values("translation_key"),
    )
    assert created.count() == 2
    assert list(created.values_list("live", flat=True)) == [False, False]


def test_pages_translated_in_code_stay_live(home_de, german_page):
    """seed_demo and the factories translate on purpose and publish."""
    translated = translate_page(german_page, "en", title="Advice")

    assert translated.live is True


@pytest.mark.parametrize("code", ["en", "ar"])
def test_parents_created_for_a_translated_child_start_as_drafts(
    client, editor, home_de, german_page, code, django_capture_on_commit_callbacks
):
    """Translating "Sprachkurse" while its parent "Beratung" has no version in
    the language: Wagtail creates the parent as a live alias of the German
    page. It must be a draft translation like the child, which an editor can
    then translate in wagtail-localize's editor."""
    _home_in(home_de, code)
    locale = Locale.objects.get(language_code=code)
    child = german_page.get_children().get()
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        response = _submit_translation(client, child, locale)

    assert response.status_code == 302
    parent = german_page.get_translation(locale)
    assert parent.alias_of_id is None
    assert parent.live is False
    assert parent.has_unpublished_changes is True
    assert child.get_translation(locale).live is False
    client.logout()
    assert client.get(f"/{code}/beratung/").status_code == 404

    # The parent is a wagtail-localize translation: its editor opens.
    client.force_login(editor)
    response = client.get(f"/admin/pages/{parent.pk}/edit/")
    assert response.status_code == 200
    assert b"localize" in response.content
