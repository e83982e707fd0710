"""Checks on uploads through Wagtail's image and document forms (firm
logos, campaign images, images and documents in pages).

Documents: Wagtail checks a document's extension and size but not its
content, so a file named `.pdf` could be an HTML page. The content has to
match the extension (WAGTAILDOCS_EXTENSIONS).

Images: Wagtail sniffs the format and limits size and pixels, but a file
that Pillow can identify and not measure (a truncated JPEG) raised a 500."""

from __future__ import annotations

import codecs
import zipfile
from pathlib import PurePath

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

PDF = b"%PDF-"
ZIP = b"PK\x03\x04"
#: Office Open XML: the folder each kind keeps its content in.
OOXML_PARTS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
ODF_MIMETYPES = {"odt": b"application/vnd.oasis.opendocument.text"}
TEXT_SAMPLE = 64 * 1024


def _zip_names(upload) -> list[str] | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None


def _odf_mimetype(upload) -> bytes | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            return archive.read("mimetype").strip()
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return None


def _is_text(sample: bytes) -> bool:
    """UTF-8, or Windows-1252 as spreadsheets on German Windows export it,
    without the null bytes that binary files have."""
    if b"\x00" in sample:
        return False
    try:
        # Incremental: a sample that ends inside a character is fine.
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        try:
            sample.decode("cp1252")
        except UnicodeDecodeError:
            return False
    return True


def document_content_matches(upload, extension: str) -> bool:
    """Whether the file's first bytes (and, for office files, its parts)
    are what its extension promises."""
    upload.seek(0)
    head = upload.read(TEXT_SAMPLE)
    upload.seek(0)
    try:
        if extension == "pdf":
            return head.startswith(PDF)
        if extension in OOXML_PARTS:
            names = _zip_names(upload) if head.startswith(ZIP) else None
            return bool(names) and any(
                name.startswith(OOXML_PARTS[extension]) for name in names
            )
        if extension in ODF_MIMETYPES:
            return (
                head.startswith(ZIP)
                and _odf_mimetype(upload) == ODF_MIMETYPES[extension]
            )
        if extension in ("csv", "txt"):
            return _is_text(head) and not head.lstrip().lower().startswith(
                (b"<!doctype", b"<html", b"<script", b"<svg")
            )
        return False
    finally:
        upload.seek(0)


class PortalDocumentForm(BaseDocumentForm):
    """Wagtail's document form (single and multiple upload), refusing files
    whose content does not match their extension."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data:
            extension = PurePath(upload.name).suffix.lower().lstrip(".")
            if not document_content_matches(upload, extension):
                raise forms.ValidationError(
                    _(
                        "The content of this file does not match its extension "
                        "(.%(extension)s). Please upload the original document."
                    )
                    % {"extension": extension}
                )
        return upload


class PortalImageField(WagtailImageField):
    def check_image_pixel_size(self, f):
        try:
            super().check_image_pixel_size(f)
        except OSError as error:  # identified, but truncated or corrupt
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from error


class PortalImageForm(BaseImageForm):
    """Wagtail's image form (single and multiple upload) with a file field
    that refuses unreadable images instead of failing."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None:
            self.fields["file"] = PortalImageField(
                label=field.label, widget=field.widget, required=field.required
            )
