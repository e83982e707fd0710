"""The one place courses asks about resident accounts (the `residents` app)."""

from __future__ import annotations

from residents.rules import is_verified, mail_address


def resident_is_verified(user) -> bool:
    """A verified resident (e-mail or participation code), as residents says."""
    return user is not None and is_verified(user)


def resident_name(user) -> str:
    return getattr(user, "display_name", "") or user.get_username()


def resident_email(user) -> str:
    return mail_address(user)
