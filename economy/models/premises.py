"""Vacant commercial units that housing companies and other owners publish
below their company page, and the public listing of all of them."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page
from wagtail.search import index

from portal import geo
from portal.blocks import ContactPersonBlock
from portal.models import Address, Quarter

from .. import choices
from .expiring import ExpiringPage, expiry_for


class PremisesIndexPage(RoutablePageMixin, Page):
    """The listing of vacant commercial premises at /gewerbeflaechen/ with
    facets, map and the settlement enquiry form. One per language; editors
    create it, firms add the units below their own company page."""

    intro = models.TextField(_("introduction"), blank=True, max_length=600)
    enquiry_intro = models.TextField(
        _("introduction of the enquiry form"), blank=True, max_length=600
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("enquiry_intro"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("premises listing")

    def get_context(self, request, *args, **kwargs):
        from ..page_context import premises_listing  # noqa: PLC0415 - it imports the models

        context = super().get_context(request, *args, **kwargs)
        context.update(premises_listing(index_page=self, request=request))
        return context

    @path("")
    def listing(self, request):
        return self.render(request)

    @path("anfrage/", name="enquiry")
    def enquiry(self, request):
        from ..views import enquiry_form  # noqa: PLC0415 - it imports the models

        return enquiry_form(request, index_page=self)

    # Wagtail serves only [\w-] path segments: the signed token's parts
    # (value, timestamp, signature) travel as three segments.
    @path(
        "noch-frei/<str:value>/<str:stamp>/<str:signature>/",
        name="premises_still_available",
    )
    def still_available(self, request, value, stamp, signature):
        """The one-click "still available" link of the reminder e-mail."""
        from ..services import premises_confirm_available  # noqa: PLC0415 - it imports the models

        result = premises_confirm_available(token=f"{value}:{stamp}:{signature}")
        return TemplateResponse(
            request,
            "economy/still_available.html",
            {"page": self, "result": result},
            status=200 if result.ok else 400,
        )


class PremisesPage(ExpiringPage, Address, Page):
    """A vacant unit of the firm above it (a housing company, usually). The
    firm adds it; "listed until" is the page's expiry, after which it leaves
    the site and its URL answers 410 with other units."""

    premises_type = models.CharField(
        _("type"), max_length=12, choices=choices.PremisesType.choices
    )
    summary = models.TextField(
        _("short description"),
        max_length=400,
        help_text=_("Two or three sentences: location, condition, what it suits."),
    )
    area = models.DecimalField(
        _("area in m²"),
        max_digits=7,
        decimal_places=1,
        validators=[MinValueValidator(1), MaxValueValidator(100000)],
    )
    rent_per_m2 = models.DecimalField(
        _("net cold rent per m² (€)"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Leave empty for “rent on request”."),
    )
    service_charges_per_m2 = models.DecimalField(
        _("service charges per m² (€)"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    available_from = models.DateField(
        _("available from"),
        null=True,
        blank=True,
        help_text=_("Leave empty if the unit is available now."),
    )
    floor = models.SmallIntegerField(
        _("floor"),
        default=0,
        validators=[MinValueValidator(-3), MaxValueValidator(40)],
        help_text=_("0 is the ground floor, -1 the basement."),
    )
    step_free = models.BooleanField(_("step-free access"), default=False)
    shop_window = models.BooleanField(_("shop window"), default=False)
    suitable_uses = models.CharField(
        _("suitable uses"),
        max_length=300,
        blank=True,
        help_text=_("E.g. “bakery, café, small shop”."),
    )
    photos = StreamField(
        [("photo", ImageBlock())],
        verbose_name=_("photos"),
        blank=True,
        max_num=8,
    )
    floor_plan = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("floor plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    quarter = models.ForeignKey(
        Quarter,
        verbose_name=_("quarter"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    contact_persons = StreamField(
        [("person", ContactPersonBlock())],
        verbose_name=_("contact person"),
        blank=True,
        max_num=1,
    )
    listed_until = models.DateField(
        _("listed until"),
        help_text=_(
            "The unit leaves the site after this day; you get a reminder a week "
            "before and can keep it online with one click."
        ),
    )
    let_at = models.DateTimeField(_("let"), null=True, blank=True, editable=False)

    parent_page_types = ["directory.CompanyPage"]
    subpage_types = []

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("premises_type"), FieldPanel("quarter")]),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("area"), FieldPanel("floor")]),
                FieldRowPanel(
                    [FieldPanel("rent_per_m2"), FieldPanel("service_charges_per_m2")]
                ),
                FieldRowPanel(
                    [FieldPanel("available_from"), FieldPanel("listed_until")]
                ),
                FieldRowPanel([FieldPanel("step_free"), FieldPanel("shop_window")]),
                FieldPanel("suitable_uses"),
            ],
            heading=_("Facts"),
        ),
        FieldPanel("photos"),
        FieldPanel("floor_plan"),
        MultiFieldPanel(Address.address_panels, heading=_("Address and map point")),
        FieldPanel("contact_persons"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("suitable_uses"),
        index.SearchField("street"),
        index.FilterField("premises_type"),
        index.FilterField("expire_at"),
    ]

    class Meta:
        verbose_name = _("commercial premises")
        verbose_name_plural = _("commercial premises")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(area__gt=0), name="economy_premises_area_positive"
            )
        ]

    @property
    def rent_on_request(self) -> bool:
        return self.rent_per_m2 is None

    @property
    def monthly_rent(self):
        """Net cold rent of the whole unit per month, or None on request."""
        if self.rent_per_m2 is None:
            return None
        return (self.rent_per_m2 * self.area).quantize(self.rent_per_m2)

    @property
    def available_now(self) -> bool:
        return (
            self.available_from is None or self.available_from <= timezone.localdate()
        )

    def clean(self):
        super().clean()
        errors = {}
        if self.latitude is not None and self.quarter_id:
            quarter = self.quarter
            if quarter.boundary and not geo.polygon_contains(
                quarter.boundary, float(self.latitude), float(self.longitude)
            ):
                errors["latitude"] = _("This point does not lie in the chosen quarter.")
        if errors:
            raise ValidationError(errors)
        # "Listed until" is the single source of the expiry.
        if self.listed_until:
            self.expire_at = expiry_for(self.listed_until)

    # Site search (portal.search) ----------------------------------------------

    def search_result_context(self) -> list[str]:
        return [self.get_premises_type_display(), self.quarter.name]

    def search_result_text(self) -> str:
        return self.summary

    # Serving ---------------------------------------------------------------

    def serve(self, request, *args, **kwargs):
        if self.has_ended:
            from ..selectors import premises_similar  # noqa: PLC0415 - it imports the models

            return TemplateResponse(
                request,
                "economy/premises_ended.html",
                {"page": self, "similar": premises_similar(premises=self)},
                status=410,
            )
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from ..page_context import premises_detail  # noqa: PLC0415 - it imports the models

        context = super().get_context(request, *args, **kwargs)
        context.update(premises_detail(premises=self, request=request))
        return context


__all__ = ["PremisesIndexPage", "PremisesPage"]
