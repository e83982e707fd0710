from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="help")
class IdeaSettings(BaseSiteSetting):
    """How long the city has to answer and how much one resident may post per
    day. Editors keep these; the defaults suit a board of a few quarters."""

    response_due_weeks = models.PositiveSmallIntegerField(
        _("weeks until an official response is due"),
        default=8,
        help_text=_("Counted from the day an idea is published."),
    )
    ideas_per_day = models.PositiveSmallIntegerField(
        _("ideas per resident and day"), default=3
    )
    comments_per_day = models.PositiveSmallIntegerField(
        _("comments per resident and day"), default=20
    )
    reports_per_day = models.PositiveSmallIntegerField(
        _("reports per resident and day"), default=10
    )

    panels = [
        FieldPanel("response_due_weeks"),
        MultiFieldPanel(
            [
                FieldPanel("ideas_per_day"),
                FieldPanel("comments_per_day"),
                FieldPanel("reports_per_day"),
            ],
            heading=_("Daily limits"),
        ),
    ]

    class Meta:
        verbose_name = _("idea board")
