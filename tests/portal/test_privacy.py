"""The personal-data registry (portal.privacy) covers every project model
that points at a person; the data download names every section and the
account deletion leaves no row of the person in a registered model."""

import json
import sys
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from ideas.models import Pledge, Report, Support
from portal.privacy import personal_data_models, personal_data_sections
from residents.models import ParticipationCode, ParticipationCodeBatch
from tests.factories.courses import (
    CourseEventFactory,
    RegistrationFactory,
    RegistrationSettingsFactory,
)
from tests.factories.events import EventIndexPageFactory
from tests.factories.ideas import CommentFactory, IdeaFactory, ResidentFactory

User = get_user_model()


def user_fields(model) -> list[str]:
    """The model's own foreign keys and one-to-ones to the user model (not the
    ones a page inherits from Wagtail's Page)."""
    return [
        field.name
        for field in model._meta.get_fields()
        if field.concrete
        and field.is_relation
        and field.related_model is User
        and field.model is model
    ]


def project_models():
    # The project's apps, not the installed packages (a virtualenv inside the
    # checkout, as `make` creates it, is under BASE_DIR too).
    root, packages = Path(settings.BASE_DIR), Path(sys.prefix).resolve()
    return [
        model
        for model in apps.get_models()
        if (path := Path(model._meta.app_config.path).resolve()).is_relative_to(root)
        and not path.is_relative_to(packages)
    ]


def test_every_project_model_with_a_person_is_registered_or_exempt():
    covered = personal_data_models()
    missing = [
        model._meta.label
        for model in project_models()
        if user_fields(model) and model._meta.label not in covered
    ]
    assert missing == []


@pytest.fixture
def person(db):
    person = ResidentFactory(display_name="Alles-Drin")
    idea = IdeaFactory(author=person)
    other = IdeaFactory()
    CommentFactory(idea=other, author=person, text="Mein Kommentar")
    Support.objects.create(idea=other, user=person)
    Pledge.objects.create(idea=other, user=person, message="Helfe gern")
    Report.objects.create(reporter=person, idea=other, reason="spam")
    batch = ParticipationCodeBatch.objects.create(label="Stern")
    ParticipationCode.objects.create(batch=batch, code="ABCD-EFGH-JKLM", used_by=person)
    course = RegistrationSettingsFactory(
        event=CourseEventFactory(parent=EventIndexPageFactory())
    )
    RegistrationFactory(settings=course, user=person, email=person.email)
    assert idea.author == person
    return person


def test_the_export_names_every_section(person):
    client = Client(HTTP_HOST="localhost")
    client.force_login(person)

    data = json.loads(client.get(reverse("residents:data")).content)

    keys = {section.key for section in personal_data_sections()}
    assert set(data) == keys
    assert {
        "account",
        "ideas",
        "comments",
        "supports",
        "offers_of_help",
        "reports",
    } <= keys
    empty = [key for key in keys if not data[key]]
    assert empty == []
    assert data["account"]["participation_code"] == "ABCD-EFGH-JKLM"
    assert data["account"]["email_addresses"][0]["email"] == person.email


def test_deletion_leaves_no_row_of_the_person(person):
    assert EmailAddress.objects.filter(user=person).exists()
    client = Client(HTTP_HOST="localhost")
    client.force_login(person)

    response = client.post(reverse("residents:delete"), {"confirm": "on"})

    assert response.status_code == 302
    left = {}
    for section in personal_data_sections():
        for label in section.models:
            model = apps.get_model(label)
            if model is User:
                rows = model.objects.filter(pk=person.pk).count()
            else:
                rows = sum(
                    model.objects.filter(**{name: person.pk}).count()
                    for name in user_fields(model)
                )
            if rows:
                left[label] = rows
    assert left == {}
