"""Reads: which campaigns are current, for the index and the home page."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from portal.models import Quarter

from .models import CampaignImage, CampaignIndexPage, CampaignPage
from .renditions import CARD


def _live(locale: Locale) -> QuerySet:
    return CampaignPage.objects.live().public().filter(locale=locale)


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


def campaign_index_for(*, locale: Locale) -> CampaignIndexPage | None:
    return CampaignIndexPage.objects.live().filter(locale=locale).first()


def campaigns_home_teaser(*, locale: Locale) -> dict | None:
    """The home page's "current campaign" slot, or None. A language without
    its own campaign shows the German one, marked as German (`lang`)."""
    campaign = campaign_current(locale=locale)
    lang = ""
    if campaign is None:
        default = Locale.get_default()
        if default.pk != locale.pk:
            campaign = campaign_current(locale=default)
            lang = default.language_code
    if campaign is None:
        return None
    return {
        "template": "campaigns/home_teaser.html",
        "campaign": campaign,
        "lang": lang,
    }


def campaign_detail_context(*, campaign: CampaignPage) -> dict:
    vocabulary = Quarter.vocabulary(locale=Locale.get_active())
    return {
        "series": campaign_images(campaign=campaign),
        "posters": list(campaign.posters.select_related("document")),
        # Vocabulary entries: the name in the visitor's language, or the
        # German one marked as such (the `term` template filter).
        "quarter_names": [vocabulary.entry_for(q) for q in campaign.quarters.all()],
    }
