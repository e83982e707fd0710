"""Fixtures shared by every app's tests.

The test database is built by the migrations, so it already has what a fresh
installation has: the locales de and en, the German home page at / with its
English translation at /en/, the default site and the role groups.
"""

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.test import Client, override_settings
from django.utils import translation
from wagtail.models import Locale, Page, Site

from home.models import HomePage

from .factories.portal import ImageFactory
from .fixtures.frame import legal_pages_build

# Fixtures shared by several folders, one module per subject.
pytest_plugins = [
    "tests.fixtures.demo",
    "tests.fixtures.directory",
    "tests.fixtures.ideas",
    "tests.fixtures.mail",
    "tests.fixtures.wsgi",
]


@pytest.fixture(autouse=True, scope="session")
def _media_in_tmp(tmp_path_factory):
    """No test writes into the project's media folder."""
    with override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media"))):
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: a rolled-back database reuses
    primary keys, and cached rows of an earlier test (renditions, site
    settings, rate-limit counters) would otherwise leak into the next."""
    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def _settings_restored():
    """A test ends with the settings it began with: overrides undone out of
    order (one fixture's `override_settings` inside another's) would leave,
    say, the production hardening on for every later test on the process."""
    before = django_settings._wrapped
    yield
    assert django_settings._wrapped is before, (
        "the settings stayed overridden after this test: settings overrides "
        "were undone out of order"
    )


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's default language. Django's
    LocaleMiddleware leaves the last request's language active in the thread,
    so `reverse()` in the next test on that process would otherwise build
    /en/… or /ar/… URLs depending on which test ran before it.

    Not through pytest-django's `settings` fixture: set up before every
    other fixture, it would undo its overrides after theirs, out of order,
    and put back what a fixture's `override_settings` (the production
    hardening in tests/security) had changed."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def site(db) -> Site:
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def home(db) -> Page:
    """The German home page (the default locale's root child)."""
    return Page.objects.get(depth=2, locale=Locale.get_default()).specific


@pytest.fixture
def home_de(site) -> HomePage:
    return site.root_page.specific


@pytest.fixture
def home_en(home_de) -> HomePage:
    return home_de.get_translation(Locale.objects.get(language_code="en")).specific


@pytest.fixture
def client() -> Client:
    """A visitor; the host matches the site the migrations created."""
    return Client(HTTP_HOST="localhost")


@pytest.fixture
def image(db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return ImageFactory(title="Stern-Center", credit="Foto: Quartiersprojekt")


@pytest.fixture
def legal_pages(site, home_de, home_en) -> dict[str, dict[str, object]]:
    """The legal pages in German and English (tests/fixtures/frame.py)."""
    return legal_pages_build(site, home_de)


def pytest_collection_modifyitems(items):
    """A transactional test empties the database when it ends; without
    `serialized_rollback` the migrations' rows (locales, the page tree, the
    role groups, re-made with new ids by post_migrate) are gone or differ for
    every later test on that process, and the next serialized restore fails
    on the group names."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if (
            marker
            and marker.kwargs.get("transaction")
            and not marker.kwargs.get("serialized_rollback")
        ):
            raise pytest.UsageError(
                f"{item.nodeid}: django_db(transaction=True) needs "
                "serialized_rollback=True (tests/conftest.py)"
            )
