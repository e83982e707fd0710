"""Every public page of the local economy in all seven languages: no 500,
and German-only content (units and posts nobody translated) marked as
German."""

import re

import pytest
from django.conf import settings
from wagtail.models import Locale

from tests.economy.conftest import started
from tests.factories.economy import BoardPostPageFactory, PremisesPageFactory
from tests.factories.home import translate_page

pytestmark = pytest.mark.django_db

CODES = [code for code, _name in settings.LANGUAGES]


@pytest.fixture
def sites(home, listing, board, company_a, quarter):
    """The listing and the board in every language, one German-only unit and
    post, and a unit translated into English."""
    pages = {"de": {"listing": listing, "board": board}}
    for code in CODES:
        if code == "de":
            continue
        locale, _created = Locale.objects.get_or_create(language_code=code)
        if home.get_translation_or_none(locale) is None:
            translate_page(home, code)
        pages[code] = {
            "listing": translate_page(listing, code, slug=f"premises-{code}"),
            "board": translate_page(board, code, slug=f"network-{code}"),
        }
    unit = PremisesPageFactory(
        parent=company_a, title="Laden Nurdeutsch", summary="Nur auf Deutsch.",
        quarter=quarter,
    )  # fmt: skip
    post = BoardPostPageFactory(parent=company_a, title="Gesuch Nurdeutsch")
    return {"pages": pages, "unit": unit, "post": post}


@pytest.mark.parametrize("code", CODES)
def test_listing_board_and_form_in_every_language(client, sites, code):
    pages = sites["pages"][code]
    listing = pages["listing"]
    urls = [
        listing.url,
        listing.url + "?view=map&type=shop&area=m&quarter=stern",
        listing.url + "anfrage/",
        pages["board"].url,
        pages["board"].url + "?type=placement",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert f'lang="{code}"' in html
    listing_html = client.get(listing.url).content.decode()
    board_html = client.get(pages["board"].url).content.decode()
    if code == "de":
        assert "Laden Nurdeutsch" in listing_html
        return
    # German-only content is marked as German.
    assert re.search(r'lang="de"[^>]*>Laden Nurdeutsch', listing_html)
    assert re.search(r'lang="de"[^>]*>Nur auf Deutsch\.', listing_html)
    assert re.search(r'lang="de"[^>]*>Gesuch Nurdeutsch', board_html)


@pytest.mark.parametrize("code", CODES)
def test_enquiry_form_bad_input_in_every_language(client, sites, code):
    listing = sites["pages"][code]["listing"]
    response = client.post(listing.url + "anfrage/", {"started": started()})
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()


def test_translated_unit_is_shown_in_english(client, sites, index_page, company_a):
    en = Locale.objects.get(language_code="en")
    translate_page(index_page, "en", slug="companies")
    translate_page(company_a, "en")
    translate_page(sites["unit"], "en", title="Shop English", summary="In English.")
    html = client.get(sites["pages"]["en"]["listing"].url).content.decode()
    assert "Shop English" in html
    assert "Laden Nurdeutsch" not in html
    assert en
