"""The newcomers' languages: locales exist, right-to-left pages say so, and
the finder answers in every language it was translated into."""

import pytest
from wagtail.models import Locale

from tests.factories.directory import VacancyFinderPageFactory
from tests.factories.home import translate_page
from tests.utils import soup

NEWCOMER = ["ar", "fa", "uk", "ru", "tr"]


def test_locales_exist(db):
    codes = set(Locale.objects.values_list("language_code", flat=True))
    assert {"de", "en", *NEWCOMER} <= codes


@pytest.mark.parametrize(
    ("code", "direction"),
    [("ar", "rtl"), ("fa", "rtl"), ("uk", "ltr"), ("ru", "ltr"), ("tr", "ltr")],
)
def test_finder_direction_per_language(client, home_de, code, direction):
    finder = VacancyFinderPageFactory(parent=home_de)
    home = translate_page(home_de, code, slug=f"home-{code}")
    assert home.locale.language_code == code
    translated = translate_page(finder, code, slug=f"stellen-{code}")
    response = client.get(translated.url)
    assert response.status_code == 200
    html = soup(response).html
    assert (html["lang"], html["dir"]) == (code, direction)
    switcher = {a["hreflang"] for a in soup(response).select(".language-switcher a")}
    assert switcher == {"de"}  # only the languages this page exists in
