"""The personal link that lets a person view or cancel a registration without
logging in: the registration's id and code, signed with the site's key and
dated, so a changed or old link opens nothing."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse

from portal import absolute

from .models import Registration

SALT = "courses.registration"


def registration_token(registration) -> str:
    return signing.dumps({"r": registration.pk, "c": registration.code}, salt=SALT)


def registration_from_token(token: str):
    """The registration a token names, or None when the token is forged,
    older than COURSES_LINK_MAX_AGE_DAYS or its data has been deleted."""
    try:
        data = signing.loads(
            token, salt=SALT, max_age=settings.COURSES_LINK_MAX_AGE_DAYS * 86400
        )
    except signing.BadSignature:  # SignatureExpired is one too
        return None
    if not isinstance(data, dict):
        return None
    return (
        Registration.objects.select_related("settings__event")
        .filter(pk=data.get("r"), code=data.get("c"), erased_at__isnull=True)
        .first()
    )


def registration_url(registration, *, absolute_url: bool = False) -> str:
    url = reverse("courses:manage", kwargs={"token": registration_token(registration)})
    return absolute.absolute_url(url) if absolute_url else url
