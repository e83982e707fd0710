"""The idea board's panel on the Wagtail dashboard."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from . import selectors
from .choices import IdeaStatus
from .models import Idea

CHART_WIDTH, CHART_HEIGHT, CHART_PAD = 480, 160, 24


def supports_chart(weeks: list) -> dict:
    """Bar geometry of an SVG chart of supports per week, computed here so
    the template only draws rectangles."""
    top = max((count for _day, count in weeks), default=0) or 1
    slot = (CHART_WIDTH - 2 * CHART_PAD) / max(len(weeks), 1)
    usable = CHART_HEIGHT - 2 * CHART_PAD
    bars = []
    for i, (day, count) in enumerate(weeks):
        height = round(usable * count / top, 1)
        x = round(CHART_PAD + i * slot + slot * 0.15, 1)
        bars.append(
            {
                "x": x,
                "y": round(CHART_HEIGHT - CHART_PAD - height, 1),
                "width": round(slot * 0.7, 1),
                "height": height,
                "count": count,
                "day": day,
                "label_x": round(x + slot * 0.35, 1),
            }
        )
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "baseline": CHART_HEIGHT - CHART_PAD,
        "bars": bars,
        "max": top,
        "total": sum(count for _day, count in weeks),
    }


class IdeasDashboardPanel(Component):
    name = "ideas_dashboard"
    order = 150
    template_name = "ideas/admin/dashboard_panel.html"

    def get_context_data(self, parent_context=None):
        return {
            "title": _("Idea board"),
            "table": selectors.ideas_by_status_and_quarter(),
            "chart": supports_chart(selectors.supports_by_week(weeks=12)),
            "median_days": selectors.ideas_median_response_days(),
            "waiting": Idea.objects.filter(status=IdeaStatus.SUBMITTED).count(),
            "queue_url": reverse("wagtailsnippets_ideas_idea:list")
            + f"?status={IdeaStatus.SUBMITTED}",
        }
