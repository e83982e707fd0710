"""Reads of the vacancies: open ones, similar and newest ones, the finder's
search over the canonical (German) tree, and a vacancy as a card shows it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Case, F, IntegerField, Q, QuerySet, When
from django.utils import timezone
from wagtail.models import Locale, Page

from portal.lookups import section_page
from portal.models import Quarter
from portal.vocabulary import Vocabularies, VocabularyEntry, vocabularies_for

from ..filters import VacancyFilters, vacancies_apply_filters, vacancies_sort
from ..models import (
    CompanyPage,
    DirectoryIndexPage,
    Sector,
    VacancyFinderPage,
    VacancyPage,
)

#: The expiry reminder goes out this many days before a vacancy ends.
REMINDER_DAYS_BEFORE = 7
VACANCIES_PER_PAGE = 20
SEARCH_HITS_MAX = 500


# Vacancies ---------------------------------------------------------------


def _open_filter() -> Q:
    return Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now())


def vacancies_open(*, locale: Locale | None = None) -> QuerySet[VacancyPage]:
    """Published vacancies whose application period has not ended. The
    vacancy finder (issue 4) builds on this."""
    vacancies = VacancyPage.objects.live().public().filter(_open_filter())
    if locale is not None:
        vacancies = vacancies.filter(locale=locale)
    return vacancies


def vacancies_for_company(*, company: CompanyPage) -> QuerySet[VacancyPage]:
    return (
        vacancies_open()
        .child_of(company)
        .order_by("expire_at", "title")
        .prefetch_related("helpful_languages")
    )


def vacancies_similar(*, vacancy: VacancyPage, limit: int = 5) -> list[VacancyPage]:
    """Open vacancies like an ended one: same type first, then same sector."""
    company = vacancy.get_parent().specific
    candidates = vacancies_open(locale=vacancy.locale).exclude(pk=vacancy.pk)
    sector_key = company.sector.translation_key if company.sector_id else None
    same_sector = Q(pk__in=[])
    if sector_key:
        sector_companies = CompanyPage.objects.filter(
            sector__translation_key=sector_key
        ).values("path")
        paths = [row["path"] for row in sector_companies]
        for path in paths:
            same_sector |= Q(path__startswith=path)
    candidates = candidates.filter(Q(offer_type=vacancy.offer_type) | same_sector)
    return list(
        candidates.annotate(
            same_type=Case(
                When(offer_type=vacancy.offer_type, then=1),
                default=0,
                output_field=IntegerField(),
            )
        ).order_by("-same_type", "-first_published_at")[:limit]
    )


def vacancies_newest(*, locale: Locale, limit: int = 4) -> list[VacancyPage]:
    return list(vacancies_open(locale=locale).order_by("-first_published_at")[:limit])


def vacancy_companies(vacancies: list[VacancyPage]) -> dict[str, Page]:
    """The company page (id, title, path) above each vacancy, by tree path."""
    return {
        page.path: page
        for page in Page.objects.filter(
            path__in={v.path[: -VacancyPage.steplen] for v in vacancies}
        ).only("id", "title", "path")
    }


def directory_index_for(*, locale: Locale) -> DirectoryIndexPage | None:
    """The live company directory of `locale`, else the default language's."""
    return section_page(DirectoryIndexPage, locale=locale) or section_page(
        DirectoryIndexPage, locale=Locale.get_default()
    )


def vacancies_due_for_reminder(*, now: dt.datetime | None = None) -> QuerySet:
    """Live vacancy pages (of any language) that end within the reminder
    window and have not been reminded for that end date."""
    now = now or timezone.now()
    return (
        VacancyPage.objects.live()
        .filter(expire_at__gt=now)
        .filter(expire_at__lte=now + dt.timedelta(days=REMINDER_DAYS_BEFORE))
        .filter(
            Q(reminded_for_expiry__isnull=True) | ~Q(reminded_for_expiry=F("expire_at"))
        )
    )


# Vacancy finder ----------------------------------------------------------


def finder_vocabulary(*, locale: Locale) -> Vocabularies:
    """The finder's (and the API's) `quarters` and `sectors`: the same
    stable slugs in every language, labels in `locale`'s."""
    return vocabularies_for(locale=locale, quarters=Quarter, sectors=Sector)


