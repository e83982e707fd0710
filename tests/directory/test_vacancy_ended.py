"""Every ended vacancy answers 410 with the same page: expired on its own,
ended by its firm, and the same for each of its translations."""

import datetime as dt

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.models import Locale

from directory import services
from directory.models import VacancyPage
from tests.factories.directory import VacancyPageFactory

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def _translate(page, language_code):
    locale, _created = Locale.objects.get_or_create(language_code=language_code)
    translated = page.copy_for_translation(locale, copy_parents=True).specific
    translated.save_revision().publish()
    translated.refresh_from_db()
    return translated


def _in_language(page, language_code):
    if language_code == settings.LANGUAGE_CODE:
        return page
    return _translate(page, language_code)


def _ended_heading(language_code):
    with translation.override(language_code):
        return gettext("This vacancy has ended")


def _assert_gone_page(response, vacancy, similar, language_code):
    assert response.status_code == 410
    assert [t.name for t in response.templates][0] == "directory/vacancy_ended.html"
    html = response.content.decode()
    assert _ended_heading(language_code) in html
    assert vacancy.title in html
    assert similar.url in html


@pytest.mark.parametrize("language_code", LANGUAGE_CODES)
def test_vacancy_the_firm_ends_answers_410_in_every_language(
    client, company_a, vacancy_a, firm_a_user, language_code
):
    similar = VacancyPageFactory(
        parent=company_a, title="Ähnliche Stelle", slug="aehnlich"
    )
    shown = _in_language(vacancy_a, language_code)
    shown_similar = _in_language(similar, language_code)
    url = shown.url

    client.force_login(firm_a_user)
    response = client.post(reverse("directory_vacancy_end", args=[vacancy_a.pk]))
    assert response.status_code == 302
    client.logout()

    for page in VacancyPage.objects.filter(translation_key=vacancy_a.translation_key):
        assert page.live is False
    _assert_gone_page(client.get(url), shown, shown_similar, language_code)


@pytest.mark.parametrize("language_code", LANGUAGE_CODES)
def test_ended_and_expired_vacancies_answer_the_same_page(
    client, company_a, vacancy_a, firm_a_user, language_code
):
    expired = VacancyPageFactory(parent=company_a, title="Abgelaufen", slug="alt")
    similar = VacancyPageFactory(parent=company_a, title="Offen", slug="offen")
    shown_ended = _in_language(vacancy_a, language_code)
    shown_expired = _in_language(expired, language_code)
    shown_similar = _in_language(similar, language_code)
    past = timezone.now() - dt.timedelta(hours=1)
    VacancyPage.objects.filter(translation_key=expired.translation_key).update(
        expire_at=past, apply_until=past.date()
    )
    call_command("publish_scheduled")
    client.force_login(firm_a_user)
    client.post(reverse("directory_vacancy_end", args=[vacancy_a.pk]))
    client.logout()

    for page in (shown_ended, shown_expired):
        _assert_gone_page(client.get(page.url), page, shown_similar, language_code)


def test_firm_can_end_a_translation_alone_and_the_source_follows(
    client, company_a, vacancy_a, firm_a_user
):
    english = _translate(vacancy_a, "en")
    services.firm_access_sync(company=company_a)
    client.force_login(firm_a_user)
    client.post(reverse("directory_vacancy_end", args=[english.pk]))
    client.logout()
    assert client.get(english.url).status_code == 410
    assert client.get(vacancy_a.url).status_code == 410


def test_ended_vacancy_can_be_published_again(
    client, company_a, vacancy_a, firm_a_user
):
    url = vacancy_a.url
    client.force_login(firm_a_user)
    client.post(reverse("directory_vacancy_end", args=[vacancy_a.pk]))
    vacancy_a.refresh_from_db()
    vacancy_a.save_revision().publish()
    client.logout()
    assert client.get(url).status_code == 200
