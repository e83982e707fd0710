"""Background work every app may use (django-tasks)."""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from .mail import MAIL_MAKERS, MAIL_QUEUE, MailContent, mail_context_restore
from .requestid import request_id_bound

logger = logging.getLogger(__name__)

#: Errors after which a mail is tried again: the server refused or could not
#: be reached (timeouts are OSErrors).
RETRIED_ERRORS = (smtplib.SMTPException, OSError)


def mail_retry_delays() -> list[int]:
    """Seconds before each further attempt (settings `MAIL_RETRY_DELAYS`);
    after the last one the mail is logged as failed."""
    return list(getattr(settings, "MAIL_RETRY_DELAYS", [60, 300, 1800, 7200]))


@task(queue_name=MAIL_QUEUE)
def send_template_mail(
    *,
    renderer: str,
    templates: dict[str, str],
    to: list[str],
    context: dict,
    language: str,
    from_email: str = "",
    maker: str = "",
    reply_to: str = "",
    request_id: str = "",
    attempt: int = 0,
) -> str:
    """Render a mail in `language` and send it (portal.mail.mail_enqueue).
    On an SMTP error it enqueues itself again after the next delay of
    `MAIL_RETRY_DELAYS`, and once they are used up logs the mail as failed
    and fails. Returns "sent", "retry", or "dropped" when its maker finds
    the mail no longer due."""
    with request_id_bound(request_id), translation.override(language):
        content = MailContent(mail_context_restore(context))
        if maker:
            content = MAIL_MAKERS[maker](content.context)
            if content is None:
                return "dropped"
        message = _render(
            renderer=renderer,
            templates=templates,
            to=to,
            content=content,
            from_email=from_email,
        )
        if reply_to:
            message.reply_to = [reply_to]
        try:
            message.send()
        except RETRIED_ERRORS as error:
            delays = mail_retry_delays()
            if attempt >= len(delays):
                logger.error(
                    "Mail %s failed for good after %d attempts: %r",
                    templates,
                    attempt + 1,
                    error,
                )
                raise
            retry = send_template_mail
            if retry.get_backend().supports_defer:
                run_after = timezone.now() + timedelta(seconds=delays[attempt])
                retry = retry.using(run_after=run_after)
            retry.enqueue(
                renderer=renderer,
                templates=templates,
                to=to,
                context=context,
                language=language,
                from_email=from_email,
                maker=maker,
                reply_to=reply_to,
                request_id=request_id,
                attempt=attempt + 1,
            )
            logger.warning(
                "Mail %s not sent (attempt %d, %r); again in %d s",
                templates,
                attempt + 1,
                error,
                delays[attempt],
            )
            return "retry"
    return "sent"


def _render(
    *,
    renderer: str,
    templates: dict,
    to: list[str],
    content: MailContent,
    from_email: str,
):
    context = content.context
    if renderer == "allauth":
        from allauth.account.adapter import get_adapter  # noqa: PLC0415 - app registry

        return get_adapter().render_mail(templates["prefix"], to, context)
    subject = content.subject or render_to_string(templates["subject"], context)
    message = EmailMultiAlternatives(
        # One line: a header never breaks (wording or a title may).
        subject=" ".join(str(subject).split()),
        body=render_to_string(templates["body"], context),
        from_email=from_email or settings.DEFAULT_FROM_EMAIL,
        to=to,
    )
    if templates.get("html"):
        message.attach_alternative(
            render_to_string(templates["html"], context), "text/html"
        )
    for filename, data, mimetype in content.attachments:
        message.attach(filename, data, mimetype)
    return message
