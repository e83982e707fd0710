"""A firm's admin dashboard: its company, its vacancies with their end dates,
what waits for review, and a page count of its own pages, not the site's."""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Locale, Page
from wagtail.users.models import UserProfile

from directory import services
from tests.factories.directory import VacancyPageFactory
from tests.utils import soup

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def _dashboard(client, user, language_code="en"):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language_code
    profile.save()
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("language_code", LANGUAGE_CODES)
def test_firm_dashboard_shows_its_company_vacancies_and_reviews(
    client, company_a, company_b, vacancy_a, vacancy_b, firm_a_user, language_code
):
    later = VacancyPageFactory(
        parent=company_a,
        title="Stelle A2",
        slug="stelle-a2",
        apply_until=dt.date.today() + dt.timedelta(days=40),
    )
    later.title = "Stelle A2 (neu)"
    revision = later.save_revision(user=firm_a_user)
    later.get_workflow().start(later, firm_a_user)
    assert revision.pk

    page = soup(_dashboard(client, firm_a_user, language_code))
    panel = page.select_one(".firm-dashboard")
    assert panel is not None, "no firm panel on the dashboard"
    with translation.override(language_code):
        heading = gettext("My company: %(company)s") % {"company": "Firma A"}
        waiting = gettext("waiting for review")
    assert panel.select_one("h2").get_text(strip=True) == heading
    links = {a["href"] for a in panel.select("a")}
    assert reverse("wagtailadmin_pages:edit", args=[company_a.pk]) in links
    assert reverse("wagtailadmin_pages:edit", args=[vacancy_a.pk]) in links
    rows = {
        row.select_one("th").get_text(strip=True): row.get_text(" ", strip=True)
        for row in panel.select("tbody tr")
    }
    assert set(rows) == {"Stelle A", "Stelle A2"}
    assert f'datetime="{later.apply_until:%Y-%m-%d}"' in str(panel)
    assert f'datetime="{vacancy_a.apply_until:%Y-%m-%d}"' in str(panel)
    assert waiting in rows["Stelle A2"]
    review_list = [li.get_text(" ", strip=True) for li in panel.select("ul li")]
    assert any("Stelle A2" in item for item in review_list)
    # Nothing of the other firm.
    assert "Firma B" not in panel.get_text()
    assert "Stelle B" not in panel.get_text()


def test_firm_page_count_is_its_own_not_the_site(
    client, company_a, company_b, vacancy_a, vacancy_b, firm_a_user
):
    # With its company in two language trees, the firm's nearest common root
    # is the site root, and Wagtail counted every page of the site.
    english = Locale.objects.get(language_code="en")
    company_a.copy_for_translation(english, copy_parents=True).save_revision().publish()
    services.firm_access_sync(company=company_a)
    summary = soup(_dashboard(client, firm_a_user)).select_one(".w-summary")
    counts = [
        (link["href"], link.get_text(" ", strip=True)) for link in summary.select("a")
    ]
    pages = [text for href, text in counts if "/pages/" in href]
    site_total = Page.objects.count() - 1
    own = 3  # Firma A, its vacancy, its English translation
    assert Page.objects.filter(title="Firma A").count() == 2
    assert pages == [f"{own} pages of Firma A"]
    assert all(str(site_total) not in text for text in pages)
    explore = reverse("wagtailadmin_explore", args=[company_a.pk])
    assert any(href == explore for href, _text in counts)


def test_editor_dashboard_has_no_firm_panel(client, company_a, editor_user):
    response = _dashboard(client, editor_user)
    assert soup(response).select_one(".firm-dashboard") is None
    assert re.search(r"\d+ Pages", response.content.decode())


def test_firm_dashboard_queries_do_not_grow_with_vacancies(
    client, company_a, firm_a_user
):
    def queries():
        client.force_login(firm_a_user)
        with CaptureQueriesContext(connection) as context:
            assert client.get(reverse("wagtailadmin_home")).status_code == 200
        return len(context)

    for index in range(3):
        VacancyPageFactory(parent=company_a, title=f"V{index}", slug=f"v{index}")
    queries()  # warms the per-process caches (site root paths, content types)
    small = queries()
    for index in range(3, 3 + 20):
        VacancyPageFactory(parent=company_a, title=f"V{index}", slug=f"v{index}")
    assert queries() == small
