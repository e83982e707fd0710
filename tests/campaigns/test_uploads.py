"""Uploads that are not usable images get a clear message; nothing is saved."""

import html
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image as PILImage
from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db


def _upload(admin_client, file):
    return admin_client.post(
        reverse("wagtailimages:add"), {"title": "Upload", "file": file, "credit": ""}
    )


def _png(width, height) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("1", (width, height)).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def test_valid_image_is_saved(admin_client):
    response = _upload(admin_client, SimpleUploadedFile("ok.png", _png(40, 30)))
    assert response.status_code == 302
    assert get_image_model().objects.filter(title="Upload").exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [("notes.png", b"this is not an image"), ("script.txt", b"#!/bin/sh")],
)
def test_not_an_image(admin_client, name, content):
    response = _upload(admin_client, SimpleUploadedFile(name, content))
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert errors, "the file field explains what is wrong"
    with translation.override("en"):  # the admin user's language
        message = str(errors[0])
    assert message in html.unescape(response.content.decode())
    assert not get_image_model().objects.exists()


def test_decompression_bomb(admin_client, settings):
    content = _png(8000, 8000)  # 64 megapixels in a few kilobytes
    assert len(content) < 100_000
    response = _upload(admin_client, SimpleUploadedFile("bomb.png", content))
    assert response.status_code == 200
    assert "too many pixels" in response.content.decode()
    assert not get_image_model().objects.exists()


def test_oversized_file(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1024
    response = _upload(
        admin_client, SimpleUploadedFile("big.png", _png(400, 400) + b"\0" * 2048)
    )
    assert response.status_code == 200
    assert "This file is too big" in response.content.decode()
    assert not get_image_model().objects.exists()
