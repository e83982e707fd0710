import datetime as dt
import re
from unittest import mock

import pytest
from django.core import mail, signing
from django.core.management import call_command
from django.utils import timezone

from directory import services
from directory.models import VacancyPage
from tests.factories.directory import VacancyPageFactory


@pytest.fixture
def ending_vacancy(company_a, firm_a_user):
    return VacancyPageFactory(
        parent=company_a,
        title="Bald zu Ende",
        slug="bald",
        apply_until=timezone.localdate() + dt.timedelta(days=3),
    )


def _link(message) -> str:
    match = re.search(r"http://\S+/noch-offen/\S+/\S+/\S+/", message.body)
    assert match, message.body
    return match.group(0).replace("http://localhost", "")


def test_command_reminds_once_per_expiry(ending_vacancy, vacancy_a, firm_a_user):
    call_command("send_vacancy_reminders", stdout=mock.Mock())
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [firm_a_user.email]
    assert "Bald zu Ende" in message.subject
    # vacancy_a ends in 30 days: not yet.
    assert "Stelle A" not in message.body
    call_command("send_vacancy_reminders", stdout=mock.Mock())
    assert len(mail.outbox) == 1


def test_still_open_link_extends_once(client, ending_vacancy, firm_a_user):
    call_command("send_vacancy_reminders", stdout=mock.Mock())
    link = _link(mail.outbox[0])
    old_until = ending_vacancy.apply_until

    response = client.get(link)
    assert response.status_code == 200
    ending_vacancy.refresh_from_db()
    # Extended from the old end date.
    expected = old_until + dt.timedelta(days=services.STILL_OPEN_EXTENSION_DAYS)
    assert ending_vacancy.apply_until == expected > old_until
    assert ending_vacancy.expire_at == VacancyPage.expiry_for(expected)
    # The draft revision carries the new date too.
    latest = ending_vacancy.get_latest_revision_as_object()
    assert latest.apply_until == expected

    # Used again: nothing more happens.
    response = client.get(link)
    assert response.status_code == 200
    ending_vacancy.refresh_from_db()
    assert ending_vacancy.apply_until == expected

    # A new expiry gets a new reminder later.
    VacancyPage.objects.filter(pk=ending_vacancy.pk).update(
        apply_until=timezone.localdate() + dt.timedelta(days=2),
        expire_at=VacancyPage.expiry_for(timezone.localdate() + dt.timedelta(days=2)),
    )
    call_command("send_vacancy_reminders", stdout=mock.Mock())
    assert len(mail.outbox) == 2


def _state(vacancy):
    vacancy.refresh_from_db()
    return (vacancy.apply_until, vacancy.expire_at, vacancy.live)


def test_forged_link_changes_nothing(client, ending_vacancy, index_page):
    before = _state(ending_vacancy)
    forged = signing.dumps(
        {"v": ending_vacancy.pk, "e": ending_vacancy.expire_at.isoformat()},
        salt="something-else",
    )
    genuine = services.vacancy_still_open_url(vacancy=ending_vacancy)
    value, stamp, signature = genuine.rstrip("/").split("/")[-3:]
    for token in (forged, f"{value}:{stamp}:{signature[:-3]}xyz", "a:b:c"):
        parts = token.split(":")
        kwargs = dict(zip(("value", "stamp", "signature"), parts, strict=True))
        url = index_page.url + index_page.reverse_subpage(
            "vacancy_still_open", kwargs=kwargs
        )
        response = client.get(url)
        assert response.status_code == 400
        assert _state(ending_vacancy) == before


def test_expired_link_changes_nothing(client, ending_vacancy, firm_a_user):
    call_command("send_vacancy_reminders", stdout=mock.Mock())
    link = _link(mail.outbox[0])
    before = _state(ending_vacancy)
    later = timezone.now() + services.STILL_OPEN_LINK_MAX_AGE + dt.timedelta(hours=1)
    with mock.patch("django.core.signing.time.time", return_value=later.timestamp()):
        response = client.get(link)
    assert response.status_code == 400
    assert _state(ending_vacancy) == before


def test_link_for_ended_vacancy_changes_nothing(client, ending_vacancy, firm_a_user):
    call_command("send_vacancy_reminders", stdout=mock.Mock())
    link = _link(mail.outbox[0])
    ending_vacancy.unpublish()
    before = _state(ending_vacancy)
    response = client.get(link)
    assert response.status_code == 400
    assert _state(ending_vacancy) == before
