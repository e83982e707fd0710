import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.users.models import UserProfile

from tests.factories.campaigns import CampaignIndexPageFactory


@pytest.fixture
def site_client():
    return Client(HTTP_HOST="localhost")


@pytest.fixture
def campaign_index(db):
    return CampaignIndexPageFactory()


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("chef", "chef@example.org", "pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
