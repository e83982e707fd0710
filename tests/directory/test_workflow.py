import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from directory import services
from directory.models import CompanyPage


def _submit(client, company, title):
    data = {
        "title": title,
        "slug": company.slug,
        "short_description": company.short_description,
        "street": company.street,
        "postal_code": company.postal_code,
        "city": company.city,
        "body-count": "0",
        "social_profiles-count": "0",
        "contact_persons-count": "0",
        "opening_hours-count": "0",
        "tags": "",
        "action-submit": "submit",
    }
    client.post(reverse("wagtailadmin_pages:edit", args=[company.pk]), data)


def test_directory_uses_firm_review_workflow(company_a):
    workflow = company_a.get_workflow()
    assert workflow is not None
    assert workflow.name == services.WORKFLOW_NAME


@pytest.mark.parametrize("decision", ["approve", "reject"])
def test_editor_approves_or_rejects_with_comment(
    client, company_a, firm_a_user, editor_user, decision
):
    client.force_login(firm_a_user)
    _submit(client, company_a, "Firma A – neu")
    state = WorkflowState.objects.get(
        base_content_type__model="page", object_id=str(company_a.pk)
    )
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert CompanyPage.objects.get(pk=company_a.pk).title == "Firma A"

    client.force_login(editor_user)
    task_state = state.current_task_state
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[company_a.pk, decision, task_state.pk],
    )
    response = client.post(url, {"comment": "Bitte Telefonnummer prüfen."})
    assert response.status_code in (200, 302)

    state.refresh_from_db()
    live_title = CompanyPage.objects.get(pk=company_a.pk).title
    task_state.refresh_from_db()
    assert task_state.comment == "Bitte Telefonnummer prüfen."
    if decision == "approve":
        assert state.status == WorkflowState.STATUS_APPROVED
        assert live_title == "Firma A – neu"
    else:
        assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
        assert live_title == "Firma A"
        # The firm sees the editor's comment on its edit page.
        client.force_login(firm_a_user)
        response = client.get(reverse("wagtailadmin_pages:edit", args=[company_a.pk]))
        assert "Bitte Telefonnummer prüfen." in response.content.decode()


def test_trusted_firm_publishes_directly(client, company_a, firm_a_user):
    CompanyPage.objects.filter(pk=company_a.pk).update(publish_directly=True)
    company_a.refresh_from_db()
    services.firm_access_sync(company=company_a)
    client.force_login(firm_a_user)
    data = {
        "title": "Firma A direkt",
        "slug": company_a.slug,
        "short_description": company_a.short_description,
        "street": company_a.street,
        "postal_code": company_a.postal_code,
        "city": company_a.city,
        "body-count": "0",
        "social_profiles-count": "0",
        "contact_persons-count": "0",
        "opening_hours-count": "0",
        "tags": "",
        "action-publish": "publish",
    }
    client.post(reverse("wagtailadmin_pages:edit", args=[company_a.pk]), data)
    assert CompanyPage.objects.get(pk=company_a.pk).title == "Firma A direkt"


def test_firm_cannot_grant_itself_publish_directly(client, company_a, firm_a_user):
    client.force_login(firm_a_user)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[company_a.pk]))
    assert 'name="publish_directly"' not in response.content.decode()
