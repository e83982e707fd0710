"""The one place courses asks about resident accounts. Resident accounts
move from `ideas` into `residents` (the arch branch); until then this reads
allauth directly, as ideas does, and courses never imports ideas."""

from __future__ import annotations


def resident_is_verified(user) -> bool:
    """A logged-in, active account with a verified e-mail address."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    cached = getattr(user, "_courses_verified", None)
    if cached is None:
        from allauth.account.models import EmailAddress

        cached = EmailAddress.objects.filter(user=user, verified=True).exists()
        user._courses_verified = cached
    return cached


def resident_name(user) -> str:
    return getattr(user, "display_name", "") or user.get_username()


def resident_email(user) -> str:
    from allauth.account.models import EmailAddress

    address = (
        EmailAddress.objects.filter(user=user, verified=True)
        .order_by("-primary")
        .values_list("email", flat=True)
        .first()
    )
    return address or user.email
