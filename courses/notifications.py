"""Mails to people who registered, rendered in their language (the one they
registered in) and sent by the worker (`portal.tasks.send_rendered_mail`)."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from portal.tasks import send_rendered_mail

from .ical import registration_ics
from .links import registration_url

SUBJECTS = {
    "confirmed": _("Your place: %(title)s"),
    "waiting": _("You are on the waiting list: %(title)s"),
    "offered": _("A place has become free: %(title)s"),
    "cancelled": _("Cancelled: %(title)s"),
    "expired": _("The offered place has passed on: %(title)s"),
    "reminder": _("Tomorrow: %(title)s"),
}
#: Mails that carry the date as an `.ics` file.
WITH_CALENDAR = {"confirmed", "reminder"}


def registration_mail(*, registration, kind: str) -> bool:
    """Queue the mail of `kind`; False when the person gave no address."""
    if not registration.email or registration.erased_at:
        return False
    language = registration.language or settings.LANGUAGE_CODE
    with translation.override(language):
        event = registration.settings.event.localized.specific
        context = {
            "kind": kind,
            "registration": registration,
            "event": event,
            "place": event.place,
            "manage_url": registration_url(registration, absolute_url=True),
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        subject = str(SUBJECTS[kind]) % {"title": event.title}
        body = render_to_string("courses/email/registration_body.txt", context)
    attachments = []
    if kind in WITH_CALENDAR:
        ics = registration_ics(registration).decode()
        attachments.append((f"{event.slug}.ics", ics, "text/calendar"))
    send_rendered_mail.enqueue(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[registration.email],
        attachments=attachments or None,
    )
    return True
