"""Settlement enquiries: a founder or firm considering the quarters asks the
business advisers for premises, funding, staff or contacts."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.models import Quarter

from .. import choices
from .premises import PremisesPage


class Enquiry(models.Model):
    """Filled in on the public form in the enquirer's language; business
    advisers follow it up in the admin. Personal data: deleted on its own a
    while after it is closed (`ECONOMY_ENQUIRY_RETENTION_DAYS`)."""

    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    language = models.CharField(_("language"), max_length=8)
    business = models.TextField(_("planned business"), max_length=1000)
    premises_types = models.JSONField(_("kinds of premises"), default=list, blank=True)
    area_min = models.PositiveIntegerField(
        _("area from (m²)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100000)],
    )
    area_max = models.PositiveIntegerField(
        _("area up to (m²)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100000)],
    )
    budget = models.PositiveIntegerField(
        _("monthly rent budget (€, net cold)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(1000000)],
    )
    quarter = models.ForeignKey(
        Quarter,
        verbose_name=_("preferred quarter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    timeframe = models.CharField(
        _("when"), max_length=8, choices=choices.Timeframe.choices
    )
    employees = models.PositiveSmallIntegerField(
        _("employees planned"), default=0, validators=[MaxValueValidator(10000)]
    )
    support = models.JSONField(_("support wanted"), default=list, blank=True)
    name = models.CharField(_("name"), max_length=120)
    organisation = models.CharField(_("firm or project"), max_length=160, blank=True)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    message = models.TextField(_("message"), max_length=2000, blank=True)
    consent_at = models.DateTimeField(_("consent to be contacted"))

    status = models.CharField(
        _("status"),
        max_length=16,
        choices=choices.EnquiryStatus.choices,
        default=choices.EnquiryStatus.NEW,
        db_index=True,
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    notes = models.TextField(_("internal notes"), blank=True)
    suggested = models.ManyToManyField(
        PremisesPage,
        verbose_name=_("suggested premises"),
        blank=True,
        related_name="+",
    )
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("settlement enquiry")
        verbose_name_plural = _("settlement enquiries")
        ordering = ["-created_at", "-pk"]
        permissions = [("view_network_figures", _("Can see the network's figures"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(area_min__isnull=True)
                | models.Q(area_max__isnull=True)
                | models.Q(area_min__lte=models.F("area_max")),
                name="economy_enquiry_area_range",
            )
        ]

    def __str__(self):
        label = self.organisation or self.business[:60]
        return f"{label} ({self.created_at:%d.%m.%Y})" if self.created_at else label

    @property
    def is_closed(self) -> bool:
        return self.status in choices.CLOSED_STATUSES

    def get_support_display(self) -> str:
        labels = dict(choices.Support.choices)
        return ", ".join(str(labels.get(value, value)) for value in self.support)

    def get_premises_types_display(self) -> str:
        labels = dict(choices.PremisesType.choices)
        return ", ".join(str(labels.get(value, value)) for value in self.premises_types)
