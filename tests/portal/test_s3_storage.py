"""Media on S3-compatible object storage (django-storages, settings
AWS_STORAGE_BUCKET_NAME …): images, renditions and documents go to the
bucket, documents are still served through Wagtail, /healthz checks the
bucket. Against moto's S3 server on 127.0.0.1; skipped, saying so, where
moto or boto3 is not installed."""

import io

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from tests.factories.portal import ImageFactory

boto3 = pytest.importorskip("boto3", reason="boto3 not installed: S3 tests skipped")
moto_server = pytest.importorskip(
    "moto.server", reason="moto[server] not installed: S3 tests skipped"
)

pytestmark = pytest.mark.django_db

BUCKET = "quartier-media"


@pytest.fixture(scope="module")
def s3_endpoint():
    """moto's S3 server on a port the system picks: a fixed port may be taken
    by another test process, and moto then waits for ever for a server that
    failed in its thread (the suite hung there)."""
    server = moto_server.ThreadedMotoServer(
        ip_address="127.0.0.1", port=0, verbose=False
    )
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3(s3_endpoint, settings, monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="eu-central-1")
    client.create_bucket(
        Bucket=BUCKET,
        CreateBucketConfiguration={"LocationConstraint": "eu-central-1"},
    )
    settings.AWS_STORAGE_BUCKET_NAME = BUCKET
    settings.AWS_S3_ENDPOINT_URL = s3_endpoint
    settings.AWS_S3_REGION_NAME = "eu-central-1"
    settings.AWS_LOCATION = "media"
    settings.AWS_DEFAULT_ACL = None
    settings.AWS_QUERYSTRING_AUTH = True
    settings.AWS_S3_FILE_OVERWRITE = False
    settings.WAGTAILDOCS_SERVE_METHOD = "serve_view"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "storages.backends.s3.S3Storage"},
    }
    yield client
    objects = client.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    for item in objects:
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def _keys(client) -> list[str]:
    return [o["Key"] for o in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def test_images_and_renditions_are_stored_in_the_bucket(s3):
    image = ImageFactory(title="Stern-Center")
    rendition = image.get_rendition("fill-200x100")

    keys = _keys(s3)
    assert f"media/{image.file.name}" in keys
    assert f"media/{rendition.file.name}" in keys
    # Private objects: the URL is signed and expires.
    assert "X-Amz-Signature=" in rendition.url


def test_documents_are_served_through_wagtail_from_the_bucket(s3, client):
    document = get_document_model().objects.create(
        title="Hausordnung",
        file=ContentFile(b"Hausordnung des Quartiers\n", name="hausordnung.txt"),
    )
    assert f"media/{document.file.name}" in _keys(s3)

    response = client.get(document.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Hausordnung des Quartiers\n"


def test_healthz_writes_to_the_bucket(s3, client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["storage"] == "ok"
    assert not [k for k in _keys(s3) if k.startswith("media/healthz/")]


def test_a_bucket_that_is_gone_is_reported(s3, client):
    s3.put_object(Bucket=BUCKET, Key="media/x", Body=io.BytesIO(b"x"))
    for key in _keys(s3):
        s3.delete_object(Bucket=BUCKET, Key=key)
    s3.delete_bucket(Bucket=BUCKET)
    try:
        response = client.get("/healthz")
        assert response.status_code == 503
        assert response.json()["storage"] != "ok"
    finally:
        s3.create_bucket(
            Bucket=BUCKET,
            CreateBucketConfiguration={"LocationConstraint": "eu-central-1"},
        )
