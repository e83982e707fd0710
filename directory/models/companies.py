"""The directory index and the company pages below it, which firms keep
themselves once editors invited them."""

from django import forms
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.blocks import ContactPersonBlock, ContentStreamBlock, OpeningHoursBlock
from portal.models import Address, Quarter

from .. import choices
from ..forms import CompanyPageForm
from .translated import FollowsOriginal
from .vocabulary import CompanyTag, Sector, SpokenLanguage


class DirectoryIndexPage(RoutablePageMixin, Page):
    """The directory of the business network at /unternehmen/: search, facets,
    list and map of the companies below it. One per language."""

    intro = models.TextField(_("introduction"), blank=True, max_length=600)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["directory.CompanyPage"]
    max_count_per_parent = 1

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("company directory")

    def get_context(self, request, *args, **kwargs):
        from ..page_context import directory_listing  # noqa: PLC0415 - it imports the models

        context = super().get_context(request, *args, **kwargs)
        context.update(directory_listing(index_page=self, request=request))
        return context

    @path("")
    def listing(self, request):
        return self.render(request)

    # Wagtail serves only [\w-] path segments, so the signed token's three
    # parts (value, timestamp, signature) travel as three segments.
    @path(
        "noch-offen/<str:value>/<str:stamp>/<str:signature>/",
        name="vacancy_still_open",
    )
    def vacancy_still_open(self, request, value, stamp, signature):
        """The one-click "still open" link of the expiry reminder e-mail."""
        from ..services import vacancy_confirm_open  # noqa: PLC0415 - it imports the models

        result = vacancy_confirm_open(token=f"{value}:{stamp}:{signature}")
        return TemplateResponse(
            request,
            "directory/vacancy_still_open.html",
            {"page": self, "result": result},
            status=200 if result.ok else 400,
        )


