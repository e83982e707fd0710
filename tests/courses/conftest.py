import pytest
from django.test import Client

from tests.factories.courses import CourseEventFactory, RegistrationSettingsFactory
from tests.factories.events import EventIndexPageFactory
from tests.factories.home import ContactPointPageFactory


@pytest.fixture
def event_index(db):
    return EventIndexPageFactory()


@pytest.fixture
def contact_point(home_de):
    return ContactPointPageFactory(parent=home_de, title="Anlaufstelle Stern")


@pytest.fixture
def course(event_index, contact_point):
    event = CourseEventFactory(parent=event_index, contact_point=contact_point)
    return RegistrationSettingsFactory(event=event)


@pytest.fixture
def visitor():
    """A browser without cookies (enforce_csrf_checks: as a real one)."""
    return Client(HTTP_HOST="localhost", enforce_csrf_checks=True)


@pytest.fixture
def post(django_capture_on_commit_callbacks):
    """POST and run what the view queued on commit (the mails), as a real
    request's commit would."""

    def send(client, url, data=None, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data or {}, **extra)

    return send
