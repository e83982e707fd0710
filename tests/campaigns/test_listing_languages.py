"""A campaign nobody translated keeps its German title and claim in the
visitor's language (wagtail-localize's copy): the campaigns index and the
home page's current campaign mark them lang="de" dir="ltr" in every
shipped language, and leave a translated campaign alone."""

import datetime

import pytest
from django.conf import settings
from wagtail.models import Locale

from tests.factories.campaigns import CampaignIndexPageFactory, CampaignPageFactory
from tests.factories.home import translate_page
from tests.utils import shown_text_language, soup

LANGUAGES = [code for code, _name in settings.LANGUAGES]
SOURCE = "de"

KEPT = {"title": "Sauberes Schlaatz", "claim": "Gemeinsam aufräumen."}
DONE = {"title": "Nachbarschaftsfest", "claim": "Alle sind eingeladen."}


@pytest.fixture
def world(home):
    index = CampaignIndexPageFactory(parent=home)
    today = datetime.date.today()
    # The newest running campaign is the home page's: `kept`.
    done = CampaignPageFactory(
        parent=index, period_start=today - datetime.timedelta(days=3), **DONE
    )
    kept = CampaignPageFactory(
        parent=index, period_start=today - datetime.timedelta(days=1), **KEPT
    )
    return {"home": home, "index": index, "kept": kept, "done": done}


def _pages(client, world, code):
    home, index = world["home"], world["index"]
    if code != SOURCE:
        if code == "en":  # the English home page comes with the migrations
            home = home.get_translation(Locale.objects.get(language_code="en"))
        else:
            home = translate_page(home, code, slug=f"start-{code}")
        index = translate_page(index, code, slug=f"campaigns-{code}")
        translate_page(world["kept"], code)
        translate_page(
            world["done"],
            code,
            title=f"{DONE['title']} ({code})",
            claim=f"{DONE['claim']} ({code})",
        )
    return soup(client.get(index.url)), soup(client.get(home.url)).find(
        "section", class_="home-campaign"
    )


@pytest.mark.parametrize("code", LANGUAGES)
def test_campaign_cards_mark_german_texts_of_an_untranslated_campaign(
    client, world, code
):
    if code == SOURCE:
        pytest.skip("German is the source")
    listing, teaser = _pages(client, world, code)

    for html in (listing, teaser):
        assert html is not None
        for text in KEPT.values():
            assert shown_text_language(html, text) == ("de", "ltr"), text
    for text in DONE.values():
        assert shown_text_language(listing, f"{text} ({code})")[0] == code, text


def test_german_campaign_cards_are_not_marked(client, world):
    listing, teaser = _pages(client, world, SOURCE)

    assert not listing.select(".card [lang]")
    assert not teaser.select("[lang]")
