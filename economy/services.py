"""Writes of the local economy: settlement enquiries (submission, the
advisers' changes, status mails, deletion after closing), answers to board
posts (relayed by e-mail), premises expiry reminders, the one-click "still
available" and "let" of a unit."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.log_actions import log
from wagtail.models import Locale

from portal import absolute
from portal.clientip import client_ip
from portal.mail import mail_enqueue, mail_enqueue_on_commit
from portal.security import rate_count

from .choices import CLOSED_STATUSES, NOTIFIED_STATUSES
from .models import BoardAnswer, BoardPostPage, Enquiry, PremisesIndexPage, PremisesPage
from .models.expiring import expiry_for

REMINDER_DAYS_BEFORE = 7
STILL_AVAILABLE_EXTENSION_DAYS = 28
STILL_AVAILABLE_LINK_MAX_AGE = dt.timedelta(days=21)
STILL_AVAILABLE_SALT = "economy.premises-still-available"


# Spam: rate limit per address ----------------------------------------------


def _digest(value: str) -> str:
    # The cache never holds an address in clear.
    return hashlib.sha256(value.strip().casefold().encode()).hexdigest()[:32]


def form_rate_limited(*, request, form_name: str, email: str) -> bool:
    """Count one submission of a public form for the client address and the
    e-mail address; True when either is over its limit for the window."""
    limits = settings.ECONOMY_FORM_LIMITS
    window = limits["window_seconds"]
    over = (
        rate_count(
            f"economy:{form_name}:ip:{_digest(client_ip(request))}", timeout=window
        )
        > limits["per_ip"]
    )
    if email:
        over |= (
            rate_count(f"economy:{form_name}:email:{_digest(email)}", timeout=window)
            > limits["per_email"]
        )
    return over


# Enquiries -----------------------------------------------------------------


@transaction.atomic
def enquiry_submit(*, data: dict, language: str) -> Enquiry:
    """Store an enquiry from the public form and confirm it to the enquirer
    in the language they wrote in."""
    enquiry = Enquiry.objects.create(
        **data, language=language, consent_at=timezone.now()
    )
    mail_enqueue_on_commit(
        renderer="django",
        templates={"body": "economy/email/enquiry_received.txt"},
        to=[enquiry.email],
        context={"enquiry": enquiry},
        language=language,
        maker="economy.enquiry_received",
    )
    return enquiry


@transaction.atomic
def enquiry_update(*, enquiry: Enquiry, previous_status: str, user) -> Enquiry:
    """After an adviser saved an enquiry: record when its status changed and
    when it closed, and tell the enquirer about the changes that matter to
    them (with the suggested premises, in their language)."""
    now = timezone.now()
    if enquiry.status != previous_status:
        enquiry.status_changed_at = now
        enquiry.closed_at = now if enquiry.status in CLOSED_STATUSES else None
        Enquiry.objects.filter(pk=enquiry.pk).update(
            status_changed_at=enquiry.status_changed_at, closed_at=enquiry.closed_at
        )
        if enquiry.status in NOTIFIED_STATUSES:
            mail_enqueue_on_commit(
                renderer="django",
                templates={"body": "economy/email/enquiry_status.txt"},
                to=[enquiry.email],
                context={"enquiry": enquiry, "status": enquiry.status, "adviser": user},
                language=enquiry.language,
                maker="economy.enquiry_status",
            )
    return enquiry


def enquiries_due_for_deletion(*, now: dt.datetime | None = None):
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=settings.ECONOMY_ENQUIRY_RETENTION_DAYS)
    return Enquiry.objects.filter(closed_at__isnull=False, closed_at__lte=cutoff)


@transaction.atomic
def enquiries_purge(*, now: dt.datetime | None = None) -> int:
    """Delete the enquiries closed longer ago than the retention period."""
    deleted, _by_model = enquiries_due_for_deletion(now=now).delete()
    return deleted


# Board answers ---------------------------------------------------------------


def firm_addresses(*, company) -> list[str]:
    """Where mail for a firm goes: its users' addresses, else the company's."""
    User = get_user_model()
    addresses = []
    if company.firm_group_id is not None:
        addresses = [
            address
            for address in User.objects.filter(
                groups=company.firm_group_id, is_active=True
            ).values_list("email", flat=True)
            if address
        ]
    if not addresses and company.email:
        addresses = [company.email]
    return addresses


@transaction.atomic
def answer_submit(*, post: BoardPostPage, data: dict) -> BoardAnswer:
    """Store an answer and relay it to the posting firm, Reply-To the
    answerer; the answerer never learns the firm's address."""
    answer = BoardAnswer.objects.create(post=post, **data)
    company = post.get_parent().specific
    recipients = firm_addresses(company=company)
    mail_enqueue_on_commit(
        renderer="django",
        templates={"body": "economy/email/board_answer.txt"},
        to=recipients,
        context={"answer": answer, "post": post},
        language=company.locale.language_code,
        maker="economy.board_answer",
        reply_to=answer.email,
    )
    return answer


# Premises --------------------------------------------------------------------


