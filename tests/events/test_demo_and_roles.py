"""The demo is idempotent and has what the issue promises; editors may keep
the event snippets."""

import pytest
from django.contrib.auth.models import Group

from campaigns.models import CampaignImage, CampaignPage
from events.models import EventPage
from portal.roles import EDITORS
from tests.fixtures.demo import seed

pytestmark = pytest.mark.django_db


# The module seeds the demo once (`seeded`, tests/fixtures/demo.py); that a
# second run adds nothing, events included, is checked with the rest of the
# demo in tests/portal/test_seed_demo.py.


def test_demo_has_the_promised_events_and_campaigns(seeded, db):
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


def test_seed_demo_scale_multiplies_events(seeded, db):
    single = EventPage.objects.count()

    seed("--scale", "2")

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
