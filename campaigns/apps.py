from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.signals import page_published


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Image campaigns")
    # Editors' page permissions on the whole tree cover campaign pages, and
    # their collection permissions cover images and posters: no grants here.

    def ready(self):
        from portal.page_cache import (
            page_cache_depends,
            page_cache_purge_on_change,
        )

        from . import receivers
        from .models import (
            CampaignIndexPage,
            CampaignPage,
        )

        # The index and the home page's teaser list the campaigns.
        page_cache_depends(CampaignIndexPage, "listing:campaigns")
        page_cache_purge_on_change(CampaignPage, lambda page: ["listing:campaigns"])

        page_published.connect(
            receivers.campaign_renditions_after_publish,
            sender=CampaignPage,
            dispatch_uid="campaign-renditions",
        )
