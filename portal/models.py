"""Site-wide models: the user and image models every app relies on, the
site settings editors keep (organisation, contact, legal pages, map), and
the abstract bases the apps share (vocabulary terms, addresses)."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import TranslatableMixin

from . import geo
from .vocabulary import vocabulary_for

__all__ = [
    "Term",
    "OrderedTerm",
    "Address",
    "User",
    "CustomImage",
    "CustomRendition",
    "OrganisationSettings",
    "LegalSettings",
    "MapSettings",
    "Quarter",
]


class Term(TranslatableMixin, models.Model):
    """A word editors keep in a list, per language, for visitors to filter by
    (quarter, sector, event category …). The slug goes into filter links, so
    it is unique per language."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="%(app_label)s_%(class)s_unique_slug"
            )
        ]

    def __str__(self):
        return self.name

    @classmethod
    def vocabulary(cls, *, locale=None, queryset=None):
        """All terms of this kind as `locale`'s filters offer them: stable
        slugs, translated labels, German fallbacks (portal.vocabulary)."""
        return vocabulary_for(cls, locale=locale, queryset=queryset)


class OrderedTerm(Term):
    """A term shown in the order editors choose rather than alphabetically."""

    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [*Term.panels, FieldPanel("sort_order")]

    class Meta(Term.Meta):
        abstract = True
        ordering = ["sort_order", "name"]


class Address(models.Model):
    """A street address in Potsdam with an optional point for the map, for
    places residents go to (contact points, companies, venues)."""

    street = models.CharField(_("street and number"), max_length=255)
    postal_code = models.CharField(_("postal code"), max_length=10)
    city = models.CharField(_("city"), max_length=100, default="Potsdam")
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )

    address_panels = [
        FieldPanel("street"),
        FieldRowPanel([FieldPanel("postal_code"), FieldPanel("city")]),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        errors = geo.point_errors(self.latitude, self.longitude)
        if errors:
            raise ValidationError(errors)


class User(AbstractUser):
    """Everybody who logs in: editors, firms, advisers and residents.

    Residents appear in public only under their chosen display name; real
    names and e-mail addresses are never shown on the site.
    """

    display_name = models.CharField(
        _("display name"),
        max_length=60,
        blank=True,
        help_text=_("Shown in public instead of your name."),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def public_name(self) -> str:
        return self.display_name or self.username


class ConsentScope(models.TextChoices):
    """What the people shown agreed to."""

    PORTAL = "portal", _("this portal")
    PORTAL_PRINT = "portal_print", _("this portal and print")
    ALL = "all", _("all publications of the project")


class CustomImage(AbstractImage):
    """Wagtail image with the credit a photographer or licence asks for."""

    credit = models.CharField(
        _("credit"),
        max_length=255,
        blank=True,
        help_text=_("Photographer or source, shown beside the image."),
    )

    # Consent belongs to the image: recorded once (scope and date) and checked
    # wherever the image is published (portal.wagtail_hooks), not per campaign.
    shows_people = models.BooleanField(
        _("shows recognisable people"),
        default=False,
        help_text=_("Then it may be published only with their recorded consent."),
    )
    consent_scope = models.CharField(
        _("consent covers"),
        max_length=20,
        choices=ConsentScope.choices,
        blank=True,
    )
    consent_recorded_on = models.DateField(
        _("consent recorded on"), null=True, blank=True
    )
    consent_reference = models.CharField(
        _("where the consent is filed"), max_length=160, blank=True
    )

    admin_form_fields = (
        *Image.admin_form_fields,
        "credit",
        "shows_people",
        "consent_scope",
        "consent_recorded_on",
        "consent_reference",
    )

    def _set_image_file_metadata(self):
        # Wagtail calls this whenever an image gets a new file: the image
        # form's save, and the multiple upload that finishes an UploadedFile
        # (which stores the upload without the form's file field). A file
        # the field has cleaned already is marked; any other is cleaned here
        # so that no path stores an original with metadata.
        from .uploads import image_file_clean  # noqa: PLC0415 - uploads imports Wagtail's image forms, which need the models loaded

        if not getattr(self.file.file, "portal_clean", False):
            image_file_clean(self)
        super()._set_image_file_metadata()

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(consent_scope="")
                | models.Q(consent_recorded_on__isnull=False),
                name="portal_image_consent_dated",
            ),
        ]

    def clean(self):
        super().clean()
        if self.consent_scope and self.consent_recorded_on is None:
            raise ValidationError(
                {"consent_recorded_on": _("Say when the consent was recorded.")}
            )
        if self.consent_recorded_on and not self.consent_scope:
            raise ValidationError({"consent_scope": _("Say what the consent covers.")})

    @property
    def may_be_published(self) -> bool:
        """False for a photo of people without recorded consent."""
        return not self.shows_people or bool(
            self.consent_scope and self.consent_recorded_on
        )


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(
        CustomImage, on_delete=models.CASCADE, related_name="renditions"
    )

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


