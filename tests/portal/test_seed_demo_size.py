"""`seed_demo --size test`: the bulk path of the large demo (portal.demo_bulk
and each app's demo_large) leaves a valid page tree, live pages with one
revision each that route, render and open in the admin, translations linked,
and exactly the asked counts of bulk content.

Seeds once per module (rolled back at the end), like test_seed_demo.py.
"""

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.utils.html import escape
from wagtail.models import Page, Revision

from directory.models import CompanyPage, VacancyPage
from events.models import EventPage
from ideas.choices import PUBLIC_STATUSES
from ideas.demo_large import BULK_TITLE
from ideas.models import Comment, Idea, IdeaBoardPage, Support
from portal.demo import DEMO_PASSWORD
from portal.demo_bulk import SIZES

pytestmark = pytest.mark.django_db
SIZE = SIZES["test"]


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    media = override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("demo")))
    media.enable()
    outer = transaction.atomic()
    with django_db_blocker.unblock():
        outer.__enter__()
        out = io.StringIO()
        call_command("seed_demo", "--no-progress", "--size", "test", stdout=out)
        # Running it again adds nothing.
        again = io.StringIO()
        call_command("seed_demo", "--no-progress", "--size", "test", stdout=again)
    yield out.getvalue()
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)
    cache.clear()
    media.disable()


def bulk_companies(language_code: str):
    return CompanyPage.objects.filter(
        locale__language_code=language_code, slug__regex=r"-nr-[0-9]+$"
    )


def test_the_tree_is_valid(seeded):
    assert Page.find_problems() == ([], [], [], [], [])
    for page in Page.objects.filter(depth__lt=4):
        assert page.numchild == page.get_children().count(), page.url_path


def test_counts_are_as_asked(seeded):
    assert bulk_companies("de").count() == SIZE.firms
    assert bulk_companies("en").count() == SIZE.firms
    for language_code in ("de", "en"):
        vacancies = sum(
            VacancyPage.objects.child_of(company).count()
            for company in bulk_companies(language_code)
        )
        assert vacancies == SIZE.vacancies
    events = EventPage.objects.filter(slug__regex=r"-nr-[0-9]+$")
    assert events.count() == SIZE.events
    assert events.exclude(repeat="").count() == SIZE.recurring
    ideas = Idea.objects.filter(title__regex=BULK_TITLE)
    assert ideas.count() == SIZE.ideas
    assert Support.objects.filter(idea__in=ideas).count() == SIZE.supports
    assert Comment.objects.filter(idea__in=ideas).count() == SIZE.comments
    assert not Support.objects.filter(idea__in=ideas).exclude(
        idea__status__in=PUBLIC_STATUSES
    )


def test_bulk_pages_are_live_with_one_revision_and_linked_translations(seeded):
    for page in bulk_companies("de"):
        english = page.get_translation_or_none(bulk_companies("en").first().locale)
        assert english is not None
        assert english.slug == page.slug
        assert english.specific.sector.locale_id == english.locale_id
        assert page.live
        assert not page.has_unpublished_changes
        assert page.live_revision_id == page.latest_revision_id
        assert Revision.page_revisions.filter(object_id=str(page.pk)).count() == 1
        revision = page.latest_revision.as_object()
        assert revision.title == page.title
        assert set(revision.languages.values_list("code", flat=True)) == set(
            page.languages.values_list("code", flat=True)
        )
        assert page.tags.exists()
        assert page.alias_of_id is None


def test_bulk_pages_route_and_render(seeded):
    client = Client(HTTP_HOST="localhost")
    pages = [
        *bulk_companies("de")[:2],
        *bulk_companies("en")[:2],
        *EventPage.objects.filter(slug__regex=r"-nr-[0-9]+$")[:3],
    ]
    for company in bulk_companies("de")[:2]:
        pages += list(company.get_children().specific()[:1])
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert escape(page.title) in response.content.decode(), page.url
    directory = bulk_companies("de").first().get_parent()
    response = client.get(directory.url, {"q": "Nr."})
    assert response.status_code == 200


def test_the_admin_lists_and_edits_bulk_pages(seeded):
    client = Client()
    assert client.login(username="admin", password=DEMO_PASSWORD)
    company = bulk_companies("de").first()
    assert client.get(f"/admin/pages/{company.get_parent().pk}/").status_code == 200
    assert client.get(f"/admin/pages/{company.pk}/edit/").status_code == 200
    vacancy = company.get_children().first()
    assert client.get(f"/admin/pages/{vacancy.pk}/edit/").status_code == 200


def test_bulk_residents_log_in_and_ideas_show_supports(seeded):
    client = Client(HTTP_HOST="localhost")
    assert client.login(username="anwohner-00001", password=DEMO_PASSWORD)
    idea = (
        Idea.objects.filter(title__regex=BULK_TITLE, status__in=PUBLIC_STATUSES)
        .order_by("pk")
        .first()
    )
    board = IdeaBoardPage.objects.filter(locale__language_code="de").first()
    assert client.get(board.url + "?sort=supported").status_code == 200
    assert client.get(board.idea_url(idea)).status_code == 200
