from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home and general pages")

    def ready(self):
        from portal.models import Quarter
        from portal.page_cache import (
            model_tag,
            page_cache_depends,
            page_cache_purge_on_change,
        )

        from .models import ContactPointPage, HomePage

        # The home page shows every app's teaser, the quarters and the contact
        # points (German ones too where a language has none of its own).
        page_cache_depends(
            HomePage,
            "listing:campaigns",
            "listing:events",
            "listing:vacancies",
            "listing:ideas",
            "listing:contact-points",
            model_tag(Quarter),
        )
        page_cache_purge_on_change(
            ContactPointPage, lambda page: ["listing:contact-points"]
        )
