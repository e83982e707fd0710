"""The residents' own forms (allauth's are configured in settings)."""

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from portal.forms import HoneypotMixin
from portal.text import CleanTextField

from .accounts import DISPLAY_NAME_HELP, display_name_clean


class CodeBatchForm(forms.Form):
    label = CleanTextField(
        label=_("Label"),
        max_length=120,
        help_text=_("E.g. the contact point and month the sheet is for."),
    )
    count = forms.IntegerField(
        label=_("Number of codes"), min_value=1, max_value=500, initial=30
    )


class CodeRedeemForm(HoneypotMixin, forms.Form):
    """Create a verified account with a participation code."""

    code = forms.CharField(
        label=_("Participation code"),
        max_length=20,
        help_text=_("The code from the sheet you got at the contact point."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters"}
        ),
    )
    username = forms.RegexField(
        label=_("User name for logging in"),
        max_length=40,
        regex=r"^[\w.-]{3,40}$",
        error_messages={
            "invalid": _("3 to 40 letters, digits, dots, dashes or underscores.")
        },
        help_text=_("You log in with this name and your password. It stays private."),
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    display_name = CleanTextField(
        label=_("Display name"), max_length=60, help_text=DISPLAY_NAME_HELP
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters."),
    )
    password2 = forms.CharField(
        label=_("Password (again)"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_honeypot()

    def clean_display_name(self):
        return display_name_clean(self.cleaned_data["display_name"])

    def clean(self):
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            try:
                password_validation.validate_password(first)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class AccountDeleteForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "Yes, delete my account. My ideas and comments stay, shown as "
            "by a former member; my supports and offers of help are removed."
        )
    )
