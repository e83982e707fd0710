"""The demo is idempotent and has what the issue promises; editors may keep
the event snippets."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from campaigns.models import CampaignImage, CampaignPage
from events.models import EventDateChange, EventPage
from portal.roles import EDITORS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _counts():
    return (
        EventPage.objects.count(),
        EventDateChange.objects.count(),
        CampaignPage.objects.count(),
        CampaignImage.objects.count(),
    )


def test_seed_demo_is_idempotent_and_complete():
    call_command("seed_demo", "--no-progress", stdout=StringIO())
    first = _counts()
    call_command("seed_demo", "--no-progress", stdout=StringIO())
    assert _counts() == first

    german = EventPage.objects.filter(locale__language_code="de")
    assert 25 <= german.count() <= 35
    assert EventPage.objects.filter(locale__language_code="en").count() == (
        german.count()
    )
    assert german.filter(slug__startswith="pc-cafe-", repeat="weekly").count() == 3
    meeting = german.get(slug="netzwerktreffen-unternehmen")
    assert meeting.repeat == "monthly"
    assert meeting.date_changes.filter(kind="cancelled").count() == 1
    assert german.filter(category__slug="urban-gardening").count() >= 3
    assert german.filter(slug="sommerfest-schlaatz", all_day=True).exists()
    assert CampaignPage.objects.filter(locale__language_code="de").count() == 3
    assert CampaignPage.objects.filter(locale__language_code="en").count() == 3
    assert not CampaignImage.objects.filter(alt_text="").exists()


def test_seed_demo_scale_multiplies_events():
    call_command("seed_demo", "--no-progress", stdout=StringIO())
    single = EventPage.objects.count()
    call_command("seed_demo", "--no-progress", "--scale", "2", stdout=StringIO())
    assert EventPage.objects.count() > single


@pytest.mark.parametrize("model", ["eventcategory", "targetgroup", "venue"])
@pytest.mark.parametrize("action", ["add", "change", "delete"])
def test_editors_keep_event_snippets(model, action):
    from portal.roles import roles_sync

    roles_sync()
    editors = Group.objects.get(name=EDITORS)
    assert editors.permissions.filter(
        content_type__app_label="events", codename=f"{action}_{model}"
    ).exists()
