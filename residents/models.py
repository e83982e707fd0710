"""What the residents app stores beyond the user model: the participation
codes that give people without an e-mail address a verified account. The
tables keep the names they had in the ideas app (moved without copying)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ParticipationCodeBatch(models.Model):
    """A printed sheet of one-time codes that staff hand out at the contact
    points to residents who have no e-mail address."""

    label = models.CharField(
        _("label"),
        max_length=120,
        help_text=_("E.g. the contact point and month the sheet is for."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        db_table = "ideas_participationcodebatch"
        verbose_name = _("participation code sheet")
        verbose_name_plural = _("participation code sheets")
        ordering = ["-created_at"]

    def __str__(self):
        return self.label


class ParticipationCode(models.Model):
    """One code, good for creating one verified account."""

    batch = models.ForeignKey(
        ParticipationCodeBatch,
        verbose_name=_("sheet"),
        on_delete=models.CASCADE,
        related_name="codes",
    )
    code = models.CharField(_("code"), max_length=20, unique=True)
    used_at = models.DateTimeField(_("used"), null=True, blank=True)
    used_by = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("used by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="participation_code",
    )

    class Meta:
        db_table = "ideas_participationcode"
        verbose_name = _("participation code")
        verbose_name_plural = _("participation codes")
        ordering = ["pk"]

    def __str__(self):
        return self.code

    @property
    def is_used(self) -> bool:
        return self.used_at is not None
