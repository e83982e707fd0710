"""Checks on uploads through Wagtail's image and document forms (firm
logos, campaign images, images and documents in pages).

Documents: Wagtail checks a document's extension and size but not its
content, so a file named `.pdf` could be an HTML page. The content has to
match the extension (WAGTAILDOCS_EXTENSIONS).

Images: Wagtail sniffs the format and limits size and pixels, but a file
that Pillow can identify and not measure (a truncated JPEG) raised a 500.
Every image that reaches the portal, whichever way (Wagtail's image forms
for firms and editors, residents' idea photos), goes through
`image_clean`: decoded once, turned upright, re-encoded without any of
the original's metadata, so neither the stored original nor a rendition
made from it tells where, when or with which phone a photo was taken."""

from __future__ import annotations

import codecs
import io
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePath

import willow
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError
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


# Images ---------------------------------------------------------------------

#: The format an image is stored in, by the format Pillow reads. MPO is what
#: phones save (a JPEG with a second, depth or preview frame): its first frame
#: is an ordinary JPEG.
STORED_FORMAT = {
    "JPEG": "JPEG",
    "MPO": "JPEG",
    "PNG": "PNG",
    "WEBP": "WEBP",
    "GIF": "GIF",
    "AVIF": "AVIF",
}
#: Encoder settings for the re-encoded original. High enough that the
#: renditions (made from it at Wagtail's quality 85 or lower) do not suffer.
SAVE_OPTIONS = {
    "JPEG": {"quality": 92},
    "WEBP": {"quality": 92},
    "AVIF": {"quality": 90},
    "PNG": {},
    "GIF": {},
}
#: What of `Image.info` is picture, not metadata: which palette entry is
#: transparent (GIF, palette PNG).
PICTURE_INFO = ("transparency",)
SRGB = ImageCms.createProfile("sRGB")
# What Pillow raises on files it identifies but cannot decode: truncated
# data (OSError), a zTXt/iTXt chunk or a header that decompresses beyond
# Pillow's limits (ValueError, zlib.error, DecompressionBombError), broken
# headers (SyntaxError, struct errors surface as these too).
UNREADABLE = (
    UnidentifiedImageError,
    OSError,
    ValueError,
    SyntaxError,
    zlib.error,
    Image.DecompressionBombError,
)


class ImageUnreadable(Exception):
    """The file is not an image Pillow can decode completely."""


@dataclass(frozen=True)
class CleanImage:
    content: bytes
    format: str  # Pillow's name of the stored format: JPEG, PNG, ...
    size: tuple[int, int]


def _to_srgb(image: Image.Image) -> Image.Image:
    """The picture converted from its embedded colour profile to sRGB, so
    that dropping the profile (which may name the camera) keeps the colours."""
    profile = image.info.get("icc_profile")
    if not profile or image.mode not in ("RGB", "RGBA"):
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        return (
            ImageCms.profileToProfile(image, source, SRGB, outputMode=image.mode)
            or image
        )
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image  # a broken profile: keep the pixels as they are


def _flatten(image: Image.Image) -> Image.Image:
    """RGB on white, for JPEG (which has no transparency)."""
    if image.mode in ("RGBA", "LA", "P", "PA"):
        image = image.convert("RGBA")
        flat = Image.new("RGB", image.size, (255, 255, 255))
        flat.paste(image, mask=image.getchannel("A"))
        return flat
    # CMYK JPEGs (from print work) show wrongly in some browsers: RGB too.
    return image if image.mode in ("RGB", "L") else image.convert("RGB")


