"""Writes of the idea board: every business rule lives here. Each service
checks the rules again (a forged POST gets the same answer as the form) and
raises IdeaError with a message for the person when it refuses."""

import base64
import secrets
from datetime import timedelta

from allauth.account.utils import user_pk_to_url_str
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Collection, Site

from portal.roles import MODERATORS

from . import rules
from .choices import (
    NOTE_REQUIRED,
    PUBLIC_STATUSES,
    TRANSITIONS,
    EventKind,
    IdeaStatus,
    ReportReason,
)
from .models import (
    Category,
    Comment,
    Idea,
    IdeaEvent,
    IdeaSettings,
    ParticipationCode,
    ParticipationCodeBatch,
    Pledge,
    Report,
    Support,
)
from .tasks import send_idea_mail

#: Open reports that hide an idea or comment until a moderator decides.
AUTO_HIDE_REPORTS = 3
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
PHOTO_COLLECTION = "Ideen – Fotos von Bewohnerinnen und Bewohnern"


class IdeaError(Exception):
    """A rule refused the action; str(error) is shown to the person."""


def idea_settings() -> IdeaSettings:
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return IdeaSettings()
    return IdeaSettings.for_site(site)


def _today_start():
    now = timezone.localtime()
    return now.replace(hour=0, minute=0, second=0, microsecond=0)


def _lock_user(user) -> None:
    """Serialise one person's writes so daily limits hold under concurrency
    (PostgreSQL; SQLite serialises writes anyway)."""
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()


def _mail(kind: str, idea: Idea, recipient_ids) -> None:
    ids = sorted({pk for pk in recipient_ids if pk})
    if not ids:
        return
    transaction.on_commit(
        lambda: send_idea_mail.enqueue(kind=kind, idea_id=idea.pk, recipient_ids=ids)
    )


def _moderator_ids() -> list[int]:
    group = Group.objects.filter(name=MODERATORS).first()
    if group is None:
        return []
    return list(group.user_set.filter(is_active=True).values_list("pk", flat=True))


def _supporter_ids(idea: Idea) -> list[int]:
    return list(idea.supports.values_list("user_id", flat=True))


def _photo_collection() -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=PHOTO_COLLECTION).first()
    if existing is not None:
        return existing
    return root.add_child(name=PHOTO_COLLECTION)


def idea_photo_store(*, content: bytes, title: str, user) -> "object":
    """Store an already cleaned JPEG as a Wagtail image in the collection for
    residents' photos (kept apart from the editors' library)."""
    from wagtail.images import get_image_model

    Image = get_image_model()
    image = Image(
        title=title[:255],
        file=ContentFile(content, name="idea-photo.jpg"),
        collection=_photo_collection(),
        uploaded_by_user=user,
        credit=_("Resident of the quarter"),
    )
    image.save()
    return image


# Ideas ------------------------------------------------------------------------


def idea_submit(
    *,
    author,
    title: str,
    description: str,
    category: Category,
    quarter,
    latitude=None,
    longitude=None,
    photo: bytes | None = None,
    photo_description: str = "",
    author_can_help: bool = False,
    language: str = "de",
) -> Idea:
    """Save a resident's idea for moderation and tell the author and the
    moderators."""
    if not rules.can_submit(author):
        raise IdeaError(_("Please confirm your e-mail address before you take part."))
    limit = idea_settings().ideas_per_day
    with transaction.atomic():
        _lock_user(author)
        today = Idea.objects.filter(author=author, created_at__gte=_today_start())
        if today.count() >= limit:
            raise IdeaError(
                _("You have reached today's limit of %(limit)d ideas.")
                % {"limit": limit}
            )
        image = None
        if photo:
            image = idea_photo_store(content=photo, title=title, user=author)
        idea = Idea.objects.create(
            title=title,
            description=description,
            category=category,
            quarter=quarter,
            latitude=latitude,
            longitude=longitude,
            photo=image,
            photo_description=photo_description if image else "",
            author=author,
            author_can_help=author_can_help,
            language=language,
        )
        idea.reference = f"I-{idea.created_at.year}-{idea.pk:04d}"
        idea.save(update_fields=["reference"])
        IdeaEvent.objects.create(
            idea=idea,
            kind=EventKind.STATUS,
            actor=author,
            to_status=IdeaStatus.SUBMITTED,
        )
        _mail("submitted", idea, [author.pk])
        _mail("to_moderate", idea, _moderator_ids())
    return idea


