"""No image the portal stores or shows tells where, when or with which
camera it was taken. Each upload path gets real files built with Pillow
(a phone JPEG with GPS, camera make, software, orientation, XMP, IPTC and a
comment; a PNG with tEXt, zTXt, iTXt and eXIf; an MPO as phones save), and
the stored original and every rendition the templates ask for are read back
with Pillow and byte by byte."""

import html
import io
import re
import struct
import zlib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from PIL import Image, ImageCms, PngImagePlugin
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.models import Locale, UploadedFile
from wagtail.permissions import policy_registry
from wagtail.users.models import UserProfile

from ideas.models import Idea
from tests.ideas.test_lifecycle import submit_data

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
# Strings planted in the samples; none may survive anywhere.
SECRETS = [
    b"SpyCam",  # EXIF Make
    b"TrackerSoft",  # EXIF Software
    b"GPS",
    b"Exif\x00\x00",
    b"ns.adobe.com/xap",  # XMP
    b"Kepler-Platz 3",  # XMP, IPTC and comment text
    b"Photoshop 3.0",  # IPTC block
    b"8BIM",
    b"secret comment",  # JPEG COM
    b"tEXt",
    b"zTXt",
    b"iTXt",
    b"eXIf",
    b"iCCP",
]
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf='
    b'"http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
    b'xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreatorTool="TrackerSoft" '
    b'xmp:Label="Kepler-Platz 3"/></rdf:RDF></x:xmpmeta>'
)
SIZE = (90, 60)  # wider than high; EXIF orientation 6 turns it upright: 60 × 90


def _exif(orientation: int = 6) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"  # Make
    exif[0x0110] = "SpyCam Pro"  # Model
    exif[0x0131] = "TrackerSoft 1.0"  # Software
    exif[0x0112] = orientation
    exif[0x8825] = {1: "N", 2: (52.0, 22.0, 30.0), 3: "E", 4: (13.0, 7.0, 5.0)}
    return exif


