"""Directory services check the rules themselves, like ideas' services do: a
call on behalf of someone without the permission raises and changes nothing,
whichever code calls it (the admin views check too, tests/directory/
test_permissions.py)."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import PermissionDenied

from directory import services
from directory.models import VacancyPage


def test_firm_cannot_end_another_firms_vacancy(vacancy_b, firm_a_user):
    with pytest.raises(PermissionDenied):
        services.vacancy_end(vacancy=vacancy_b, user=firm_a_user)
    vacancy_b.refresh_from_db()
    assert vacancy_b.live
    assert not vacancy_b.expired


def test_firm_ends_its_own_vacancy(vacancy_a, firm_a_user):
    services.vacancy_end(vacancy=vacancy_a, user=firm_a_user)
    vacancy_a.refresh_from_db()
    assert not vacancy_a.live
    assert VacancyPage.objects.live().filter(pk=vacancy_a.pk).count() == 0


def test_firm_cannot_invite_users(
    company_a, firm_a_user, django_capture_on_commit_callbacks
):
    users_before = get_user_model().objects.count()
    groups_before = set(firm_a_user.groups.values_list("pk", flat=True))
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(PermissionDenied),
    ):
        services.firm_user_invite(
            company=company_a,
            email="neu@firma-a.example",
            first_name="Neu",
            last_name="Person",
            invited_by=firm_a_user,
        )
    assert get_user_model().objects.count() == users_before
    assert set(firm_a_user.groups.values_list("pk", flat=True)) == groups_before
    assert mail.outbox == []


def test_editor_invites(company_a, editor_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.firm_user_invite(
            company=company_a,
            email="neu@firma-a.example",
            first_name="Neu",
            last_name="Person",
            invited_by=editor_user,
        )
    assert invitation.created
    assert len(mail.outbox) == 1
