"""Bad input in the admin gives a clear message and saves nothing."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model

from directory.models import CompanyPage


def _company_data(company, **changes):
    data = {
        "title": company.title,
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
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": "T" * 5000}, "255"),
        ({"latitude": "48.137", "longitude": "11.575"}, "Potsdam"),
        ({"latitude": "52.39"}, "both"),
        ({"short_description": "x" * 301}, "300"),
    ],
)
def test_company_form_rejects_bad_input(
    client, company_a, firm_a_user, changes, message
):
    client.force_login(firm_a_user)
    before = company_a.latest_revision_id
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[company_a.pk]),
        _company_data(company_a, **changes),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    company_a.refresh_from_db()
    assert company_a.latest_revision_id == before
    assert CompanyPage.objects.get(pk=company_a.pk).title == "Firma A"


def _upload(client, name, content, content_type="image/png"):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Logo",
            "file": SimpleUploadedFile(name, content, content_type=content_type),
        },
    )


def test_logo_upload_that_is_no_image_is_refused(client, firm_a_user):
    client.force_login(firm_a_user)
    response = _upload(client, "logo.png", b"not an image at all")
    assert response.status_code == 200
    assert get_image_model().objects.count() == 0


def test_logo_over_10_mb_is_refused(client, firm_a_user):
    client.force_login(firm_a_user)
    content = b"\x89PNG\r\n\x1a\n" + b"0" * (10 * 1024 * 1024 + 1)
    response = _upload(client, "big.png", content)
    assert response.status_code == 200
    assert "10" in response.content.decode()
    assert get_image_model().objects.count() == 0


def test_logo_upload_lands_in_firm_collection(client, firm_a_user, company_a):
    client.force_login(firm_a_user)
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 20), (10, 90, 70)).save(buffer, format="PNG")
    response = _upload(client, "ok.png", buffer.getvalue())
    assert response.status_code == 302
    image = get_image_model().objects.get()
    assert image.collection.name == company_a.firm_group.name
