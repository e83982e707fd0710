import time

import pytest
from django.core import signing
from django.test import Client

from economy.forms import STARTED_SALT
from portal import roles
from tests.factories.directory import QuarterFactory
from tests.factories.economy import (
    NetworkBoardPageFactory,
    PremisesIndexPageFactory,
    PremisesPageFactory,
)
from tests.fixtures.directory import _user

# The directory's fixtures (companies, firm users, roles) come from
# tests/fixtures/directory.py (pytest_plugins in tests/conftest.py).


@pytest.fixture
def client():
    return Client(HTTP_HOST="localhost")


@pytest.fixture
def schlaatz(db):
    return QuarterFactory(
        name="Schlaatz",
        slug="schlaatz",
        latitude="52.379000",
        longitude="13.087000",
        boundary=[[52.386, 13.075], [52.387, 13.099], [52.372, 13.1], [52.371, 13.076]],
    )


@pytest.fixture
def listing(home):
    return PremisesIndexPageFactory(parent=home)


@pytest.fixture
def board(home):
    return NetworkBoardPageFactory(parent=home)


@pytest.fixture
def unit_a(company_a, quarter):
    return PremisesPageFactory(
        parent=company_a, title="Laden am Stern", slug="laden-am-stern", quarter=quarter
    )


@pytest.fixture
def unit_b(company_b, quarter):
    return PremisesPageFactory(
        parent=company_b,
        title="Büro B",
        slug="buero-b",
        quarter=quarter,
        premises_type="office",
    )


@pytest.fixture
def adviser(role_groups):
    return _user("wirtschaft", role_groups[roles.BUSINESS_ADVISERS])


def started(seconds_ago: int = 60) -> str:
    """A time-trap token as the form would have handed out `seconds_ago`."""
    return signing.dumps(int(time.time()) - seconds_ago, salt=STARTED_SALT)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run `call()` as if its transaction committed: the mails it queues
    with `transaction.on_commit` go out (pytest-django keeps every test in
    one transaction)."""

    def run(call, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return call(*args, **kwargs)

    return run