def premises_due_for_reminder(*, now: dt.datetime | None = None):
    now = now or timezone.now()
    return (
        PremisesPage.objects.live()
        .filter(locale=Locale.get_default())
        .filter(expire_at__gt=now)
        .filter(expire_at__lte=now + dt.timedelta(days=REMINDER_DAYS_BEFORE))
        .filter(
            Q(reminded_for_expiry__isnull=True) | ~Q(reminded_for_expiry=F("expire_at"))
        )
    )


def premises_still_available_url(unit: PremisesPage) -> str:
    index = (
        PremisesIndexPage.objects.live().filter(locale_id=unit.locale_id).first()
        or PremisesIndexPage.objects.live().first()
    )
    token = signing.dumps(
        {"p": unit.pk, "e": unit.expire_at.isoformat()}, salt=STILL_AVAILABLE_SALT
    )
    value, stamp, signature = token.split(":")
    return absolute.page_url(index) + index.reverse_subpage(
        "premises_still_available",
        kwargs={"value": value, "stamp": stamp, "signature": signature},
    )


@dataclass
class RemindersSent:
    mails: int
    premises: int


def premises_reminders_send(*, now: dt.datetime | None = None) -> RemindersSent:
    """E-mail each firm once per run about its units that leave the listing
    within the next days, with a "still available" link for each."""
    due = list(premises_due_for_reminder(now=now))
    by_firm: dict = defaultdict(list)
    for unit in due:
        by_firm[unit.get_parent().specific].append(unit)
    mails = 0
    for company, units in by_firm.items():
        recipients = firm_addresses(company=company)
        if not recipients:
            continue
        units.sort(key=lambda unit: (unit.expire_at, unit.title))
        mail_enqueue(
            renderer="django",
            templates={"body": "economy/email/premises_reminder.txt"},
            to=recipients,
            context={"company": company, "units": units},
            language=company.locale.language_code,
            maker="economy.premises_reminder",
        )
        mails += 1
    for unit in due:
        PremisesPage.objects.filter(translation_key=unit.translation_key).update(
            reminded_for_expiry=unit.expire_at
        )
    return RemindersSent(mails=mails, premises=len(due))


@dataclass
class StillAvailableResult:
    ok: bool
    message: str
    premises: PremisesPage | None = None


@transaction.atomic
def premises_confirm_available(*, token: str) -> StillAvailableResult:
    """Keep a unit online from the signed link of its reminder e-mail. A
    forged, expired or already used link changes nothing."""
    try:
        data = signing.loads(
            token, salt=STILL_AVAILABLE_SALT, max_age=STILL_AVAILABLE_LINK_MAX_AGE
        )
    except signing.SignatureExpired:
        return StillAvailableResult(False, _("This link has expired."))
    except signing.BadSignature:
        return StillAvailableResult(False, _("This link is not valid."))
    unit = (
        PremisesPage.objects.select_for_update().filter(pk=data.get("p")).first()
        if isinstance(data, dict)
        else None
    )
    if unit is None:
        return StillAvailableResult(False, _("These premises no longer exist."))
    if not unit.live or unit.has_ended:
        return StillAvailableResult(
            False,
            _("These premises have left the listing. Please publish them again."),
            unit,
        )
    if unit.expire_at is None or unit.expire_at.isoformat() != data.get("e"):
        return StillAvailableResult(
            True, _("Thank you, these premises were already extended."), unit
        )
    listed_until = max(unit.listed_until, timezone.localdate()) + dt.timedelta(
        days=STILL_AVAILABLE_EXTENSION_DAYS
    )
    expire_at = expiry_for(listed_until)
    versions = list(
        PremisesPage.objects.filter(
            translation_key=unit.translation_key
        ).select_related("latest_revision")
    )
    PremisesPage.objects.filter(pk__in=[page.pk for page in versions]).update(
        listed_until=listed_until, expire_at=expire_at
    )
    for page in versions:
        # A draft published later must not bring the old date back.
        if page.latest_revision is not None:
            page.latest_revision.content["listed_until"] = listed_until.isoformat()
            page.latest_revision.content["expire_at"] = expire_at.isoformat()
            page.latest_revision.save(update_fields=["content"])
        log(
            instance=page,
            action="economy.still_available",
            data={"listed_until": listed_until.isoformat()},
        )
    unit.listed_until, unit.expire_at = listed_until, expire_at
    return StillAvailableResult(
        True,
        _("Thank you! The premises stay online until %(date)s.")
        % {"date": listed_until.strftime("%d.%m.%Y")},
        unit,
    )


@transaction.atomic
def premises_mark_let(*, premises: PremisesPage, user) -> None:
    """A firm marks its unit as let: it leaves the site in every language
    (its address answers 410) and counts as let in the network's figures."""
    now = timezone.now()
    versions = PremisesPage.objects.filter(translation_key=premises.translation_key)
    versions.update(let_at=now)
    for page in versions.filter(live=True).select_for_update():
        UnpublishPageAction(page, user=user, set_expired=True).execute(
            skip_permission_checks=True
        )
