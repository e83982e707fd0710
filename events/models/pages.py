"""The events index with its listing, calendar, archive and feeds, and the
event pages editors keep."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.blocks import ContentStreamBlock
from portal.models import Quarter
from portal.untranslated import untranslated_lang
from portal.vocabulary import source_language

from .. import recurrence
from ..choices import (
    DateChangeKind,
    EventStatus,
    Frequency,
    MonthWeek,
    Registration,
)
from ..forms import EventPageForm
from .snippets import EventCategory, TargetGroup, Venue


def _text_language(page: Page, field: str) -> str:
    """The language `field` of `page` is written in: the source language
    where a translation still holds the original's text, else the page's."""
    return untranslated_lang(page, field) or page.locale.language_code


class EventIndexPage(RoutablePageMixin, Page):
    """The events section: upcoming dates with filters, a month calendar, the
    archive of past events and subscribable iCal feeds of any filter."""

    intro = models.TextField(_("introduction"), blank=True, max_length=600)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("event index")

    @path("")
    def listing(self, request):
        from ..views import event_listing  # noqa: PLC0415 - the views import the models

        return event_listing(request, index_page=self)

    @path("calendar/")
    def calendar(self, request):
        from ..views import event_calendar  # noqa: PLC0415 - the views import the models

        return event_calendar(request, index_page=self)

    @path("archive/")
    def archive(self, request):
        from ..views import event_archive  # noqa: PLC0415 - the views import the models

        return event_archive(request, index_page=self)

    @path("feed/")
    def feed(self, request):
        from ..views import event_feed  # noqa: PLC0415 - the views import the models

        return event_feed(request, index_page=self)


class EventPage(RoutablePageMixin, Page):
    """One event, possibly repeating (the weekly PC-Café, the monthly network
    meeting). Editors enter the first date and a rule; single dates can be
    cancelled or moved, extra dates added."""

    teaser = models.TextField(_("teaser"), max_length=300, blank=True)
    description = StreamField(
        ContentStreamBlock(), verbose_name=_("description"), blank=True
    )
    image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt_text = models.CharField(
        _("alternative text of the image"),
        max_length=250,
        blank=True,
        help_text=_("Leave empty if the image is only decorative."),
    )
    category = models.ForeignKey(
        EventCategory,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    target_groups = ParentalManyToManyField(
        TargetGroup, verbose_name=_("target groups"), blank=True, related_name="+"
    )
    quarter = models.ForeignKey(
        Quarter,
        verbose_name=_("quarter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # Where. Events must not import `home`, so a contact point is referenced
    # as a plain page (the chooser is limited to home.ContactPointPage) and
    # its address is read duck-typed; other places are Venue snippets.
    contact_point = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("contact point"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("other venue"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    online_url = models.URLField(
        _("online link"),
        blank=True,
        help_text=_("For events that take place (also) online."),
    )

    # When. Stored in UTC, entered and shown in Europe/Berlin.
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    all_day = models.BooleanField(_("all day"), default=False)

    repeat = models.CharField(
        _("repeats"), max_length=10, choices=Frequency.choices, blank=True
    )
    repeat_interval = models.PositiveSmallIntegerField(
        _("every"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
        help_text=_("1 = every day/week/month, 2 = every other …"),
    )
    repeat_weekdays = models.JSONField(_("on weekdays"), default=list, blank=True)
    repeat_month_week = models.SmallIntegerField(
        _("week of the month"), choices=MonthWeek.choices, null=True, blank=True
    )
    repeat_until = models.DateField(_("until"), null=True, blank=True)
    repeat_count = models.PositiveSmallIntegerField(
        _("number of dates"), null=True, blank=True
    )

    status = models.CharField(
        _("status"),
        max_length=20,
        choices=EventStatus.choices,
        default=EventStatus.SCHEDULED,
    )
    status_note = models.CharField(_("note on the status"), max_length=300, blank=True)

    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    is_free = models.BooleanField(_("free of charge"), default=True)
    price = models.DecimalField(
        _("price in euros"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    price_note = models.CharField(
        _("price note"), max_length=120, blank=True, help_text=_("E.g. reductions.")
    )
    registration = models.CharField(
        _("registration"),
        max_length=10,
        choices=Registration.choices,
        default=Registration.NONE,
    )
    registration_info = models.TextField(
        _("how to register"), blank=True, max_length=600
    )
    registration_url = models.URLField(_("registration link"), blank=True)
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    fully_booked = models.BooleanField(_("fully booked"), default=False)
    childcare = models.BooleanField(_("childcare offered"), default=False)
    accessibility_notes = models.TextField(
        _("accessibility notes"), blank=True, max_length=600
    )
    # A directory company once the directory exists; until then any page.
    organiser_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("organiser's page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organiser_name = models.CharField(_("organiser"), max_length=160, blank=True)

    base_form_class = EventPageForm
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("teaser"),
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_alt_text")], heading=_("Image")
        ),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("all_day"),
                FieldPanel("status"),
                FieldPanel("status_note"),
            ],
            heading=_("Date and status"),
        ),
        MultiFieldPanel(
            [
                HelpPanel(
                    _(
                        "The first date above is the first of the series and "
                        "must follow the rule."
                    )
                ),
                FieldRowPanel([FieldPanel("repeat"), FieldPanel("repeat_interval")]),
                FieldPanel("repeat_weekdays"),
                FieldPanel("repeat_month_week"),
                FieldRowPanel([FieldPanel("repeat_until"), FieldPanel("repeat_count")]),
            ],
            heading=_("Repetition"),
        ),
        InlinePanel(
            "date_changes",
            heading=_("Cancelled or moved dates"),
            label=_("Date change"),
        ),
        InlinePanel("extra_dates", heading=_("Extra dates"), label=_("Extra date")),
        MultiFieldPanel(
            [
                PageChooserPanel("contact_point", page_type="home.ContactPointPage"),
                FieldPanel("venue"),
                FieldPanel("online_url"),
                FieldPanel("quarter"),
            ],
            heading=_("Place"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("category"),
                FieldPanel("target_groups"),
                FieldPanel("languages"),
            ],
            heading=_("For whom"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("is_free"), FieldPanel("price")]),
                FieldPanel("price_note"),
                FieldPanel("registration"),
                FieldPanel("registration_info"),
                FieldPanel("registration_url"),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("fully_booked")]),
                FieldPanel("childcare"),
                FieldPanel("accessibility_notes"),
            ],
            heading=_("Participation"),
        ),
        MultiFieldPanel(
            [FieldPanel("organiser_name"), PageChooserPanel("organiser_page")],
            heading=_("Organiser"),
        ),
    ]
    # Read by partners through the pages API (portal/pages_api.py).
    api_fields = [
        APIField(name)
        for name in ("teaser", "start", "end", "all_day", "status", "status_note",
                     "online_url", "is_free", "registration", "registration_url",
                     "languages", "childcare", "accessibility_notes")
    ]  # fmt: skip
    search_fields = [
        *Page.search_fields,
        index.SearchField("teaser"),
        index.SearchField("description"),
        index.SearchField("organiser_name"),
        index.FilterField("start"),
    ]

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")),
                name="events_eventpage_end_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(repeat_interval__gte=1),
                name="events_eventpage_interval_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(repeat_count__isnull=True)
                | models.Q(repeat_count__lte=recurrence.MAX_OCCURRENCES),
                name="events_eventpage_count_capped",
            ),
        ]

    def search_result_context(self) -> list[str]:
        return [
            formats.date_format(timezone.localtime(self.start), "SHORT_DATE_FORMAT"),
            self.venue.name if self.venue_id else "",
            self.quarter.name if self.quarter_id else "",
        ]

    def search_result_text(self) -> str:
        return self.teaser

    # Recurrence ---------------------------------------------------------

    @property
    def rule(self) -> recurrence.Rule | None:
        if not self.repeat:
            return None
        return recurrence.Rule(
            frequency=self.repeat,
            interval=self.repeat_interval or 1,
            weekdays=tuple(sorted(int(day) for day in self.repeat_weekdays or [])),
            month_week=self.repeat_month_week,
            until=self.repeat_until,
            count=self.repeat_count,
        )

    def date_changes_for_expansion(self) -> list[recurrence.DateChange]:
        return [
            recurrence.DateChange(
                original_date=change.original_date,
                cancelled=change.kind == DateChangeKind.CANCELLED,
                new_start=change.new_start,
                new_end=change.new_end,
                note=change.note,
            )
            for change in self.date_changes.all()
        ]

    def extra_dates_for_expansion(self) -> list[recurrence.ExtraDate]:
        return [
            recurrence.ExtraDate(start=extra.start, end=extra.end, note=extra.note)
            for extra in self.extra_dates.all()
        ]

    def occurrences(self, *, window_start, window_end, limit=None):
        """Dates of this event in the window; see `recurrence.expand`."""
        return recurrence.expand(
            event=self,
            start=self.start,
            end=self.end,
            all_day=self.all_day,
            rule=self.rule,
            changes=self.date_changes_for_expansion(),
            extras=self.extra_dates_for_expansion(),
            window_start=window_start,
            window_end=window_end,
            limit=limit or recurrence.MAX_OCCURRENCES,
        )

    # Place ----------------------------------------------------------------

    @cached_property
    def place(self) -> dict | None:
        """Name, address, coordinates and access notes of the contact point or
        venue, whichever is set, and the language each text is in (`lang`:
        field → language code, for `|in_lang`). The contact point is read
        duck-typed: any page with street/postal_code/city works; its texts
        come from its translation in the visitor's language where one is
        live (else German, marked so). A venue is a snippet nobody
        translates: its texts are in the source language."""
        if self.contact_point_id:
            # Listings and feeds prefetch the specific page (selectors).
            source = self.contact_point.specific
            # Same language as the event: no lookup of the active locale.
            same = source.locale_id == self.locale_id
            localized = source if same else source.localized.specific
            # A translation without a note of its own shows the original's.
            noted = (
                localized if getattr(localized, "accessibility_notes", "") else source
            )
            notes = getattr(noted, "accessibility_notes", "")
            step_free = getattr(source, "step_free_access", False)
            url = localized.url if source.live else ""
            name = localized.title
            lang = {
                "name": _text_language(localized, "title"),
                "accessibility_notes": _text_language(noted, "accessibility_notes"),
            }
        elif self.venue_id:
            source = self.venue
            notes, step_free, url = (
                source.accessibility_notes,
                (source.step_free_access),
                "",
            )
            name = source.name
            lang = dict.fromkeys(("name", "accessibility_notes"), source_language())
        else:
            return None
        return {
            "name": name,
            "street": getattr(source, "street", ""),
            "postal_code": getattr(source, "postal_code", ""),
            "city": getattr(source, "city", ""),
            "latitude": getattr(source, "latitude", None),
            "longitude": getattr(source, "longitude", None),
            "accessibility_notes": notes,
            "step_free_access": step_free,
            "url": url,
            "lang": lang,
        }

    @property
    def place_name(self) -> str:
        """For listings: no extra query beyond select_related. The contact
        point in the visitor's language where the listing attached it
        (`contact_point_in_locale`, selectors)."""
        if self.contact_point_id:
            return self._listed_contact_point.title
        if self.venue_id:
            return self.venue.name
        return ""

    @property
    def place_name_lang(self) -> str:
        """The language `place_name` is in (for `|in_lang`): the contact
        point's (listings fetch its locale along), the original's where a
        translation kept its title, for a venue the source language."""
        if self.contact_point_id:
            listed, chosen = self._listed_contact_point, self.contact_point
            if listed.pk != chosen.pk and listed.title == chosen.title:
                listed = chosen
            return listed.locale.language_code
        if self.venue_id:
            return source_language()
        return ""

    @property
    def _listed_contact_point(self) -> Page:
        return getattr(self, "contact_point_in_locale", None) or self.contact_point

    @property
    def is_online(self) -> bool:
        return self.status == EventStatus.MOVED_ONLINE or (
            bool(self.online_url) and not self.place_name
        )

    # Views ----------------------------------------------------------------

    @path("ical/")
    def ics(self, request):
        from ..views import event_ics  # noqa: PLC0415 - the views import the models

        return event_ics(request, event=self)

    def get_context(self, request, *args, **kwargs):
        from ..page_context import event_detail_context  # noqa: PLC0415 - imports models

        context = super().get_context(request, *args, **kwargs)
        context.update(event_detail_context(event=self, request=request))
        return context
