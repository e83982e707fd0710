"""Every page type renders in German at / and in English under /en/."""

from datetime import time, timedelta

import pytest
from django.utils import timezone
from wagtail.models import Locale

from tests.factories.home import (
    ContactPointPageFactory,
    LegalPageFactory,
    StandardPageFactory,
    translate_page,
)
from tests.factories.portal import QuarterFactory
from tests.utils import html_lang, main_text, soup


@pytest.fixture
def quarters(home_de):
    english = Locale.objects.get(language_code="en")
    stern = QuarterFactory(name="Stern", slug="stern", sort_order=1)
    schlaatz = QuarterFactory(
        name="Schlaatz",
        slug="schlaatz",
        sort_order=2,
        portrait="Der Schlaatz liegt zwischen Nuthe und Havel.",
    )
    QuarterFactory(name="Potsdam (weitere)", slug="potsdam", is_project_quarter=False)
    for quarter, portrait in [
        (stern, "Stern is Potsdam's largest quarter."),
        (schlaatz, "Schlaatz lies between the Nuthe and the Havel."),
    ]:
        translated = quarter.copy_for_translation(english)
        translated.portrait = portrait
        translated.save()
    return stern, schlaatz


@pytest.mark.parametrize(
    ("url", "language", "title", "portrait"),
    [
        ("/", "de", "Willkommen im Quartier", "zwischen Nuthe und Havel"),
        ("/en/", "en", "Welcome to the quarter", "between the Nuthe and the Havel"),
    ],
)
def test_home_page_renders_with_quarter_portraits(
    client, home_de, home_en, quarters, url, language, title, portrait
):
    for page, page_title, intro in [
        (home_de, "Willkommen im Quartier", "<p>Arbeit finden im Kiez.</p>"),
        (home_en, "Welcome to the quarter", "<p>Find work nearby.</p>"),
    ]:
        page.title, page.intro = page_title, intro
        page.save_revision().publish()

    response = client.get(url)

    assert response.status_code == 200
    assert html_lang(response) == language
    html = soup(response)
    assert html.h1.get_text(strip=True) == title
    cards = [h.get_text(strip=True) for h in html.select(".card__title")]
    assert cards == ["Stern", "Schlaatz"], "only project quarters, in order"
    assert portrait in main_text(response)
    other_language_portrait = (
        "between the Nuthe" if language == "de" else "zwischen Nuthe"
    )
    assert other_language_portrait not in main_text(response)


@pytest.fixture
def standard_pages(home_de, image):
    """A German standard page using every StreamField block, with its English
    translation, and a target page for the call to action."""
    target = StandardPageFactory(parent=home_de, title="Kontakt", slug="kontakt")
    target_en = translate_page(target, title="Contact", slug="contact")
    blocks = {
        "de": dict(
            body__0__heading__text="Was wir anbieten",
            body__1__paragraph__value="<p>Wir beraten <b>kostenlos</b>.</p>",
            body__2__image__image=image,
            body__2__image__alt_text="Menschen am PC im Café",
            body__2__image__caption="Das PC-Café",
            body__3__call_to_action__title="Sprechen Sie uns an",
            body__3__call_to_action__label="Zum Kontakt",
            body__3__call_to_action__page=target,
            body__3__call_to_action__external_url="",
            body__4__accordion__items__0__question="Kostet das etwas?",
            body__5__quote__quote="Hier hilft man sich.",
            body__5__quote__attribution="Bewohnerin aus Drewitz",
        ),
        "en": dict(
            body__0__heading__text="What we offer",
            body__1__paragraph__value="<p>Our advice is <b>free</b>.</p>",
            body__2__image__image=image,
            body__2__image__alt_text="People at computers in the café",
            body__2__image__caption="The PC café",
            body__3__call_to_action__title="Talk to us",
            body__3__call_to_action__label="Contact us",
            body__3__call_to_action__page=target,
            body__3__call_to_action__external_url="",
            body__4__accordion__items__0__question="Does it cost anything?",
            body__5__quote__quote="People help each other here.",
            body__5__quote__attribution="Resident of Drewitz",
        ),
    }
    page = StandardPageFactory(
        parent=home_de, title="Über das Projekt", slug="projekt", **blocks["de"]
    )
    english_body = StandardPageFactory.build(**blocks["en"]).body
    page_en = translate_page(
        page, title="About the project", slug="project", body=english_body
    )
    return {"de": page, "en": page_en, "target": {"de": target, "en": target_en}}


