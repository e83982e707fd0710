"""Validation only: the event page's admin form and the listing's filters."""

from datetime import date, datetime, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.forms import WagtailAdminPageForm

from portal.languages import SPOKEN_LANGUAGES
from portal.query import LenientFilterForm
from portal.vocabulary import VocabularyChoiceField

from . import recurrence
from .choices import WEEKDAY_CHOICES, DateChangeKind, Frequency

#: The longest date range a visitor may ask the listing for.
MAX_RANGE_DAYS = 366


class EventPageForm(WagtailAdminPageForm):
    """Checks dates and the repetition so that every saved rule is valid
    RFC 5545 and expands to a sane number of dates."""

    repeat_weekdays = forms.TypedMultipleChoiceField(
        label=_("on weekdays"),
        choices=WEEKDAY_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Weekly: the days of the week. Monthly: the weekday."),
    )
    languages = forms.MultipleChoiceField(
        label=_("languages spoken"),
        choices=SPOKEN_LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end must not be before the start."))
        repeat = cleaned.get("repeat")
        if not repeat or not start:
            return cleaned
        until, count = cleaned.get("repeat_until"), cleaned.get("repeat_count")
        if until and count:
            self.add_error(
                "repeat_count",
                _("Choose either an end date or a number of dates, not both."),
            )
            return cleaned
        if until and until < timezone.localtime(start).date():
            self.add_error(
                "repeat_until", _("The repetition cannot end before the first date.")
            )
            return cleaned
        if repeat == Frequency.MONTHLY and not cleaned.get("repeat_month_week"):
            self.add_error(
                "repeat_month_week", _("Choose the week of the month it repeats in.")
            )
            return cleaned
        rule = recurrence.Rule(
            frequency=repeat,
            interval=cleaned.get("repeat_interval") or 1,
            weekdays=tuple(sorted(cleaned.get("repeat_weekdays") or [])),
            month_week=cleaned.get("repeat_month_week"),
            until=until,
            count=count,
        )
        first = recurrence.to_local_naive(start)
        if cleaned.get("all_day"):
            first = datetime.combine(first.date(), datetime.min.time())
        maximum = recurrence.MAX_OCCURRENCES
        if count and count > maximum:
            self.add_error(
                "repeat_count",
                _("At most %(max)d dates are possible.") % {"max": maximum},
            )
        elif until and rule.count_dates(first, stop_after=maximum + 1) > maximum:
            self.add_error(
                "repeat_until",
                _(
                    "This repetition would create more than %(max)d dates. "
                    "Choose an earlier end date or repeat less often."
                )
                % {"max": maximum},
            )
        elif not recurrence.rule_matches_start(rule, first):
            self.add_error(
                "start",
                _(
                    "The first date does not follow the repetition "
                    "(weekday or week of the month). Move it to the first "
                    "date of the series."
                ),
            )
        return cleaned

    def is_valid(self):
        valid = super().is_valid()
        if not valid:
            return False
        return self._date_changes_fit_rule()

    def _date_changes_fit_rule(self) -> bool:
        """A cancelled or moved date must be one the series actually has."""
        formset = self.formsets.get("date_changes")
        if formset is None:
            return True
        page = self.instance
        rule = page.rule
        ok = True
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE"):
                continue
            if rule is None:
                form.add_error(
                    "original_date",
                    _(
                        "Only repeating events have single dates to change. "
                        "Change the date or status of the event instead."
                    ),
                )
                ok = False
                continue
            first = recurrence.to_local_naive(page.start)
            if page.all_day:
                first = datetime.combine(first.date(), datetime.min.time())
            original = datetime.combine(data["original_date"], first.time())
            if not recurrence.rule_has_date(rule, first, original):
                form.add_error(
                    "original_date",
                    _("The series has no date on this day."),
                )
                ok = False
            if data.get("kind") == DateChangeKind.MOVED and not data.get("new_start"):
                form.add_error("new_start", _("Enter the new start of a moved date."))
                ok = False
        return ok


class EventFilterForm(LenientFilterForm):
    """The listing's filters; the filter state is the query string. Invalid
    fields show their error and are ignored (`portal.query`)."""

    category = forms.ChoiceField(label=_("Category"), required=False)
    quarter = forms.ChoiceField(label=_("Quarter"), required=False)
    group = forms.ChoiceField(label=_("For"), required=False)
    date_from = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=_("Until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    free = forms.BooleanField(label=_("Free of charge only"), required=False)

    def __init__(self, *args, categories, quarters, groups, **kwargs):
        super().__init__(*args, **kwargs)
        # Vocabularies (portal.vocabulary): the German slugs are the values in
        # every language, so a link built under any prefix works under all.
        for name, vocabulary in (
            ("category", categories),
            ("quarter", quarters),
            ("group", groups),
        ):
            self.fields[name] = VocabularyChoiceField(
                vocabulary=vocabulary,
                empty_label=_("All"),
                label=self.fields[name].label,
            )

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to:
            if date_to < date_from:
                self.add_error(
                    "date_to", _("The end of the range is before its beginning.")
                )
            elif (date_to - date_from).days > MAX_RANGE_DAYS:
                self.add_error(
                    "date_to",
                    ngettext(
                        "Choose a range of at most %(days)d day.",
                        "Choose a range of at most %(days)d days.",
                        MAX_RANGE_DAYS,
                    )
                    % {"days": MAX_RANGE_DAYS},
                )
        for name in ("date_from", "date_to"):
            value = cleaned.get(name)
            if value and not date(1900, 1, 1) <= value <= date(2200, 1, 1):
                self.add_error(name, _("Choose a date between 1900 and 2200."))
        return cleaned

    def window(self, *, today: date, default_days: int) -> tuple[date, date]:
        """The first and last day the visitor asked for (valid parts only)."""
        data = self.valid_data()
        first = data.get("date_from") or today
        last = data.get("date_to") or first + timedelta(days=default_days)
        if last < first or (last - first).days > MAX_RANGE_DAYS:
            last = first + timedelta(days=default_days)
        return first, last
