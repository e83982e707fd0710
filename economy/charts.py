"""The network's figures as accessible bar charts: server-rendered SVG with
the numbers in a table beside each chart (no JavaScript, nothing external).
"""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import gettext_lazy as _

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 260
CHART_WIDTH = 640


def _label(value, lang: str = "") -> dict:
    return {
        "text": str(value) if value is not None else str(_("not set")),
        "lang": lang,
    }


def bar_chart(*, key: str, title, series: list, rows: list[dict]) -> dict:
    """`rows`: {"label": {"text", "lang"}, "values": [n per series]}. Bars
    are scaled to the largest value; each series gets its own colour class."""
    largest = max([max(row["values"]) for row in rows] + [1])
    bars_width = CHART_WIDTH - LABEL_WIDTH - 60
    per_row = BAR_HEIGHT * len(series) + GAP
    drawn = []
    for index, row in enumerate(rows):
        top = index * per_row
        drawn.append(
            {
                **row,
                "y": top,
                "label_y": top + (BAR_HEIGHT * len(series)) / 2 + 5,
                "bars": [
                    {
                        "series": position,
                        "y": top + position * BAR_HEIGHT,
                        "width": round(bars_width * value / largest, 1),
                        "value": value,
                        "value_x": LABEL_WIDTH
                        + round(bars_width * value / largest, 1)
                        + 6,
                        "value_y": top + position * BAR_HEIGHT + BAR_HEIGHT - 6,
                    }
                    for position, value in enumerate(row["values"])
                ],
            }
        )
    return {
        "key": key,
        "title": title,
        "series": series,
        "rows": drawn,
        "width": CHART_WIDTH,
        "height": max(len(rows) * per_row, per_row),
        "label_width": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT - 3,
    }


def figure_charts(figures: dict) -> list[dict]:
    months = [
        _label(formats.date_format(month, "YEAR_MONTH_FORMAT"))
        for month in figures["months"]
    ]
    return [
        bar_chart(
            key="firms-quarter",
            title=_("Member firms by quarter"),
            series=[_("Firms")],
            rows=[
                {"label": _label(label, lang), "values": [n]}
                for label, lang, n in figures["firms_by_quarter"]
            ],
        ),
        bar_chart(
            key="firms-sector",
            title=_("Member firms by sector"),
            series=[_("Firms")],
            rows=[
                {"label": _label(label, lang), "values": [n]}
                for label, lang, n in figures["firms_by_sector"]
            ],
        ),
        bar_chart(
            key="vacancies",
            title=_("Vacancies posted and ended per month"),
            series=[_("Posted"), _("Ended")],
            rows=[
                {"label": month, "values": [posted, ended]}
                for month, posted, ended in zip(
                    months,
                    figures["vacancies_posted"],
                    figures["vacancies_ended"],
                    strict=True,
                )
            ],
        ),
        bar_chart(
            key="premises",
            title=_("Premises listed and let per month"),
            series=[_("Listed"), _("Let")],
            rows=[
                {"label": month, "values": [listed, let]}
                for month, listed, let in zip(
                    months,
                    figures["premises_listed"],
                    figures["premises_let"],
                    strict=True,
                )
            ],
        ),
        bar_chart(
            key="enquiries",
            title=_("Settlement enquiries by status"),
            series=[_("Enquiries")],
            rows=[
                {"label": _label(label), "values": [n]}
                for label, n in figures["enquiries_by_status"]
            ],
        ),
        bar_chart(
            key="posts",
            title=_("Network board: posts and answers by type"),
            series=[_("Posts"), _("Answers")],
            rows=[
                {"label": _label(label), "values": [posts, answers]}
                for label, posts, answers in figures["posts_by_type"]
            ],
        ),
    ]
