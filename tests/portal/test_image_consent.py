"""Consent belongs to the image: a photo of people is published on any page
(a standard page's StreamField here, not only in campaigns) only when their
consent is recorded on the image, with its scope and date."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from home.models import StandardPage
from portal import roles
from tests.factories.home import StandardPageFactory


@pytest.fixture
def editor(db):
    groups = roles.roles_sync()
    user = get_user_model().objects.create_user(
        username="editor-consent",
        password="pass-word-123",
    )
    user.groups.add(groups[roles.EDITORS])
    return user


def _publish_with_image(client, page, image):
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": "Neu mit Foto.",
            "body": streamfield(
                [("image", {"image": image.pk, "alt_text": "Menschen", "caption": ""})]
            ),
            "action-publish": "publish",
        }
    )
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def test_photo_of_people_without_consent_is_not_published(
    client, home_de, image, editor
):
    page = StandardPageFactory(parent=home_de, title="Sommerfest", slug="sommerfest")
    image.shows_people = True
    image.save()
    client.force_login(editor)
    response = _publish_with_image(client, page, image)
    assert response.status_code == 302
    live = StandardPage.objects.get(pk=page.pk)
    assert live.intro != "Neu mit Foto."
    assert not any(block.block_type == "image" for block in live.body)
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any(image.title in message for message in messages)


def test_with_recorded_consent_it_is_published(client, home_de, image, editor):
    page = StandardPageFactory(parent=home_de, title="Sommerfest", slug="sommerfest")
    image.shows_people = True
    image.consent_scope = "portal"
    image.consent_recorded_on = dt.date(2026, 6, 1)
    image.save()
    client.force_login(editor)
    _publish_with_image(client, page, image)
    live = StandardPage.objects.get(pk=page.pk)
    assert live.intro == "Neu mit Foto."
    assert [block.block_type for block in live.body] == ["image"]


def test_image_without_people_needs_no_consent(client, home_de, image, editor):
    page = StandardPageFactory(parent=home_de, title="Haus", slug="haus")
    client.force_login(editor)
    _publish_with_image(client, page, image)
    assert StandardPage.objects.get(pk=page.pk).intro == "Neu mit Foto."


@pytest.mark.parametrize(
    ("fields", "error_field"),
    [
        ({"consent_scope": "portal"}, "consent_recorded_on"),
        ({"consent_recorded_on": dt.date(2026, 6, 1)}, "consent_scope"),
    ],
)
def test_consent_needs_scope_and_date(image, fields, error_field):
    for name, value in fields.items():
        setattr(image, name, value)
    with pytest.raises(ValidationError) as error:
        image.full_clean()
    assert error_field in error.value.message_dict
