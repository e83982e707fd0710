"""Reads for firms in the admin: their companies, users and dashboard."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Case, Q, QuerySet, When
from wagtail.models import Locale, Page, WorkflowState

from ..models import CompanyPage, VacancyPage


@dataclass
class FirmDashboard:
    """What a firm user sees first in the admin: its own company, its
    vacancies with their end dates, and what waits for an editor's review."""

    company: CompanyPage
    vacancies: list[VacancyPage]
    pending: list[Page]
    page_count: int


def firm_users(*, company: CompanyPage) -> QuerySet:
    """The active users of the company's firm group."""
    User = get_user_model()
    if company.firm_group_id is None:
        return User.objects.none()
    return User.objects.filter(groups=company.firm_group_id, is_active=True)


def firm_companies(*, user) -> list[CompanyPage]:
    """The companies (one page per translation key, the default language's
    where it exists) whose firm group `user` belongs to."""
    if not user.is_authenticated:
        return []
    default = Locale.get_default()
    companies = CompanyPage.objects.filter(firm_group__user=user).order_by(
        Case(When(locale=default, then=0), default=1), "title"
    )
    chosen: dict = {}
    for company in companies:
        chosen.setdefault(company.translation_key, company)
    return list(chosen.values())


def firm_dashboards(*, user) -> list[FirmDashboard]:
    dashboards = []
    for company in firm_companies(user=user):
        translations = Page.objects.filter(translation_key=company.translation_key)
        subtree = Q()
        for page in translations:
            subtree |= Q(path__startswith=page.path)
        pages = Page.objects.filter(subtree)
        pending = list(
            pages.filter(_workflow_states__status=WorkflowState.STATUS_IN_PROGRESS)
            .select_related("locale")
            .distinct()
            .order_by("title")
        )
        in_review = {page.pk for page in pending}
        vacancies = list(
            VacancyPage.objects.child_of(company).order_by(
                "-live", "apply_until", "title"
            )
        )
        for vacancy in vacancies:
            vacancy.in_review = vacancy.pk in in_review
        dashboards.append(
            FirmDashboard(
                company=company,
                vacancies=vacancies,
                pending=pending,
                page_count=pages.count(),
            )
        )
    return dashboards
