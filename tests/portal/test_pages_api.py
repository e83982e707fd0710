"""The partners' pages API (/api/v2/pages/): live public pages only, per
language, URLs on BASE_URL; drafts, unpublished changes and pages behind a
view restriction never appear, whoever asks; nothing can be written."""

import pytest
from django.conf import settings
from django.core.management import call_command
from wagtail.models import Locale, PageViewRestriction

from tests.factories.events import EventIndexPageFactory, EventPageFactory, berlin
from tests.factories.home import ContactPointPageFactory, StandardPageFactory
from tests.factories.ideas import editor_create

API = "/api/v2/pages/"
BASE = "http://quartier.test:8421"
LANGUAGES = [code for code, _name in settings.LANGUAGES]


@pytest.fixture
def base_url(settings, db):
    settings.BASE_URL = settings.WAGTAILADMIN_BASE_URL = BASE
    settings.WAGTAILAPI_BASE_URL = BASE
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "quartier.test"]
    # As on deploy: the Site record follows BASE_URL.
    call_command("site_from_base_url", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return BASE


@pytest.fixture
def api_client(client):
    client.defaults["HTTP_HOST"] = "quartier.test:8421"
    return client


@pytest.fixture
def pages(base_url, home_de):
    for code in LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    public = StandardPageFactory(parent=home_de, slug="oeffentlich", title="Öffentlich")
    draft = StandardPageFactory(parent=home_de, slug="entwurf", title="Entwurf")
    draft.unpublish()
    login_only = StandardPageFactory(parent=home_de, slug="intern", title="Intern")
    PageViewRestriction.objects.create(
        page=login_only, restriction_type=PageViewRestriction.LOGIN
    )
    below_private = StandardPageFactory(
        parent=login_only, slug="darunter", title="Darunter"
    )
    password = StandardPageFactory(parent=home_de, slug="passwort", title="Passwort")
    PageViewRestriction.objects.create(
        page=password, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    # Live, with a newer draft nobody published yet.
    changed = StandardPageFactory(parent=home_de, slug="geaendert", title="Alt")
    changed.title = "Unveröffentlicht"
    changed.save_revision()
    contact = ContactPointPageFactory(parent=home_de, slug="anlaufstelle")
    events = EventIndexPageFactory(parent=home_de)
    event = EventPageFactory(parent=events, start=berlin(2030, 5, 4, 18))
    return {
        "public": public,
        "draft": draft,
        "login_only": login_only,
        "below_private": below_private,
        "password": password,
        "changed": changed,
        "contact": contact,
        "event": event,
    }


def _all(client, **params) -> list[dict]:
    response = client.get(API, {"limit": 100, **params})
    assert response.status_code == 200, response.content
    return response.json()["items"]


def test_lists_live_public_pages_only(api_client, pages):
    titles = {item["title"] for item in _all(api_client)}

    assert {"Öffentlich", "Alt"} <= titles
    assert not titles & {"Entwurf", "Intern", "Darunter", "Passwort"}
    assert "Unveröffentlicht" not in titles, "unpublished changes stay unseen"


@pytest.mark.parametrize("hidden", ["draft", "login_only", "below_private", "password"])
def test_hidden_pages_are_not_found_even_for_an_editor(api_client, pages, hidden):
    api_client.force_login(editor_create())
    page = pages[hidden]

    assert api_client.get(f"{API}{page.pk}/").status_code == 404
    assert hidden not in {item["meta"]["slug"] for item in _all(api_client)}
    found = api_client.get(f"{API}find/", {"html_path": page.url or "/entwurf/"})
    assert found.status_code == 404


def test_urls_lead_to_base_url(api_client, pages):
    items = _all(api_client)
    detail = api_client.get(f"{API}{pages['event'].pk}/").json()

    urls = [item["meta"]["html_url"] for item in items]
    urls += [item["meta"]["detail_url"] for item in items]
    urls += [detail["meta"]["html_url"], detail["meta"]["parent"]["meta"]["html_url"]]
    assert urls
    assert all(url.startswith(BASE + "/") for url in urls), urls
    assert detail["meta"]["html_url"] == BASE + pages["event"].url


def test_partners_read_events_and_contact_points(api_client, pages):
    events = _all(api_client, type="events.EventPage", fields="start,end,teaser")
    contact = api_client.get(f"{API}{pages['contact'].pk}/").json()

    assert [item["start"] for item in events] == ["2030-05-04T18:00:00+02:00"]
    assert contact["street"] == "Johannes-Kepler-Platz 5"
    assert "opening_hours" in contact


@pytest.mark.parametrize("language", LANGUAGES)
def test_locale_filter_gives_one_language(api_client, pages, home_de, language):
    locale = Locale.objects.get(language_code=language)
    home = home_de.get_translation_or_none(locale) or home_de.copy_for_translation(
        locale
    )
    home.save_revision().publish()
    translated = pages["public"].get_translation_or_none(locale)
    if translated is None:
        translated = pages["public"].copy_for_translation(locale)
        translated.save_revision().publish()
    draft = pages["changed"].get_translation_or_none(locale)
    if draft is None:
        draft = pages["changed"].copy_for_translation(locale)  # never published

    items = _all(api_client, locale=language)

    assert items
    assert {item["meta"]["locale"] for item in items} == {language}
    ids = {item["id"] for item in items}
    assert translated.pk in ids
    if language != settings.LANGUAGE_CODE:
        assert draft.pk not in ids, "a translation that was never published"
    prefix = BASE + ("/" if language == "de" else f"/{language}/")
    assert all(item["meta"]["html_url"].startswith(prefix) for item in items)


def test_nothing_can_be_written(api_client, pages):
    api_client.force_login(editor_create())
    page = pages["public"]

    assert api_client.post(API, {"title": "Neu"}).status_code == 405
    assert api_client.delete(f"{API}{page.pk}/").status_code == 405
    assert api_client.put(f"{API}{page.pk}/", {"title": "X"}).status_code == 405
