"""Factories for the portal app: users, images, quarters."""

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from factory.django import DjangoModelFactory
from wagtail.models import Collection, Locale

from portal.models import Quarter

DEFAULT_PASSWORD = "test-pass-2024"


class UserFactory(DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user-{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    first_name = "Kim"
    last_name = "Muster"
    password = factory.django.Password(DEFAULT_PASSWORD)

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*extracted)


class ImageFactory(wagtail_factories.ImageFactory):
    """A small generated JPEG in the custom image model (no download)."""

    collection = factory.LazyFunction(Collection.get_first_root_node)
    title = factory.Sequence(lambda n: f"Bild {n}")
    file = factory.django.ImageField(width=320, height=200, color="teal", format="JPEG")
    credit = "Fotografin Demo"


class QuarterFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Quartier {n}")
    slug = factory.Sequence(lambda n: f"quartier-{n}")
    portrait = factory.LazyAttribute(lambda q: f"Kurzporträt von {q.name}.")
    locale = factory.LazyFunction(lambda: Locale.objects.get(language_code="de"))
    latitude = "52.374500"
    longitude = "13.123500"
    is_project_quarter = True

    class Meta:
        model = Quarter
