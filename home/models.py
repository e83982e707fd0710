"""The quarters' front door and the general pages editors keep: standard
pages, the contact points (Quartiersanlaufstellen) and the legal pages."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.blocks import ContactPersonBlock, ContentStreamBlock, OpeningHoursBlock
from portal.lookups import page_locale
from portal.models import Address, Quarter
from portal.routing import OneQueryRouteMixin

from .blocks import ServiceBlock

__all__ = ["HomePage", "StandardPage", "ContactPointPage", "LegalPage"]


class HomePage(OneQueryRouteMixin, Page):
    """The quarters' front door, one per language. Editors write the intro;
    the quarter portraits come from the Quarter snippets, and the teasers
    (events, vacancies, ideas, campaign) from the feature apps."""

    intro = RichTextField(
        _("introduction"), features=["bold", "italic", "link"], blank=True
    )
    hero_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    quarters_heading = models.CharField(
        _("heading above the quarters"), max_length=120, blank=True
    )

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage",
        "home.ContactPointPage",
        "home.LegalPage",
        "directory.DirectoryIndexPage",
        "directory.VacancyFinderPage",
        "events.EventIndexPage",
        "campaigns.CampaignIndexPage",
        "ideas.IdeaBoardPage",
        "economy.PremisesIndexPage",
        "economy.NetworkBoardPage",
    ]

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("quarters_heading"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        # The apps' page contexts import their forms, which need the app
        # registry loaded (this module is imported while it loads).
        from .teasers import (  # noqa: PLC0415 - see above
            contact_points_for_home,
            teasers_for_home,
        )

        context = super().get_context(request, *args, **kwargs)
        # Every language shows every quarter and contact point; what is not
        # translated yet shows in German, marked as such (issue 11).
        locale = page_locale(self)
        context["quarters"] = Quarter.vocabulary(
            locale=locale,
            queryset=Quarter.objects.filter(is_project_quarter=True).select_related(
                "image"
            ),
        )
        context["contact_points"] = contact_points_for_home(home=self)
        context["teaser_slots"] = teasers_for_home(locale=locale)
        return context


class StandardPage(Page):
    """A general page: about the project, offers, FAQs."""

    intro = models.TextField(_("introduction"), blank=True, max_length=600)
    body = StreamField(ContentStreamBlock(), verbose_name=_("content"), blank=True)

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage", "home.ContactPointPage"]

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("standard page")


class ContactPointPage(Address, Page):
    """A Quartiersanlaufstelle: where residents walk in for the PC-Café, the
    self-help workshop, coaching and counselling."""

    intro = models.TextField(_("introduction"), blank=True, max_length=600)
    quarter = models.ForeignKey(
        Quarter,
        verbose_name=_("quarter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    opening_hours = StreamField(
        OpeningHoursBlock(), verbose_name=_("opening hours"), blank=True
    )
    notice = models.CharField(
        _("temporary notice"),
        max_length=300,
        blank=True,
        help_text=_("E.g. “Closed for renovation until 15 March.”"),
    )
    notice_until = models.DateField(
        _("show notice until"),
        null=True,
        blank=True,
        help_text=_("The notice disappears after this day."),
    )
    services = StreamField(
        [("service", ServiceBlock())], verbose_name=_("services"), blank=True
    )
    contact_persons = StreamField(
        [("person", ContactPersonBlock())],
        verbose_name=_("contact persons"),
        blank=True,
    )
    step_free_access = models.BooleanField(_("step-free access"), default=False)
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    accessibility_notes = models.TextField(
        _("accessibility notes"),
        blank=True,
        max_length=600,
        help_text=_("Entrance, lift, parking, hearing loop, …"),
    )

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("quarter"),
        MultiFieldPanel(
            [
                *Address.address_panels,
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
            ],
            heading=_("Address and contact"),
        ),
        MultiFieldPanel(
            [FieldPanel("notice"), FieldPanel("notice_until")],
            heading=_("Temporary notice"),
        ),
        FieldPanel("opening_hours"),
        FieldPanel("services"),
        FieldPanel("contact_persons"),
        MultiFieldPanel(
            [
                FieldPanel("step_free_access"),
                FieldPanel("accessible_toilet"),
                FieldPanel("accessibility_notes"),
            ],
            heading=_("Accessibility"),
        ),
    ]
    # Read by partners through the pages API (portal/pages_api.py).
    api_fields = [
        APIField(name)
        for name in ("intro", "street", "postal_code", "city", "latitude",
                     "longitude", "phone", "email", "opening_hours", "notice",
                     "notice_until", "services", "step_free_access",
                     "accessible_toilet", "accessibility_notes")
    ]  # fmt: skip
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("street"),
        index.SearchField("services"),
        index.SearchField("accessibility_notes"),
    ]

    class Meta:
        verbose_name = _("contact point")
        verbose_name_plural = _("contact points")

    @property
    def notice_is_current(self) -> bool:
        if not self.notice:
            return False
        return self.notice_until is None or self.notice_until >= timezone.localdate()


class LegalPage(Page):
    """Imprint, privacy notice and accessibility statement: plain text that
    the law requires and the footer links to from every page."""

    body = RichTextField(
        _("text"), features=["h2", "h3", "bold", "italic", "link", "ol", "ul"]
    )
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("body"),
        FieldPanel("last_reviewed"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("body")]

    class Meta:
        verbose_name = _("legal page")
