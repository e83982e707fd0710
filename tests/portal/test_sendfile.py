"""Documents are served through Wagtail's view; with SENDFILE_NGINX the view
hands the checked file to nginx by X-Accel-Redirect (portal.sendfile_nginx)
instead of streaming it from a worker."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from tests.portal.test_settings import (
    PRODUCTION,
    PRODUCTION_SERVICES,
    long_secret,
    read_settings,
)

NGINX = {
    "SENDFILE_BACKEND": "portal.sendfile_nginx",
    "SENDFILE_URL": "/protected-media",
}


@pytest.fixture
def nginx_sendfile(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SENDFILE_ROOT = str(tmp_path)
    for name, value in NGINX.items():
        setattr(settings, name, value)
    return settings


def document_create(*, collection=None, name="Aushang März.txt"):
    Document = get_document_model()
    return Document.objects.create(
        title="Aushang",
        file=ContentFile(b"Sprechzeiten am Dienstag", name=name),
        collection=collection or Collection.get_first_root_node(),
    )


@pytest.mark.django_db
def test_public_document_is_handed_to_nginx(client, nginx_sendfile):
    document = document_create()

    response = client.get(document.url)

    assert response.status_code == 200
    stored = document.file.name  # e.g. documents/Aushang_März.txt
    assert response["X-Accel-Redirect"].startswith("/protected-media/documents/")
    assert response["X-Accel-Redirect"].endswith(".txt")
    assert "%C3%A4" in response["X-Accel-Redirect"], "non-ASCII names are quoted"
    assert stored.startswith("documents/")
    # nginx sends the bytes; the app sends none.
    assert response.content == b""
    assert 'filename="Aushang_Marz.txt"' in response["Content-Disposition"]


@pytest.mark.django_db
def test_private_document_is_not_handed_to_nginx_before_the_check(
    client, nginx_sendfile
):
    private = Collection.get_first_root_node().add_child(name="Intern")
    restriction = CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Projektteam"))
    document = document_create(collection=private)

    response = client.get(document.url)

    assert response.status_code == 302
    assert "X-Accel-Redirect" not in response


@pytest.mark.django_db
def test_without_nginx_the_document_is_streamed(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    document = document_create()

    response = client.get(document.url)

    assert response.status_code == 200
    assert "X-Accel-Redirect" not in response
    assert b"".join(response.streaming_content) == b"Sprechzeiten am Dienstag"


def test_production_turns_x_accel_on_from_the_environment(tmp_path):
    configured = {
        "SECRET_KEY": long_secret(),
        "ALLOWED_HOSTS": "portal.example",
        "MEDIA_ROOT": str(tmp_path),
        **PRODUCTION_SERVICES,
    }
    on = read_settings(
        ["SENDFILE_BACKEND", "SENDFILE_ROOT", "SENDFILE_URL"],
        PRODUCTION,
        SENDFILE_NGINX="true",
        **configured,
    )
    off = read_settings(["SENDFILE_NGINX"], PRODUCTION, **configured)

    assert on == {
        "SENDFILE_BACKEND": "portal.sendfile_nginx",
        "SENDFILE_ROOT": str(tmp_path),
        "SENDFILE_URL": "/protected-media",
    }
    assert off == {"SENDFILE_NGINX": False}
