"""How django-allauth creates resident accounts: a display name at sign-up,
and user names that reveal nothing (never derived from the e-mail)."""

import secrets

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from portal.text import bidi_controls_strip

DISPLAY_NAME_HELP = _(
    "Shown in public next to your ideas and comments. Please do not use your "
    "full real name."
)


def display_name_clean(value: str) -> str:
    value = " ".join(bidi_controls_strip(value).split())
    if len(value) < 2:
        raise forms.ValidationError(_("Please choose a name of at least 2 letters."))
    if "@" in value:
        raise forms.ValidationError(_("Please do not use an e-mail address."))
    return value


def user_display(user) -> str:
    """How allauth names a resident on its pages and mails (ACCOUNT_USER_DISPLAY):
    the chosen display name, never the random login name."""
    return user.display_name or user.email or str(_("member"))


class ResidentAccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # The portal signs its mails with its name from the settings; allauth
        # would greet with the host name (Django's RequestSite) and remind the
        # resident of a login name that is random (populate_username).
        context = {**context, "portal_name": settings.WAGTAIL_SITE_NAME}
        context.pop("username", None)
        super().send_mail(template_prefix, email, context)

    def get_login_stages(self) -> list[str]:
        stock = "allauth.account.stages.EmailVerificationStage"
        ours = "ideas.account_stages.ResidentEmailVerificationStage"
        return [
            ours if stage == stock else stage for stage in super().get_login_stages()
        ]

    def populate_username(self, request, user):
        # A random login name; residents are known by their display name.
        if not user.username:
            user.username = f"b-{secrets.token_hex(5)}"

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.display_name = form.cleaned_data.get("display_name", "")
        if commit:
            user.save()
        return user


class ResidentSignupForm(forms.Form):
    """Extra fields of allauth's sign-up form."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=60,
        help_text=DISPLAY_NAME_HELP,
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )

    field_order = ["email", "display_name", "password1", "password2"]

    def clean_display_name(self):
        return display_name_clean(self.cleaned_data["display_name"])

    def signup(self, request, user):
        user.display_name = self.cleaned_data["display_name"]
        user.save(update_fields=["display_name"])
