"""Queries per page are constant in the number of units, posts and
enquiries: 3 against 3 + a page of items."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from economy.selectors import POSTS_PER_PAGE, PREMISES_PER_PAGE
from tests.factories.economy import (
    BoardPostPageFactory,
    EnquiryFactory,
    PremisesPageFactory,
)
from tests.factories.ideas import ResidentFactory
from tests.portal.test_page_queries import BUDGET

pytestmark = pytest.mark.django_db

COUNTS: dict[str, list[int]] = {}


@pytest.fixture(autouse=True)
def _frame_cache_on(settings):
    """The site frame and lookups from their caches, as in production."""
    settings.PORTAL_FRAME_CACHE = True


def _queries(client, url) -> int:
    client.get(url)  # warm the caches (site root paths, settings)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context)


@pytest.mark.parametrize(
    "url",
    [
        "/gewerbeflaechen/",
        "/gewerbeflaechen/?view=map",
        "/gewerbeflaechen/?quarter=stern&type=shop&area=m&rent=mid&step_free=1&now=1",
        "/gewerbeflaechen/?sort=rent&page=2",
    ],
)
def test_premises_listing(client, listing, company_a, quarter, url):
    def add(n):
        for _ in range(n):
            PremisesPageFactory(parent=company_a, quarter=quarter)

    add(3)
    small = _queries(client, url)
    add(PREMISES_PER_PAGE)
    large = _queries(client, url)
    COUNTS[url] = [small, large]
    print(f"{url}: {small} / {large} queries")  # for the report
    assert small == large
    assert small <= BUDGET


def test_premises_page(client, listing, company_a, quarter):
    units = [PremisesPageFactory(parent=company_a, quarter=quarter) for _ in range(3)]
    small = _queries(client, units[0].url)
    for _ in range(PREMISES_PER_PAGE):
        PremisesPageFactory(parent=company_a, quarter=quarter)
    assert _queries(client, units[0].url) == small
    assert small <= BUDGET


@pytest.mark.parametrize("visitor", ["firm", "resident"])
def test_board(client, board, company_a, firm_a_user, visitor):
    client.force_login(firm_a_user if visitor == "firm" else ResidentFactory())

    def add(n):
        for _ in range(n):
            BoardPostPageFactory(parent=company_a)

    add(3)
    small = _queries(client, "/netzwerk/")
    add(POSTS_PER_PAGE)
    large = _queries(client, "/netzwerk/")
    print(f"/netzwerk/ as {visitor}: {small} / {large} queries")
    assert small == large
    # A firm has admin access, so Wagtail adds its user bar (its profile,
    # page permissions and workflow state: five queries of Wagtail's own).
    assert small <= BUDGET + (5 if visitor == "firm" else 0)


@pytest.mark.parametrize("view", ["enquiries:index", "economy_figures"])
def test_admin_views(client, adviser, listing, company_a, quarter, view):
    client.force_login(adviser)
    EnquiryFactory.create_batch(3)
    small = _queries(client, reverse(view))
    EnquiryFactory.create_batch(20)
    for _ in range(5):
        PremisesPageFactory(parent=company_a, quarter=quarter)
    large = _queries(client, reverse(view))
    print(f"{view}: {small} / {large} queries")
    assert small == large
