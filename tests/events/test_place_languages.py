"""An event's place says which language each of its texts is in, in every
shipped language: the contact point's name and accessibility note come from
its translation in the visitor's language where there is one; what is still
German — a venue (snippets are not translated), a contact point nobody
translated, a translation that kept the German note — is marked lang="de"
dir="ltr". Otherwise screen readers read German with an Arabic voice, and in
Arabic and Persian the bidi algorithm puts the sentence's period on the
wrong side (".automatisch"). The event listing marks the place's name the
same way, and names the contact point in the visitor's language too."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from tests.factories.events import (
    EventIndexPageFactory,
    EventPageFactory,
    VenueFactory,
    berlin,
)
from tests.factories.home import ContactPointPageFactory, translate_page
from tests.utils import soup, text_language

LANGUAGES = [code for code, _name in settings.LANGUAGES]

VENUE = {"name": "Gemeinschaftsgarten Drewitz", "notes": "Ebene Wege, Hochbeete."}
POINT = {"name": "Anlaufstelle Stern", "notes": "Tür öffnet automatisch."}
OTHER = {"name": "Anlaufstelle Schlaatz", "notes": "Eingang über den Hof."}
INTRO = "Kurse und Feste, fast alles kostenlos."


def _text(html, text):
    node = html.find(string=lambda s: s and s.strip() == text)
    assert node is not None, f"{text!r} is not shown"
    return node


def _german(html, text, code):
    """`text` is marked as German where the page is not."""
    language, direction = text_language(_text(html, text))
    assert language == "de", text
    if code != "de":
        assert direction == "ltr", text


@pytest.fixture
def world(home):
    index = EventIndexPageFactory(parent=home, intro=INTRO)
    venue = VenueFactory(name=VENUE["name"], accessibility_notes=VENUE["notes"])
    point = ContactPointPageFactory(
        parent=home, title=POINT["name"], accessibility_notes=POINT["notes"]
    )
    other = ContactPointPageFactory(
        parent=home, title=OTHER["name"], accessibility_notes=OTHER["notes"]
    )
    # Within the listing's window (the next 90 days).
    day = timezone.localdate() + timedelta(days=7)
    start = berlin(day.year, day.month, day.day, 18, 0)
    events = {
        "venue": EventPageFactory(
            parent=index, title="Gartentag", venue=venue, start=start
        ),
        "point": EventPageFactory(
            parent=index, title="Sprachcafé", contact_point=point, start=start
        ),
        "other": EventPageFactory(
            parent=index, title="Bewerbungstag", contact_point=other, start=start
        ),
    }
    return {"home": home, "index": index, "point": point, "events": events}


def _translated(world, code):
    """The events in `code`; the contact point `point` translated in full,
    `other` not at all (it stays German)."""
    if code == "de":
        return world["index"], world["events"]
    if code != "en":  # the English home page comes with the migrations
        translate_page(world["home"], code, slug=f"start-{code}")
    translate_page(
        world["point"],
        code,
        title=f"{POINT['name']} ({code})",
        accessibility_notes=f"{POINT['notes']} ({code})",
        slug=f"point-{code}",
    )
    index = translate_page(world["index"], code, slug=f"events-{code}")
    events = {
        name: translate_page(event, code, title=f"{event.title} ({code})")
        for name, event in world["events"].items()
    }
    return index, events


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_place_says_which_language_its_texts_are_in(client, world, code):
    _index, events = _translated(world, code)

    def place(name):
        html = soup(client.get(events[name].url))
        return html.find("section", attrs={"aria-labelledby": "event-place"})

    # A venue is a snippet nobody translates: German wherever it is shown.
    section = place("venue")
    for text in VENUE.values():
        _german(section, text, code)

    # A contact point in the visitor's language: its own texts, unmarked.
    section = place("point")
    if code == "de":
        for text in POINT.values():
            assert text_language(_text(section, text))[0] == "de"
    else:
        for text in POINT.values():
            assert text_language(_text(section, f"{text} ({code})"))[0] == code
        # Not the German note beside it.
        assert not section.find(string=lambda s: s and s.strip() == POINT["notes"])

    # A contact point without a translation: German, marked.
    section = place("other")
    for text in OTHER.values():
        _german(section, text, code)


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_german_note_kept_by_a_translation_is_marked(client, world, code):
    """wagtail-localize publishes a translation with the German text of
    every segment nobody translated: such a note is still German."""
    if code == "de":
        pytest.skip("German is the source")
    _index, events = _translated(world, code)
    point = world["point"].get_translation(events["point"].locale)
    point.accessibility_notes = POINT["notes"]
    point.save_revision().publish()

    html = soup(client.get(events["point"].url))
    section = html.find("section", attrs={"aria-labelledby": "event-place"})
    _german(section, POINT["notes"], code)
    assert text_language(_text(section, f"{POINT['name']} ({code})"))[0] == code


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_listing_marks_a_german_place_name(client, world, code):
    index, _events = _translated(world, code)

    html = soup(client.get(index.url))

    _german(html, VENUE["name"], code)
    _german(html, OTHER["name"], code)
    _german(html, INTRO, code)  # the listing's own text, kept by its translation
    # The event points at the German contact point; listed in the
    # visitor's language like on the event page.
    name = POINT["name"] if code == "de" else f"{POINT['name']} ({code})"
    assert text_language(_text(html, name))[0] == code


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_contact_point_page_marks_what_its_translation_kept(client, world, code):
    """The contact point's own page, where the event's place links to: its
    title, introduction, notice and accessibility note, each German where a
    translation kept the original's text."""
    if code == "de":
        pytest.skip("German is the source")
    point = world["point"]
    point.intro = "Wir helfen bei Bewerbungen."
    point.notice = "Am Freitag geschlossen."
    point.save_revision().publish()
    if code != "en":
        translate_page(world["home"], code, slug=f"start-{code}")
    translated = translate_page(point, code, slug=f"point-{code}")

    article = soup(client.get(translated.url)).find("article")

    for text in (POINT["name"], POINT["notes"], point.intro, point.notice):
        _german(article, text, code)
