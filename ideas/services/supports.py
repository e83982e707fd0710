"""Supports and offers of help (pledges) from verified residents."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .. import rules
from ..models import (
    Idea,
    Pledge,
    Support,
)
from .base import (
    IdeaError,
)

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
