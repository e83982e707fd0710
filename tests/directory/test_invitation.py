import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from wagtail.models import GroupPagePermission

from directory.models import CompanyPage
from portal import roles


def test_editor_invites_firm_user(
    client, company_a, editor_user, django_capture_on_commit_callbacks
):
    client.force_login(editor_user)
    url = reverse("directory_firm_invite", args=[company_a.pk])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "email": "Chefin@Firma-A.example",
                "first_name": "Fa",
                "last_name": "Chef",
            },
        )
    assert response.status_code == 302

    user = get_user_model().objects.get(email="chefin@firma-a.example")
    assert not user.has_usable_password()
    company_a.refresh_from_db()
    group = company_a.firm_group
    assert set(user.groups.values_list("name", flat=True)) == {
        group.name,
        roles.FIRMS,
    }
    permissions = set(
        GroupPagePermission.objects.filter(group=group).values_list(
            "page_id", "permission__codename"
        )
    )
    assert permissions == {(company_a.pk, "add_page"), (company_a.pk, "change_page")}

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["chefin@firma-a.example"]
    link = re.search(r"http://\S+/admin/password_reset/confirm/\S+/", message.body)
    assert link, message.body
    response = client.get(link.group(0).replace("http://localhost", ""))
    # The token link leads to the set-password form (Django redirects once to
    # hide the token from the Referer header).
    assert response.status_code in (200, 302)
    client.logout()
    follow = client.get(link.group(0).replace("http://localhost", ""), follow=True)
    assert follow.status_code == 200
    assert 'name="new_password1"' in follow.content.decode()


def test_firm_user_cannot_invite(client, company_a, firm_a_user):
    client.force_login(firm_a_user)
    url = reverse("directory_firm_invite", args=[company_a.pk])
    response = client.post(
        url, {"email": "x@example.org", "first_name": "X", "last_name": "Y"}
    )
    assert response.status_code in (302, 403)
    assert not get_user_model().objects.filter(email="x@example.org").exists()
    assert not mail.outbox


def test_invite_with_bad_email_shows_error(client, company_a, editor_user):
    client.force_login(editor_user)
    url = reverse("directory_firm_invite", args=[company_a.pk])
    response = client.post(url, {"email": "nope", "first_name": "", "last_name": ""})
    assert response.status_code == 200
    assert CompanyPage.objects.get(pk=company_a.pk).firm_group_id is None
    assert not mail.outbox
