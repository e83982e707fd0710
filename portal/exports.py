"""Spreadsheet exports of the admin's lists (CSV and XLSX) — the moderation
lists, the settlement enquiries, the course lists: safe for any stored text
and readable by the person who asked for them, in their language and time."""

import datetime
import re

from django.utils import timezone, translation
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

#: A cell that starts with one of these is taken for a formula by Excel,
#: LibreOffice and Google Sheets ("CSV injection", OWASP).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# Zero-width and direction marks are legal in XML but invisible in a cell;
# they only hide what the text really says.
INVISIBLE_RE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")

CSV_TIME_FORMAT = "%Y-%m-%d %H:%M:%S"


def cell_text(value: str, *, spreadsheet_format: str) -> str:
    """A stored text as a spreadsheet cell: without the control characters
    XLSX cannot hold (openpyxl refuses them) and invisible marks, and in CSV
    with a leading apostrophe where the text would start a formula."""
    text = INVISIBLE_RE.sub("", ILLEGAL_CHARACTERS_RE.sub("", value))
    if spreadsheet_format == "csv" and text.startswith(FORMULA_START):
        return "'" + text
    return text


def local_time(value: datetime.datetime) -> datetime.datetime:
    """An aware time in the current (the moderator's) time zone, naive and
    to the second, as spreadsheets show it."""
    if timezone.is_aware(value):
        value = timezone.make_naive(value, timezone.get_current_timezone())
    return value.replace(microsecond=0)


class SpreadsheetExportMixin:
    """For a Wagtail IndexView: every text cell made safe, times in local
    time, and the CSV (which Wagtail streams after the view has returned)
    written in the language and time zone the view ran in. (Wagtail itself
    keeps XLSX cells that start with "=" as text.)"""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.export_language = translation.get_language()
        self.export_time_zone = timezone.get_current_timezone()

    def preprocess_field_value(self, field, value, export_format):
        if isinstance(value, datetime.datetime):
            value = local_time(value)
            if export_format == self.FORMAT_CSV:
                return value.strftime(CSV_TIME_FORMAT)
            return value
        value = super().preprocess_field_value(field, value, export_format)
        if isinstance(value, str):
            return cell_text(value, spreadsheet_format=export_format)
        return value

    def get_heading(self, queryset, field):
        return cell_text(
            super().get_heading(queryset, field), spreadsheet_format="xlsx"
        )

    def stream_csv(self, queryset):
        rows = super().stream_csv(queryset)
        while True:
            with (
                translation.override(self.export_language),
                timezone.override(self.export_time_zone),
            ):
                try:
                    line = next(rows)
                except StopIteration:
                    return
            yield line
