"""Where each page type may live in the tree, checked with Wagtail's page
test helpers (and through the admin's "add page" view)."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text

from campaigns.models import CampaignIndexPage
from directory.models import DirectoryIndexPage, VacancyFinderPage
from economy.models import NetworkBoardPage, PremisesIndexPage
from events.models import EventIndexPage
from home.models import ContactPointPage, HomePage, LegalPage, StandardPage
from ideas.models import IdeaBoardPage


class PageTreeTests(WagtailPageTestCase):
    def test_home_page_children(self):
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                StandardPage,
                ContactPointPage,
                LegalPage,
                DirectoryIndexPage,
                VacancyFinderPage,
                EventIndexPage,
                CampaignIndexPage,
                IdeaBoardPage,
                PremisesIndexPage,
                NetworkBoardPage,
            },
        )

    def test_home_page_only_at_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_legal_pages_only_below_home(self):
        self.assertAllowedParentPageTypes(LegalPage, {HomePage})
        self.assertAllowedSubpageTypes(LegalPage, {})

    def test_standard_pages_nest_and_hold_contact_points(self):
        self.assertCanCreateAt(StandardPage, StandardPage)
        self.assertCanCreateAt(StandardPage, ContactPointPage)
        self.assertCanNotCreateAt(StandardPage, LegalPage)
        self.assertAllowedSubpageTypes(ContactPointPage, {})

    def test_editor_creates_legal_page_below_home(self):
        self.login()
        home = HomePage.objects.get(locale__language_code="de")

        self.assertCanCreate(
            home,
            LegalPage,
            nested_form_data(
                {
                    "title": "Impressum",
                    "slug": "impressum",
                    "body": rich_text("<h2>Angaben</h2><p>Quartiersprojekt</p>"),
                    "last_reviewed": "2026-11-01",
                }
            ),
        )

        page = LegalPage.objects.get(slug="impressum")
        self.assertPageIsRenderable(page)
        self.assertPageIsEditable(page)
