"""Reads of an adviser's shortlist and handout: which open vacancy an id
stands for, the entries a shortlist shows (open, or ended since) and the
languages a handout exists in."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from wagtail.models import Locale, Page

from portal.vocabulary import Vocabularies

from ..models import VacancyFinderPage, VacancyPage
from .vacancies import (
    VacancyItem,
    vacancies_canonical,
    vacancies_open,
    vacancy_items,
)


def vacancy_open_canonical(*, vacancy_id: int) -> VacancyPage | None:
    """The open vacancy `vacancy_id` stands for, in the default language's
    tree (a translation's id leads to its original); None if there is none."""
    page = VacancyPage.objects.filter(pk=vacancy_id).only("translation_key").first()
    if page is None:
        return None
    return vacancies_canonical().filter(translation_key=page.translation_key).first()


@dataclass
class ShortlistEntry:
    """One line of a shortlist: an open vacancy, or one that ended or was
    deleted since (then `item` is None or `ended` is True)."""

    pk: int
    item: VacancyItem | None
    ended: bool


@dataclass
class ShortlistEntries:
    entries: list[ShortlistEntry]
    ignored: int = 0  # ids of pages that are not vacancies

    @property
    def open(self) -> list[ShortlistEntry]:
        return [entry for entry in self.entries if not entry.ended]


def shortlist_entries(
    ids: list[int], *, locale: Locale, vocabulary: Vocabularies | None = None
) -> ShortlistEntries:
    """Resolve shortlisted ids in a fixed number of queries. Ids of other
    page types are left out and counted; vacancies that ended or were
    deleted stay in the list as "ended"."""
    if not ids:
        return ShortlistEntries([])
    vacancies = {page.pk: page for page in VacancyPage.objects.filter(pk__in=ids)}
    other_pages = set(
        Page.objects.filter(
            pk__in=[pk for pk in ids if pk not in vacancies]
        ).values_list("pk", flat=True)
    )
    # A translation's id stands for its original (facts live there).
    default = Locale.get_default()
    foreign_keys = [
        v.translation_key for v in vacancies.values() if v.locale_id != default.pk
    ]
    originals = {
        page.translation_key: page
        for page in VacancyPage.objects.filter(
            locale=default, translation_key__in=foreign_keys
        )
    }
    canonical: dict[int, VacancyPage] = {}
    for pk, page in vacancies.items():
        if page.locale_id != default.pk:
            page = originals.get(page.translation_key, page)
        canonical[pk] = page

    unique = []
    for pk in ids:
        page = canonical.get(pk)
        if page is not None and page not in unique:
            unique.append(page)
    open_ids = set(
        vacancies_open()
        .filter(pk__in=[page.pk for page in unique])
        .values_list("pk", flat=True)
    )
    items = {
        item.vacancy.pk: item
        for item in vacancy_items(unique, locale=locale, vocabulary=vocabulary)
    }
    entries, seen = [], set()
    for pk in ids:
        if pk in other_pages:
            continue
        page = canonical.get(pk)
        if page is None:
            entries.append(ShortlistEntry(pk, None, ended=True))
            continue
        if page.pk in seen:
            continue
        seen.add(page.pk)
        item = items[page.pk]
        item.ended = page.pk not in open_ids
        entries.append(ShortlistEntry(page.pk, item, ended=item.ended))
    return ShortlistEntries(entries, ignored=len(other_pages))


def finder_translations(*, finder: VacancyFinderPage) -> QuerySet:
    """The live language versions of a finder (a handout in each)."""
    return finder.get_translations(inclusive=True).live().select_related("locale")
