"""Factories of the idea board: residents (verified or not), staff,
quarters, categories and ideas in any status."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from factory.django import DjangoModelFactory
from wagtail.models import Locale

from ideas.choices import IdeaStatus
from ideas.models import Category, Comment, Idea, Support
from portal.models import Quarter
from portal.roles import EDITORS, MODERATORS

STERN_BOUNDARY = [
    [52.3815, 13.1100],
    [52.3820, 13.1370],
    [52.3680, 13.1390],
    [52.3670, 13.1110],
]
#: A point inside STERN_BOUNDARY and one in Potsdam but outside it.
STERN_POINT = ("52.374500", "13.123500")
SCHLAATZ_POINT = ("52.379000", "13.087000")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user-{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    display_name = factory.Sequence(lambda n: f"Nachbar {n}")
    password = factory.PostGenerationMethodCall("set_password", "a-good-pass-2024")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class ResidentFactory(UserFactory):
    """A resident whose e-mail address is verified."""

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(
                user=obj, email=obj.email, verified=True, primary=True
            )


class StaffFactory(UserFactory):
    @factory.post_generation
    def role(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.groups.add(Group.objects.get(name=extracted))


def moderator_create(**kwargs):
    return StaffFactory(role=MODERATORS, **kwargs)


def editor_create(**kwargs):
    return StaffFactory(role=EDITORS, **kwargs)


class QuarterFactory(DjangoModelFactory):
    class Meta:
        model = Quarter
        django_get_or_create = ("locale", "slug")

    locale = factory.LazyFunction(Locale.get_default)
    name = "Stern"
    slug = "stern"
    latitude = "52.374500"
    longitude = "13.123500"
    boundary = factory.LazyFunction(lambda: [list(c) for c in STERN_BOUNDARY])


class CategoryFactory(DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("locale", "slug")

    locale = factory.LazyFunction(Locale.get_default)
    name = "Urbanes Gärtnern"
    slug = "gaertnern"


class IdeaFactory(DjangoModelFactory):
    """An idea; pass status= for any point of the lifecycle (published ideas
    get published_at and a due date as the service would set them)."""

    class Meta:
        model = Idea
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Hochbeete im Hof {n}")
    description = "Ein paar Hochbeete für Kräuter und Gemüse im Innenhof."
    category = factory.SubFactory(CategoryFactory)
    quarter = factory.SubFactory(QuarterFactory)
    author = factory.SubFactory(ResidentFactory)
    status = IdeaStatus.PUBLISHED
    published_at = factory.LazyAttribute(
        lambda o: None if o.status in ("submitted", "rejected") else timezone.now()
    )
    response_due_at = factory.LazyAttribute(
        lambda o: (
            None
            if o.published_at is None
            else timezone.localdate() + timezone.timedelta(weeks=8)
        )
    )

    @factory.post_generation
    def reference(obj, create, extracted, **kwargs):
        if create and not obj.reference:
            obj.reference = extracted or f"I-{obj.created_at.year}-{obj.pk:04d}"
            Idea.objects.filter(pk=obj.pk).update(reference=obj.reference)


class CommentFactory(DjangoModelFactory):
    class Meta:
        model = Comment

    idea = factory.SubFactory(IdeaFactory)
    author = factory.SubFactory(ResidentFactory)
    text = "Gute Idee!"


class SupportFactory(DjangoModelFactory):
    class Meta:
        model = Support

    idea = factory.SubFactory(IdeaFactory)
    user = factory.SubFactory(ResidentFactory)
