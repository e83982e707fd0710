"""Changes to single dates of a repeating event and extra dates, edited
inline on the event page."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from ..choices import DateChangeKind
from .pages import EventPage


class EventDateChange(Orderable):
    """One date of a series that does not take place as planned."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="date_changes")
    original_date = models.DateField(_("original date"))
    kind = models.CharField(
        _("change"),
        max_length=10,
        choices=DateChangeKind.choices,
        default=DateChangeKind.CANCELLED,
    )
    new_start = models.DateTimeField(_("new start"), null=True, blank=True)
    new_end = models.DateTimeField(_("new end"), null=True, blank=True)
    note = models.CharField(
        _("note"), max_length=200, blank=True, help_text=_("E.g. “Public holiday”.")
    )

    panels = [
        FieldPanel("original_date"),
        FieldPanel("kind"),
        FieldRowPanel([FieldPanel("new_start"), FieldPanel("new_end")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("date change")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "original_date"], name="events_datechange_unique_day"
            ),
            models.CheckConstraint(
                condition=models.Q(kind="cancelled")
                | models.Q(new_start__isnull=False),
                name="events_datechange_moved_has_start",
            ),
        ]

    def clean(self):
        super().clean()
        if self.kind == DateChangeKind.MOVED:
            if self.new_start is None:
                raise ValidationError(
                    {"new_start": _("Enter the new start of a moved date.")}
                )
            if self.new_end is not None and self.new_end < self.new_start:
                raise ValidationError(
                    {"new_end": _("The end must not be before the start.")}
                )


class EventExtraDate(Orderable):
    """A one-off date outside the rule (e.g. an extra PC-Café in the holidays)."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="extra_dates")
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("extra date")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")),
                name="events_extradate_end_after_start",
            )
        ]

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end must not be before the start.")})