EXPECTED_BLOCKS = {
    "de": {
        "heading": "Was wir anbieten",
        "paragraph": "Wir beraten kostenlos.",
        "alt": "Menschen am PC im Café",
        "caption": "Das PC-Café",
        "cta": "Zum Kontakt",
        "question": "Kostet das etwas?",
        "quote": "Hier hilft man sich.",
        "attribution": "Bewohnerin aus Drewitz",
    },
    "en": {
        "heading": "What we offer",
        "paragraph": "Our advice is free.",
        "alt": "People at computers in the café",
        "caption": "The PC café",
        "cta": "Contact us",
        "question": "Does it cost anything?",
        "quote": "People help each other here.",
        "attribution": "Resident of Drewitz",
    },
}


@pytest.mark.parametrize(
    ("language", "url", "title"),
    [
        ("de", "/projekt/", "Über das Projekt"),
        ("en", "/en/project/", "About the project"),
    ],
)
def test_standard_page_renders_every_block(
    client, standard_pages, language, url, title
):
    expected = EXPECTED_BLOCKS[language]

    response = client.get(url)

    assert response.status_code == 200
    assert html_lang(response) == language
    article = soup(response).find("main").article
    assert article.h1.get_text(strip=True) == title
    assert article.find("h2", string=expected["heading"]) is not None
    paragraphs = [div.get_text() for div in article.select(".rich-text")]
    assert expected["paragraph"] in paragraphs
    img = article.select_one("figure.figure img")
    assert img["alt"] == expected["alt"]
    figcaption = article.select_one("figure.figure figcaption").get_text(" ")
    assert expected["caption"] in figcaption
    assert "Foto: Quartiersprojekt" in figcaption, "the image credit is shown"
    cta = article.select_one(".cta a.button")
    assert cta.get_text(strip=True) == expected["cta"]
    assert cta["href"] == standard_pages["target"][language].url, (
        "the call to action links to the target page in the active language"
    )
    summary = article.select_one("details.accordion__item summary")
    assert summary.get_text(strip=True) == expected["question"]
    quote = article.select_one("figure.quote")
    assert quote.blockquote.get_text(strip=True) == expected["quote"]
    assert quote.figcaption.get_text(strip=True) == expected["attribution"]


def test_call_to_action_with_external_link(client, home_de):
    StandardPageFactory(
        parent=home_de,
        slug="mitmachen",
        body__0__call_to_action__label="Zur Stadt",
        body__0__call_to_action__external_url="https://www.potsdam.de/",
    )

    response = client.get("/mitmachen/")

    assert response.status_code == 200
    assert soup(response).select_one(".cta a")["href"] == "https://www.potsdam.de/"


@pytest.fixture
def contact_point(home_de):
    """A contact point open Monday in two slots, Tuesday by appointment,
    closed on Saturday, with services and a multilingual contact person."""
    fields = dict(
        title="Anlaufstelle Stern",
        slug="anlaufstelle-stern",
        intro="Kommen Sie vorbei.",
        street="Johannes-Kepler-Platz 5",
        postal_code="14480",
        phone="0331 555 0110",
        latitude="52.374800",
        longitude="13.124900",
        step_free_access=True,
        accessible_toilet=False,
        opening_hours__0__day__weekday="1",
        opening_hours__0__day__slots__0__opens=time(9),
        opening_hours__0__day__slots__0__closes=time(12),
        opening_hours__0__day__slots__1__opens=time(13),
        opening_hours__0__day__slots__1__closes=time(16, 30),
        opening_hours__1__day__weekday="2",
        opening_hours__1__day__status="appointment",
        opening_hours__2__day__weekday="6",
        opening_hours__2__day__status="closed",
        opening_hours__2__day__note="Feiertags zu",
    )
    page = ContactPointPageFactory(parent=home_de, **fields)
    page.services = [
        ("service", {"kind": "pc_cafe", "title": "PC-Café", "description": ""}),
        (
            "service",
            {"kind": "workshop", "title": "Selbsthilfewerkstatt", "description": ""},
        ),
    ]
    page.contact_persons = [
        (
            "person",
            {
                "name": "Aylin Demir",
                "role": "Coaching",
                "phone": "",
                "email": "aylin@example.org",
                "languages": ["de", "tr", "ar"],
            },
        )
    ]
    page.save_revision().publish()
    english = translate_page(
        page,
        title="Contact point Stern",
        slug="contact-point-stern",
        services=[
            ("service", {"kind": "pc_cafe", "title": "PC café", "description": ""}),
            ("service", {"kind": "workshop", "title": "Repair workshop"}),
        ],
    )
    return {"de": page, "en": english}