def idea_transition(
    *,
    idea: Idea,
    actor,
    to_status: str,
    public_note: str = "",
    internal_note: str = "",
    completion_photo=None,
) -> Idea:
    """Move an idea one step in its lifecycle, log it and tell the author
    (and, once public, the supporters)."""
    if not rules.can_moderate(actor):
        raise IdeaError(_("You may not moderate ideas."))
    public_note = public_note.strip()
    with transaction.atomic():
        idea = Idea.objects.select_for_update().get(pk=idea.pk)
        from_status = idea.status
        if to_status not in TRANSITIONS.get(from_status, ()):
            raise IdeaError(
                _("An idea that is “%(from)s” cannot become “%(to)s”.")
                % {
                    "from": IdeaStatus(from_status).label,
                    "to": IdeaStatus(to_status).label
                    if to_status in IdeaStatus.values
                    else to_status,
                }
            )
        if to_status in NOTE_REQUIRED and not public_note:
            raise IdeaError(_("Please give a reason or note for this step."))
        now = timezone.now()
        idea.status = to_status
        if to_status == IdeaStatus.PUBLISHED and idea.published_at is None:
            idea.published_at = now
            weeks = idea_settings().response_due_weeks
            idea.response_due_at = timezone.localdate(now) + timedelta(weeks=weeks)
        if to_status == IdeaStatus.IMPLEMENTED:
            idea.completion_note = public_note
            if completion_photo is not None:
                idea.completion_photo = completion_photo
        idea.save()
        IdeaEvent.objects.create(
            idea=idea,
            kind=EventKind.STATUS,
            actor=actor,
            from_status=from_status,
            to_status=to_status,
            public_note=public_note,
            internal_note=internal_note.strip(),
            # A rejection reason is for the author only.
            is_public=to_status != IdeaStatus.REJECTED,
        )
        if to_status == IdeaStatus.REJECTED:
            _mail("rejected", idea, [idea.author_id])
        elif to_status == IdeaStatus.PUBLISHED and from_status == IdeaStatus.SUBMITTED:
            _mail("published", idea, [idea.author_id])
        else:
            _mail("status", idea, [idea.author_id, *_supporter_ids(idea)])
    return idea


def ideas_bulk_transition(
    *, ideas, actor, to_status: str, public_note: str = ""
) -> tuple[int, list[str]]:
    """Apply one transition to many ideas; returns (done, refused messages)."""
    done, refused = 0, []
    for idea in ideas:
        try:
            idea_transition(
                idea=idea, actor=actor, to_status=to_status, public_note=public_note
            )
        except IdeaError as error:
            refused.append(f"{idea}: {error}")
        else:
            done += 1
    return done, refused


def idea_respond(*, idea: Idea, actor, text: str) -> Idea:
    """Give or update the official response; the first one stops the clock
    of the response due date."""
    if not rules.can_respond(actor):
        raise IdeaError(_("Only editors may give official responses."))
    text = text.strip()
    if not text:
        raise IdeaError(_("The response must not be empty."))
    with transaction.atomic():
        idea = Idea.objects.select_for_update().get(pk=idea.pk)
        if idea.status not in PUBLIC_STATUSES:
            raise IdeaError(_("Only published ideas get an official response."))
        idea.response = text
        idea.response_by = actor
        if idea.responded_at is None:
            idea.responded_at = timezone.now()
        idea.save()
        IdeaEvent.objects.create(
            idea=idea, kind=EventKind.RESPONSE, actor=actor, public_note=text
        )
        _mail("response", idea, [idea.author_id, *_supporter_ids(idea)])
    return idea


# Supports --------------------------------------------------------------------


def _support_refusal(user, idea: Idea) -> str:
    if not rules.is_verified(user):
        return _("Please confirm your e-mail address before you take part.")
    if idea.author_id == user.pk:
        return _("You cannot support your own idea.")
    return _("This idea cannot be supported (any more).")


def idea_support(*, idea: Idea, user) -> bool:
    """Support `idea` once. Returns False when the person already supported
    it, also when a concurrent request got there first."""
    idea = Idea.objects.get(pk=idea.pk)  # the current status, not a stale copy
    if not rules.can_support(user, idea):
        raise IdeaError(_support_refusal(user, idea))
    try:
        with transaction.atomic():
            Support.objects.create(idea=idea, user=user)
    except IntegrityError:
        # The unique constraint caught a second support (double click, race).
        return False
    return True


