"""Every upload path refuses what it should: Wagtail images (firm logos,
campaign images, images in pages), Wagtail documents, idea photos. Content
is sniffed, not trusted from the name; SVG is never accepted; pixel bombs
whose header alone exceeds Pillow's limit give a message, not a 500."""

import io
import struct
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from ideas.models import Idea
from portal.uploads import document_content_matches
from tests.ideas.test_lifecycle import submit_data

pytestmark = pytest.mark.django_db

SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" '
    b'onload="alert(1)"><script>alert(2)</script><rect width="9" height="9"/></svg>'
)
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def png_header_bomb(width: int = 30_000, height: int = 30_000) -> bytes:
    """A PNG whose header claims 900 megapixels (far above Pillow's
    MAX_IMAGE_PIXELS × 2, where Image.open itself raises) with a tiny body."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(buffer, format="JPEG")
    return buffer.getvalue()


# Wagtail images: firms (logos) and editors (campaigns, pages) -----------------

IMAGE_REFUSED = {
    "svg": ("logo.svg", SVG),
    "svg named png": ("logo.png", SVG),
    "html named jpg": ("logo.jpg", HTML),
    "header bomb": ("bomb.png", png_header_bomb()),
    "truncated jpeg": ("cut.jpg", jpeg()[:200]),
}


@pytest.mark.parametrize("case", IMAGE_REFUSED, ids=list(IMAGE_REFUSED))
@pytest.mark.parametrize("who", ["firm", "superuser"])
def test_image_upload_refuses_non_images(client, admin_user, firm_a_user, who, case):
    client.force_login(firm_a_user if who == "firm" else admin_user)
    name, content = IMAGE_REFUSED[case]

    response = client.post(
        reverse("wagtailimages:add"),
        {"title": "Upload", "file": SimpleUploadedFile(name, content), "credit": ""},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not get_image_model().objects.filter(title="Upload").exists()


def test_svg_is_not_an_allowed_image_type(settings):
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS


def test_firm_uploads_a_real_image(client, firm_a_user):
    client.force_login(firm_a_user)
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Upload",
            "file": SimpleUploadedFile("logo.jpg", jpeg()),
            "credit": "",
        },
    )
    assert response.status_code == 302
    assert get_image_model().objects.filter(title="Upload").exists()


# Wagtail documents -----------------------------------------------------------


def office(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = office({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"})
XLSX = office({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<x/>"})
ODT = office({"mimetype": b"application/vnd.oasis.opendocument.text"})
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

DOCUMENTS_ACCEPTED = {
    "pdf": ("flyer.pdf", PDF),
    "docx": ("brief.docx", DOCX),
    "xlsx": ("liste.xlsx", XLSX),
    "odt": ("text.odt", ODT),
    "csv utf-8": ("liste.csv", "Name;Ort\nBäckerei;Stern\n".encode()),
    "csv windows": ("liste.csv", "Name;Ort\nBäckerei;Stern\n".encode("cp1252")),
    "txt": ("info.txt", b"Hallo Quartier\n"),
}
DOCUMENTS_REFUSED = {
    "html named pdf": ("flyer.pdf", HTML),
    "svg named pdf": ("flyer.pdf", SVG),
    "zip without word part named docx": ("brief.docx", XLSX),
    "pdf named docx": ("brief.docx", PDF),
    "binary named txt": ("info.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00"),
    "html named txt": ("info.txt", HTML),
    "jpeg named csv": ("liste.csv", jpeg()),
    "odt of another kind": (
        "text.odt",
        office({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}),
    ),
}


@pytest.mark.parametrize("case", DOCUMENTS_ACCEPTED, ids=list(DOCUMENTS_ACCEPTED))
def test_document_content_matching_its_extension_is_accepted(admin_client, case):
    name, content = DOCUMENTS_ACCEPTED[case]
    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {"title": "Upload", "file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 302, response.context["form"].errors
    assert get_document_model().objects.filter(title="Upload").exists()


@pytest.mark.parametrize("case", DOCUMENTS_REFUSED, ids=list(DOCUMENTS_REFUSED))
def test_document_content_not_matching_its_extension_is_refused(admin_client, case):
    name, content = DOCUMENTS_REFUSED[case]
    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {"title": "Upload", "file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not get_document_model().objects.filter(title="Upload").exists()


def test_multiple_upload_checks_content_too(admin_client):
    response = admin_client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile("flyer.pdf", HTML)},
    )
    assert response.status_code == 200
    assert response.json()["success"] is False
    assert not get_document_model().objects.exists()


def test_svg_and_html_are_not_allowed_document_types(settings):
    extensions = set(settings.WAGTAILDOCS_EXTENSIONS)
    assert not extensions & {"svg", "html", "htm", "js", "xml", "xhtml"}


def test_unknown_extension_never_matches():
    assert not document_content_matches(io.BytesIO(PDF), "exe")


# Idea photos ---------------------------------------------------------------

PHOTO_REFUSED = {
    "svg": ("foto.svg", SVG),
    "svg named jpg": ("foto.jpg", SVG),
    "html named png": ("foto.png", HTML),
    "header bomb": ("foto.png", png_header_bomb()),
}


@pytest.mark.parametrize("case", PHOTO_REFUSED, ids=list(PHOTO_REFUSED))
def test_idea_photo_refuses_non_photos(
    client, board, resident, category, quarter, case
):
    client.force_login(resident)
    name, content = PHOTO_REFUSED[case]
    data = submit_data(category, quarter, photo_description="Ein Foto")

    response = client.post(
        "/en/ideas/new/", {**data, "photo_file": SimpleUploadedFile(name, content)}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["photo_file"]
    assert not Idea.objects.exists()
