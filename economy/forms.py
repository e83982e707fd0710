"""The public forms: settlement enquiry and answer to a board post. Spam is
kept out without third parties: a field people never see (honeypot), a
signed start time (time trap) and a rate limit per address (services)."""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from portal.models import Quarter

from .choices import PremisesType, Support
from .models import BoardAnswer, Enquiry

HONEYPOT_FIELD = "website"
STARTED_FIELD = "started"
STARTED_SALT = "economy.form-started"


def started_token() -> str:
    return signing.dumps(int(time.time()), salt=STARTED_SALT)


class SpamGuardMixin:
    """Honeypot and time trap. Both errors read the same to a person (who
    never triggers them) and tell a bot nothing about which check it failed."""

    spam_message = _(
        "Your message could not be sent. Please wait a moment and send it again."
    )

    def add_spam_guard(self):
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        self.fields[STARTED_FIELD] = forms.CharField(
            required=False, widget=forms.HiddenInput
        )
        if not self.is_bound:
            self.initial[STARTED_FIELD] = started_token()

    def spam_guard_clean(self) -> None:
        if self.cleaned_data.get(HONEYPOT_FIELD):
            raise forms.ValidationError(self.spam_message, code="honeypot")
        limits = settings.ECONOMY_FORM_TIME_TRAP
        try:
            started = signing.loads(
                self.cleaned_data.get(STARTED_FIELD) or "", salt=STARTED_SALT
            )
        except signing.BadSignature:
            raise forms.ValidationError(self.spam_message, code="time_trap") from None
        # The token's own stamp is when it was signed; the value is when the
        # form was shown.
        age = time.time() - started if isinstance(started, int) else -1
        if not limits["min_seconds"] <= age <= limits["max_seconds"]:
            raise forms.ValidationError(self.spam_message, code="time_trap")

    def clean(self):
        cleaned_data = super().clean()
        self.spam_guard_clean()
        return cleaned_data

    def visible_fields(self):
        return [f for f in super().visible_fields() if f.name != HONEYPOT_FIELD]


class EnquiryForm(SpamGuardMixin, forms.ModelForm):
    premises_types = forms.MultipleChoiceField(
        label=_("Kind of premises"),
        choices=PremisesType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    support = forms.MultipleChoiceField(
        label=_("Support you would like"),
        choices=Support.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the business advisers of the project contact me about "
            "this enquiry. My details are deleted after the enquiry is closed."
        ),
        required=True,
    )

    class Meta:
        model = Enquiry
        fields = [
            "business",
            "premises_types",
            "area_min",
            "area_max",
            "budget",
            "quarter",
            "timeframe",
            "employees",
            "support",
            "name",
            "organisation",
            "email",
            "phone",
            "message",
        ]
        labels = {
            "business": _("What business are you planning?"),
            "area_min": _("Area from (m²)"),
            "area_max": _("Area up to (m²)"),
            "budget": _("Monthly rent budget (€, net cold)"),
            "quarter": _("Preferred quarter"),
            "timeframe": _("When do you need the premises?"),
            "employees": _("Employees planned"),
            "name": _("Your name"),
            "organisation": _("Firm or project (optional)"),
            "email": _("E-mail"),
            "phone": _("Phone (optional)"),
            "message": _("Anything else we should know? (optional)"),
        }
        widgets = {
            "business": forms.Textarea(attrs={"rows": 3}),
            "message": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, locale, **kwargs):
        super().__init__(*args, **kwargs)
        quarters = Quarter.vocabulary(locale=locale)
        self.fields["quarter"].queryset = Quarter.objects.filter(
            pk__in=[entry.term.pk for entry in quarters]
        )
        self.fields["quarter"].label_from_instance = lambda quarter: str(quarter)
        self.fields["quarter"].empty_label = _("No preference")
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"
        self.add_spam_guard()

    def clean(self):
        cleaned_data = super().clean()
        low, high = cleaned_data.get("area_min"), cleaned_data.get("area_max")
        if low and high and low > high:
            self.add_error("area_max", _("Must not be less than “area from”."))
        return cleaned_data


class AnswerForm(SpamGuardMixin, forms.ModelForm):
    class Meta:
        model = BoardAnswer
        fields = ["name", "organisation", "email", "message"]
        labels = {
            "name": _("Your name"),
            "organisation": _("Your firm"),
            "email": _("Your e-mail (the firm answers you there)"),
            "message": _("Your answer"),
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_spam_guard()
