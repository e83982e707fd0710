"""Vacancies firms add below their company page; they expire on their own."""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from portal.blocks import ContactPersonBlock

from .. import choices
from ..forms import VacancyPageForm
from .translated import FollowsOriginal
from .vocabulary import SpokenLanguage

DESCRIPTION_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class VacancyPage(FollowsOriginal, Page):
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

    # Read by partners through the pages API (portal/pages_api.py); the
    # vacancy API (/api/vacancies/) has the finder's filters.
    api_fields = [
        APIField(name)
        for name in ("summary", "summary_easy", "offer_type", "working_time",
                     "hours_min", "hours_max", "german_level", "qualification",
                     "starts_immediately", "start_date", "apply_until")
    ]  # fmt: skip
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

    # Site search (portal.search) ----------------------------------------------

    def search_result_context(self) -> list[str]:
        company = self.get_parent().specific
        quarter = getattr(company, "quarter", None)
        return [
            company.title,
            quarter.name if quarter else "",
            self.get_offer_type_display(),
        ]

    def search_result_text(self) -> str:
        return self.summary

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
            from ..selectors.vacancies import vacancies_similar  # noqa: PLC0415 - imports models

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
        from ..page_context import vacancy_detail  # noqa: PLC0415 - it imports the models

        context = super().get_context(request, *args, **kwargs)
        context.update(vacancy_detail(vacancy=self, request=request))
        return context
