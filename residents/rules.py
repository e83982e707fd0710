"""Who a resident is to the portal: staff or not, verified or not. Apps above
ask these (ideas for submitting, supporting, commenting)."""

from allauth.account.models import EmailAddress

from .models import ParticipationCode


def is_staff_member(user) -> bool:
    """Editors, moderators and other people with Wagtail admin access."""
    return user.is_authenticated and (
        user.is_superuser or user.has_perm("wagtailadmin.access_admin")
    )


def is_verified(user) -> bool:
    """A verified e-mail address, a redeemed participation code, or a staff
    account (created by an administrator). Cached on the user object."""
    if not user.is_authenticated or not user.is_active:
        return False
    cached = getattr(user, "_residents_verified", None)
    if cached is None:
        cached = (
            EmailAddress.objects.filter(user=user, verified=True).exists()
            or ParticipationCode.objects.filter(used_by=user).exists()
            or is_staff_member(user)
        )
        user._residents_verified = cached
    return cached


def can_create_codes(user) -> bool:
    return user.is_authenticated and user.has_perm(
        "residents.add_participationcodebatch"
    )


def mail_address(user) -> str:
    """Where to write to a person: their verified address (the primary one
    first), else the account's address."""
    verified = (
        EmailAddress.objects.filter(user=user, verified=True)
        .order_by("-primary")
        .values_list("email", flat=True)
        .first()
    )
    return verified or user.email
