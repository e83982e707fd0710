"""The residents app's sections of a person's data (portal.privacy)."""

from allauth.account.models import EmailAddress

from .models import ParticipationCode


def when(value) -> str | None:
    return value.isoformat() if value else None


def account_personal_data(user) -> dict:
    """The account with its e-mail addresses and participation code. The user
    row goes with the account (and its addresses with it, on_delete); the
    code stays used, without a person (on_delete=SET_NULL)."""
    return {
        "username": user.username,
        "display_name": user.display_name,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_joined": when(user.date_joined),
        "last_login": when(user.last_login),
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user)
        ],
        "participation_code": ParticipationCode.objects.filter(used_by=user)
        .values_list("code", flat=True)
        .first(),
    }
