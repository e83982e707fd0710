"""An event's free-text facts that a translation still carries in German
(accessibility notes, registration details, the price note) are marked
lang="de" where they are shown: in Arabic and Persian the bidi algorithm
then lays them out left to right, punctuation on the right side."""

import re

import pytest

from tests.factories.events import EventIndexPageFactory, EventPageFactory
from tests.factories.home import translate_page

FIELDS = {
    "accessibility_notes": "Eingang ebenerdig, Toilette barrierefrei.",
    "registration_info": "Anmeldung bis Freitag, 12 Uhr.",
    "price_note": "ermäßigt 2 €",
}


@pytest.mark.parametrize("code", ["ar", "fa", "en"])
def test_german_facts_of_a_translated_event_are_marked(client, home, code):
    index = EventIndexPageFactory(parent=home)
    event = EventPageFactory(parent=index, title="Sprachcafé", price=5, **FIELDS)
    if code != "en":  # the English home page comes with the migrations
        translate_page(home, code, slug=f"start-{code}")
    translate_page(index, code, slug=f"events-{code}")
    translated = translate_page(event, code, title=f"Café ({code})")

    html = client.get(translated.url).content.decode()

    for field, text in FIELDS.items():
        match = re.search(rf"<(\w+)([^>]*)>\s*{re.escape(text)}", html)
        assert match, field
        assert 'lang="de"' in match.group(2), f"{field}: {match.group(0)}"
        assert 'dir="ltr"' in match.group(2), field