CONTACT_POINT_TEXT = {
    "de": {
        "monday": "Montag",
        "appointment": "Nur nach Vereinbarung",
        "closed": "Geschlossen",
        "services": ["PC-Café", "Selbsthilfewerkstatt"],
        "languages": "Deutsch, Türkisch, Arabisch",
    },
    "en": {
        "monday": "Monday",
        "appointment": "By appointment only",
        "closed": "Closed",
        "services": ["PC café", "Repair workshop"],
        "languages": "German, Turkish, Arabic",
    },
}


@pytest.mark.parametrize(
    ("language", "url", "title"),
    [
        ("de", "/anlaufstelle-stern/", "Anlaufstelle Stern"),
        ("en", "/en/contact-point-stern/", "Contact point Stern"),
    ],
)
def test_contact_point_page_renders_hours_services_and_people(
    client, contact_point, language, url, title
):
    expected = CONTACT_POINT_TEXT[language]

    response = client.get(url)

    assert response.status_code == 200
    assert html_lang(response) == language
    html = soup(response)
    assert html.h1.get_text(strip=True) == title
    assert "Johannes-Kepler-Platz 5" in html.address.get_text()
    days = {
        day.dt.get_text(strip=True): " ".join(day.dd.get_text(" ").split())
        for day in html.select(".opening-hours__day")
    }
    assert len(days) == 3
    monday = days[expected["monday"]]
    assert "09:00 – 12:00" in monday
    assert "13:00 – 16:30" in monday, "a second slot on the same day is shown"
    assert expected["appointment"] in days.values()
    assert any(
        value.startswith(expected["closed"]) and "Feiertags zu" in value
        for value in days.values()
    )
    services = [h.get_text(strip=True) for h in html.select(".service__title")]
    assert services == expected["services"]
    person = html.select_one(".person")
    assert "Aylin Demir" in person.get_text()
    assert expected["languages"] in person.get_text()


@pytest.mark.parametrize(
    ("days_left", "shown"), [(0, True), (5, True), (-1, False), (None, True)]
)
def test_contact_point_notice_disappears_after_its_day(
    client, home_de, days_left, shown
):
    until = None
    if days_left is not None:
        until = timezone.localdate() + timedelta(days=days_left)
    ContactPointPageFactory(
        parent=home_de,
        slug="anlaufstelle",
        notice="Wegen Renovierung geschlossen.",
        notice_until=until,
    )

    response = client.get("/anlaufstelle/")

    assert response.status_code == 200
    notice = soup(response).select_one(".notice")
    if shown:
        assert notice is not None
        assert "Wegen Renovierung geschlossen." in notice.get_text()
    else:
        assert notice is None
        assert "Wegen Renovierung" not in response.content.decode()


def test_contact_point_without_notice_shows_none(client, home_de):
    page = ContactPointPageFactory(parent=home_de, slug="ohne-hinweis", notice="")

    response = client.get(page.url)

    assert response.status_code == 200
    assert soup(response).select_one(".notice") is None


@pytest.mark.parametrize(
    ("language", "url", "title", "text"),
    [
        ("de", "/impressum/", "Impressum", "Angaben gemäß § 5 DDG"),
        ("en", "/en/imprint/", "Imprint", "Information according to § 5 DDG"),
    ],
)
def test_legal_page_renders(client, home_de, language, url, title, text):
    page = LegalPageFactory(
        parent=home_de,
        title="Impressum",
        slug="impressum",
        body="<h2>Angaben gemäß § 5 DDG</h2><p>Quartiersprojekt</p>",
    )
    translate_page(
        page,
        title="Imprint",
        slug="imprint",
        body="<h2>Information according to § 5 DDG</h2><p>Quartiersprojekt</p>",
    )

    response = client.get(url)

    assert response.status_code == 200
    assert html_lang(response) == language
    html = soup(response)
    assert html.h1.get_text(strip=True) == title
    assert html.find("h2", string=text) is not None
    assert html.select_one("main time")["datetime"] == "2026-11-01"


def test_home_page_lists_its_contact_points_in_its_language(client, home_de, home_en):
    stern = ContactPointPageFactory(
        parent=home_de, title="Anlaufstelle Stern", slug="stern", street="Am Stern 1"
    )
    translate_page(stern, "en", title="Contact point Stern", slug="stern")
    ContactPointPageFactory(parent=home_de, title="Entwurf", slug="entwurf", live=False)

    german = soup(client.get("/"))
    english = soup(client.get("/en/"))

    def listed(page):
        section = page.select_one("section[aria-labelledby=contact-points-heading]")
        return {a.get_text(strip=True): a["href"] for a in section.select("h3 a")}

    assert listed(german) == {"Anlaufstelle Stern": "/stern/"}
    assert listed(english) == {"Contact point Stern": "/en/stern/"}
    assert "Am Stern 1" in german.select_one("#contact-points-heading").parent.text
