"""A vacancy and its translations are one vacancy for the firm: one entry in
one reminder mail per firm and run, one link that extends every language,
one "End vacancy" that ends every language (docs/firm-access.md)."""

import datetime as dt
import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale

from directory import services
from directory.models import VacancyPage
from tests.factories.directory import VacancyPageFactory
from tests.factories.home import translate_page

LANGUAGES = ["en", "ar", "uk", "tr"]


def _translate(page, code, **fields):
    existing = page.get_translation_or_none(Locale.objects.get(language_code=code))
    return existing or translate_page(page, code, **fields)


@pytest.fixture
def translated_firm(home, index_page, company_a, firm_a_user):
    """Firm A with three vacancies ending within days and one ending later,
    each published in German and four more languages."""
    today = timezone.localdate()
    vacancies = [
        VacancyPageFactory(
            parent=company_a,
            title=title,
            slug=f"stelle-{number}",
            apply_until=today + dt.timedelta(days=days),
        )
        for number, (title, days) in enumerate(
            [
                ("Verkäuferin Bäckerei", 2),
                ("Hausmeister", 5),
                ("Reinigungskraft", 6),
                ("Lagerhelfer", 40),
            ]
        )
    ]
    for code in LANGUAGES:
        _translate(home, code, title=f"Start {code}")
        _translate(index_page, code, title=f"Firmen {code}")
        _translate(company_a, code, title=f"Firma A {code}")
        for vacancy in vacancies:
            _translate(vacancy, code, title=f"{vacancy.title} ({code})")
    return vacancies


def _run() -> str:
    out = StringIO()
    call_command("send_vacancy_reminders", stdout=out)
    return out.getvalue()


def _links(body: str) -> list[str]:
    return [
        link.replace("http://localhost", "")
        for link in re.findall(r"http://\S+/noch-offen/\S+/\S+/\S+/", body)
    ]


def test_one_mail_per_firm_with_each_vacancy_once(
    translated_firm, firm_a_user, vacancy_b, firm_b_user
):
    VacancyPage.objects.filter(pk=vacancy_b.pk).update(
        expire_at=timezone.now() + dt.timedelta(days=1)
    )

    output = _run()

    # Firm A: three due vacancies × five languages; firm B: one.
    assert len(mail.outbox) == 2
    assert "Sent 2 reminder mail(s) about 4 vacancy(ies)." in output
    by_recipient = {tuple(message.to): message for message in mail.outbox}
    message = by_recipient[(firm_a_user.email,)]
    assert message.subject == "3 Stellenangebote von Firma A enden bald"
    for title in ("Verkäuferin Bäckerei", "Hausmeister", "Reinigungskraft"):
        assert message.body.count(f". {title}\n") == 1
    assert "Lagerhelfer" not in message.body
    # Neither the translated titles nor a second language of the mail.
    assert "(ar)" not in message.body
    assert "(en)" not in message.body
    assert message.body.count("Auch veröffentlicht auf:") == 3
    assert "Arabisch" in message.body
    assert "Ukrainisch" in message.body
    assert message.body.startswith("Guten Tag,")
    assert len(_links(message.body)) == 3
    assert by_recipient[(firm_b_user.email,)].subject == (
        "Ihr Stellenangebot „Stelle B“ endet bald"
    )


def test_second_run_sends_nothing(translated_firm, firm_a_user):
    _run()
    assert len(mail.outbox) == 1

    output = _run()

    assert len(mail.outbox) == 1
    assert "Sent 0 reminder mail(s) about 0 vacancy(ies)." in output


def test_confirming_extends_every_translation(client, translated_firm, firm_a_user):
    _run()
    first = translated_firm[0]
    # Entries are ordered by end date: the first link is the first vacancy's.
    link = _links(mail.outbox[0].body)[0]

    response = client.get(link)

    assert response.status_code == 200
    expected = first.apply_until + dt.timedelta(days=services.STILL_OPEN_EXTENSION_DAYS)
    versions = VacancyPage.objects.filter(translation_key=first.translation_key)
    assert versions.count() == 1 + len(LANGUAGES)
    for version in versions:
        assert version.apply_until == expected
        assert version.expire_at == VacancyPage.expiry_for(expected)
        assert version.get_latest_revision_as_object().apply_until == expected
    # The other vacancies keep their dates.
    second = VacancyPage.objects.filter(
        translation_key=translated_firm[1].translation_key
    )
    assert set(second.values_list("apply_until", flat=True)) == {
        translated_firm[1].apply_until
    }


def test_confirming_from_a_translation_extends_the_original(
    client, translated_firm, firm_a_user
):
    """Links sent before this fix pointed at a translation."""
    first = translated_firm[0]
    arabic = first.get_translation(Locale.objects.get(language_code="ar"))
    link = services.vacancy_still_open_url(vacancy=arabic).replace(
        "http://localhost", ""
    )

    assert client.get(link).status_code == 200

    expected = first.apply_until + dt.timedelta(days=services.STILL_OPEN_EXTENSION_DAYS)
    versions = VacancyPage.objects.filter(translation_key=first.translation_key)
    assert set(versions.values_list("apply_until", flat=True)) == {expected}


def test_ending_a_vacancy_ends_every_translation(client, translated_firm, firm_a_user):
    first = translated_firm[0]
    client.force_login(firm_a_user)

    response = client.post(reverse("directory_vacancy_end", args=[first.pk]))

    assert response.status_code == 302
    versions = VacancyPage.objects.filter(translation_key=first.translation_key)
    assert list(versions.values_list("live", flat=True)) == [False] * (
        1 + len(LANGUAGES)
    )
