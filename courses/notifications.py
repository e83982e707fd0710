"""Mails to people who registered, in their language (the one they
registered in). The request queues the registration's id and the kind; the
worker words the mail, makes the personal link and the `.ics`
(`portal.mail`), so the queue holds no link that opens a registration."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from portal.mail import MailContent, mail_enqueue, mail_maker
from portal.templatetags.bidi import in_lang_text
from portal.untranslated import untranslated_lang

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
MAKER = "courses.registration"


def registration_mail(*, registration, kind: str) -> bool:
    """Queue the mail of `kind`; False when the person gave no address."""
    if kind not in SUBJECTS:
        raise ValueError(f"Unknown registration mail {kind!r}")
    if not registration.email or registration.erased_at:
        return False
    mail_enqueue(
        renderer="django",
        templates={"body": "courses/email/registration_body.txt"},
        to=[registration.email],
        context={"registration": registration, "kind": kind},
        language=registration.language or settings.LANGUAGE_CODE,
        maker=MAKER,
    )
    return True


@mail_maker(MAKER)
def registration_mail_content(context: dict) -> MailContent | None:
    registration, kind = context["registration"], context["kind"]
    # Deleted or erased since it was queued: the person is not written to.
    if registration is None or registration.erased_at or not registration.email:
        return None
    event = registration.settings.event.localized.specific
    attachments = []
    if kind in WITH_CALENDAR:
        attachments.append(
            (f"{event.slug}.ics", registration_ics(registration), "text/calendar")
        )
    # A course nobody translated has a German title: isolated in Arabic and
    # Persian like the place's name (the worker renders in the reader's
    # language).
    title = in_lang_text(
        event.title, untranslated_lang(event, "title") or event.locale.language_code
    )
    return MailContent(
        context={
            **context,
            "event": event,
            "title": title,
            "place": event.place,
            "manage_url": registration_url(registration, absolute_url=True),
            "site_name": settings.WAGTAIL_SITE_NAME,
        },
        subject=str(SUBJECTS[kind]) % {"title": title},
        attachments=attachments,
    )
