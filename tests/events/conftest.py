import pytest
from django.test import Client
from wagtail.models import Locale

from tests.factories.events import EventIndexPageFactory


@pytest.fixture
def site_client():
    return Client(HTTP_HOST="localhost")


@pytest.fixture
def event_index(db):
    return EventIndexPageFactory()


@pytest.fixture
def english_event_index(event_index):
    english = event_index.copy_for_translation(Locale.objects.get(language_code="en"))
    english.slug = "events"
    english.title = "Events"
    english.save_revision().publish()
    return english
