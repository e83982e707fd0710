"""The business network's directory: sectors, company profiles that firms keep
themselves, and their vacancies.

Editors create the directory index and the company pages and invite each firm;
a firm then edits its own company page and adds vacancies below it (see
docs/firm-access.md). Quarters come from `portal.Quarter`, which every app uses.
"""

from .companies import CompanyPage, DirectoryIndexPage
from .finder import VacancyFinderPage
from .vacancies import VacancyPage
from .vocabulary import CompanyTag, Sector, SpokenLanguage

__all__ = [
    "Sector",
    "SpokenLanguage",
    "CompanyTag",
    "DirectoryIndexPage",
    "CompanyPage",
    "VacancyPage",
    "VacancyFinderPage",
]