def _two_colours() -> Image.Image:
    """Left half red, right half blue: after a 90° turn clockwise (EXIF
    orientation 6) red is on top."""
    picture = Image.new("RGB", SIZE, (220, 0, 0))
    picture.paste((0, 0, 220), (SIZE[0] // 2, 0, SIZE[0], SIZE[1]))
    return picture


def _iptc_segment() -> bytes:
    """An APP13 Photoshop block with an IPTC caption (Pillow cannot write
    one, cameras and editing software do)."""
    caption = b"Kepler-Platz 3"
    iptc = b"\x1c\x02\x78" + struct.pack(">H", len(caption)) + caption
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00"
    resource += struct.pack(">I", len(iptc)) + iptc + b"\x00" * (len(iptc) % 2)
    body = b"Photoshop 3.0\x00" + resource
    return b"\xff\xed" + struct.pack(">H", len(body) + 2) + body


def _icc() -> bytes:
    """A colour profile, as phones embed one (its description may name the
    device); the pipeline converts to sRGB and drops it."""
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def phone_jpeg() -> bytes:
    buffer = io.BytesIO()
    _two_colours().save(
        buffer,
        format="JPEG",
        icc_profile=_icc(),
        exif=_exif(),
        xmp=XMP,
        comment=b"secret comment at Kepler-Platz 3",
    )
    data = buffer.getvalue()
    return data[:2] + _iptc_segment() + data[2:]  # right after SOI


def text_png() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "Kepler-Platz 3")  # tEXt
    info.add_text("Software", "TrackerSoft", zip=True)  # zTXt
    info.add_itxt("Description", "Kepler-Platz 3, 14482 Potsdam", lang="de")
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    buffer = io.BytesIO()
    _two_colours().save(
        buffer, format="PNG", pnginfo=info, exif=_exif(), icc_profile=_icc()
    )
    return buffer.getvalue()


def phone_mpo() -> bytes:
    buffer = io.BytesIO()
    second = Image.new("RGB", SIZE, (0, 200, 0))
    _two_colours().save(
        buffer,
        format="MPO",
        save_all=True,
        append_images=[second],
        exif=_exif(),
        comment=b"secret comment",
    )
    return buffer.getvalue()


SAMPLES = {
    "jpeg": ("phone.jpg", phone_jpeg),
    "png": ("scan.png", text_png),
    "mpo": ("phone.jpg", phone_mpo),
}


def test_the_samples_carry_what_the_tests_look_for():
    jpeg = Image.open(io.BytesIO(phone_jpeg()))
    assert jpeg.getexif()[0x010F] == "SpyCam"
    assert jpeg.getexif().get_ifd(0x8825)
    assert "xmp" in jpeg.info
    assert b"Kepler-Platz 3" in jpeg.info["comment"]
    assert "photoshop" in jpeg.info
    assert "icc_profile" in jpeg.info
    png = Image.open(io.BytesIO(text_png()))
    png.load()
    assert set(png.text) >= {"Comment", "Software", "Description"}
    assert png.getexif()[0x010F] == "SpyCam"
    mpo = Image.open(io.BytesIO(phone_mpo()))
    assert mpo.format == "MPO"
    assert mpo.n_frames == 2


def jpeg_markers(data: bytes) -> set[int]:
    """The segment markers of a JPEG up to the image data."""
    assert data[:2] == b"\xff\xd8"
    markers, position = set(), 2
    while position < len(data) and data[position] == 0xFF:
        marker = data[position + 1]
        if marker == 0xDA:  # start of scan: pixels follow
            break
        markers.add(marker)
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        position += 2 + length
    return markers


def assert_clean(data: bytes, *, upright: bool = True) -> None:
    for secret in SECRETS:
        assert secret not in data, secret
    picture = Image.open(io.BytesIO(data))
    picture.load()
    assert not picture.getexif()
    metadata = {"exif", "xmp", "comment", "photoshop", "icc_profile", "adobe"}
    assert not metadata & set(picture.info), picture.info.keys()
    assert not getattr(picture, "text", {})
    if picture.format == "JPEG":
        # APP0 (JFIF) and the tables only: no APP1 (EXIF, XMP), APP2 (ICC,
        # MPO), APP13 (IPTC) or COM segment.
        assert not jpeg_markers(data) & {0xE1, 0xE2, 0xED, 0xFE}
    if picture.format == "MPO":
        raise AssertionError("stored as MPO")
    if upright:
        width, height = picture.size
        assert height > width, "orientation applied"
        rgb = picture.convert("RGB")
        top, bottom = (
            rgb.getpixel((width // 2, 2)),
            rgb.getpixel((width // 2, height - 3)),
        )
        assert top[0] > top[2], "red on top"
        assert bottom[2] > bottom[0], "blue below"


# The renditions the site shows, read from where they are asked for -------

TAG = re.compile(r"{%\s*(image|picture|srcset_image)\s+\S+\s+(.*?)%}")
PYTHON_SPEC = re.compile(r"get_renditions?\(\s*\"([^\"]+)\"")
# A spec named once and passed on (`IMAGE_SPEC = "fill-1200x630|format-jpeg"`).
SPEC_CONSTANT = re.compile(r"^[A-Z_]*SPECS?\s*=\s*\"([^\"]+)\"", re.MULTILINE)


def rendition_specs() -> list[str]:
    """Every filter spec in the templates' image tags and in get_rendition()
    calls of the apps, expanded the way the tags expand them."""
    specs = set()
    for template in (ROOT / "templates").rglob("*.html"):
        for tag, rest in TAG.findall(template.read_text()):
            words = []
            for word in rest.split():
                if "=" in word or word == "as":
                    break
                words.append(word)
            if tag == "image":
                specs.add("|".join(words))
            else:
                specs.update(Filter.expand_spec(words))
    for app in ("portal", "home", "directory", "events", "campaigns", "ideas"):
        for module in (ROOT / app).rglob("*.py"):
            source = module.read_text()
            specs.update(PYTHON_SPEC.findall(source))
            specs.update(SPEC_CONSTANT.findall(source))
    return sorted(specs)


def test_the_specs_cover_every_kind_of_rendition():
    specs = rendition_specs()
    # og:image, <picture> fallbacks and sources, logos, JSON-LD images.
    assert "fill-1200x630|format-jpeg" in specs
    assert any("format-avif" in spec for spec in specs)
    assert any("format-webp" in spec for spec in specs)
    assert "max-160x80" in specs
    assert "max-400x200" in specs
    assert len(specs) > 20


def assert_renditions_clean(image) -> None:
    for spec in rendition_specs():
        rendition = image.get_rendition(spec)
        with rendition.file.open("rb") as stored:
            assert_clean(stored.read(), upright=False), spec
        assert rendition.height >= rendition.width or "fill" in spec, spec


def stored_original(image) -> bytes:
    with image.file.open("rb") as stored:
        return stored.read()


# The upload paths -----------------------------------------------------------


def _collection(user) -> str:
    """A collection the user may add images to (editors have several, so
    the forms ask for one)."""
    return str(
        policy_registry.get_by_type(get_image_model())
        .collections_user_has_permission_for(user, "add")
        .order_by("path")
        .first()
        .pk
    )


def _admin_add(client, user, name, content):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Upload",
            "file": SimpleUploadedFile(name, content),
            "credit": "",
            "collection": _collection(user),
        },
    )


def _admin_add_multiple(client, user, name, content):
    response = client.post(
        reverse("wagtailimages:add_multiple"),
        {
            "files[]": SimpleUploadedFile(name, content),
            "title": "Upload",
            "collection": _collection(user),
        },
    )
    assert response.json()["success"] is True
    return response


def _chooser_upload(client, user, name, content):
    """The upload tab of the image chooser: how editors add campaign images
    and images in pages from the page editor."""
    return client.post(
        reverse("wagtailimages_chooser:create"),
        {
            "image-chooser-upload-title": "Upload",
            "image-chooser-upload-file": SimpleUploadedFile(name, content),
            "image-chooser-upload-credit": "",
            "image-chooser-upload-collection": _collection(user),
        },
    )


def _multiple_via_uploaded_file(client, user, name, content):
    """The multiple upload when a field other than the file is invalid (here
    an over-long title): Wagtail keeps the file as an UploadedFile and makes
    the image from it later, without the image form's file field."""
    response = client.post(
        reverse("wagtailimages:add_multiple"),
        {
            "files[]": SimpleUploadedFile(name, content),
            "title": "x" * 300,
            "collection": _collection(user),
        },
    )
    assert response.json()["success"] is True
    upload = UploadedFile.objects.get()
    prefix = f"uploaded-image-{upload.pk}"
    return client.post(
        reverse("wagtailimages:create_multiple_from_uploaded_image", args=[upload.pk]),
        {
            f"{prefix}-title": "Upload",
            f"{prefix}-credit": "",
            f"{prefix}-tags": "",
            f"{prefix}-collection": _collection(user),
        },
    )


def _replace_file(client, user, name, content):
    """Editing an image and uploading a new file for it."""
    existing = get_image_model().objects.create(
        title="Upload",
        file=SimpleUploadedFile("old.png", _plain_png()),
        collection_id=_collection(user),
        uploaded_by_user=user,
    )
    return client.post(
        reverse("wagtailimages:edit", args=[existing.pk]),
        {
            "title": "Upload",
            "file": SimpleUploadedFile(name, content),
            "credit": "",
            "collection": _collection(user),
        },
    )


def _plain_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, format="PNG")
    return buffer.getvalue()


ADMIN_PATHS = {
    "add": _admin_add,
    "add multiple": _admin_add_multiple,
    "chooser upload (campaigns, pages)": _chooser_upload,
    "multiple via uploaded file": _multiple_via_uploaded_file,
    "replace file": _replace_file,
}


@pytest.mark.parametrize("sample", SAMPLES, ids=list(SAMPLES))
@pytest.mark.parametrize("path", ADMIN_PATHS, ids=list(ADMIN_PATHS))
@pytest.mark.parametrize("who", ["firm", "editor"])
def test_admin_uploads_store_and_render_no_metadata(
    client, firm_a_user, editor_user, who, path, sample
):
    user = firm_a_user if who == "firm" else editor_user
    client.force_login(user)
    name, build = SAMPLES[sample]

    response = ADMIN_PATHS[path](client, user, name, build())

    assert response.status_code in (200, 302)
    form = (response.context or {}).get("form")
    assert not getattr(form, "errors", None), form.errors
    image = get_image_model().objects.get(title="Upload")
    original = stored_original(image)
    assert_clean(original)
    assert Image.open(io.BytesIO(original)).format == (
        "PNG" if sample == "png" else "JPEG"
    )
    assert (image.width, image.height) == (SIZE[1], SIZE[0])
    assert image.file_size == len(original)
    assert_renditions_clean(image)


@pytest.mark.parametrize("sample", SAMPLES, ids=list(SAMPLES))
def test_residents_idea_photo_stores_and_renders_no_metadata(
    client, board, resident, category, quarter, sample
):
    client.force_login(resident)
    name, build = SAMPLES[sample]
    data = submit_data(category, quarter, photo_description="Das Beet")

    response = client.post(
        "/en/ideas/new/", {**data, "photo_file": SimpleUploadedFile(name, build())}
    )

    assert response.status_code == 302
    photo = Idea.objects.get().photo
    original = stored_original(photo)
    assert_clean(original)
    assert Image.open(io.BytesIO(original)).format == "JPEG"
    assert_renditions_clean(photo)


def test_images_stored_before_the_pipeline_are_cleaned_by_the_command():
    # Created through the ORM, as uploads were stored before: unchanged.
    old = get_image_model().objects.create(
        title="Alt", file=SimpleUploadedFile("alt.jpg", phone_jpeg())
    )
    assert b"SpyCam" in stored_original(old)
    stale = old.get_rendition("max-160x80")
    get_image_model().objects.create(
        title="Sauber", file=SimpleUploadedFile("sauber.png", _plain_png())
    )
    out = io.StringIO()

    call_command("images_strip_metadata", stdout=out)

    old.refresh_from_db()
    assert_clean(stored_original(old))
    assert (old.width, old.height) == (SIZE[1], SIZE[0])
    assert old.file_size == len(stored_original(old))
    assert not old.renditions.filter(pk=stale.pk).exists()
    assert_renditions_clean(old)
    assert "1 of 2 images cleaned" in out.getvalue()
    again = io.StringIO()
    call_command("images_strip_metadata", stdout=again)
    assert "0 of 2 images cleaned" in again.getvalue()


# A zTXt chunk that decompresses beyond Pillow's limit -----------------------


def ztxt_bomb(*, before_pixels: bool) -> bytes:
    """A small valid PNG with a zTXt chunk of a few kilobytes that inflates
    to 20 MB (Pillow refuses text chunks above 1 MB with ValueError)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body))
        )

    bomb = chunk(b"zTXt", b"Comment\x00\x00" + zlib.compress(b"A" * 20_000_000, 9))
    png = _plain_png()
    iend = png.rindex(b"IEND") - 4
    if before_pixels:
        idat = png.index(b"IDAT") - 4
        return png[:idat] + bomb + png[idat:]
    return png[:iend] + bomb + png[iend:]


BOMBS = {"zTXt before IDAT": True, "zTXt after IDAT": False}
LANGUAGES = [code for code, _name in settings.LANGUAGES]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("bomb", BOMBS, ids=list(BOMBS))
def test_ztxt_bomb_through_admin_upload_is_a_form_error(
    client, editor_user, language, bomb
):
    profile = UserProfile.get_for_user(editor_user)
    profile.preferred_language = language
    profile.save()
    client.force_login(editor_user)
    content = ztxt_bomb(before_pixels=BOMBS[bomb])
    assert len(content) < 100_000

    response = _admin_add(client, editor_user, "bomb.png", content)

    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    field = response.context["form"].fields["file"]
    with translation.override(language):
        message = str(field.error_messages["invalid_image"])
    assert message in html.unescape(response.content.decode())
    assert not get_image_model().objects.exists()


@pytest.mark.parametrize("bomb", BOMBS, ids=list(BOMBS))
def test_ztxt_bomb_through_admin_multiple_upload_is_refused(client, editor_user, bomb):
    client.force_login(editor_user)
    response = client.post(
        reverse("wagtailimages:add_multiple"),
        {
            "files[]": SimpleUploadedFile(
                "bomb.png", ztxt_bomb(before_pixels=BOMBS[bomb])
            ),
            "collection": _collection(editor_user),
        },
    )
    assert response.status_code == 200
    assert response.json()["success"] is False
    assert not get_image_model().objects.exists()
    assert not UploadedFile.objects.exists()


@pytest.fixture
def board_urls(board):
    """The board's submission form in every language."""
    urls = {}
    for language in LANGUAGES:
        locale = Locale.objects.get(language_code=language)
        page = board.get_translation_or_none(locale)
        if page is None:
            page = board.copy_for_translation(locale, copy_parents=True)
            page.specific.save_revision().publish()
            page.refresh_from_db()
        urls[language] = page.url + "new/"
    return urls


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("bomb", BOMBS, ids=list(BOMBS))
def test_ztxt_bomb_as_idea_photo_is_a_form_error(
    client, board_urls, resident, category, quarter, language, bomb
):
    client.force_login(resident)
    data = submit_data(category, quarter, photo_description="Das Beet")
    upload = SimpleUploadedFile("foto.png", ztxt_bomb(before_pixels=BOMBS[bomb]))

    response = client.post(board_urls[language], {**data, "photo_file": upload})

    assert response.status_code == 200
    assert response.context["form"].errors["photo_file"]
    with translation.override(language):
        message = translation.gettext(
            "The photo could not be read. Please try another file."
        )
    assert message in html.unescape(response.content.decode())
    assert not Idea.objects.exists()
    assert not get_image_model().objects.exists()
