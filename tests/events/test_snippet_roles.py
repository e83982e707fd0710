"""Editors may keep the event snippets. (The demo's events and campaigns
are checked with the rest of the demo, in tests/portal/test_seed_demo.py,
on its one seeded database.)"""

import pytest
from django.contrib.auth.models import Group

from portal.roles import EDITORS, roles_sync

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["eventcategory", "targetgroup", "venue"])
@pytest.mark.parametrize("action", ["add", "change", "delete"])
def test_editors_keep_event_snippets(model, action):
    roles_sync()
    editors = Group.objects.get(name=EDITORS)
    assert editors.permissions.filter(
        content_type__app_label="events", codename=f"{action}_{model}"
    ).exists()
