import io

import pytest
from django.test import Client
from PIL import Image
from wagtail.models import Locale, Page

from ideas.models import IdeaBoardPage
from tests.factories.ideas import (
    CategoryFactory,
    IdeaFactory,
    QuarterFactory,
    ResidentFactory,
    UserFactory,
    editor_create,
    moderator_create,
)


@pytest.fixture
def client():
    return Client(HTTP_HOST="localhost")


@pytest.fixture
def home(db):
    return Page.objects.get(depth=2, locale=Locale.get_default()).specific


@pytest.fixture
def board(home):
    """The German board at /ideen/ and its English translation at /en/ideas/."""
    page = IdeaBoardPage(title="Ideencenter", slug="ideen", intro="Ideen.")
    home.add_child(instance=page)
    page.save_revision().publish()
    english = page.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title, english.slug = "Idea centre", "ideas"
    english.save_revision().publish()
    return page


@pytest.fixture
def quarter(db):
    return QuarterFactory()


@pytest.fixture
def category(db):
    return CategoryFactory()


@pytest.fixture
def resident(db):
    return ResidentFactory(display_name="Gartenfee")


@pytest.fixture
def unverified(db):
    return ResidentFactory(verified=False, display_name="Neu hier")


@pytest.fixture
def author(db):
    return ResidentFactory(display_name="Ideengeberin")


@pytest.fixture
def moderator(db):
    return moderator_create(display_name="Moderator")


@pytest.fixture
def editor(db):
    return editor_create(display_name="Redaktion")


@pytest.fixture
def idea(author, quarter, category):
    return IdeaFactory(author=author, quarter=quarter, category=category)


@pytest.fixture
def submitted_idea(author, quarter, category):
    return IdeaFactory(
        author=author, quarter=quarter, category=category, status="submitted"
    )


@pytest.fixture
def login(client):
    def _login(user):
        if user is not None:
            client.force_login(user)
        return client

    return _login


def image_bytes(fmt="JPEG", size=(640, 480), exif=None) -> bytes:
    buffer = io.BytesIO()
    picture = Image.new("RGB", size, (30, 120, 80))
    kwargs = {"exif": exif} if exif is not None else {}
    picture.save(buffer, format=fmt, **kwargs)
    return buffer.getvalue()


@pytest.fixture
def make_user():
    return UserFactory
