"""Bad input gets a clear message, changes nothing and never a 500."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from ideas.models import Comment, Idea, Report, Support
from ideas.services.base import IdeaError
from ideas.services.supports import idea_support
from tests.factories.ideas import SCHLAATZ_POINT, CommentFactory, IdeaFactory

from .conftest import image_bytes
from .test_lifecycle import submit_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def poster(client, board, resident):
    client.force_login(resident)

    def _post(data, **files):
        # In English, so the messages can be compared with the msgids.
        return client.post("/en/ideas/new/", {**data, **files})

    return _post


def errors_of(response) -> str:
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary" role="alert"' in html
    return html


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "This field is required."),
        ({"title": "x" * 121}, "at most 120 characters"),
        ({"description": ""}, "This field is required."),
        ({"description": "y" * 5001}, "at most 5000 characters"),
        (
            {"latitude": "48.137000", "longitude": "11.575000"},
            "does not lie in Potsdam",
        ),
        (
            {"latitude": SCHLAATZ_POINT[0], "longitude": SCHLAATZ_POINT[1]},
            "outside the quarter",
        ),
        ({"latitude": "52.374500", "longitude": ""}, "Enter both latitude"),
        ({"website": "http://spam.example"}, "leave this field empty"),
    ],
)
def test_bad_idea_fields(poster, category, quarter, overrides, message):
    html = errors_of(poster(submit_data(category, quarter, **overrides)))
    assert message in html
    assert Idea.objects.count() == 0


def test_script_in_text_is_shown_as_text(client, board, poster, category, quarter):
    poster(
        submit_data(
            category,
            quarter,
            title="<script>alert(1)</script> Beete",
            description="<b>fett</b> <script>alert(2)</script> und "
            "https://example.org/garten",
        )
    )
    idea = Idea.objects.get()
    Idea.objects.filter(pk=idea.pk).update(status="published")
    html = client.get(f"/ideen/{idea.reference}/").content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;fett&lt;/b&gt;" in html
    assert 'rel="nofollow ugc"' in html
    assert 'href="https://example.org/garten"' in html


def test_non_image_photo(poster, category, quarter):
    fake = SimpleUploadedFile("beet.jpg", b"%PDF-1.4 not a photo", "image/jpeg")
    html = errors_of(poster(submit_data(category, quarter), photo_file=fake))
    assert "This file is not a photo" in html
    assert Idea.objects.count() == 0


def test_gif_is_refused(poster, category, quarter):
    gif = SimpleUploadedFile("a.gif", image_bytes("GIF"), "image/gif")
    html = errors_of(poster(submit_data(category, quarter), photo_file=gif))
    assert "JPEG, PNG or WebP" in html


def test_fifty_megapixel_photo(poster, category, quarter):
    buffer = io.BytesIO()
    Image.new("L", (7072, 7072)).save(buffer, format="PNG", optimize=True)
    big = SimpleUploadedFile("big.png", buffer.getvalue(), "image/png")
    html = errors_of(poster(submit_data(category, quarter), photo_file=big))
    assert "50 megapixels" in html
    assert Idea.objects.count() == 0


def test_oversized_photo_file(poster, category, quarter):
    big = SimpleUploadedFile(
        "big.jpg", b"\xff\xd8" + b"0" * (8 * 1024 * 1024), "image/jpeg"
    )
    html = errors_of(poster(submit_data(category, quarter), photo_file=big))
    assert "larger than 8 MB" in html


def test_photo_loses_exif_and_gps_and_is_resized(poster, category, quarter):
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"  # camera make
    exif[0x8825] = {1: "N", 2: (52.0, 22.0, 30.0)}  # GPS IFD
    data = image_bytes("JPEG", size=(4000, 3000), exif=exif.tobytes())
    assert Image.open(io.BytesIO(data)).getexif()
    upload = SimpleUploadedFile("beet.jpg", data, "image/jpeg")
    poster(submit_data(category, quarter, photo_description="Beet"), photo_file=upload)
    idea = Idea.objects.get()
    with idea.photo.file.open("rb") as stored:
        saved = Image.open(stored)
        saved.load()
    assert max(saved.size) == 2000
    assert not saved.getexif()
    assert "exif" not in saved.info


def test_supporting_unpublished_rejected_or_twice(
    client, board, resident, category, quarter
):
    client.force_login(resident)
    for status in ("submitted", "rejected"):
        other = IdeaFactory(status=status, category=category, quarter=quarter)
        response = client.post(f"/ideen/{other.reference}/support/")
        assert response.status_code == 404
    declined = IdeaFactory(status="declined", category=category, quarter=quarter)
    response = client.post(f"/ideen/{declined.reference}/support/", follow=True)
    assert "kann nicht (mehr) unterstützt werden" in response.content.decode()
    assert Support.objects.count() == 0

    idea = IdeaFactory(category=category, quarter=quarter)
    client.post(f"/ideen/{idea.reference}/support/")
    response = client.post(f"/ideen/{idea.reference}/support/", follow=True)
    assert "Sie unterstützen diese Idee bereits." in response.content.decode()
    assert Support.objects.filter(idea=idea).count() == 1


def test_service_refuses_rejected_idea(resident):
    idea = IdeaFactory(status="rejected")
    with pytest.raises(IdeaError):
        idea_support(idea=idea, user=resident)
    assert Support.objects.count() == 0


def test_commenting_on_hidden_idea(client, board, resident, idea):
    Idea.objects.filter(pk=idea.pk).update(is_hidden=True)
    client.force_login(resident)
    response = client.post(f"/ideen/{idea.reference}/comment/", {"text": "Hallo"})
    assert response.status_code == 404
    assert Comment.objects.count() == 0


def test_empty_and_oversized_comment(client, board, resident, idea):
    client.force_login(resident)
    for text in ("   ", "z" * 2001):
        response = client.post(f"/ideen/{idea.reference}/comment/", {"text": text})
        assert response.status_code == 400
        assert 'role="alert"' in response.content.decode()
    assert Comment.objects.count() == 0


def test_reply_to_reply_attaches_to_thread(client, board, resident, idea):
    client.force_login(resident)
    client.post(f"/ideen/{idea.reference}/comment/", {"text": "Erster"})
    first = Comment.objects.get()
    client.post(
        f"/ideen/{idea.reference}/comment/", {"text": "Zweiter", "parent": first.pk}
    )
    second = Comment.objects.get(text="Zweiter")
    client.post(
        f"/ideen/{idea.reference}/comment/", {"text": "Dritter", "parent": second.pk}
    )
    assert Comment.objects.get(text="Dritter").parent == first


def test_bad_reference_and_pages_answer_normally(client, board):
    assert client.get("/ideen/I-2026-99999/").status_code == 404
    assert client.get("/ideen/?page=abc&sort=nonsense&category=x").status_code == 200
    assert client.get("/ideen/I-2026-0001/support/").status_code == 405


@pytest.mark.parametrize(
    "value",
    ["²", "١", "٣", "𝟙", "99999999999999999999999", "9223372036854775808", "-1", "1.0"],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_report_with_a_comment_that_is_no_id_is_not_found(
    client, board, resident, idea, value, method
):
    """`?comment=²` was a 500: superscript and other Unicode digits pass
    `str.isdigit()` and then fail in `int()`; numbers past 64 bits overflow
    the database's integer."""
    comment = CommentFactory(idea=idea, text="Ein Kommentar")
    client.force_login(resident)
    url = f"/en/ideas/{idea.reference}/report/"

    if method == "get":
        response = client.get(url, {"comment": value})
    else:
        response = client.post(url, {"comment": value, "reason": "spam", "note": ""})

    assert response.status_code == 404
    assert not Report.objects.exists()
    assert client.get(url, {"comment": str(comment.pk)}).status_code == 200
