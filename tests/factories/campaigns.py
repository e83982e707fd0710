"""Factories for campaigns and their image series."""

import datetime

import factory
import wagtail_factories
from wagtail.models import Page

from campaigns.models import CampaignImage, CampaignIndexPage, CampaignPage


def german_home() -> Page:
    return Page.objects.get(depth=2, locale__language_code="de").specific


class ImageFactory(wagtail_factories.ImageFactory):
    credit = "Foto: Quartier"


class CampaignIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CampaignIndexPage

    title = "Kampagnen"
    slug = "kampagnen"
    parent = factory.LazyFunction(german_home)


class CampaignPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CampaignPage

    title = factory.Sequence(lambda n: f"Kampagne {n}")
    slug = factory.Sequence(lambda n: f"kampagne-{n}")
    claim = "Hier arbeitet die Nachbarschaft."
    period_start = factory.LazyFunction(
        lambda: datetime.date.today() - datetime.timedelta(days=1)
    )
    live = True


class CampaignImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CampaignImage

    image = factory.SubFactory(ImageFactory)
    alt_text = "Eine Bäckerin vor ihrem Laden."
    caption = "Bäckerei am Stern"
