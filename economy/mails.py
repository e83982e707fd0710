"""The mails of the local economy as the worker makes them (`portal.mail`):
the request queues the enquiry, the answer or the units; wording, the
suggested premises and the "still available" links are made here, at
sending, in the recipient's language."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Locale

from portal import absolute
from portal.mail import MailContent, mail_maker

from .choices import EnquiryStatus
from .models import PremisesPage
from .services import STILL_AVAILABLE_EXTENSION_DAYS, premises_still_available_url


@mail_maker("economy.enquiry_received")
def enquiry_received(context: dict) -> MailContent | None:
    if context["enquiry"] is None:
        return None
    return MailContent(context, subject=_("Your settlement enquiry has arrived"))


def _status_subject(status: str) -> str:
    return {
        EnquiryStatus.IN_CONTACT: _("Your settlement enquiry: we are on it"),
        EnquiryStatus.PREMISES_SHOWN: _("Your settlement enquiry: premises for you"),
        EnquiryStatus.SETTLED: _("Your settlement enquiry: welcome to the quarters"),
        EnquiryStatus.NOT_PURSUED: _("Your settlement enquiry is closed"),
    }[status]


@mail_maker("economy.enquiry_status")
def enquiry_status(context: dict) -> MailContent | None:
    enquiry = context["enquiry"]
    if enquiry is None:
        return None
    return MailContent(
        {**context, "suggestions": _suggestions(enquiry=enquiry)},
        subject=_status_subject(context["status"]),
    )


def _suggestions(*, enquiry) -> list[dict]:
    """Suggested units as the enquirer reads them: the translation into
    their language when there is one, else the German page."""
    locale = Locale.objects.filter(language_code=enquiry.language).first()
    units = list(enquiry.suggested.live().order_by("title"))
    translated = {}
    if locale is not None:
        translated = {
            page.translation_key: page
            for page in PremisesPage.objects.live().filter(
                locale=locale, translation_key__in=[u.translation_key for u in units]
            )
        }
    return [
        {
            "unit": unit,
            "title": translated.get(unit.translation_key, unit).title,
            "url": absolute.page_url(translated.get(unit.translation_key, unit)),
        }
        for unit in units
    ]


@mail_maker("economy.board_answer")
def board_answer(context: dict) -> MailContent | None:
    answer, post = context["answer"], context["post"]
    if answer is None or post is None:
        return None
    return MailContent(
        {
            **context,
            "company": post.get_parent().specific,
            "post_url": absolute.page_url(post),
        },
        subject=_("Answer to your post “%(title)s”") % {"title": post.title},
    )


@mail_maker("economy.premises_reminder")
def premises_reminder(context: dict) -> MailContent | None:
    company = context["company"]
    units = [unit for unit in context["units"] if unit is not None and unit.live]
    if company is None or not units:
        return None
    return MailContent(
        {
            "company": company,
            "entries": [
                {
                    "unit": unit,
                    "url": absolute.page_url(unit),
                    "link": premises_still_available_url(unit),
                }
                for unit in units
            ],
            "extension_days": STILL_AVAILABLE_EXTENSION_DAYS,
        },
        subject=ngettext(
            "%(count)d unit of %(company)s leaves the listing soon",
            "%(count)d units of %(company)s leave the listing soon",
            len(units),
        )
        % {"count": len(units), "company": company.title},
    )