def finder_for_change(*, finder_id: int | None) -> VacancyFinderPage | None:
    """The live finder a shortlist form came from; an unknown id falls back
    to the default language's finder (None if there is no finder at all)."""
    finders = VacancyFinderPage.objects.live().select_related("locale")
    if finder_id is not None:
        finder = finders.filter(pk=finder_id).first()
        if finder is not None:
            return finder
    return finders.filter(locale=Locale.get_default()).first()


def vacancies_canonical() -> QuerySet[VacancyPage]:
    """Open vacancies in the default language's tree, where firms keep them.
    The finder and the API list these and show a translation when there is
    one; filters use the canonical page's fields."""
    return vacancies_open(locale=Locale.get_default())


def _search_hits(*, query: str, locales: list[Locale]) -> tuple[list, list[str]]:
    """Translation keys of vacancies matching `query` (best first) and tree
    paths of companies matching it, in the given locales."""
    locale_ids = [locale.pk for locale in locales]
    vacancy_hits = (
        VacancyPage.objects.live()
        .filter(locale_id__in=locale_ids)
        .search(query, operator="and")
    )
    keys: list = []
    for page in vacancy_hits[:SEARCH_HITS_MAX]:
        if page.translation_key not in keys:
            keys.append(page.translation_key)
    company_hits = (
        CompanyPage.objects.live()
        .filter(locale_id__in=locale_ids)
        .search(query, operator="and")
    )
    company_keys = [page.translation_key for page in company_hits[:SEARCH_HITS_MAX]]
    paths = list(
        CompanyPage.objects.filter(
            translation_key__in=company_keys, locale=Locale.get_default()
        ).values_list("path", flat=True)
    )
    return keys, paths


def vacancies_find(
    *, filters: VacancyFilters, vocabulary: Vocabularies, locale: Locale
) -> QuerySet[VacancyPage]:
    """The canonical open vacancies matching `filters`, sorted."""
    search_keys, company_paths = None, None
    if filters.query:
        locales = [Locale.get_default()]
        if locale.pk != locales[0].pk:
            locales.append(locale)
        search_keys, company_paths = _search_hits(query=filters.query, locales=locales)
    vacancies = vacancies_apply_filters(
        vacancies_canonical(),
        filters,
        companies=CompanyPage.objects.filter(locale=Locale.get_default()),
        quarters=vocabulary.quarters,
        sectors=vocabulary.sectors,
        search_keys=search_keys,
        search_company_paths=company_paths,
    )
    return vacancies_sort(vacancies, filters, search_keys)


@dataclass
class VacancyItem:
    """One vacancy as the finder, the shortlist and the handout show it:
    the canonical page (facts, easy-German summary), its translation into
    the visitor's language when live (title, summary, URL), its company."""

    vacancy: VacancyPage
    shown: VacancyPage
    company: CompanyPage | None
    quarter: VocabularyEntry | None = None
    sector: VocabularyEntry | None = None
    ended: bool = False

    @property
    def translated(self) -> bool:
        return self.shown.pk != self.vacancy.pk

    @property
    def pk(self) -> int:
        return self.vacancy.pk


def vacancy_items(
    vacancies: list[VacancyPage],
    *,
    locale: Locale,
    vocabulary: Vocabularies | None = None,
) -> list[VacancyItem]:
    """Wrap canonical vacancies for display with a fixed number of queries:
    one for the translations, one for the companies (with quarter, sector)."""
    if not vacancies:
        return []
    translations = {}
    if locale.pk != Locale.get_default().pk:
        translations = {
            page.translation_key: page
            for page in VacancyPage.objects.live()
            .filter(
                locale=locale,
                translation_key__in=[v.translation_key for v in vacancies],
            )
            .only("id", "title", "summary", "url_path", "path", "translation_key")
        }
    companies = {
        company.path: company
        for company in CompanyPage.objects.filter(
            path__in={v.path[: -VacancyPage.steplen] for v in vacancies}
        ).select_related("quarter", "sector")
    }
    items = []
    for vacancy in vacancies:
        company = companies.get(vacancy.path[: -VacancyPage.steplen])
        quarter = sector = None
        if company is not None and vocabulary is not None:
            quarter = vocabulary.quarters.entry_for(company.quarter)
            sector = vocabulary.sectors.entry_for(company.sector)
        items.append(
            VacancyItem(
                vacancy=vacancy,
                shown=translations.get(vacancy.translation_key, vacancy),
                company=company,
                quarter=quarter,
                sector=sector,
            )
        )
    return items
