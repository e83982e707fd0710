import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone
from wagtail.models import Locale, Page

from directory import services
from portal import roles
from tests.factories.directory import (
    CompanyPageFactory,
    DirectoryIndexPageFactory,
    QuarterFactory,
    SectorFactory,
    VacancyPageFactory,
)


@pytest.fixture
def client():
    return Client(HTTP_HOST="localhost")


@pytest.fixture
def home(db):
    return Page.objects.get(depth=2, locale=Locale.get_default()).specific


@pytest.fixture
def index_page(home):
    page = DirectoryIndexPageFactory(parent=home)
    services.firm_workflow_ensure()
    return page


@pytest.fixture
def quarter(db):
    return QuarterFactory()


@pytest.fixture
def sector(db):
    return SectorFactory(name="Handwerk", slug="handwerk")


@pytest.fixture
def company_a(index_page, sector, quarter):
    return CompanyPageFactory(
        parent=index_page,
        title="Firma A",
        slug="firma-a",
        sector=sector,
        quarter=quarter,
    )


@pytest.fixture
def company_b(index_page, sector, quarter):
    return CompanyPageFactory(
        parent=index_page, title="Firma B", slug="firma-b", sector=sector
    )


@pytest.fixture
def vacancy_a(company_a):
    return VacancyPageFactory(parent=company_a, title="Stelle A", slug="stelle-a")


@pytest.fixture
def vacancy_b(company_b):
    return VacancyPageFactory(parent=company_b, title="Stelle B", slug="stelle-b")


def _user(username, *groups, **fields):
    user = get_user_model().objects.create_user(
        username=username,
        email=f"{username}@example.org",
        password="pass-word-123",  # noqa: S106
        **fields,
    )
    user.groups.add(*groups)
    return user


@pytest.fixture
def role_groups(db):
    return roles.roles_sync()


@pytest.fixture
def firm_a_user(company_a, role_groups):
    group = services.firm_access_sync(company=company_a)
    company_a.refresh_from_db()
    return _user("firma-a", group, role_groups[roles.FIRMS])


@pytest.fixture
def firm_b_user(company_b, role_groups):
    group = services.firm_access_sync(company=company_b)
    company_b.refresh_from_db()
    return _user("firma-b", group, role_groups[roles.FIRMS])


@pytest.fixture
def editor_user(role_groups):
    return _user("editor", role_groups[roles.EDITORS])


@pytest.fixture
def editors_group(role_groups):
    return Group.objects.get(name=roles.EDITORS)


@pytest.fixture
def finder(home):
    from tests.factories.directory import VacancyFinderPageFactory

    return VacancyFinderPageFactory(parent=home)


@pytest.fixture
def drewitz(db):
    return QuarterFactory(name="Drewitz", slug="drewitz")


@pytest.fixture
def pflege(db):
    return SectorFactory(name="Pflege", slug="pflege")


@pytest.fixture
def spread(index_page, company_a, drewitz, pflege):
    """Vacancies that differ in one field each from a plain full-time job."""
    care = CompanyPageFactory(
        parent=index_page,
        title="Pflegedienst Drewitz",
        slug="pflegedienst",
        quarter=drewitz,
        sector=pflege,
    )
    today = timezone.localdate()
    make = VacancyPageFactory
    return {
        "plain": make(
            parent=company_a,
            title="Maler Vollzeit",
            german_level="B2",
            qualification="vocational",
            hours_min=40,
            hours_max=40,
            apply_until=today + dt.timedelta(days=60),
        ),
        "a1": make(
            parent=company_a,
            title="Helfer A1",
            german_level="A1",
            qualification="vocational",
            hours_min=40,
            hours_max=40,
            apply_until=today + dt.timedelta(days=50),
        ),
        "minijob": make(
            parent=company_a,
            title="Minijob Reinigung",
            offer_type="minijob",
            working_time="part",
            german_level="B2",
            qualification="vocational",
            hours_min=8,
            hours_max=10,
            apply_until=today + dt.timedelta(days=5),
        ),
        "childcare": make(
            parent=company_a,
            title="Kita-taugliche Stelle",
            childcare_compatible=True,
            german_level="B2",
            qualification="vocational",
            hours_min=40,
            hours_max=40,
        ),
        "unqualified": make(
            parent=company_a,
            title="Quereinstieg Lager",
            german_level="B2",
            qualification="none",
            hours_min=40,
            hours_max=40,
        ),
        "foreign": make(
            parent=company_a,
            title="Elektriker Anerkennung",
            german_level="B2",
            qualification="vocational",
            foreign_qualifications_accepted=True,
            hours_min=40,
            hours_max=40,
        ),
        "now": make(
            parent=company_a,
            title="Sofortstart Küche",
            starts_immediately=True,
            german_level="B2",
            qualification="vocational",
            hours_min=40,
            hours_max=40,
        ),
        "barrier_free": make(
            parent=company_a,
            title="Büro barrierefrei",
            barrier_free_workplace=True,
            german_level="B2",
            qualification="vocational",
            hours_min=40,
            hours_max=40,
        ),
        "care": make(
            parent=care,
            title="Pflegehilfe Drewitz",
            german_level="B2",
            qualification="vocational",
            hours_min=40,
            hours_max=40,
            summary="Sie helfen älteren Menschen im Alltag.",
            summary_easy="Sie helfen alten Menschen. Sie gehen mit ihnen spazieren.",
        ),
    }
