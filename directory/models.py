"""The business network's directory: sectors, company profiles that firms keep
themselves, and their vacancies.

Editors create the directory index and the company pages and invite each firm;
a firm then edits its own company page and adds vacancies below it (see
docs/firm-access.md). Quarters come from `portal.Quarter`, which every app uses.
"""

import datetime as dt

from django import forms
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from portal.blocks import ContactPersonBlock, ContentStreamBlock, OpeningHoursBlock
from portal.languages import SPOKEN_LANGUAGE_NAMES
from portal.models import Address, Quarter, Term

from . import choices
from .forms import CompanyPageForm, VacancyPageForm

__all__ = [
    "Sector",
    "SpokenLanguage",
    "CompanyTag",
    "DirectoryIndexPage",
    "CompanyPage",
    "VacancyPage",
    "VacancyFinderPage",
]

DESCRIPTION_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class Sector(Term):
    """An industry of the business network, mapped to a WZ 2008 section so the
    network can report by the official classification. Editors keep them."""

    slug = models.SlugField(
        _("slug"), max_length=80, help_text=_("Used in filter links.")
    )
    wz_section = models.CharField(
        _("WZ 2008 section"), max_length=1, choices=choices.WZSection.choices
    )

    panels = [*Term.panels, FieldPanel("wz_section")]

    class Meta(Term.Meta):
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")


