"""Issue 11, "Bidirectional text": in Arabic and Persian, every phone number,
postcode, date and reference is rendered inside an isolate (a <bdi> or an
element with a `dir` attribute), so the bidi algorithm cannot reorder its
digits or mix it with its neighbours. German fallback text says it is German.

The check is generic: every text node in the page body that holds a run of
four or more digits (phones, postcodes, years in dates, idea references) must
have an isolating ancestor. A browser test (tests/e2e) checks the visual
order of a phone number's digits.
"""

import re

import pytest
from django.core import mail
from wagtail.models import Locale, Page, Site

from ideas.mails import idea_mail_enqueue
from ideas.models import IdeaBoardPage
from portal.models import OrganisationSettings
from tests.factories.directory import (
    CompanyPageFactory,
    DirectoryIndexPageFactory,
    QuarterFactory,
    VacancyFinderPageFactory,
    VacancyPageFactory,
)
from tests.factories.events import (
    EventIndexPageFactory,
    EventPageFactory,
    berlin,
)
from tests.factories.home import ContactPointPageFactory, translate_page
from tests.factories.ideas import CategoryFactory, IdeaFactory
from tests.utils import soup

RTL = ["ar", "fa"]
DIGITS = re.compile(r"\d{4,}|\d+[ /.\-]\d+[ /.\-]\d+")
PHONE = "0331 953 9536"


def _isolated(node) -> bool:
    for parent in node.parents:
        if parent.name in ("bdi",) or parent.has_attr("dir") and parent.name != "html":
            return True
        if parent.name in ("body", "head"):
            return False
    return False


def _unisolated_numbers(response) -> list[str]:
    page = soup(response)
    for hidden in page.select("script, style, svg, head"):
        hidden.decompose()
    return [
        str(text).strip()
        for text in page.body.find_all(string=DIGITS)
        if not _isolated(text)
    ]


@pytest.fixture
def pages(db):
    home = Page.objects.get(depth=2, locale=Locale.get_default()).specific
    settings_row = OrganisationSettings.for_site(Site.objects.get(is_default_site=True))
    settings_row.street, settings_row.postal_code = "Gagarinstraße 5", "14480"
    settings_row.phone, settings_row.email = PHONE, "info@example.org"
    settings_row.save()
    stern = QuarterFactory(name="Stern", slug="stern")
    contact = ContactPointPageFactory(
        parent=home,
        title="Anlaufstelle Stern",
        phone=PHONE,
        email="stern@example.org",
        quarter=stern,
    )
    index = DirectoryIndexPageFactory(parent=home)
    finder = VacancyFinderPageFactory(parent=home)
    company = CompanyPageFactory(
        parent=index, title="Malerei Stern", quarter=stern, phone=PHONE
    )
    vacancy = VacancyPageFactory(
        parent=company, title="Malerhelfer", apply_phone=PHONE, apply_email="a@b.de"
    )
    board = IdeaBoardPage(title="Ideencenter", slug="ideen")
    home.add_child(instance=board)
    board.save_revision().publish()
    idea = IdeaFactory(
        title="Hochbeete am Stern",
        category=CategoryFactory(),
        quarter=stern,
    )
    return {
        "home": home,
        "contact": contact,
        "index": index,
        "finder": finder,
        "company": company,
        "vacancy": vacancy,
        "board": board,
        "idea": idea,
    }


def _in(page, code):
    existing = page.get_translation_or_none(Locale.objects.get(language_code=code))
    return existing.specific if existing else translate_page(page, code)


@pytest.mark.parametrize("code", RTL)
def test_numbers_sit_in_isolates_on_every_page(client, pages, code):
    _in(pages["home"], code)
    urls = {
        "contact point": _in(pages["contact"], code).url,
        "company": _in(pages["company"], code).url if _in(pages["index"], code) else "",
        "finder": _in(pages["finder"], code).url,
        "idea": f"{_in(pages['board'], code).url}{pages['idea'].reference}/",
        "board": _in(pages["board"], code).url,
        "home": f"/{code}/",
    }
    vacancy = _in(pages["vacancy"], code)
    urls["vacancy"] = vacancy.url
    client.post(
        "/merkliste/aendern/",
        {"finder": pages["finder"].pk, "action": "add", "vacancy": vacancy.pk},
    )
    urls["handout"] = f"{_in(pages['finder'], code).url}merkliste/handzettel/"
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert soup(response).html["dir"] == "rtl", name
        assert _unisolated_numbers(response) == [], name
        body = response.content.decode()
        assert PHONE in body or name in ("idea", "board", "finder", "home"), name


