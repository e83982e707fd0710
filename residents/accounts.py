"""How django-allauth creates resident accounts: a display name at sign-up,
and user names that reveal nothing (never derived from the e-mail)."""

import secrets

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.contrib.auth.hashers import make_password
from django.utils.crypto import get_random_string
from django.utils.translation import gettext_lazy as _

from portal.text import CleanTextField, text_clean

from .mails import account_mail_enqueue
from .rules import is_staff_member

DISPLAY_NAME_HELP = _(
    "Shown in public next to your ideas and comments. Please do not use your "
    "full real name."
)


def display_name_clean(value: str) -> str:
    value = text_clean(value)
    if len(value) < 2:
        raise forms.ValidationError(_("Please choose a name of at least 2 letters."))
    if "@" in value:
        raise forms.ValidationError(_("Please do not use an e-mail address."))
    return value


def user_display(user) -> str:
    """How allauth names a resident on its pages and mails (ACCOUNT_USER_DISPLAY):
    the chosen display name, never the random login name."""
    return user.display_name or user.email or str(_("member"))


def is_staff_account(user) -> bool:
    """Staff and firms log in through the Wagtail admin (with its per-account
    limits), never through the residents' login."""
    return user is not None and is_staff_member(user)


class ResidentAccountAdapter(DefaultAccountAdapter):
    def authenticate(self, request, **credentials):
        # allauth gives a successful login its rate-limit count back. For a
        # staff account that would tell the right password from a wrong one
        # (it would not count towards the lock-out), so the give-back waits
        # until we know who logged in.
        give_back = self._rollback_login_failed_rl_usage
        self._rollback_login_failed_rl_usage = lambda: None
        try:
            user = super().authenticate(request, **credentials)
        finally:
            del self._rollback_login_failed_rl_usage
        if is_staff_account(user):
            # The answer to a wrong password, whether this one was right or
            # not, counted as a failure; no login, so no verification mail.
            self.authentication_failed(request, **credentials)
            return None
        if user is not None:
            give_back()
        return user

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # Rendered and sent by the task worker, in the resident's language.
        account_mail_enqueue(
            template_prefix=template_prefix, email=email, context=context
        )

    def send_account_already_exists_mail(self, email: str) -> None:
        # A sign-up with a new address hashes the password to create the
        # account; one with a known address does the same work, so the
        # answer's timing does not tell which addresses have an account.
        make_password(get_random_string(20))
        super().send_account_already_exists_mail(email)

    def get_login_stages(self) -> list[str]:
        stock = "allauth.account.stages.EmailVerificationStage"
        ours = "residents.account_stages.ResidentEmailVerificationStage"
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

    display_name = CleanTextField(
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
