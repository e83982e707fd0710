"""What a translated company or vacancy page knows about its German original."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale


class FollowsOriginal(models.Model):
    """Firms keep the German page; translators keep the others. When the
    firm's change is published, the facts reach every translation at once and
    a changed text marks the translations outdated until a translator publishes
    them again (`services.translations_follow_original`, docs/firm-access.md)."""

    original_changed_at = models.DateTimeField(
        _("original changed"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the German text changed after this translation."),
    )

    class Meta:
        abstract = True

    def outdated_original(self):
        """The live German page when this translation lags behind it."""
        if self.original_changed_at is None:
            return None
        original = self.get_translation_or_none(Locale.get_default())
        return original if original is not None and original.live else None