class SpokenLanguage(models.Model):
    """A language people can speak, as a row so companies and vacancies can be
    filtered and counted by it in the database. The rows mirror
    `portal.languages.SPOKEN_LANGUAGES` (kept in sync after every migrate)."""

    code = models.CharField(_("code"), max_length=8, primary_key=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("spoken language")
        verbose_name_plural = _("spoken languages")
        ordering = ["sort_order"]

    def __str__(self):
        return str(SPOKEN_LANGUAGE_NAMES.get(self.code, self.code))


class CompanyTag(TaggedItemBase):
    """Services and products a company names (django-taggit through model)."""

    content_object = ParentalKey(
        "directory.CompanyPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


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
        from .selectors import directory_listing

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
        from .services import vacancy_confirm_open

        result = vacancy_confirm_open(token=f"{value}:{stamp}:{signature}")
        return TemplateResponse(
            request,
            "directory/vacancy_still_open.html",
            {"page": self, "result": result},
            status=200 if result.ok else 400,
        )


class CompanyPage(Address, Page):
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

    def get_context(self, request, *args, **kwargs):
        from .selectors import company_detail

        context = super().get_context(request, *args, **kwargs)
        context.update(company_detail(company=self, request=request))
        return context


class VacancyPage(Page):
    """A vacancy of the company above it. The firm adds it; "apply until" sets
    the page's expiry, after which it leaves the site on its own and its URL
    answers 410 with similar open vacancies."""

    summary = models.TextField(
        _("summary in plain language"),
        max_length=400,
        help_text=_("Two or three short sentences anyone can understand."),
    )
    summary_easy = models.TextField(
        _("summary in easy German (Leichte Sprache)"),
        max_length=600,
        blank=True,
        help_text=_(
            "Optional. Short sentences, one idea per sentence, everyday words. "
            "The vacancy finder can show it instead of the summary."
        ),
    )
    tasks = RichTextField(_("tasks"), features=DESCRIPTION_FEATURES, blank=True)
    requirements = RichTextField(
        _("requirements"), features=DESCRIPTION_FEATURES, blank=True
    )
    what_we_offer = RichTextField(
        _("what we offer"), features=DESCRIPTION_FEATURES, blank=True
    )
    offer_type = models.CharField(
        _("type"),
        max_length=30,
        choices=choices.OfferType.choices,
        default=choices.OfferType.JOB,
    )
    working_time = models.CharField(
        _("full or part time"),
        max_length=8,
        choices=choices.WorkingTime.choices,
        default=choices.WorkingTime.FULL_TIME,
    )
    hours_min = models.PositiveSmallIntegerField(
        _("hours per week from"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(60)],
    )
    hours_max = models.PositiveSmallIntegerField(
        _("hours per week up to"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(60)],
    )
    working_time_models = models.JSONField(
        _("working-time models"), default=list, blank=True
    )
    childcare_compatible = models.BooleanField(
        _("hours compatible with childcare"), default=False
    )
    starts_immediately = models.BooleanField(_("starts immediately"), default=False)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    contract = models.CharField(
        _("contract"),
        max_length=12,
        choices=choices.Contract.choices,
        default=choices.Contract.PERMANENT,
    )
    openings = models.PositiveSmallIntegerField(
        _("number of openings"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(999)],
    )
    pay_min = models.DecimalField(
        _("pay from"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    pay_max = models.DecimalField(
        _("pay up to"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    pay_unit = models.CharField(
        _("pay unit"), max_length=5, choices=choices.PayUnit.choices, blank=True
    )
    german_level = models.CharField(
        _("German level required"),
        max_length=4,
        choices=choices.GermanLevel.choices,
        default=choices.GermanLevel.B1,
    )
    helpful_languages = ParentalManyToManyField(
        SpokenLanguage,
        verbose_name=_("other helpful languages"),
        blank=True,
        related_name="vacancies",
    )
    qualification = models.CharField(
        _("formal qualification required"),
        max_length=12,
        choices=choices.Qualification.choices,
        default=choices.Qualification.NONE,
    )
    foreign_qualifications_accepted = models.BooleanField(
        _("foreign qualifications accepted"), default=False
    )
    career_changers = models.BooleanField(
        _("suitable for career changers"), default=False
    )
    barrier_free_workplace = models.BooleanField(
        _("barrier-free workplace"), default=False
    )
    apply_url = models.URLField(_("apply online (link)"), blank=True)
    apply_email = models.EmailField(_("apply by e-mail"), blank=True)
    apply_phone = models.CharField(_("apply by phone"), max_length=50, blank=True)
    apply_walk_in = models.BooleanField(_("just drop in"), default=False)
    no_cv_needed = models.BooleanField(_("no CV needed"), default=False)
    contact_persons = StreamField(
        [("person", ContactPersonBlock())],
        verbose_name=_("contact person"),
        blank=True,
        max_num=2,
    )
    apply_until = models.DateField(
        _("apply until"),
        null=True,
        blank=True,
        help_text=_("The vacancy leaves the site after this day."),
    )
    # The expiry the last reminder e-mail was sent for; a new expiry (after
    # "still open") gets a new reminder.
    reminded_for_expiry = models.DateTimeField(null=True, blank=True, editable=False)

    parent_page_types = ["directory.CompanyPage"]
    subpage_types = []
    base_form_class = VacancyPageForm

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("summary_easy"),
        FieldRowPanel([FieldPanel("offer_type"), FieldPanel("apply_until")]),
        FieldPanel("tasks"),
        FieldPanel("requirements"),
        FieldPanel("what_we_offer"),
        MultiFieldPanel(
            [
                FieldPanel("working_time"),
                FieldRowPanel([FieldPanel("hours_min"), FieldPanel("hours_max")]),
                FieldPanel("working_time_models"),
                FieldPanel("childcare_compatible"),
                FieldRowPanel(
                    [FieldPanel("starts_immediately"), FieldPanel("start_date")]
                ),
                FieldRowPanel([FieldPanel("contract"), FieldPanel("openings")]),
            ],
            heading=_("Working time and contract"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("pay_min"),
                        FieldPanel("pay_max"),
                        FieldPanel("pay_unit"),
                    ]
                )
            ],
            heading=_("Pay (optional)"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("german_level"),
                FieldPanel("helpful_languages", widget=forms.CheckboxSelectMultiple),
                FieldPanel("qualification"),
                FieldPanel("foreign_qualifications_accepted"),
                FieldPanel("career_changers"),
                FieldPanel("barrier_free_workplace"),
            ],
            heading=_("Who can apply"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("apply_url"),
                FieldPanel("apply_email"),
                FieldPanel("apply_phone"),
                FieldPanel("apply_walk_in"),
                FieldPanel("no_cv_needed"),
            ],
            heading=_("How to apply"),
        ),
        FieldPanel("contact_persons"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("summary_easy"),
        index.SearchField("tasks"),
        index.SearchField("requirements"),
        index.FilterField("offer_type"),
        index.FilterField("german_level"),
        index.FilterField("expire_at"),
    ]

    class Meta:
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours_min__isnull=True)
                | models.Q(hours_max__isnull=True)
                | models.Q(hours_min__lte=models.F("hours_max")),
                name="directory_vacancy_hours_range",
            ),
            models.CheckConstraint(
                condition=models.Q(pay_min__isnull=True)
                | models.Q(pay_max__isnull=True)
                | models.Q(pay_min__lte=models.F("pay_max")),
                name="directory_vacancy_pay_range",
            ),
        ]

    @staticmethod
    def expiry_for(apply_until: dt.date) -> dt.datetime:
        """The end of the "apply until" day in the portal's time zone."""
        return timezone.make_aware(dt.datetime.combine(apply_until, dt.time.max))

    def clean(self):
        super().clean()
        errors = {}
        if (
            self.hours_min is not None
            and self.hours_max is not None
            and self.hours_min > self.hours_max
        ):
            errors["hours_max"] = _("Must not be less than “hours per week from”.")
        if (
            self.pay_min is not None
            and self.pay_max is not None
            and self.pay_min > self.pay_max
        ):
            errors["pay_max"] = _("Must not be less than “pay from”.")
        if (self.pay_min is not None or self.pay_max is not None) and not self.pay_unit:
            errors["pay_unit"] = _("Say whether the pay is per hour, month or year.")
        unknown = set(self.working_time_models or []) - set(
            choices.WorkingTimeModel.values
        )
        if not isinstance(self.working_time_models, list) or unknown:
            errors["working_time_models"] = _("Choose from the listed models.")
        if errors:
            raise ValidationError(errors)
        # Apply-until is the single source of the expiry.
        if self.apply_until:
            self.expire_at = self.expiry_for(self.apply_until)

    # Serving ---------------------------------------------------------------

    @property
    def has_ended(self) -> bool:
        if self.expired:
            return True
        return self.expire_at is not None and self.expire_at <= timezone.now()

    def route(self, request, path_components):
        # An ended vacancy is unpublished by `publish_scheduled`; its URL still
        # answers (410 with similar vacancies) instead of a bare 404.
        if not path_components and not self.live and self.expired:
            parent = self.get_parent()
            if parent is not None and parent.live:
                return RouteResult(self)
        return super().route(request, path_components)

    def serve(self, request, *args, **kwargs):
        if self.has_ended:
            from .selectors import vacancies_similar

            return TemplateResponse(
                request,
                "directory/vacancy_ended.html",
                {
                    "page": self,
                    "company": self.get_parent().specific,
                    "similar": vacancies_similar(vacancy=self),
                },
                status=410,
            )
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .selectors import vacancy_detail

        context = super().get_context(request, *args, **kwargs)
        context.update(vacancy_detail(vacancy=self, request=request))
        return context


class VacancyFinderPage(RoutablePageMixin, Page):
    """The vacancy finder at /stellen/ (/en/jobs/ …): open vacancies of all
    firms, filtered for what a newcomer brings, a shortlist kept in the
    visitor's session, a printable handout and a share link. Editors create
    it once per language below the home page and write the introduction.

    A page (not a bare URL) so each language gets its own slug, the menu and
    the sitemap list it, and the language switcher finds its translations."""

    intro = models.TextField(_("introduction"), blank=True, max_length=600)
    advice = RichTextField(
        _("note for advisers"),
        features=["bold", "italic", "link"],
        blank=True,
        help_text=_("Shown beside the filters, e.g. whom to call for help."),
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("advice")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("vacancy finder")

    def get_context(self, request, *args, **kwargs):
        from .selectors import finder_listing
        from .shortlist import shortlist_ids

        context = super().get_context(request, *args, **kwargs)
        context.update(finder_listing(finder_page=self, request=request))
        context["shortlist"] = shortlist_ids(request)
        return context

    @path("")
    def listing(self, request):
        return self.render(request)

    @path("merkliste/", name="shortlist")
    def shortlist(self, request):
        from .finder_views import shortlist_view

        return shortlist_view(request, finder=self)

    @path("merkliste/handzettel/", name="handout")
    def handout(self, request):
        from .finder_views import handout_view

        return handout_view(request, finder=self)

    # Signed tokens travel as two [\w-] path segments (see DirectoryIndexPage).
    @path("liste/<str:payload>/<str:signature>/", name="shared")
    def shared(self, request, payload, signature):
        from .finder_views import shared_view

        return shared_view(request, finder=self, token=(payload, signature))

    @path("liste/<str:payload>/<str:signature>/handzettel/", name="shared_handout")
    def shared_handout(self, request, payload, signature):
        from .finder_views import handout_view

        return handout_view(request, finder=self, token=(payload, signature))