class CompanyPage(Address, FollowsOriginal, Page):
    """A firm of the business network. Editors create it and invite the firm,
    who keeps it up to date; changes go through the "Firmenprofil prüfen"
    workflow unless the firm may publish directly."""

    logo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    short_description = models.TextField(
        _("short description"),
        max_length=300,
        help_text=_("Up to 300 characters, shown in the directory list."),
    )
    body = StreamField(
        ContentStreamBlock(), verbose_name=_("about the company"), blank=True
    )
    sector = models.ForeignKey(
        Sector,
        verbose_name=_("sector"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tags = ClusterTaggableManager(
        through=CompanyTag,
        blank=True,
        verbose_name=_("services and products"),
        help_text=_("What you offer, e.g. “heating”, “bakery”, “tenant advice”."),
    )
    quarter = models.ForeignKey(
        Quarter,
        verbose_name=_("quarter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    social_profiles = StreamField(
        [
            (
                "profile",
                blocks.StructBlock(
                    [
                        (
                            "network",
                            blocks.ChoiceBlock(
                                label=_("Network"),
                                choices=choices.SocialNetwork.choices,
                            ),
                        ),
                        ("url", blocks.URLBlock(label=_("Address (URL)"))),
                    ],
                    icon="link",
                    label=_("Social profile"),
                ),
            )
        ],
        verbose_name=_("social profiles"),
        blank=True,
    )
    contact_persons = StreamField(
        [("person", ContactPersonBlock())],
        verbose_name=_("contact persons"),
        blank=True,
    )
    languages = ParentalManyToManyField(
        SpokenLanguage,
        verbose_name=_("languages spoken in the firm"),
        blank=True,
        related_name="companies",
    )
    opening_hours = StreamField(
        OpeningHoursBlock(), verbose_name=_("opening hours"), blank=True
    )
    notice = models.CharField(
        _("temporarily closed / notice"),
        max_length=300,
        blank=True,
        help_text=_("E.g. “Closed for holidays until 15 August.”"),
    )
    notice_until = models.DateField(_("show notice until"), null=True, blank=True)

    size_band = models.CharField(
        _("size"), max_length=8, choices=choices.SizeBand.choices, blank=True
    )
    training_approval = models.CharField(
        _("approved training company"),
        max_length=4,
        choices=choices.TrainingApproval.choices,
        blank=True,
    )
    offers_apprenticeships = models.BooleanField(_("apprenticeships"), default=False)
    offers_internships = models.BooleanField(_("internships"), default=False)
    offers_trial_work = models.BooleanField(_("trial work"), default=False)
    offers_career_changers = models.BooleanField(
        _("takes career changers"), default=False
    )
    offers_newcomers = models.BooleanField(_("hires newcomers"), default=False)
    barrier_free = models.BooleanField(_("barrier-free premises"), default=False)
    member_since = models.PositiveSmallIntegerField(
        _("network member since"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
    )
    last_confirmed = models.DateField(
        _("last confirmed"),
        null=True,
        blank=True,
        help_text=_("When the firm last confirmed that this profile is correct."),
    )

    # Firm access; editors only (see docs/firm-access.md).
    publish_directly = models.BooleanField(
        _("firm may publish directly"),
        default=False,
        help_text=_("Trusted firms publish their changes without the editors' review."),
    )
    firm_group = models.ForeignKey(
        Group,
        verbose_name=_("firm group"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    parent_page_types = ["directory.DirectoryIndexPage"]
    subpage_types = ["directory.VacancyPage"]
    base_form_class = CompanyPageForm

    content_panels = [
        *Page.content_panels,
        FieldPanel("logo"),
        FieldPanel("short_description"),
        FieldPanel("body"),
        FieldRowPanel([FieldPanel("sector"), FieldPanel("quarter")]),
        FieldPanel("tags"),
        MultiFieldPanel(
            [
                *Address.address_panels,
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                FieldPanel("website"),
                FieldPanel("social_profiles"),
            ],
            heading=_("Address and contact"),
        ),
        FieldPanel("contact_persons"),
        FieldPanel("languages", widget=forms.CheckboxSelectMultiple),
        FieldPanel("opening_hours"),
        MultiFieldPanel(
            [FieldPanel("notice"), FieldPanel("notice_until")],
            heading=_("Temporary notice"),
        ),
    ]
    profile_panels = [
        FieldRowPanel([FieldPanel("size_band"), FieldPanel("member_since")]),
        FieldPanel("training_approval"),
        MultiFieldPanel(
            [
                FieldPanel("offers_apprenticeships"),
                FieldPanel("offers_internships"),
                FieldPanel("offers_trial_work"),
                FieldPanel("offers_career_changers"),
                FieldPanel("offers_newcomers"),
            ],
            heading=_("What we offer"),
        ),
        FieldPanel("barrier_free"),
        FieldPanel("last_confirmed"),
        FieldPanel("publish_directly", permission="directory.manage_firm_access"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Profile")),
            ObjectList(profile_panels, heading=_("Offers and facts")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("short_description"),
        index.SearchField("body"),
        index.SearchField("street"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.AutocompleteField("short_description"),
        index.FilterField("sector"),
        index.FilterField("quarter"),
    ]

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        permissions = [
            (
                "manage_firm_access",
                _("Can invite firm users and let firms publish directly"),
            )
        ]

    @property
    def notice_is_current(self) -> bool:
        if not self.notice:
            return False
        return self.notice_until is None or self.notice_until >= timezone.localdate()

    @property
    def offers(self) -> list[choices.Offer]:
        return [o for o in choices.Offer if getattr(self, f"offers_{o.value}")]

    def search_result_context(self) -> list[str]:
        return [
            self.sector.name if self.sector_id else "",
            self.quarter.name if self.quarter_id else "",
            self.city,
        ]

    def search_result_text(self) -> str:
        return self.short_description

    def get_context(self, request, *args, **kwargs):
        from ..page_context import company_detail  # noqa: PLC0415 - it imports the models

        context = super().get_context(request, *args, **kwargs)
        context.update(company_detail(company=self, request=request))
        return context
