"""`seed_demo` fills an empty database with the demo content and accounts of
the demo contract, and running it again changes nothing.

Seeding takes about two minutes, so the module seeds once (the `seeded`
fixture of tests/fixtures/demo.py) and each test works on top of it in its
own savepoint; a bigger scale is seeded once, in one test, and the bulk
path (`--size test`) once for the tests of `TestBulkSize`. Other apps' checks
of the demo belong here, not in a second seeded module: each seed costs
minutes of CPU in every database pass.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test import Client
from django.utils.html import escape
from modelsearch import index as search_index
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Revision, Site
from wagtail.search.models import IndexEntry
from wagtail.test.utils.form_data import querydict_from_html

from campaigns.models import CampaignImage, CampaignPage
from directory.demo import EXPIRED_VACANCY_SLUG
from directory.models import CompanyPage, VacancyPage
from events.models import EventDateChange, EventPage
from home.models import ContactPointPage, HomePage, LegalPage, StandardPage
from ideas.choices import PUBLIC_STATUSES
from ideas.demo_large import BULK_TITLE
from ideas.models import Comment, Idea, IdeaBoardPage, Support
from portal import roles
from portal.demo import DEMO_PASSWORD
from portal.demo_bulk import SIZES
from portal.models import LegalSettings, OrganisationSettings, Quarter
from tests.fixtures.demo import seed
from tests.utils import footer_links, soup

User = get_user_model()

# Every test here touches the database, even those that only read the
# summary: pytest-django runs database tests first, before the browser tests
# (whose event loop forbids synchronous database access).
# The module's seed is set-up, not test time (minutes on a loaded machine);
# its tests stay on one test process so that it seeds once, not once on each.
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.timeout(600, func_only=True),
    pytest.mark.xdist_group("seed_demo"),
]

STAFF_ACCOUNTS = ["admin", "editor", "moderator", "firma-a", "firma-b", "beraterin"]
ACCOUNT_GROUPS = {
    "admin": set(),
    "editor": {roles.EDITORS},
    "moderator": {roles.MODERATORS},
    "firma-a": {roles.FIRMS},
    "firma-b": {roles.FIRMS},
    "beraterin": {roles.ADVISERS},
    "bewohner": set(),
}


def counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "home pages": HomePage.objects.count(),
        "standard pages": StandardPage.objects.count(),
        "contact points": ContactPointPage.objects.count(),
        "legal pages": LegalPage.objects.count(),
        "live pages": Page.objects.live().count(),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "users": User.objects.count(),
        "groups": Group.objects.count(),
        "quarters": Quarter.objects.count(),
        "organisation settings": OrganisationSettings.objects.count(),
        "legal settings": LegalSettings.objects.count(),
        "events": EventPage.objects.count(),
        "event date changes": EventDateChange.objects.count(),
        "campaigns": CampaignPage.objects.count(),
        "campaign images": CampaignImage.objects.count(),
    }


def reports(language_code: str) -> int:
    section = Page.objects.get(
        locale__language_code=language_code,
        slug={"de": "aus-den-quartieren", "en": "from-the-quarters"}[language_code],
    )
    return section.get_children().type(StandardPage).live().count()


# Content ---------------------------------------------------------------------


def test_summary_lists_what_was_made_and_the_logins(seeded):
    assert "Demo content ready." in seeded
    assert DEMO_PASSWORD in seeded
    for username in ACCOUNT_GROUPS:
        assert username in seeded


def test_demo_content_in_both_languages(seeded, db):
    german = Locale.objects.get(language_code="de")
    english = Locale.objects.get(language_code="en")

    for locale in (german, english):
        home = HomePage.objects.get(locale=locale)
        assert home.intro, "the home page has its introduction"
        assert ContactPointPage.objects.live().filter(locale=locale).count() == 3
        assert LegalPage.objects.live().filter(locale=locale).count() == 3
        quarters = Quarter.objects.filter(locale=locale, is_project_quarter=True)
        assert {q.slug for q in quarters} == {"stern", "drewitz", "schlaatz"}
    assert reports("de") == reports("en") == 5
    for point in ContactPointPage.objects.filter(locale=german):
        assert point.opening_hours, "every contact point has opening hours"
        assert any(s.value["kind"] == "pc_cafe" for s in point.services)


def test_demo_site_renders_with_legal_links(seeded, db):
    client = Client(HTTP_HOST="localhost")

    for url, language in [("/", "de"), ("/en/", "en")]:
        response = client.get(url)
        assert response.status_code == 200
        assert soup(response).html["lang"] == language
        quarters = soup(response).select(
            "section[aria-labelledby=quarters-heading] .card__title"
        )
        cards = {h.get_text(strip=True) for h in quarters}
        assert cards == {"Stern", "Drewitz", "Schlaatz"}
        assert len(footer_links(response)) >= 3
    assert client.get("/anlaufstelle-stern/").status_code == 200
    assert client.get("/en/contact-point-stern/").status_code == 200
    assert client.get("/impressum/").status_code == 200
    assert client.get("/en/imprint/").status_code == 200


# Accounts and groups ---------------------------------------------------------


def test_demo_accounts_and_groups(seeded, db):
    assert set(roles.ROLES) <= set(Group.objects.values_list("name", flat=True))
    for username, groups in ACCOUNT_GROUPS.items():
        user = User.objects.get(username=username)
        assert user.check_password(DEMO_PASSWORD), username
        names = set(user.groups.values_list("name", flat=True))
        # Role groups exactly; the directory adds one group per firm on top.
        assert names & set(roles.ROLES) == groups, username
        assert len(names - set(roles.ROLES)) == (1 if "firma" in username else 0)
        assert user.is_active
    firm_groups = [
        set(User.objects.get(username=name).groups.exclude(name__in=roles.ROLES))
        for name in ("firma-a", "firma-b")
    ]
    assert firm_groups[0] != firm_groups[1]
    admin = User.objects.get(username="admin")
    assert admin.is_superuser
    assert admin.is_staff
    resident = User.objects.get(username="bewohner")
    assert not resident.is_superuser
    assert not resident.is_staff
    assert not resident.has_perm("wagtailadmin.access_admin")


@pytest.mark.parametrize("username", STAFF_ACCOUNTS)
def test_staff_demo_accounts_log_into_the_admin(seeded, db, username):
    client = Client()

    assert client.login(username=username, password=DEMO_PASSWORD)
    response = client.get("/admin/")

    assert response.status_code == 200


def test_admin_login_form_accepts_the_demo_password(seeded, db):
    client = Client()

    response = client.post(
        "/admin/login/", {"username": "editor", "password": DEMO_PASSWORD}
    )

    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_resident_is_refused_admin_access(seeded, db):
    client = Client()

    assert client.login(username="bewohner", password=DEMO_PASSWORD)
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


#: Pages of one type in one language opened in the editor: the hand-written
#: pages all, the generated ones (companies, vacancies, events …) their first
#: few, as each generator writes its rich text the same way. (All of them took
#: six minutes of each test run.)
EDITOR_SAMPLE = 6


def test_every_demo_page_opens_in_the_page_editor(seeded, db):
    """Demo content must be editable: rich text the editor cannot read (e.g.
    `<br>` instead of `<br/>`) breaks the edit view."""
    client = Client(raise_request_exception=False)
    client.login(username="admin", password=DEMO_PASSWORD)
    pages = Page.objects.filter(depth__gte=2).order_by("path")
    by_kind: dict = {}
    for page in pages.only("pk", "url_path", "content_type_id", "locale_id"):
        by_kind.setdefault((page.content_type_id, page.locale_id), []).append(page)
    sample = [page for group in by_kind.values() for page in group[:EDITOR_SAMPLE]]
    assert len(by_kind) > 20
    assert len(sample) > 100

    broken = [
        page.url_path
        for page in sample
        if client.get(f"/admin/pages/{page.pk}/edit/").status_code != 200
    ]

    assert broken == []


def test_demo_editor_edits_and_publishes_a_page(seeded, db):
    page = LegalPage.objects.get(slug="impressum")
    client = Client(HTTP_HOST="localhost")
    client.login(username="editor", password=DEMO_PASSWORD)
    data = querydict_from_html(
        client.get(f"/admin/pages/{page.pk}/edit/").content.decode(),
        form_id="page-edit-form",
    )
    data["title"] = "Impressum (geprüft)"
    data["action-publish"] = "action-publish"

    response = client.post(f"/admin/pages/{page.pk}/edit/", data)

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "Impressum (geprüft)"
    assert not page.has_unpublished_changes
    public = Client(HTTP_HOST="localhost").get("/impressum/")
    assert soup(public).h1.get_text(strip=True) == "Impressum (geprüft)"


def test_demo_moderator_cannot_edit_pages(seeded, db):
    page = LegalPage.objects.get(slug="impressum")
    client = Client()
    client.login(username="moderator", password=DEMO_PASSWORD)

    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 302
    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        {"title": "Übernommen", "slug": "impressum", "action-publish": "1"},
    )

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title != "Übernommen"


# Idempotence and scale -------------------------------------------------------


def test_second_run_changes_nothing(seeded, db):
    before = counts()
    passwords = dict(User.objects.values_list("username", "password"))

    output = seed()

    assert counts() == before
    assert " 0 created" in output
    for line in output.splitlines():
        if "created" in line:
            assert line.split()[-5] == "0", line
    assert set(passwords) == set(User.objects.values_list("username", flat=True))


def test_demo_has_the_promised_events_and_campaigns(seeded, db):
    german = EventPage.objects.filter(locale__language_code="de")
    assert 25 <= german.count() <= 35
    assert EventPage.objects.filter(locale__language_code="en").count() == (
        german.count()
    )
    assert german.filter(slug__startswith="pc-cafe-", repeat="weekly").count() == 3
    meeting = german.get(slug="netzwerktreffen-unternehmen")
    assert meeting.repeat == "monthly"
    assert meeting.date_changes.filter(kind="cancelled").count() == 1
    assert german.filter(category__slug="urban-gardening").count() >= 3
    assert german.filter(slug="sommerfest-schlaatz", all_day=True).exists()
    assert CampaignPage.objects.filter(locale__language_code="de").count() == 3
    assert CampaignPage.objects.filter(locale__language_code="en").count() == 3
    assert not CampaignImage.objects.filter(alt_text="").exists()


def test_scale_two_adds_reports_and_events(seeded, db):
    assert reports("de") == 5
    events = EventPage.objects.count()

    output = seed("--scale", "2")

    assert reports("de") == reports("en") == 10
    assert EventPage.objects.count() > events
    assert "reports" in output
    # Three contact points in each of the seven languages; only reports grow.
    assert ContactPointPage.objects.count() == 3 * 7, "only the reports grow"


@pytest.mark.parametrize("scale", ["0", "-1", "101"])
def test_scale_out_of_range_is_refused(db, scale):
    with pytest.raises(CommandError, match="--scale"):
        call_command("seed_demo", "--no-progress", "--scale", scale)


def test_refused_unless_the_demo_is_allowed(db, settings):
    settings.PORTAL_DEMO_ALLOWED = False
    users_before = User.objects.count()
    pages_before = Page.objects.count()

    with pytest.raises(CommandError, match="PORTAL_DEMO_ALLOWED"):
        call_command("seed_demo", "--no-progress")

    assert User.objects.count() == users_before
    assert Page.objects.count() == pages_before


def test_demo_has_an_ended_vacancy_answering_410(seeded, db):
    vacancy = VacancyPage.objects.get(slug=EXPIRED_VACANCY_SLUG)
    assert vacancy.live is False
    assert vacancy.expired is True
    response = Client(HTTP_HOST="localhost").get(vacancy.url or vacancy.get_url())
    assert response.status_code == 410
    assert "Aushilfe Sommerfest" in response.content.decode()


def test_demo_site_record_and_summary_follow_base_url(seeded, db, settings):
    """`make demo PORT=8421` serves http://127.0.0.1:8421: the Site record and
    the printed address say so (links from the admin lead there)."""
    settings.BASE_URL = "http://127.0.0.1:8421"

    output = seed()

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8421)
    assert "Site: http://127.0.0.1:8421/  Admin: http://127.0.0.1:8421/admin/" in output


# The bulk path of the large demo ---------------------------------------------
# `seed_demo --size test` (portal.demo_bulk and each app's demo_large) on top of
# the module's demo leaves a valid page tree, live pages with one revision each
# that route, render and open in the admin, translations linked, and exactly
# the asked counts of bulk content. Pytest (and pytest-randomly) keep a class's
# tests together, so the bulk content exists only while they run.

BULK = SIZES["test"]


@pytest.fixture(scope="class")
def bulk_seeded(seeded, django_db_blocker):
    savepoint = transaction.atomic()
    with django_db_blocker.unblock():
        savepoint.__enter__()
        seed("--size", "test")
        seed("--size", "test")  # running it again adds nothing
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        savepoint.__exit__(None, None, None)
    cache.clear()


def bulk_companies(language_code: str):
    return CompanyPage.objects.filter(
        locale__language_code=language_code, slug__regex=r"-nr-[0-9]+$"
    )


@pytest.mark.usefixtures("bulk_seeded")
class TestBulkSize:
    def test_the_tree_is_valid(self):
        assert Page.find_problems() == ([], [], [], [], [])
        for page in Page.objects.filter(depth__lt=4):
            assert page.numchild == page.get_children().count(), page.url_path

    def test_counts_are_as_asked(self):
        assert bulk_companies("de").count() == BULK.firms
        assert bulk_companies("en").count() == BULK.firms
        for language_code in ("de", "en"):
            vacancies = sum(
                VacancyPage.objects.child_of(company).count()
                for company in bulk_companies(language_code)
            )
            assert vacancies == BULK.vacancies
        events = EventPage.objects.filter(slug__regex=r"-nr-[0-9]+$")
        assert events.count() == BULK.events
        assert events.exclude(repeat="").count() == BULK.recurring
        ideas = Idea.objects.filter(title__regex=BULK_TITLE)
        assert ideas.count() == BULK.ideas
        assert Support.objects.filter(idea__in=ideas).count() == BULK.supports
        assert Comment.objects.filter(idea__in=ideas).count() == BULK.comments
        assert not Support.objects.filter(idea__in=ideas).exclude(
            idea__status__in=PUBLIC_STATUSES
        )

    def test_bulk_pages_are_live_with_one_revision_and_linked_translations(self):
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

    def test_bulk_pages_route_and_render(self):
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

    def test_site_search_finds_bulk_content_by_a_common_word(self):
        client = Client(HTTP_HOST="localhost")
        company = bulk_companies("de").order_by("pk").first()
        event = EventPage.objects.filter(slug__regex=r"-nr-[0-9]+$").first()
        for word, page in (("Bewerbungen", company), ("Eintritt", event)):
            results = [page.specific]
            found = False
            for number in range(1, 50):
                response = client.get("/suche/", {"q": word, "page": number})
                assert response.status_code == 200
                html = response.content.decode()
                if escape(results[0].title) in html:
                    found = True
                    break
                if f"page={number + 1}" not in html:
                    break
            assert found, (word, page.title)

    @pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the fast path is PostgreSQL's"
    )
    def test_bulk_index_rows_are_those_the_search_backend_writes(self):
        """The bulk path writes the index rows itself on PostgreSQL; indexing
        the same objects through modelsearch gives the same rows."""
        samples = [
            *bulk_companies("de")[:2],
            *bulk_companies("en")[:1],
            *VacancyPage.objects.child_of(bulk_companies("de").first())[:1],
            *EventPage.objects.filter(slug__regex=r"-nr-[0-9]+$")[:2],
            *Idea.objects.filter(title__regex=BULK_TITLE, status__in=PUBLIC_STATUSES)[
                :2
            ],
        ]
        columns = ("title", "autocomplete", "body", "title_text", "body_text")

        def words(text: str) -> list[str]:
            # Each vector's lexemes and weights, and each text's words, without
            # positions: the order of a page's tags is the database's, so it
            # may differ between two reads.
            return sorted(re.sub(r"(?<=[:,])[0-9]+", "", text).split())

        def rows():
            found = {}
            for obj in samples:
                obj = getattr(obj, "specific", obj)
                entries = IndexEntry.objects.filter(
                    content_type=ContentType.objects.get_for_model(obj),
                    object_id=str(obj.pk),
                ).values_list(*columns)
                found[obj.pk] = [[words(text) for text in row] for row in entries]
            return found

        bulk = rows()
        assert all(len(entries) == 1 for entries in bulk.values()), bulk
        for obj in samples:
            search_index.insert_or_update_object(getattr(obj, "specific", obj))
        assert rows() == bulk

    def test_rows_written_after_the_bulk_get_fresh_keys(self):
        """The bulk path takes its keys before it writes; what the site writes
        afterwards does not collide, and references follow the keys."""
        ideas = Idea.objects.filter(title__regex=BULK_TITLE)
        for idea in ideas:
            assert idea.reference == f"I-{idea.created_at.year}-{idea.pk:04d}"
        last = Comment.objects.order_by("-pk").first()
        with transaction.atomic():
            comment = Comment.objects.create(
                idea=ideas.filter(status__in=PUBLIC_STATUSES).first(),
                author=last.author,
                text="Noch eine Frage.",
            )
            assert comment.pk > last.pk
            transaction.set_rollback(True)

    def test_the_admin_lists_and_edits_bulk_pages(self):
        client = Client()
        assert client.login(username="admin", password=DEMO_PASSWORD)
        company = bulk_companies("de").first()
        assert client.get(f"/admin/pages/{company.get_parent().pk}/").status_code == 200
        assert client.get(f"/admin/pages/{company.pk}/edit/").status_code == 200
        vacancy = company.get_children().first()
        assert client.get(f"/admin/pages/{vacancy.pk}/edit/").status_code == 200

    def test_bulk_residents_log_in_and_ideas_show_supports(self):
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
