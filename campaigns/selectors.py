"""Reads: which campaigns are current, for the index and the home page,
and what a campaign page lists."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from portal.untranslated import with_source_values
from portal.vocabulary import source_language

from .models import CampaignImage, CampaignPage
from .renditions import CARD


def _live(locale: Locale) -> QuerySet:
    campaigns = CampaignPage.objects.live().public().filter(locale=locale)
    if locale.language_code != source_language():
        # A campaign nobody translated keeps the German title and claim:
        # the originals read along, so cards mark them (`lang_attrs`).
        campaigns = with_source_values(campaigns, "title", "claim")
    return campaigns


def _with_images(campaigns: QuerySet) -> QuerySet:
    Image = get_image_model()
    return campaigns.prefetch_related(
        Prefetch(
            "hero_image",
            # The card's renditions, exactly as the templates name them: with
            # any other spec the prefetch finds none and the card makes them
            # again on every request.
            queryset=Image.objects.prefetch_renditions(*CARD),
        )
    )


def campaigns_current(*, locale: Locale) -> QuerySet:
    """Running today: started, and not ended."""
    today = timezone.localdate()
    return _live(locale).filter(
        Q(period_start__lte=today),
        Q(period_end__isnull=True) | Q(period_end__gte=today),
    )


def campaign_current(*, locale: Locale) -> CampaignPage | None:
    """The campaign for the home page: the most recently started running one."""
    return (
        _with_images(campaigns_current(locale=locale)).order_by("-period_start").first()
    )


def campaigns_for_index(*, index_page: Page) -> dict:
    today = timezone.localdate()
    campaigns = _with_images(_live(index_page.locale).child_of(index_page))
    current = list(
        campaigns.filter(
            Q(period_start__lte=today),
            Q(period_end__isnull=True) | Q(period_end__gte=today),
        ).order_by("-period_start")
    )
    upcoming = list(campaigns.filter(period_start__gt=today).order_by("period_start"))
    past = list(campaigns.filter(period_end__lt=today).order_by("-period_end"))
    return {"current": current, "upcoming": upcoming, "past": past}


def campaign_images(*, campaign: CampaignPage) -> list[CampaignImage]:
    return list(campaign.images.select_related("image").order_by("sort_order"))


def campaign_posters(*, campaign: CampaignPage) -> list:
    return list(campaign.posters.select_related("document"))
