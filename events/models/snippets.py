"""The lists editors keep for events to pick from: categories and target
groups (translated, for filtering) and venues."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from portal.models import Address, OrderedTerm


class EventCategory(OrderedTerm):
    """Kind of event (workshop, PC-Café, course …); editors keep the list so
    visitors can filter by it."""

    class Meta(OrderedTerm.Meta):
        verbose_name = _("event category")
        verbose_name_plural = _("event categories")
        # Named before the shared base existed; the base would derive
        # "events_eventcategory_unique_slug".
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="events_category_unique_slug"
            )
        ]


class TargetGroup(OrderedTerm):
    """Whom an event is for (jobseekers, single parents, newcomers, firms …)."""

    class Meta(OrderedTerm.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class Venue(Address):
    """A place events happen that is not one of the project's contact points
    (a school yard, the community garden, a firm's hall). Contact points are
    chosen directly on the event instead, so their address lives in one place.
    Addresses read the same in every language, so venues are not translated."""

    name = models.CharField(_("name"), max_length=120)
    # A school yard or a garden may have no street number.
    street = models.CharField(_("street and number"), max_length=255, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    step_free_access = models.BooleanField(_("step-free access"), default=False)
    accessibility_notes = models.TextField(
        _("barrier-free notes"), blank=True, max_length=600
    )

    panels = [
        FieldPanel("name"),
        *Address.address_panels,
        FieldPanel("step_free_access"),
        FieldPanel("accessibility_notes"),
    ]

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["name"]

    def __str__(self):
        return self.name
