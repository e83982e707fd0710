"""Template contexts of the campaigns app: the campaign page and the home
page's "current campaign" teaser, built with the selectors."""

from __future__ import annotations

from wagtail.models import Locale

from portal.models import Quarter

from .models import CampaignPage
from .selectors import campaign_current, campaign_images, campaign_posters


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
        "posters": campaign_posters(campaign=campaign),
        # Vocabulary entries: the name in the visitor's language, or the
        # German one marked as such (the `term` template filter).
        "quarter_names": [vocabulary.entry_for(q) for q in campaign.quarters.all()],
    }
