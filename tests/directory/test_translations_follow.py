"""A firm's published edit of its German page reaches the translations: the
facts at once, a changed text as "outdated" until a translator publishes the
translation again (docs/firm-access.md)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale, WorkflowState

from directory.models import CompanyPage, VacancyPage
from tests.factories.home import translate_page

LANGUAGES = ["en", "ar", "fa", "uk", "ru", "tr"]


def _translate(page, code, **fields):
    existing = page.get_translation_or_none(Locale.objects.get(language_code=code))
    return existing or translate_page(page, code, **fields)


@pytest.fixture
def translated_company(home, index_page, company_a, firm_a_user):
    for code in LANGUAGES:
        _translate(home, code, title=f"Start {code}")
        _translate(index_page, code, title=f"Firmen {code}")
        _translate(company_a, code, short_description=f"Beschreibung ({code})")
    return company_a


def _firm_edit_approved(client, firm_user, editor_user, company, **changes):
    """The firm submits its German page, the editors approve it."""
    data = {
        "title": company.title,
        "slug": company.slug,
        "short_description": company.short_description,
        "street": company.street,
        "postal_code": company.postal_code,
        "city": company.city,
        "website": company.website,
        "email": company.email,
        "sector": company.sector_id or "",
        "quarter": company.quarter_id or "",
        "body-count": "0",
        "social_profiles-count": "0",
        "contact_persons-count": "0",
        "opening_hours-count": "0",
        "tags": "",
        "action-submit": "submit",
        **changes,
    }
    client.force_login(firm_user)
    client.post(reverse("wagtailadmin_pages:edit", args=[company.pk]), data)
    state = WorkflowState.objects.get(
        base_content_type__model="page", object_id=str(company.pk)
    )
    client.force_login(editor_user)
    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[company.pk, "approve", state.current_task_state.pk],
        ),
        {"comment": ""},
    )
    client.logout()


def _translations(company):
    return CompanyPage.objects.filter(translation_key=company.translation_key).exclude(
        pk=company.pk
    )


def test_changed_text_marks_every_translation_outdated_and_facts_follow(
    client, translated_company, firm_a_user, editor_user
):
    _firm_edit_approved(
        client,
        firm_a_user,
        editor_user,
        translated_company,
        short_description="Jetzt auch mit Ausbildung.",
        website="https://firma-a.example/",
    )

    assert CompanyPage.objects.get(pk=translated_company.pk).website == (
        "https://firma-a.example/"
    )
    translations = _translations(translated_company)
    assert translations.count() == len(LANGUAGES)
    for translated in translations:
        # The fact reached the translation; its text stayed the translator's.
        assert translated.website == "https://firma-a.example/"
        assert translated.get_latest_revision_as_object().website == (
            "https://firma-a.example/"
        )
        assert translated.short_description.startswith("Beschreibung (")
        assert translated.original_changed_at is not None
    assert CompanyPage.objects.get(pk=translated_company.pk).original_changed_at is None


@pytest.mark.parametrize("code", LANGUAGES)
def test_outdated_translation_says_so_until_a_translator_publishes_it(
    client, translated_company, firm_a_user, editor_user, code
):
    _firm_edit_approved(
        client,
        firm_a_user,
        editor_user,
        translated_company,
        short_description="Jetzt auch mit Ausbildung.",
    )
    translated = translated_company.get_translation(
        Locale.objects.get(language_code=code)
    )
    with translation.override(code):
        notice = str(
            translation.gettext(
                "The German original of this page has changed since it was "
                "translated; this translation may not be up to date."
            )
        )
    # The notice is in the visitor's language.
    assert code == "en" or "German original" not in notice

    response = client.get(translated.url)

    html = response.content.decode()
    assert notice in html
    assert f'href="{translated_company.url}" hreflang="de"' in html

    # The translator brings it up to date and publishes.
    translated.specific.save_revision().publish()

    assert notice not in client.get(translated.url).content.decode()
    assert CompanyPage.objects.get(pk=translated.pk).original_changed_at is None


def test_facts_only_change_does_not_mark_outdated(
    client, translated_company, firm_a_user, editor_user
):
    _firm_edit_approved(
        client, firm_a_user, editor_user, translated_company, email="neu@example.org"
    )

    translations = _translations(translated_company)
    assert set(translations.values_list("email", flat=True)) == {"neu@example.org"}
    assert set(translations.values_list("original_changed_at", flat=True)) == {None}


def test_new_end_date_of_a_vacancy_reaches_its_translations(
    translated_company, vacancy_a
):
    for code in LANGUAGES:
        _translate(vacancy_a, code, title=f"Stelle A ({code})")
    later = timezone.localdate() + dt.timedelta(days=90)
    german = VacancyPage.objects.get(pk=vacancy_a.pk)
    german.apply_until = later
    german.save_revision().publish()

    versions = VacancyPage.objects.filter(translation_key=vacancy_a.translation_key)
    assert versions.count() == 1 + len(LANGUAGES)
    for version in versions:
        assert version.apply_until == later
        assert version.expire_at == VacancyPage.expiry_for(later)
        assert version.original_changed_at is None


def test_editor_opening_an_outdated_translation_is_warned(
    client, translated_company, firm_a_user, editor_user
):
    _firm_edit_approved(
        client,
        firm_a_user,
        editor_user,
        translated_company,
        short_description="Jetzt auch mit Ausbildung.",
    )
    arabic = translated_company.get_translation(Locale.objects.get(language_code="ar"))
    warning = "Das deutsche Original wurde geändert"
    client.force_login(editor_user)

    outdated = client.get(reverse("wagtailadmin_pages:edit", args=[arabic.pk]))
    current = client.get(
        reverse("wagtailadmin_pages:edit", args=[translated_company.pk])
    )

    assert outdated.status_code == 200
    assert warning in outdated.content.decode()
    assert warning not in current.content.decode()
