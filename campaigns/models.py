"""Image campaigns that position the quarters as a brand: a claim, a hero
image, a story and an ordered series of photos with alt text, credit, licence
and the consent of the people shown. Editors run them for a period; the home
page shows the current one."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.blocks import ContentStreamBlock
from portal.models import Quarter

from .forms import CampaignPageForm

__all__ = ["CampaignIndexPage", "CampaignPage", "CampaignImage", "CampaignPoster"]


class Licence(models.TextChoices):
    OWN = "own", _("Own photo (all rights with the project)")
    CC_BY = "cc-by-4.0", _("CC BY 4.0")
    CC_BY_SA = "cc-by-sa-4.0", _("CC BY-SA 4.0")
    CC0 = "cc0", _("CC0 (public domain)")
    LICENSED = "licensed", _("Licensed (agency or photographer)")


class CampaignIndexPage(Page):
    """The campaigns section: the current campaigns first, then past ones."""

    intro = models.TextField(_("introduction"), blank=True, max_length=600)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["campaigns.CampaignPage"]
    max_count_per_parent = 1

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("campaign index")

    def get_context(self, request, *args, **kwargs):
        from .selectors import campaigns_for_index  # noqa: PLC0415 - imports models

        context = super().get_context(request, *args, **kwargs)
        context.update(campaigns_for_index(index_page=self))
        return context


class CampaignPage(Page):
    """One campaign. Publishing is refused while an image lacks alt text or
    shows recognisable people without recorded consent (see forms.py)."""

    claim = models.CharField(_("claim"), max_length=160)
    hero_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_alt_text = models.CharField(
        _("alternative text of the hero image"), max_length=250, blank=True
    )
    quarters = ParentalManyToManyField(
        Quarter, verbose_name=_("quarters"), blank=True, related_name="+"
    )
    period_start = models.DateField(_("campaign starts"))
    period_end = models.DateField(_("campaign ends"), null=True, blank=True)
    story = StreamField(ContentStreamBlock(), verbose_name=_("story"), blank=True)
    cta_label = models.CharField(_("call to action"), max_length=80, blank=True)
    cta_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("call to action: page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cta_url = models.URLField(_("call to action: external link"), blank=True)

    base_form_class = CampaignPageForm
    parent_page_types = ["campaigns.CampaignIndexPage"]
    subpage_types = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("claim"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_alt_text")],
            heading=_("Hero image"),
        ),
        FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
        FieldPanel("quarters"),
        FieldPanel("story"),
        InlinePanel("images", heading=_("Image series"), label=_("Image")),
        MultiFieldPanel(
            [
                FieldPanel("cta_label"),
                PageChooserPanel("cta_page"),
                FieldPanel("cta_url"),
            ],
            heading=_("Call to action"),
        ),
        InlinePanel("posters", heading=_("Posters to download"), label=_("Poster")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("claim"),
        index.SearchField("story"),
    ]

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__isnull=True)
                | models.Q(period_end__gte=models.F("period_start")),
                name="campaigns_campaignpage_period_ordered",
            )
        ]

    def get_context(self, request, *args, **kwargs):
        from .page_context import campaign_detail_context  # noqa: PLC0415 - imports models

        context = super().get_context(request, *args, **kwargs)
        context.update(campaign_detail_context(campaign=self))
        return context

    def clean(self):
        super().clean()
        if (
            self.period_end
            and self.period_start
            and self.period_end < self.period_start
        ):
            raise ValidationError(
                {"period_end": _("The campaign cannot end before it starts.")}
            )
        if self.cta_label and not (self.cta_page_id or self.cta_url):
            raise ValidationError(
                {"cta_url": _("Choose a page or a link for the call to action.")}
            )

    @property
    def cta_link(self) -> str:
        if self.cta_page_id:
            return self.cta_page.localized.url or ""
        return self.cta_url


class CampaignImage(Orderable):
    """One photo of the series, with what the law and accessibility need."""

    page = ParentalKey(CampaignPage, on_delete=models.CASCADE, related_name="images")
    image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("image"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    alt_text = models.CharField(
        _("alternative text"),
        max_length=250,
        blank=True,
        help_text=_("Required for publishing: what the image shows."),
    )
    caption = models.CharField(_("caption"), max_length=250, blank=True)
    credit = models.CharField(
        _("photographer credit"),
        max_length=160,
        blank=True,
        help_text=_("Leave empty to use the credit stored with the image."),
    )
    licence = models.CharField(
        _("licence"), max_length=20, choices=Licence.choices, default=Licence.OWN
    )
    people_recognisable = models.BooleanField(
        _("people can be recognised"), default=False
    )
    consent_recorded = models.BooleanField(
        _("their consent is recorded"),
        default=False,
        help_text=_("Required for publishing when people can be recognised."),
    )
    consent_reference = models.CharField(
        _("where the consent is filed"), max_length=160, blank=True
    )

    panels = [
        FieldPanel("image"),
        FieldPanel("alt_text"),
        FieldPanel("caption"),
        FieldRowPanel([FieldPanel("credit"), FieldPanel("licence")]),
        FieldRowPanel(
            [FieldPanel("people_recognisable"), FieldPanel("consent_recorded")]
        ),
        FieldPanel("consent_reference"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("campaign image")

    @property
    def shown_credit(self) -> str:
        return self.credit or getattr(self.image, "credit", "")


class CampaignPoster(Orderable):
    page = ParentalKey(CampaignPage, on_delete=models.CASCADE, related_name="posters")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(
        _("title"),
        max_length=160,
        blank=True,
        help_text=_("Defaults to the file's title."),
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("poster")