@register_setting(icon="group")
class OrganisationSettings(BaseSiteSetting):
    """Who runs the portal and how to reach them (footer, contact, imprint)."""

    name = models.CharField(
        _("organisation"),
        max_length=255,
        default="Quartiersprojekt Stern · Drewitz · Schlaatz",
    )
    street = models.CharField(_("street and number"), max_length=255, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, default="Potsdam")
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [
                FieldPanel("street"),
                FieldPanel("postal_code"),
                FieldPanel("city"),
                FieldPanel("phone"),
                FieldPanel("email"),
            ],
            heading=_("Contact"),
        ),
    ]

    class Meta:
        verbose_name = _("organisation and contact")


@register_setting(icon="doc-full")
class LegalSettings(BaseSiteSetting):
    """The legal pages every page links to in its footer (in German law: the
    imprint, the privacy notice and the accessibility statement)."""

    imprint_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("imprint"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("imprint_page"),
        FieldPanel("privacy_page"),
        FieldPanel("accessibility_page"),
    ]

    class Meta:
        verbose_name = _("legal pages")


@register_setting(icon="site")
class MapSettings(BaseSiteSetting):
    """Where map tiles come from. Tiles load only after a visitor agreed."""

    tile_url = models.CharField(
        _("tile URL template"),
        max_length=255,
        default="https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        help_text=_("With {z}, {x} and {y} placeholders."),
    )
    attribution = models.CharField(
        _("attribution"),
        max_length=255,
        default="© OpenStreetMap contributors",
    )

    panels = [FieldPanel("tile_url"), FieldPanel("attribution")]

    class Meta:
        verbose_name = _("map")


class Quarter(OrderedTerm):
    """A quarter of Potsdam the portal serves (Stern, Drewitz, Schlaatz) or
    "Potsdam (other)". Every app tags its content with one; the home page
    shows the portraits of the project's quarters."""

    portrait = models.TextField(
        _("short portrait"),
        blank=True,
        max_length=600,
        help_text=_("Two or three sentences for the home page."),
    )
    image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_project_quarter = models.BooleanField(
        _("project quarter"),
        default=True,
        help_text=_("Shown with its portrait on the home page."),
    )
    latitude = models.DecimalField(
        _("centre latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("centre longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    boundary = models.JSONField(
        _("boundary"),
        default=list,
        blank=True,
        help_text=_("The quarter's area as a list of [latitude, longitude] corners."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("portrait"),
        FieldPanel("image"),
        FieldPanel("is_project_quarter"),
        FieldPanel("sort_order"),
        MultiFieldPanel(
            [FieldPanel("latitude"), FieldPanel("longitude"), FieldPanel("boundary")],
            heading=_("Map"),
        ),
    ]

    class Meta(OrderedTerm.Meta):
        verbose_name = _("quarter")
        verbose_name_plural = _("quarters")

    def clean(self):
        super().clean()
        try:
            geo.validate_polygon(self.boundary)
        except ValueError as error:
            raise ValidationError({"boundary": str(error)}) from error
        has_centre = self.latitude is not None and self.longitude is not None
        if has_centre and not geo.in_potsdam(self.latitude, self.longitude):
            raise ValidationError({"latitude": _("The centre must lie in Potsdam.")})

    def contains(self, latitude, longitude) -> bool:
        return geo.polygon_contains(self.boundary, float(latitude), float(longitude))
