"""Comments, reports and hiding: what moderators decide on."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from residents.rules import is_staff_member

from .. import rules
from ..choices import (
    EventKind,
    ReportReason,
)
from ..models import (
    Comment,
    Idea,
    IdeaEvent,
    Report,
)
from .base import (
    AUTO_HIDE_REPORTS,
    IdeaError,
    _lock_user,
    _mail,
    _moderator_ids,
    _today_start,
    idea_settings,
)

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
