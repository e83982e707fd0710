"""Participation-code slips in each of the portal's languages, each with a QR
code to the redeem page of that language."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from portal.qr import qr_svg
from residents.services import participation_codes_create
from tests.utils import soup

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


@pytest.mark.parametrize("language_code", LANGUAGE_CODES)
def test_code_sheet_in_every_language_with_a_qr_code(client, moderator, language_code):
    batch = participation_codes_create(label="Drewitz", count=2, actor=moderator)
    client.force_login(moderator)
    url = reverse("ideas_admin:code_sheet", args=[batch.pk])
    response = client.get(url, {"lang": language_code})
    assert response.status_code == 200
    page = soup(response)
    html = page.select_one("html")
    assert html["lang"] == language_code
    expected_dir = "rtl" if language_code in settings.LANGUAGES_BIDI else "ltr"
    assert html["dir"] == expected_dir
    with translation.override(language_code):
        title = gettext("Take part in the idea board")
        redeem_path = reverse("residents:code_redeem")
    slips = page.select("li.code")
    assert len(slips) == 2
    for slip, code in zip(slips, batch.codes.all(), strict=True):
        assert slip.select_one(".code__title").get_text(strip=True) == title
        assert slip.select_one(".code__value").get_text(strip=True) == code.code
        redeem_url = slip.select_one("strong").get_text(strip=True)
        assert redeem_url == f"http://localhost{redeem_path}"
        svg = slip.select_one(".code__qr svg")
        assert svg is not None, "no QR code on the slip"
        # The code encodes exactly the redeem URL of the slip's language.
        assert str(svg) == str(soup_of(qr_svg(redeem_url, title=redeem_url)))
    links = {a["hreflang"] for a in page.select(".sheet-languages a")}
    assert links == set(LANGUAGE_CODES)


def test_unknown_language_falls_back_without_error(client, moderator):
    batch = participation_codes_create(label="Stern", count=1, actor=moderator)
    client.force_login(moderator)
    url = reverse("ideas_admin:code_sheet", args=[batch.pk])
    response = client.get(url, {"lang": "xx"})
    assert response.status_code == 200
    assert soup(response).select_one("html")["lang"] in LANGUAGE_CODES


def soup_of(markup: str):
    return BeautifulSoup(markup, "html.parser").select_one("svg")
