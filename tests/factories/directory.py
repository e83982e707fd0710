"""Factories for the directory: sectors, the index page, companies, vacancies.

Pages are created below a `parent` and published, like an editor would.
"""

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone
from wagtail.models import Locale

from directory.models import (
    CompanyPage,
    DirectoryIndexPage,
    Sector,
    VacancyFinderPage,
    VacancyPage,
)
from portal.indexing import indexes_deferred
from portal.models import Quarter


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ("locale", "slug")

    locale = factory.LazyFunction(Locale.get_default)
    name = factory.Sequence(lambda n: f"Sektor {n}")
    slug = factory.Sequence(lambda n: f"sektor-{n}")
    wz_section = "F"


class QuarterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quarter
        django_get_or_create = ("locale", "slug")

    locale = factory.LazyFunction(Locale.get_default)
    name = "Stern"
    slug = "stern"
    latitude = Decimal("52.374500")
    longitude = Decimal("13.123500")
    boundary = factory.LazyFunction(
        lambda: [[52.3815, 13.11], [52.382, 13.137], [52.368, 13.139], [52.367, 13.111]]
    )


class PageFactory(factory.Factory):
    """Adds the page below `parent` and publishes it."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, parent, publish=True, **kwargs):
        m2m = {
            name: kwargs.pop(name) for name in ("tags", "languages") if name in kwargs
        }
        m2m.update(
            {"helpful_languages": kwargs.pop("helpful_languages")}
            if "helpful_languages" in kwargs
            else {}
        )
        # Made, revised and published: three saves, indexed once at the end
        # (as seed_demo does), with the same index as three updates leave.
        with indexes_deferred():
            page = model_class(*args, **kwargs)
            parent.add_child(instance=page)
            for name, values in m2m.items():
                getattr(page, name).set(values)
            revision = page.save_revision()
            if publish:
                revision.publish()
        if publish:
            page.refresh_from_db()
        return page


class DirectoryIndexPageFactory(PageFactory):
    class Meta:
        model = DirectoryIndexPage

    title = "Unternehmen"
    slug = "unternehmen"


class CompanyPageFactory(PageFactory):
    class Meta:
        model = CompanyPage

    title = factory.Sequence(lambda n: f"Firma {n:04d}")
    slug = factory.Sequence(lambda n: f"firma-{n}")
    short_description = "Ein Betrieb im Quartier."
    street = "Galileistraße 1"
    postal_code = "14480"
    city = "Potsdam"
    latitude = Decimal("52.375000")
    longitude = Decimal("13.120000")


class VacancyPageFactory(PageFactory):
    class Meta:
        model = VacancyPage

    title = factory.Sequence(lambda n: f"Stelle {n}")
    slug = factory.Sequence(lambda n: f"stelle-{n}")
    summary = "Wir suchen Verstärkung."
    apply_until = factory.LazyFunction(
        lambda: timezone.localdate() + dt.timedelta(days=30)
    )


class VacancyFinderPageFactory(PageFactory):
    class Meta:
        model = VacancyFinderPage

    title = "Stellen finden"
    slug = "stellen"
    intro = "Offene Stellen im Quartier, passend zu dem, was jemand mitbringt."
