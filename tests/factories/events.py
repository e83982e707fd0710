"""Factories for events: index, event pages, snippets and date changes."""

from datetime import datetime

import factory
import wagtail_factories
from wagtail.models import Locale, Page

from events.choices import DateChangeKind
from events.models import (
    EventCategory,
    EventDateChange,
    EventExtraDate,
    EventIndexPage,
    EventPage,
    TargetGroup,
    Venue,
)
from events.recurrence import local_zone


def berlin(*args) -> datetime:
    """An aware datetime in the portal's zone: berlin(2026, 3, 23, 18, 0)."""
    return datetime(*args, tzinfo=local_zone())


def german_home() -> Page:
    return Page.objects.get(depth=2, locale__language_code="de").specific


class EventCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventCategory

    name = factory.Sequence(lambda n: f"Kategorie {n}")
    slug = factory.Sequence(lambda n: f"kategorie-{n}")
    locale = factory.LazyFunction(lambda: Locale.objects.get(language_code="de"))


class TargetGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetGroup

    name = factory.Sequence(lambda n: f"Zielgruppe {n}")
    slug = factory.Sequence(lambda n: f"zielgruppe-{n}")
    locale = factory.LazyFunction(lambda: Locale.objects.get(language_code="de"))


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    name = factory.Sequence(lambda n: f"Gemeinschaftsgarten {n}")
    street = "Gluckstraße 1"
    postal_code = "14480"
    city = "Potsdam"
    latitude = "52.375000"
    longitude = "13.120000"


class EventIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventIndexPage

    title = "Veranstaltungen"
    slug = "veranstaltungen"
    parent = factory.LazyFunction(german_home)


class EventPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventPage

    title = factory.Sequence(lambda n: f"Veranstaltung {n}")
    slug = factory.Sequence(lambda n: f"veranstaltung-{n}")
    teaser = "Eine Veranstaltung im Quartier."
    start = factory.LazyFunction(lambda: berlin(2026, 6, 1, 18, 0))
    end = factory.LazyAttribute(lambda o: o.start.replace(hour=20))
    live = True


class EventDateChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventDateChange

    kind = DateChangeKind.CANCELLED
    note = "Feiertag"


class EventExtraDateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventExtraDate

    note = "Zusatztermin"