def idea_unsupport(*, idea: Idea, user) -> bool:
    """Withdraw a support while the idea is open for supports."""
    idea = Idea.objects.get(pk=idea.pk)
    if not rules.can_support(user, idea):
        raise IdeaError(_support_refusal(user, idea))
    deleted, _rows = Support.objects.filter(idea=idea, user=user).delete()
    return deleted > 0


# Comments, reports, hiding ---------------------------------------------------


def comment_create(
    *, idea: Idea, author, text: str, parent: Comment | None = None
) -> Comment:
    """A comment or a reply (replies to replies attach to the thread)."""
    idea = Idea.objects.get(pk=idea.pk)
    if not rules.can_comment(author, idea):
        if not rules.is_verified(author):
            raise IdeaError(
                _("Please confirm your e-mail address before you take part.")
            )
        raise IdeaError(_("This idea cannot be commented on."))
    text = text.strip()
    if not text:
        raise IdeaError(_("The comment must not be empty."))
    if parent is not None:
        if parent.idea_id != idea.pk or parent.is_hidden:
            raise IdeaError(_("You cannot reply to this comment."))
        if parent.parent_id is not None:
            parent = parent.parent
    limit = idea_settings().comments_per_day
    with transaction.atomic():
        _lock_user(author)
        written = Comment.objects.filter(
            author=author, created_at__gte=_today_start()
        ).count()
        if written >= limit:
            raise IdeaError(
                _("You have reached today's limit of %(limit)d comments.")
                % {"limit": limit}
            )
        return Comment.objects.create(
            idea=idea,
            parent=parent,
            author=author,
            text=text,
            is_official=rules.is_staff_member(author),
        )


AUTO_HIDE_REASON = gettext_lazy("Hidden automatically after several reports.")


def report_create(
    *,
    user,
    idea: Idea,
    reason: str,
    comment: Comment | None = None,
    note: str = "",
) -> Report:
    """Report an idea or comment once; hide it after AUTO_HIDE_REPORTS open
    reports and tell the moderators."""
    idea = Idea.objects.get(pk=idea.pk)
    if comment is not None and comment.idea_id != idea.pk:
        raise IdeaError(_("This comment does not belong to the idea."))
    if not rules.can_report(user, idea, comment):
        raise IdeaError(_("You cannot report this."))
    if reason not in ReportReason.values:
        raise IdeaError(_("Please choose a reason."))
    limit = idea_settings().reports_per_day
    with transaction.atomic():
        _lock_user(user)
        made = Report.objects.filter(reporter=user, created_at__gte=_today_start())
        if made.count() >= limit:
            raise IdeaError(
                _("You have reached today's limit of %(limit)d reports.")
                % {"limit": limit}
            )
        try:
            with transaction.atomic():
                report = Report.objects.create(
                    reporter=user,
                    idea=idea,
                    comment=comment,
                    reason=reason,
                    note=note.strip()[:500],
                )
        except IntegrityError:
            raise IdeaError(_("You have already reported this.")) from None
        target = comment if comment is not None else idea
        open_reports = Report.objects.filter(
            idea=idea, comment=comment, resolved_at__isnull=True
        ).count()
        if open_reports >= AUTO_HIDE_REPORTS and not target.is_hidden:
            target.is_hidden = True
            target.hidden_reason = str(AUTO_HIDE_REASON)
            target.save(update_fields=["is_hidden", "hidden_reason"])
            if comment is None:
                IdeaEvent.objects.create(
                    idea=idea,
                    kind=EventKind.HIDDEN,
                    public_note=str(AUTO_HIDE_REASON),
                    is_public=False,
                )
            _mail("reported", idea, _moderator_ids())
    return report


