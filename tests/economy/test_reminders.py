"""Premises that leave the listing soon: one reminder mail per firm and run,
in the firm's language, with links on BASE_URL; the "still available" link
keeps the unit online once; a second run sends nothing."""

import datetime as dt
import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from economy.models import PremisesPage
from tests.factories.economy import PremisesPageFactory

pytestmark = pytest.mark.django_db

BASE = "http://gewerbe.test:8423"
URL = re.compile(r"""https?://[^\s"'<>)\]]+""")


@pytest.fixture(autouse=True)
def base_url(settings):
    settings.BASE_URL = BASE
    settings.WAGTAILADMIN_BASE_URL = settings.WAGTAILAPI_BASE_URL = BASE


@pytest.fixture
def soon(listing, company_a, quarter, firm_a_user):
    return PremisesPageFactory(
        parent=company_a,
        title="Laden am Stern",
        quarter=quarter,
        listed_until=timezone.localdate() + dt.timedelta(days=3),
    )


def _send() -> str:
    call_command("send_premises_reminders", stdout=io.StringIO())
    return "\n".join(message.body for message in mail.outbox)


def test_reminder_links_lead_to_base_url_and_keep_the_unit_online(
    client, soon, firm_a_user, django_capture_on_commit_callbacks
):
    far = PremisesPageFactory(parent=soon.get_parent(), title="Büro später")
    with django_capture_on_commit_callbacks(execute=True):
        body = _send()

    [message] = mail.outbox
    assert message.to == [firm_a_user.email]
    assert "Laden am Stern" in body
    assert far.title not in body
    links = URL.findall(body)
    assert links
    assert all(link.startswith(BASE + "/") for link in links), links
    [confirm] = [link for link in links if "/noch-frei/" in link]
    before = PremisesPage.objects.get(pk=soon.pk).expire_at

    assert client.get(confirm.removeprefix(BASE)).status_code == 200

    assert PremisesPage.objects.get(pk=soon.pk).expire_at > before
    mail.outbox.clear()
    assert _send() == ""
