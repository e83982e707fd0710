"""Publishing through the Wagtail admin is refused while an image lacks alt
text or shows recognisable people without recorded consent; drafts save."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from campaigns.models import CampaignPage
from tests.factories.campaigns import CampaignPageFactory, ImageFactory

pytestmark = pytest.mark.django_db


def _image(**fields):
    data = {
        "image": ImageFactory().pk,
        "alt_text": "Zwei Nachbarinnen am Gartenzaun.",
        "caption": "",
        "credit": "",
        "licence": "own",
        "consent_reference": "",
    }
    data.update(fields)
    return data


def _edit(admin_client, page, images, *, action="action-publish", **fields):
    data = {
        "title": page.title,
        "slug": page.slug,
        "claim": page.claim,
        "hero_alt_text": "",
        "period_start": "2026-01-01",
        "story": streamfield([]),
        "images": inline_formset(images),
        "posters": inline_formset([]),
        "cta_label": "",
        "cta_url": "",
        action: "x",
        **fields,
    }
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    return admin_client.post(url, nested_form_data(data))


@pytest.fixture
def draft(campaign_index):
    page = CampaignPageFactory(parent=campaign_index, live=False)
    page.save_revision()
    return page


def _published(page) -> bool:
    page.refresh_from_db()
    return page.live


def test_publishing_without_alt_text_is_refused(admin_client, draft):
    response = _edit(admin_client, draft, [_image(alt_text="")])
    html = response.content.decode()
    assert response.status_code == 200
    assert "This image has no alternative text." in html
    assert "The campaign cannot be published yet" in html
    assert not _published(draft)


def test_publishing_recognisable_people_without_consent_is_refused(admin_client, draft):
    response = _edit(admin_client, draft, [_image(people_recognisable="on")])
    assert "record their consent before publishing" in response.content.decode()
    assert not _published(draft)


def test_submitting_to_moderation_is_checked_too(admin_client, draft):
    response = _edit(
        admin_client, draft, [_image(alt_text="  ")], action="action-submit"
    )
    assert "This image has no alternative text." in response.content.decode()


def test_hero_image_needs_alt_text_to_publish(admin_client, draft):
    response = _edit(admin_client, draft, [], hero_image=ImageFactory().pk)
    assert "Describe the hero image" in response.content.decode()
    assert not _published(draft)


def test_draft_may_be_incomplete(admin_client, draft):
    response = _edit(admin_client, draft, [_image(alt_text="")], action="action-save")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert not draft.live
    latest = draft.get_latest_revision_as_object()
    assert [image.alt_text for image in latest.images.all()] == [""]


def test_complete_campaign_is_published(admin_client, draft):
    response = _edit(
        admin_client,
        draft,
        [_image(), _image(people_recognisable="on", consent_recorded="on")],
    )
    assert response.status_code == 302
    assert _published(draft)
    assert CampaignPage.objects.get(pk=draft.pk).images.count() == 2


def test_period_end_before_start_is_refused(admin_client, draft):
    response = _edit(admin_client, draft, [_image()], period_end="2025-12-01")
    assert "cannot end before it starts" in response.content.decode()
    assert not _published(draft)
