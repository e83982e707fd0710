"""Factories for the local economy: the listing, units, enquiries, the
network board, its posts and answers. Pages are added below a `parent` and
published (see tests/factories/directory.py)."""

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from economy.choices import EnquiryStatus, PostType, PremisesType
from economy.models import (
    BoardAnswer,
    BoardPostPage,
    Enquiry,
    NetworkBoardPage,
    PremisesIndexPage,
    PremisesPage,
)
from economy.models.expiring import expiry_for

from .directory import PageFactory, QuarterFactory


class PremisesIndexPageFactory(PageFactory):
    class Meta:
        model = PremisesIndexPage

    title = "Gewerbeflächen"
    slug = "gewerbeflaechen"
    intro = "Freie Läden, Büros und Werkstätten in Stern, Drewitz und Schlaatz."


class PremisesPageFactory(PageFactory):
    class Meta:
        model = PremisesPage

    title = factory.Sequence(lambda n: f"Ladenfläche {n}")
    slug = factory.Sequence(lambda n: f"laden-{n}")
    premises_type = PremisesType.SHOP
    summary = "Heller Laden mit Schaufenster am Platz."
    area = Decimal("80.0")
    rent_per_m2 = Decimal("9.50")
    service_charges_per_m2 = Decimal("2.20")
    floor = 0
    step_free = True
    shop_window = True
    quarter = factory.SubFactory(QuarterFactory)
    street = "Galileistraße 10"
    postal_code = "14480"
    city = "Potsdam"
    # The quarter's centre: a unit's map point must lie inside its quarter.
    latitude = factory.LazyAttribute(lambda unit: Decimal(str(unit.quarter.latitude)))
    longitude = factory.LazyAttribute(lambda unit: Decimal(str(unit.quarter.longitude)))
    listed_until = factory.LazyFunction(
        lambda: timezone.localdate() + dt.timedelta(days=60)
    )

    @classmethod
    def _create(cls, model_class, *args, parent, publish=True, **kwargs):
        # As the admin form does: "listed until" sets the expiry.
        kwargs.setdefault("expire_at", expiry_for(kwargs["listed_until"]))
        return super()._create(
            model_class, *args, parent=parent, publish=publish, **kwargs
        )


class EnquiryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enquiry

    language = "de"
    business = "Ein kleines Café mit Mittagstisch."
    premises_types = factory.LazyFunction(lambda: [PremisesType.SHOP])
    area_min = 50
    area_max = 120
    budget = 1200
    timeframe = "3m"
    employees = 2
    support = factory.LazyFunction(lambda: ["premises", "funding"])
    name = factory.Sequence(lambda n: f"Gründerin {n}")
    email = factory.Sequence(lambda n: f"founder-{n}@example.org")
    consent_at = factory.LazyFunction(timezone.now)
    status = EnquiryStatus.NEW


class NetworkBoardPageFactory(PageFactory):
    class Meta:
        model = NetworkBoardPage

    title = "Netzwerk-Pinnwand"
    slug = "netzwerk"


class BoardPostPageFactory(PageFactory):
    class Meta:
        model = BoardPostPage

    title = factory.Sequence(lambda n: f"Praktikumsplatz {n}")
    slug = factory.Sequence(lambda n: f"beitrag-{n}")
    post_type = PostType.PLACEMENT
    text = "Wir bieten zwei Praktikumsplätze im Büro an."
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))

    @classmethod
    def _create(cls, model_class, *args, parent, publish=True, **kwargs):
        kwargs.setdefault("expire_at", expiry_for(kwargs["ends_on"]))
        return super()._create(
            model_class, *args, parent=parent, publish=publish, **kwargs
        )


class BoardAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoardAnswer

    name = "Olaf Ortmann"
    organisation = "Tischlerei Ortmann"
    email = factory.Sequence(lambda n: f"answer-{n}@example.org")
    message = "Wir hätten Interesse."
