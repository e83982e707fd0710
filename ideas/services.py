"""Writes of the idea board: every business rule lives here. Each service
checks the rules again (a forged POST gets the same answer as the form) and
raises IdeaError with a message for the person when it refuses."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Collection, Site

from portal.roles import MODERATORS
from residents.rules import is_staff_member

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
    Pledge,
    Report,
    Support,
)
from .tasks import send_idea_mail

#: Open reports that hide an idea or comment until a moderator decides.
AUTO_HIDE_REPORTS = 3
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
            is_official=is_staff_member(author),
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
