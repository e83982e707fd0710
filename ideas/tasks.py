"""E-mails of the idea board, sent through django-tasks so a queue backend
can take them out of the request without code changes."""

import logging

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from .models import Idea
from .selectors import idea_absolute_url

logger = logging.getLogger(__name__)

#: Mail kinds and who they go to; the templates are
#: ideas/email/<kind>_subject.txt and ideas/email/<kind>_body.txt.
MAIL_KINDS = (
    "submitted",  # to the author: we received your idea
    "to_moderate",  # to moderators: a new idea waits
    "published",
    "rejected",  # to the author only, with the reason
    "status",  # in review / planned / implemented / declined
    "response",  # official response
    "reported",  # to moderators: content hidden after reports
)


def recipient_address(user) -> str:
    """The user's verified primary address, else the account's address."""
    primary = (
        EmailAddress.objects.filter(user=user, verified=True)
        .order_by("-primary")
        .values_list("email", flat=True)
        .first()
    )
    return primary or user.email


@task(queue_name="mail")  # its own worker (portal.mail.MAIL_QUEUE)
def send_idea_mail(*, kind: str, idea_id: int, recipient_ids: list[int]) -> int:
    """Send one idea mail of `kind` to each recipient in the idea's language.
    Returns how many were sent; recipients without an address are skipped."""
    if kind not in MAIL_KINDS:
        raise ValueError(f"Unknown mail kind {kind!r}")
    idea = Idea.objects.select_related("category", "quarter").filter(pk=idea_id).first()
    if idea is None:
        return 0
    last_event = idea.events.order_by("-created_at", "-pk").first()
    sent = 0
    users = get_user_model().objects.filter(pk__in=recipient_ids, is_active=True)
    for user in users:
        address = recipient_address(user)
        if not address:
            continue
        language = idea.language or settings.LANGUAGE_CODE
        with translation.override(language):
            context = {
                "idea": idea,
                "user": user,
                "event": last_event,
                "idea_url": idea_absolute_url(idea),
                "site_name": settings.WAGTAIL_SITE_NAME,
                "is_author": user.pk == idea.author_id,
            }
            subject = render_to_string(f"ideas/email/{kind}_subject.txt", context)
            body = render_to_string(f"ideas/email/{kind}_body.txt", context)
        message = EmailMessage(
            subject=" ".join(subject.split()),
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[address],
        )
        message.send()
        sent += 1
    return sent
