from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from portal.roles import EDITORS, role_grant

        _page_cache_register()

        role_grant(
            EDITORS,
            *(
                f"events.{action}_{model}"
                for action in ("add", "change", "delete", "view")
                for model in ("eventcategory", "targetgroup", "venue")
            ),
        )


def _page_cache_register():
    """What the anonymous page cache purges when events change."""
    from portal.page_cache import (
        model_tag,
        page_cache_depends,
        page_cache_purge_on_change,
    )

    from .models import EventCategory, EventIndexPage, EventPage, TargetGroup, Venue

    terms = (model_tag(EventCategory), model_tag(TargetGroup), model_tag(Venue))
    # The index's list, month and feed; the home page's teaser.
    page_cache_depends(EventIndexPage, "listing:events", *terms)
    page_cache_depends(EventPage, *terms)
    page_cache_purge_on_change(EventPage, lambda page: ["listing:events"])
    page_cache_purge_on_change(Venue)
