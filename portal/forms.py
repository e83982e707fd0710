"""Form pieces every app's public forms share."""

from django import forms
from django.utils.translation import gettext_lazy as _

HONEYPOT_FIELD = "website"


class HoneypotMixin:
    """A field people never see (hidden by CSS and from screen readers);
    bots that fill every field give themselves away."""

    def add_honeypot(self):
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )

    def clean_website(self):
        if self.cleaned_data.get(HONEYPOT_FIELD):
            raise forms.ValidationError(_("Please leave this field empty."))
        return ""

    def visible_fields(self):
        return [f for f in super().visible_fields() if f.name != HONEYPOT_FIELD]
