"""What the idea board's services share: the error they raise, the board's
settings, per-person locking and the mail to moderators and supporters."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from portal.roles import MODERATORS

from ..mails import idea_mail_enqueue
from ..models import (
    Idea,
    IdeaSettings,
)

#: Open reports that hide an idea or comment until a moderator decides.
AUTO_HIDE_REPORTS = 3


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
        lambda: idea_mail_enqueue(kind=kind, idea=idea, recipient_ids=ids)
    )


def _moderator_ids() -> list[int]:
    group = Group.objects.filter(name=MODERATORS).first()
    if group is None:
        return []
    return list(group.user_set.filter(is_active=True).values_list("pk", flat=True))


def _supporter_ids(idea: Idea) -> list[int]:
    return list(idea.supports.values_list("user_id", flat=True))
