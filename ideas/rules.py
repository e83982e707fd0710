"""Who may do what to which idea, in one place. Views and templates ask
these functions; services ask them again before they write."""

from residents.rules import is_verified

from .choices import PLEDGEABLE_STATUSES, PUBLIC_STATUSES, SUPPORTABLE_STATUSES
from .models import Comment, Idea

MODERATE = "ideas.moderate_idea"
RESPOND = "ideas.respond_idea"


def can_moderate(user) -> bool:
    return user.is_authenticated and user.has_perm(MODERATE)


def can_respond(user) -> bool:
    return user.is_authenticated and user.has_perm(RESPOND)


def can_view_idea(user, idea: Idea) -> bool:
    if idea.status in PUBLIC_STATUSES and not idea.is_hidden:
        return True
    if can_moderate(user):
        return True
    # Authors see their own idea while it waits, and after a rejection.
    return user.is_authenticated and idea.author_id == user.pk and not idea.is_hidden


def can_submit(user) -> bool:
    return is_verified(user)


def can_support(user, idea: Idea) -> bool:
    return (
        is_verified(user)
        and idea.status in SUPPORTABLE_STATUSES
        and not idea.is_hidden
        and idea.author_id != user.pk
    )


def can_comment(user, idea: Idea) -> bool:
    return is_verified(user) and idea.status in PUBLIC_STATUSES and not idea.is_hidden


def can_report(user, idea: Idea, comment: Comment | None = None) -> bool:
    """Report a public idea, or one of its visible comments, once: never
    one's own. The idea's author may report other people's comments under
    the idea (only the idea itself is theirs)."""
    if not is_verified(user) or not can_view_idea(user, idea):
        return False
    if idea.status not in PUBLIC_STATUSES:
        return False
    if comment is not None:
        return (
            comment.idea_id == idea.pk
            and not comment.is_hidden
            and comment.author_id != user.pk
        )
    return idea.author_id != user.pk


def can_pledge(user, idea: Idea) -> bool:
    return (
        is_verified(user)
        and idea.status in PLEDGEABLE_STATUSES
        and not idea.is_hidden
        and idea.author_id != user.pk
    )


def can_see_pledgers(user, idea: Idea) -> bool:
    """The author and the editors see who offered help."""
    if not user.is_authenticated:
        return False
    return idea.author_id == user.pk or can_respond(user) or can_moderate(user)
