"""Factories for course registrations."""

from datetime import timedelta

import factory
from django.utils import timezone

from courses.choices import Channel, Scope, Status
from courses.models import (
    ContactPointStaff,
    Registration,
    RegistrationSettings,
    new_code,
)

from .events import EventPageFactory


def soon(days: int = 7, hour: int = 10):
    """An aware datetime `days` from now at `hour` local time."""
    moment = timezone.localtime() + timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


class CourseEventFactory(EventPageFactory):
    title = factory.Sequence(lambda n: f"PC-Kurs {n}")
    slug = factory.Sequence(lambda n: f"pc-kurs-{n}")
    start = factory.LazyFunction(lambda: soon(7, 10))
    end = factory.LazyAttribute(lambda o: o.start + timedelta(hours=2))


class RegistrationSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegistrationSettings

    capacity = 3
    scope = Scope.SERIES
    questions = factory.LazyFunction(lambda: ["language", "childcare"])


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    starts_at = factory.LazyAttribute(lambda o: o.settings.event.start)
    ends_at = factory.LazyAttribute(lambda o: o.settings.event.end)
    status = Status.CONFIRMED
    channel = Channel.ONLINE
    code = factory.LazyFunction(new_code)
    name = factory.Sequence(lambda n: f"Teilnehmende {n}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    language = "de"


class ContactPointStaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPointStaff
