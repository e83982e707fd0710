"""allauth forms the portal changes. A module of its own: allauth's forms
module imports residents.accounts (the sign-up form's base class), so forms that
subclass allauth's cannot live there."""

from allauth.account.forms import RequestLoginCodeForm

from .accounts import is_staff_account


class ResidentRequestLoginCodeForm(RequestLoginCodeForm):
    """Login by code for residents only: a staff address is treated like an
    address without an account (allauth then mails "no account"), so no
    code reaches a staff account through the residents' login."""

    def clean_email(self) -> str:
        email = super().clean_email()
        if is_staff_account(getattr(self, "_user", None)):
            self._user = None
        return email
