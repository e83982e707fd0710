"""German text that a translation still carries (wagtail-localize copies the
original and fills untranslated segments with it) is marked lang="de" where
it is shown, so screen readers read it as German and, in Arabic and Persian,
the bidi algorithm lays it out left to right. Translated text is not marked."""

import re

import pytest
from wagtail.models import Locale

from tests.factories.home import translate_page


def _translate(page, code, **fields):
    existing = page.get_translation_or_none(Locale.objects.get(language_code=code))
    return existing or translate_page(page, code, **fields)


@pytest.fixture
def vacancy_in(home, index_page, company_a, vacancy_a):
    def translated(code):
        _translate(home, code, title=f"Start {code}")
        _translate(index_page, code, title=f"Firmen {code}")
        company = _translate(
            company_a, code, short_description=f"Beschreibung ({code})"
        )
        vacancy = _translate(vacancy_a, code, title=f"Job ({code})")
        return company, vacancy

    return translated


def _tag(html: str, tag: str, text: str) -> str:
    """The opening tag of the element `tag` whose text starts with `text`."""
    match = re.search(rf"(<{tag}\b[^>]*>)\s*{re.escape(text)}", html)
    assert match, f"<{tag}> with {text!r} not found"
    return match.group(1)


@pytest.mark.parametrize(("code", "direction"), [("en", "ltr"), ("ar", "ltr")])
def test_copied_german_fields_are_marked(client, vacancy_in, code, direction):
    company, vacancy = vacancy_in(code)

    html = client.get(company.url).content.decode()
    # The company's name was left as it is: German.
    assert _tag(html, "h1", "Firma A") == f'<h1 lang="de" dir="{direction}">'
    # The description was translated: not marked.
    assert _tag(html, "p", f"Beschreibung ({code})") == '<p class="lead">'

    html = client.get(vacancy.url).content.decode()
    assert _tag(html, "h1", f"Job ({code})") == "<h1>"
    summary = vacancy.summary
    assert summary, "the factory gives vacancies a summary"
    assert _tag(html, "p", summary) == f'<p class="lead" lang="de" dir="{direction}">'


def test_german_pages_are_not_marked(client, vacancy_in, company_a, vacancy_a):
    vacancy_in("en")
    html = client.get(company_a.url).content.decode()
    assert _tag(html, "h1", "Firma A") == "<h1>"
    html = client.get(vacancy_a.url).content.decode()
    assert 'lang="de" dir=' not in html.split("<main", 1)[1]


@pytest.mark.parametrize("code", ["de", "en", "ar", "fa", "uk", "ru", "tr"])
def test_the_easy_german_summary_is_german_left_to_right(
    client, vacancy_in, vacancy_a, code
):
    """The summary in easy German is German in every language: in Arabic
    and Persian without dir="ltr" its sentences' periods landed on the left
    (".Sie kümmern sich um Häuser")."""
    vacancy_a.summary_easy = "Sie helfen im Haus."
    vacancy_a.save_revision().publish()
    vacancy = vacancy_a if code == "de" else vacancy_in(code)[1]

    html = client.get(vacancy.url).content.decode()

    assert _tag(html, "p", "Sie helfen im Haus.") == '<p lang="de" dir="ltr">'
