"""The idea board's mails as the worker makes them (`portal.mail`): a service
queues the kind, the idea and the recipient; the idea's latest event, its
link and the greeting are read here, at sending, in the idea's language.
Templates: ideas/email/<kind>_subject.txt and ideas/email/<kind>_body.txt."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model

from portal.mail import MailContent, mail_enqueue, mail_maker

from .models import Idea
from .selectors import idea_absolute_url, recipient_addresses

#: Mail kinds and who they go to.
MAIL_KINDS = (
    "submitted",  # to the author: we received your idea
    "to_moderate",  # to moderators: a new idea waits
    "published",
    "rejected",  # to the author only, with the reason
    "status",  # in review / planned / implemented / declined
    "response",  # official response
    "reported",  # to moderators: content hidden after reports
)


def idea_mail_enqueue(*, kind: str, idea: Idea, recipient_ids: Iterable[int]) -> int:
    """Queue one mail of `kind` about `idea` to each active recipient, in
    the idea's language; returns how many were queued (recipients without an
    address are skipped)."""
    if kind not in MAIL_KINDS:
        raise ValueError(f"Unknown mail kind {kind!r}")
    users = get_user_model().objects.filter(pk__in=set(recipient_ids), is_active=True)
    addresses = recipient_addresses(users.order_by("pk"))
    for user, address in addresses:
        mail_enqueue(
            renderer="django",
            templates={
                "subject": f"ideas/email/{kind}_subject.txt",
                "body": f"ideas/email/{kind}_body.txt",
            },
            to=[address],
            context={"idea": idea, "user": user},
            language=idea.language or settings.LANGUAGE_CODE,
            maker="ideas.idea",
        )
    return len(addresses)


@mail_maker("ideas.idea")
def idea_mail(context: dict) -> MailContent | None:
    idea, user = context["idea"], context["user"]
    # Deleted since, or the account closed: the mail is no longer due.
    if idea is None or user is None or not user.is_active:
        return None
    return MailContent(
        context={
            **context,
            "event": idea.events.order_by("-created_at", "-pk").first(),
            "idea_url": idea_absolute_url(idea),
            "site_name": settings.WAGTAIL_SITE_NAME,
            "is_author": user.pk == idea.author_id,
        }
    )
