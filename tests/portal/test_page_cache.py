"""The anonymous page cache (portal/page_cache.py): whole pages for visitors
without a session, purged at once by each change that shows on them.

Every invalidation test fetches the page (stored), fetches it again (served
from the cache, so a change not purged would show here), changes the data,
and fetches a third time: the change is visible."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from portal.models import OrganisationSettings, Quarter
from tests.factories.directory import (
    CompanyPageFactory,
    DirectoryIndexPageFactory,
    VacancyPageFactory,
)
from tests.factories.events import (
    EventIndexPageFactory,
    EventPageFactory,
    berlin,
)
from tests.factories.home import StandardPageFactory, translate_page

LANGUAGES = ["de", "ar"]


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PORTAL_PAGE_CACHE = settings.PORTAL_FRAME_CACHE = True
    # Tests purge and fetch within microseconds of each other.
    settings.PORTAL_PAGE_CACHE_CLOCK_SKEW = 0


@pytest.fixture
def home_ar(home_de):
    return translate_page(home_de, "ar", title="الرئيسية", slug="home-ar")


@pytest.fixture
def homes(home_de, home_ar):
    return {"de": home_de, "ar": home_ar}


def _page(homes, language, **fields):
    page = StandardPageFactory(parent=homes["de"], slug="angebot", **fields)
    if language == "de":
        return page
    return translate_page(page, language, slug="offer", **fields)


def cached(client, url, **extra):
    """Fetch `url` twice; the second answer must come from the cache."""
    first = client.get(url, **extra)
    second = client.get(url, **extra)
    assert second.get("X-Page-Cache") == "hit", (url, first.get("X-Page-Cache"))
    assert second.content == first.content
    return second


@pytest.mark.parametrize("language", LANGUAGES)
def test_publish_purges_the_page_at_once(client, homes, language):
    page = _page(homes, language, title="Alter Titel")
    cached(client, page.url)

    page.title = "Neuer Titel"
    page.save_revision().publish()

    response = client.get(page.url)
    assert response.get("X-Page-Cache") == "miss"
    assert "Neuer Titel" in response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_publish_of_a_section_purges_the_menu_of_other_pages(client, homes, language):
    other = _page(homes, language, title="Andere Seite")
    cached(client, other.url)

    section = StandardPageFactory(
        parent=homes[language], title="Neue Rubrik", slug="rubrik", show_in_menus=True
    )
    section.save_revision().publish()

    assert "Neue Rubrik" in client.get(other.url).content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_unpublish_purges_the_page_and_its_parent(client, homes, language):
    page = _page(homes, language, title="Bald weg")
    cached(client, page.url)
    cached(client, homes[language].url)

    page.unpublish()

    assert client.get(page.url).status_code == 404


def test_scheduled_expiry_purges_the_page(client, homes):
    page = _page(homes, "de", title="Läuft ab")
    cached(client, page.url)

    page.expire_at = timezone.now() - timezone.timedelta(minutes=1)
    page.save(update_fields=["expire_at"])
    call_command("publish_scheduled")

    assert client.get(page.url).status_code == 404


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_new_page_replaces_a_cached_not_found(client, homes, language):
    url = homes[language].url + "spaeter/"
    assert client.get(url).status_code == 404
    assert client.get(url).get("X-Page-Cache") == "hit"

    page = StandardPageFactory(parent=homes[language], slug="spaeter", title="Jetz")
    page.save_revision().publish()

    assert client.get(url).status_code == 200


@pytest.mark.parametrize("language", LANGUAGES)
def test_settings_change_purges_every_page(client, homes, site, language):
    page = _page(homes, language, title="Seite")
    cached(client, page.url)

    organisation = OrganisationSettings.for_site(site)
    organisation.name = "Neuer Trägerverein"
    organisation.save()

    assert "Neuer Trägerverein" in client.get(page.url).content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_term_change_purges_the_home_page(client, homes, language):
    quarter = Quarter.objects.filter(is_project_quarter=True).first()
    if quarter is None:
        quarter = Quarter.objects.create(name="Stern", slug="stern")
    cached(client, homes[language].url)

    quarter.portrait = "Ein ganz neues Porträt des Quartiers."
    quarter.save()

    assert "ganz neues Porträt" in client.get(homes[language].url).content.decode()


def test_other_pages_stay_cached_after_a_publish(client, homes):
    page = _page(homes, "de", title="Bleibt")
    cached(client, page.url)

    unrelated = StandardPageFactory(parent=page, slug="unten", title="Unten")
    unrelated.title = "Unten neu"
    unrelated.save_revision().publish()

    # The parent's own page lists nothing of its children here, but it is the
    # parent: purged. A sibling elsewhere is not.
    sibling = StandardPageFactory(parent=homes["de"], slug="nachbar", title="Nachbar")
    cached(client, sibling.url)
    unrelated.save_revision().publish()
    assert client.get(sibling.url).get("X-Page-Cache") == "hit"


# Bypass ----------------------------------------------------------------------


def test_a_session_cookie_bypasses_the_cache(client, homes):
    page = _page(homes, "de", title="Seite")
    cached(client, page.url)

    client.cookies["sessionid"] = "abc"
    response = client.get(page.url)

    assert response.get("X-Page-Cache") is None
    assert "private" in response["Cache-Control"]


def test_logged_in_users_are_never_served_or_stored(client, homes, django_user_model):
    page = _page(homes, "de", title="Seite")
    user = django_user_model.objects.create_user("resident", password="x" * 12)
    client.force_login(user)

    assert client.get(page.url).get("X-Page-Cache") is None
    assert client.get(page.url).get("X-Page-Cache") is None


def test_post_is_never_cached(client, homes):
    page = _page(homes, "de", title="Seite")
    cached(client, page.url)

    response = client.post(page.url)

    assert response.get("X-Page-Cache") is None


def test_previews_are_not_cached(client, homes, admin_client):
    page = _page(homes, "de", title="Vorschau")
    url = f"/admin/pages/{page.pk}/edit/preview/"
    admin_client.get(url)

    assert admin_client.get(url).get("X-Page-Cache") is None


def test_responses_that_set_cookies_are_not_stored(client, db):
    # The login form sets the CSRF cookie.
    url = reverse("account_login")
    assert client.get(url).status_code == 200
    assert client.get(url).get("X-Page-Cache") is None


# Validators --------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_etag_answers_304(client, homes, language):
    page = _page(homes, language, title="Seite")
    response = client.get(page.url)
    etag = response["ETag"]
    assert "public" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
    assert "Accept-Language" in response["Vary"]
    assert response["Last-Modified"]

    again = client.get(page.url, headers={"if-none-match": etag})

    assert again.status_code == 304
    assert again["ETag"] == etag
    assert again.content == b""


@pytest.mark.parametrize("language", LANGUAGES)
def test_browsers_ask_again_so_that_a_purge_reaches_them(client, homes, language):
    """A browser keeps a page for its max-age without asking: with one, a
    visitor saw a purged page (or the 404 of an idea just published) until
    it ran out. They revalidate on every view; the answer stays a 304 from
    the cache until a purge, then the new page."""
    page = _page(homes, language, title="Seite")
    response = client.get(page.url)
    directives = patch_directives(response["Cache-Control"])
    assert directives["max-age"] == "0"
    assert "must-revalidate" in directives
    etag = response["ETag"]

    page.title = "Neuer Titel"
    page.save_revision().publish()
    again = client.get(page.url, headers={"if-none-match": etag})

    assert again.status_code == 200
    assert "Neuer Titel" in again.content.decode()


def patch_directives(header: str) -> dict[str, str]:
    return dict((part.strip().split("=", 1) + [""])[:2] for part in header.split(","))


def test_query_string_order_does_not_matter(client, homes):
    page = _page(homes, "de", title="Seite")
    client.get(page.url + "?a=1&b=2")

    assert client.get(page.url + "?b=2&a=1").get("X-Page-Cache") == "hit"


def test_off_in_the_general_test_settings(settings, client, homes):
    settings.PORTAL_PAGE_CACHE = False
    page = _page(homes, "de", title="Seite")
    client.get(page.url)

    assert client.get(page.url).get("X-Page-Cache") is None


# Feeds and the API -------------------------------------------------------------


def test_events_feed_is_cached_with_validators_and_purged(client, home_de):
    events = EventIndexPageFactory(parent=home_de)
    EventPageFactory(parent=events, title="Hoffest", start=berlin(2030, 5, 1, 18, 0))
    url = events.url + "feed/"
    feed = cached(client, url)
    assert feed["Content-Type"].startswith("text/calendar")
    assert client.get(url, headers={"if-none-match": feed["ETag"]}).status_code == 304

    new = EventPageFactory(
        parent=events, title="Nachbarschaftsfest", start=berlin(2030, 6, 1, 18, 0)
    )
    new.save_revision().publish()

    assert b"Nachbarschaftsfest" in client.get(url).content


def test_vacancy_api_is_purged_by_a_vacancy_expiring(client, home_de):
    company = CompanyPageFactory(parent=DirectoryIndexPageFactory(parent=home_de))
    vacancy = VacancyPageFactory(parent=company, title="Verkauf (m/w/d)")
    url = "/api/vacancies/?lang=de"
    assert "Verkauf" in cached(client, url).content.decode()

    # (save() derives expire_at from "apply until"; set it as time would.)
    type(vacancy).objects.filter(pk=vacancy.pk).update(
        expire_at=timezone.now() - timezone.timedelta(minutes=1)
    )
    call_command("publish_scheduled")

    assert "Verkauf" not in client.get(url).content.decode()
    assert client.get(company.url).status_code == 200
