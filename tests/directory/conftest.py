import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
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