def image_clean(
    source,
    *,
    long_edge: int | None = None,
    as_jpeg: bool = False,
    quality: int | None = None,
) -> CleanImage:
    """The first frame of `source` (a file object), rotated as its EXIF
    orientation says, optionally scaled down to `long_edge` and converted
    to JPEG, encoded afresh (at `quality`, else SAVE_OPTIONS) with nothing
    of the original's metadata: no EXIF (GPS, camera, software, dates), XMP,
    IPTC/Photoshop blocks, JPEG comments, PNG text chunks or colour profile
    (converted to sRGB first).

    Raises ImageUnreadable when the file cannot be decoded completely."""
    source.seek(0)
    try:
        with Image.open(source) as opened:
            kind = opened.format
            if kind not in STORED_FORMAT:
                raise ImageUnreadable(kind)
            opened.seek(0)  # animated GIF/WebP/PNG and MPO: the first frame
            opened.load()
            upright = ImageOps.exif_transpose(opened)
            # copy(): a new image whose info is a dict we may rewrite; the
            # cached EXIF of the opened file is not carried over.
            picture = _to_srgb(upright).copy()
    except UNREADABLE as error:
        raise ImageUnreadable(str(error)) from error
    finally:
        source.seek(0)
    picture.info = {
        key: value for key, value in picture.info.items() if key in PICTURE_INFO
    }
    stored = "JPEG" if as_jpeg else STORED_FORMAT[kind]
    if stored == "JPEG":
        picture = _flatten(picture)
        picture.info.pop("transparency", None)
    if long_edge:
        picture.thumbnail((long_edge, long_edge))
    out = io.BytesIO()
    # No exif=, xmp=, icc_profile=, comment= or pnginfo= argument, and the
    # info dict holds only transparency: the encoders write pixels only.
    options = dict(SAVE_OPTIONS[stored])
    if quality is not None and "quality" in options:
        options["quality"] = quality
    picture.save(out, format=stored, **options)
    return CleanImage(content=out.getvalue(), format=stored, size=picture.size)


class PortalImageField(WagtailImageField):
    """Wagtail's image field, refusing images that cannot be decoded and
    handing the form the cleaned image (`image_clean`) instead of the
    upload, so Wagtail stores and renders only the clean file."""

    def check_image_pixel_size(self, f):
        try:
            super().check_image_pixel_size(f)
        except OSError as error:  # identified, but truncated or corrupt
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from error

    def to_python(self, data):
        try:
            upload = super().to_python(data)
        except UNREADABLE as error:  # raised by Willow or Pillow while sniffing
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from error
        if upload is None:
            return None
        try:
            clean = image_clean(upload)
        except ImageUnreadable as error:
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from error
        cleaned = InMemoryUploadedFile(
            io.BytesIO(clean.content),
            field_name=getattr(upload, "field_name", None),
            name=upload.name,
            content_type=upload.content_type,
            size=len(clean.content),
            charset=None,
        )
        cleaned.image = willow.Image.open(io.BytesIO(clean.content))
        cleaned.portal_clean = True  # see CustomImage._set_image_file_metadata
        return cleaned


def image_file_clean(image) -> None:
    """Replace the stored file of a Wagtail image by its cleaned version
    (for files that reached storage without the image form)."""
    field_file = image.file
    field_file.open("rb")
    try:
        clean = image_clean(field_file)
    except ImageUnreadable as error:
        raise ValidationError(
            _("This image could not be read. Please try another file."),
            code="invalid_image",
        ) from error
    finally:
        field_file.close()
    old_name = field_file.name if field_file._committed else None
    field_file.save(
        PurePath(field_file.name).name, ContentFile(clean.content), save=False
    )
    image.width, image.height = clean.size
    if old_name and old_name != field_file.name:
        field_file.storage.delete(old_name)


#: Keys of `Image.info` that are metadata (what `image_clean` drops).
METADATA_INFO = {
    "exif",
    "xmp",
    "XML:com.adobe.xmp",
    "comment",
    "photoshop",
    "icc_profile",
}


def image_has_metadata(source) -> bool:
    """Whether an image file carries anything `image_clean` would drop, or
    is an MPO (stored before MPO was turned into JPEG)."""
    source.seek(0)
    try:
        with Image.open(source) as opened:
            opened.load()  # PNG text chunks after the pixels are read here
            return (
                opened.format == "MPO"
                or bool(METADATA_INFO & set(opened.info))
                or bool(getattr(opened, "text", None))
                or bool(opened.getexif())
            )
    except UNREADABLE:
        return False  # nothing to clean that could be read
    finally:
        source.seek(0)


def image_metadata_strip(*, image) -> bool:
    """Clean the stored original of a Wagtail image that still carries
    metadata (uploaded before the pipeline) and drop its renditions, which
    were made from it. Returns whether anything changed."""
    with image.open_file() as stored:
        if not image_has_metadata(stored):
            return False
    image_file_clean(image)
    image.file_size = image.file.size
    image._set_file_hash()
    image.save(update_fields=["file", "width", "height", "file_size", "file_hash"])
    image.renditions.all().delete()
    return True


class PortalImageForm(BaseImageForm):
    """Wagtail's image form (single and multiple upload, the chooser's
    upload, replacing a file) with a file field that refuses unreadable
    images instead of failing and stores them cleaned."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None:
            self.fields["file"] = PortalImageField(
                label=field.label, widget=field.widget, required=field.required
            )