def content_set_hidden(
    *,
    actor,
    hidden: bool,
    reason: str,
    idea: Idea | None = None,
    comment: Comment | None = None,
) -> None:
    """A moderator hides or restores an idea or comment with a reason; the
    open reports on it count as decided."""
    if not rules.can_moderate(actor):
        raise IdeaError(_("You may not moderate ideas."))
    reason = reason.strip()
    if not reason:
        raise IdeaError(_("Please give a reason."))
    target = comment if comment is not None else idea
    if target is None:
        raise IdeaError(_("Nothing to moderate."))
    now = timezone.now()
    with transaction.atomic():
        target.is_hidden = hidden
        target.hidden_reason = reason[:300]
        target.moderated_at = now
        target.save(update_fields=["is_hidden", "hidden_reason", "moderated_at"])
        if comment is not None:
            Report.objects.filter(comment=comment, resolved_at__isnull=True).update(
                resolved_at=now
            )
        else:
            Report.objects.filter(
                idea=idea, comment__isnull=True, resolved_at__isnull=True
            ).update(resolved_at=now)
            IdeaEvent.objects.create(
                idea=idea,
                kind=EventKind.HIDDEN if hidden else EventKind.RESTORED,
                actor=actor,
                internal_note=reason,
                is_public=False,
            )


def comments_set_hidden(*, actor, comments, hidden: bool, reason: str) -> int:
    """Hide or restore several comments with one reason (the bulk action of
    the admin's comment list); returns how many changed."""
    changed = 0
    with transaction.atomic():
        for comment in comments:
            if comment.is_hidden == hidden:
                continue
            content_set_hidden(
                actor=actor, hidden=hidden, reason=reason, comment=comment
            )
            changed += 1
    return changed


# Pledges ----------------------------------------------------------------------


def pledge_create(*, idea: Idea, user, message: str, share_email: bool) -> Pledge:
    """Offer help with an idea (once per person; a second offer updates it)."""
    idea = Idea.objects.get(pk=idea.pk)
    if not rules.can_pledge(user, idea):
        if not rules.is_verified(user):
            raise IdeaError(
                _("Please confirm your e-mail address before you take part.")
            )
        raise IdeaError(_("You cannot offer help for this idea."))
    message = message.strip()
    if not message:
        raise IdeaError(_("Please say briefly how you can help."))
    pledge, _created = Pledge.objects.update_or_create(
        idea=idea,
        user=user,
        defaults={"message": message[:300], "share_email": share_email},
    )
    return pledge


def pledge_withdraw(*, idea: Idea, user) -> bool:
    deleted, _rows = Pledge.objects.filter(idea=idea, user=user).delete()
    return deleted > 0


# Accounts --------------------------------------------------------------------


def account_delete(*, user) -> None:
    """Delete a resident's account. Ideas and comments stay and show "former
    member"; supports, offers of help, reports and addresses go."""
    if rules.is_staff_member(user):
        raise IdeaError(_("Staff accounts are deleted by an administrator, not here."))
    user_id = user.pk
    # allauth's pending login names the user in base 36 ("g" for 16).
    pending_pk = user_pk_to_url_str(user)
    with transaction.atomic():
        # Explicit, so the rule does not hang on on_delete settings alone.
        Support.objects.filter(user=user).delete()
        Pledge.objects.filter(user=user).delete()
        Report.objects.filter(reporter=user).delete()
        user.delete()
        _sessions_delete(user_id=user_id, pending_pk=pending_pk)


def _sessions_delete(*, user_id: int, pending_pk: str) -> int:
    """Delete every stored session of the user (other browsers, other
    devices, a login by code half done), which would otherwise keep the user
    id, and allauth's pending login with the address, for up to
    SESSION_COOKIE_AGE. Sessions are signed blobs with no user column, so
    each one is decoded; deleting an account is rare. Returns how many went."""
    from importlib import import_module

    from allauth.account.internal.stagekit import LOGIN_SESSION_KEY
    from django.conf import settings
    from django.contrib.auth import SESSION_KEY
    from django.contrib.sessions.models import Session

    store = import_module(settings.SESSION_ENGINE).SessionStore
    wanted = str(user_id)

    def belongs(data: dict) -> bool:
        pending = data.get(LOGIN_SESSION_KEY)
        pending_user = pending.get("user_pk") if isinstance(pending, dict) else None
        return str(data.get(SESSION_KEY, "")) == wanted or pending_user == pending_pk

    keys = [
        session.session_key
        for session in Session.objects.iterator(chunk_size=500)
        if belongs(session.get_decoded())
    ]
    for key in keys:
        # Through the engine, so a cached_db engine's cache copy goes too.
        store(session_key=key).delete()
    return len(keys)


