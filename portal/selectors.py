from django.db.models import QuerySet
from wagtail.models import Locale, Page

from .lookups import locales_by_code


def search_terms(query: str) -> list[str]:
    """The words of a visitor's query that are safe to hand to Wagtail's
    search: the SQLite backend quotes each term for FTS5 without escaping
    double quotes inside it, and a null byte ends the query string early;
    either made the query fail with a 500."""
    return query.replace('"', " ").replace("\x00", " ").split()


def pages_with_fallback(pages: QuerySet, *, locale: Locale) -> list[Page]:
    """`pages` (rows in `locale` and in the default language) with one page
    per translation key: the one in `locale` where it exists, else the
    default language's, so every section that exists in German appears in
    every language. Keeps the order of `pages`; each page gets `fallback_lang`
    ("" or the language code it is shown in, for `lang` attributes)."""
    rows = list(pages)
    chosen: dict = {}
    order: list = []
    for page in rows:
        key = page.translation_key
        if key not in chosen:
            order.append(key)
            chosen[key] = page
        elif page.locale_id == locale.pk:
            chosen[key] = page
    result = [chosen[key] for key in order]
    languages = {}
    if any(page.locale_id != locale.pk for page in result):
        languages = {row.pk: code for code, row in locales_by_code().items()}
    for page in result:
        page.fallback_lang = (
            "" if page.locale_id == locale.pk else languages.get(page.locale_id, "")
        )
    return result


def menu_sections(*, root: Page, home: Page) -> list[Page]:
    """The main menu's sections under `home` (a language's home page): the
    sections of the default language's home `root`, each in `home`'s
    language where it is translated and live, else in German (marked by
    `fallback_lang`), then any sections that exist only in `home`'s
    language. Two queries at most."""
    pages = Page.objects.child_of(root)
    if home.pk != root.pk:
        pages = pages | Page.objects.child_of(home)
    pages = pages.live().public().in_menu()
    # The default language's tree gives the order editors chose.
    ordered = sorted(
        pages,
        key=lambda page: (page.locale_id != root.locale_id, page.path),
    )
    return pages_with_fallback(ordered, locale=home.locale)