@pytest.mark.parametrize("code", RTL)
def test_phone_numbers_are_left_to_right_isolates(client, pages, code):
    url = _in(pages["contact"], code).url if _in(pages["home"], code) else ""
    page = soup(client.get(url))
    phones = [
        element
        for element in page.find_all(string=PHONE)
        if element.parent.name == "bdi"
    ]
    assert len(phones) >= 2  # the contact point's and the footer's
    assert all(text.parent["dir"] == "ltr" for text in phones)


@pytest.mark.parametrize("code", RTL)
def test_text_mails_isolate_references_and_dates_in_rtl_languages(pages, code):
    idea = pages["idea"]
    idea.language = code
    idea.save()
    mail.outbox.clear()
    for kind in ("submitted", "published"):
        idea_mail_enqueue(kind=kind, idea=idea, recipient_ids=[idea.author_id])
    submitted, published = mail.outbox
    isolated = f"\u2066{idea.reference}\u2069"
    assert isolated in submitted.subject
    # Outside links (where the reference is part of a URL) it is isolated.
    text = re.sub(r"https?://\S+", "", submitted.body)
    assert isolated in text
    assert idea.reference not in text.replace(isolated, "")
    # The response date is a first-strong isolate (spelled in the language).
    assert re.search("\u2068[^\u2069]*\\d{4}[^\u2069]*\u2069", published.body)


def test_text_mails_stay_plain_in_german(pages):
    idea = pages["idea"]
    mail.outbox.clear()
    idea_mail_enqueue(kind="published", idea=idea, recipient_ids=[idea.author_id])
    (message,) = mail.outbox
    assert idea.reference in message.subject
    assert "\u2066" not in message.subject + message.body


@pytest.mark.parametrize("code", RTL)
def test_hour_ranges_are_one_left_to_right_isolate(client, pages, code):
    """ "18:00–20:00" read right to left would swap its ends ("20:00–18:00"):
    an event's hours on one day and a company's opening hours are each one
    left-to-right isolate."""
    home = _in(pages["home"], code)
    index = EventIndexPageFactory(parent=pages["home"])
    event = EventPageFactory(
        parent=index, title="Sprachcafé", start=berlin(2027, 1, 12, 18, 0)
    )
    _in(index, code)
    translated = _in(event, code)
    assert home.live

    page = soup(client.get(translated.url))
    ranges = [
        bdi
        for bdi in page.find_all("bdi", dir="ltr")
        if re.fullmatch(r"18:00\s*–\s*20:00", bdi.get_text().strip())
    ]
    assert ranges, "the event's hour range is not one isolate"


@pytest.mark.parametrize("code", RTL)
def test_pay_range_is_one_left_to_right_isolate(client, pages, code):
    """ "12,50 € – 15 €" read right to left shows its ends swapped and the
    euro signs on the wrong side: the amounts are one isolate, the
    (translated) unit stays in the sentence's direction."""
    vacancy = pages["vacancy"]
    vacancy.pay_min, vacancy.pay_max, vacancy.pay_unit = 12.5, 15, "HOUR"
    vacancy.save_revision().publish()
    _in(pages["home"], code)
    _in(pages["index"], code)
    _in(pages["company"], code)
    translated = _in(vacancy, code)

    response = client.get(translated.url)

    amounts = _ranges(response, r"12[.,٫]50\s*€\s*–\s*15\s*€")
    assert amounts, "the pay range is not one isolate"


def _ranges(response, text: str) -> list:
    return [
        bdi
        for bdi in soup(response).find_all("bdi", dir="ltr")
        if re.fullmatch(text, bdi.get_text().strip())
    ]


@pytest.mark.parametrize(("code", "isolated"), [("ar", True), ("fa", False)])
def test_weekly_hours_range_is_isolated_where_written_with_a_dash(
    client, pages, code, isolated
):
    """Arabic writes "20–30 ساعة": the range is one isolate. Persian writes
    "20 تا 30 ساعت" in words, which reads right in its own direction."""
    vacancy = pages["vacancy"]
    vacancy.hours_min, vacancy.hours_max = 20, 30
    vacancy.save_revision().publish()
    _in(pages["home"], code)
    _in(pages["index"], code)
    _in(pages["company"], code)
    translated = _in(pages["vacancy"], code)
    translated.hours_min, translated.hours_max = 20, 30
    translated.save_revision().publish()

    response = client.get(translated.url)
    assert bool(_ranges(response, r"20\s*–\s*30")) is isolated
    assert "30" in response.content.decode()
