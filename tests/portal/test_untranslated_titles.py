"""A page's German title where the visitor's language shows an untranslated
copy of it (wagtail-localize keeps the original's title in every segment
nobody translated) or an alias (a live mirror of the German page): the
breadcrumb marks it lang="de" dir="ltr", in every shipped language, so
screen readers read it with a German voice and the bidi algorithm keeps its
punctuation where it belongs. A translated title is not marked. The
<title> cannot hold markup: it keeps the text, and <html lang> is the
language the page is served in (the reason is in templates/base.html)."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from tests.factories.home import StandardPageFactory, translate_page
from tests.utils import soup, text_language

LANGUAGES = [code for code, _name in settings.LANGUAGES]
SOURCE = "de"


def _crumbs(response) -> dict[str, tuple[str, str]]:
    """Each breadcrumb's text → (language, direction) it is in."""
    nav = soup(response).select_one("nav.breadcrumbs")
    assert nav is not None
    found = {}
    for item in nav.find_all("li"):
        node = item.find(string=lambda s: s and s.strip())
        found[node.strip()] = text_language(node)
    return found


@pytest.fixture
def tree(home_de):
    """Angebote > Beratung > Termine, and Angebote > Sprechstunde."""
    offers = StandardPageFactory(parent=home_de, title="Angebote", slug="angebote")
    advice = StandardPageFactory(parent=offers, title="Beratung", slug="beratung")
    dates = StandardPageFactory(parent=advice, title="Termine", slug="termine")
    hours = StandardPageFactory(parent=offers, title="Sprechstunde", slug="zeit")
    return {
        "home": home_de,
        "offers": offers,
        "advice": advice,
        "dates": dates,
        "hours": hours,
    }


def _translated(tree, code):
    """In `code`: Angebote a copy that kept its German title, Beratung
    translated, Termine a copy with the German title, Sprechstunde an
    alias of the German page."""
    if code != "en":  # the English home page comes with the migrations
        translate_page(tree["home"], code, slug=f"start-{code}")
    offers = translate_page(tree["offers"], code, slug=f"offers-{code}")
    advice = translate_page(
        tree["advice"], code, title=f"Beratung ({code})", slug=f"advice-{code}"
    )
    dates = translate_page(tree["dates"], code, slug=f"dates-{code}")
    # As Wagtail makes one for a missing parent of a translation.
    hours = tree["hours"].create_alias(
        parent=offers,
        update_locale=Locale.objects.get(language_code=code),
        update_slug=f"hours-{code}",
        reset_translation_key=False,
    )
    return {"offers": offers, "advice": advice, "dates": dates, "hours": hours}


@pytest.mark.parametrize("code", LANGUAGES)
def test_breadcrumbs_mark_german_titles_of_untranslated_pages(client, tree, code):
    if code == SOURCE:
        pytest.skip("German is the source")
    pages = _translated(tree, code)

    crumbs = _crumbs(client.get(pages["dates"].url))

    assert crumbs["Angebote"] == ("de", "ltr"), "a copy with the German title"
    assert crumbs["Termine"] == ("de", "ltr"), "the page itself, a copy"
    assert crumbs[f"Beratung ({code})"][0] == code, "translated: not marked"
    assert list(crumbs)[0] not in ("Angebote", "Beratung", "Termine")
    assert crumbs[list(crumbs)[0]][0] == code, "'Home' is the visitor's word"

    crumbs = _crumbs(client.get(pages["hours"].url))
    assert crumbs["Sprechstunde"] == ("de", "ltr"), "an alias of the German page"


@pytest.mark.parametrize("code", LANGUAGES)
def test_breadcrumbs_of_translated_pages_are_not_marked(client, tree, code):
    if code == SOURCE:
        response = client.get(tree["dates"].url)
        titles = ["Angebote", "Beratung", "Termine"]
    else:
        if code != "en":
            translate_page(tree["home"], code, slug=f"start-{code}")
        titles = [f"{p.title} ({code})" for p in (tree["offers"], tree["advice"])]
        parents = [
            translate_page(page, code, title=title, slug=f"{page.slug}-{code}")
            for page, title in zip(
                (tree["offers"], tree["advice"]), titles, strict=True
            )
        ]
        dates = translate_page(tree["dates"], code, title=f"Termine ({code})")
        titles.append(dates.title)
        assert parents[-1].pk == dates.get_parent().pk
        response = client.get(dates.url)

    crumbs = _crumbs(response)

    for title in titles:
        assert crumbs[title][0] == code, title
    assert 'dir="ltr"' not in str(soup(response).select_one("nav.breadcrumbs"))


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_document_title_keeps_the_german_text_in_the_pages_language(
    client, tree, code
):
    if code == SOURCE:
        pytest.skip("German is the source")
    pages = _translated(tree, code)

    html = soup(client.get(pages["dates"].url))

    assert html.html["lang"] == code
    assert html.title.string.startswith("Termine – ")
    # Plain text: no bidi controls travel into bookmarks and shared links.
    assert not set(html.title.string) & set("\u2066\u2067\u2068\u2069")
    # On the page itself the title is marked.
    heading = html.find("h1")
    assert (heading.get("lang"), heading.get("dir")) == ("de", "ltr")


def test_breadcrumbs_read_the_originals_titles_in_one_query(client, tree):
    """However deep the page: one query for all the crumbs' originals."""
    pages = _translated(tree, "ar")
    deeper = translate_page(
        StandardPageFactory(parent=tree["dates"], title="Mehr", slug="mehr"), "ar"
    )

    def count(page):
        client.get(page.url)
        with CaptureQueriesContext(connection) as queries:
            client.get(page.url)
        return len(queries)

    assert count(deeper) == count(pages["dates"])