def account_export(*, user) -> dict:
    """Everything the portal stores about a person, for the data download."""
    from allauth.account.models import EmailAddress

    def when(value):
        return value.isoformat() if value else None

    return {
        "account": {
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
        },
        "ideas": [
            {
                "reference": idea.reference,
                "title": idea.title,
                "description": idea.description,
                "status": idea.status,
                "quarter": idea.quarter.name,
                "category": idea.category.name,
                "latitude": str(idea.latitude) if idea.latitude is not None else None,
                "longitude": str(idea.longitude)
                if idea.longitude is not None
                else None,
                "author_can_help": idea.author_can_help,
                "photo": _photo_export(idea),
                "submitted": when(idea.created_at),
            }
            for idea in user.ideas.select_related("quarter", "category", "photo")
        ],
        "comments": [
            {
                "idea": comment.idea.reference,
                "text": comment.text,
                "written": when(comment.created_at),
            }
            for comment in user.idea_comments.select_related("idea")
        ],
        "supports": [
            {"idea": support.idea.reference, "given": when(support.created_at)}
            for support in user.idea_supports.select_related("idea")
        ],
        "offers_of_help": [
            {
                "idea": pledge.idea.reference,
                "message": pledge.message,
                "share_email": pledge.share_email,
                "given": when(pledge.created_at),
            }
            for pledge in user.idea_pledges.select_related("idea")
        ],
        "reports": [
            {
                "idea": report.idea.reference,
                "comment": report.comment_id,
                "reason": report.reason,
                "note": report.note,
                "made": when(report.created_at),
            }
            for report in user.idea_reports.select_related("idea")
        ],
    }


def _photo_export(idea: Idea) -> dict | None:
    """The idea's photo as the person uploaded it (as stored, without
    metadata) and its description, inline: a file URL might not be readable
    by its author while the idea waits for moderation."""
    photo = idea.photo
    if photo is None:
        return None
    with photo.open_file() as handle:
        content = handle.read()
    return {
        "description": idea.photo_description,
        "file_name": photo.filename,
        "width": photo.width,
        "height": photo.height,
        "content_base64": base64.b64encode(content).decode("ascii"),
    }


# Participation codes ---------------------------------------------------------


def _new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _i in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def code_normalise(code: str) -> str:
    raw = "".join(ch for ch in code.upper() if ch.isalnum())
    if len(raw) != 12:
        return ""
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def participation_codes_create(
    *, label: str, count: int, actor
) -> ParticipationCodeBatch:
    """A sheet of `count` fresh one-time codes."""
    if not rules.can_moderate(actor):
        raise IdeaError(_("You may not create participation codes."))
    if not 1 <= count <= 500:
        raise IdeaError(_("A sheet holds between 1 and 500 codes."))
    with transaction.atomic():
        batch = ParticipationCodeBatch.objects.create(label=label, created_by=actor)
        codes: set[str] = set()
        while len(codes) < count:
            codes.add(_new_code())
        taken = set(
            ParticipationCode.objects.filter(code__in=codes).values_list(
                "code", flat=True
            )
        )
        ParticipationCode.objects.bulk_create(
            ParticipationCode(batch=batch, code=code) for code in sorted(codes - taken)
        )
    return batch


def participation_code_redeem(
    *, code: str, username: str, display_name: str, password: str
):
    """Create a verified resident account from an unused code. The code is
    claimed with a conditional UPDATE, so it works exactly once."""
    User = get_user_model()
    normalised = code_normalise(code)
    with transaction.atomic():
        claimed = ParticipationCode.objects.filter(
            code=normalised, used_at__isnull=True
        ).update(used_at=timezone.now())
        if claimed != 1:
            raise IdeaError(_("This code is not valid or has already been used."))
        if User.objects.filter(username__iexact=username).exists():
            raise IdeaError(_("This user name is taken. Please choose another."))
        user = User(username=username, display_name=display_name)
        user.set_password(password)
        try:
            # Two redemptions with the same new name at once both pass the
            # check above; the unique index lets one in, the other gets the
            # same answer as a name already taken (and its code stays unused).
            with transaction.atomic():
                user.save()
        except IntegrityError:
            raise IdeaError(
                _("This user name is taken. Please choose another.")
            ) from None
        ParticipationCode.objects.filter(code=normalised).update(used_by=user)
    return user
