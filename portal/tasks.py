"""Background work every app may use (django-tasks)."""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from .mail import MAIL_QUEUE, mail_context_restore
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
    request_id: str = "",
    attempt: int = 0,
) -> str:
    """Render a mail in `language` and send it (portal.mail.mail_enqueue).
    On an SMTP error it enqueues itself again after the next delay of
    `MAIL_RETRY_DELAYS`, and once they are used up logs the mail as failed
    and fails. Returns "sent" or "retry"."""
    with request_id_bound(request_id), translation.override(language):
        message = _render(
            renderer=renderer,
            templates=templates,
            to=to,
            context=mail_context_restore(context),
            from_email=from_email,
        )
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
    *, renderer: str, templates: dict, to: list[str], context: dict, from_email: str
):
    if renderer == "allauth":
        from allauth.account.adapter import get_adapter

        return get_adapter().render_mail(templates["prefix"], to, context)
    subject = "".join(render_to_string(templates["subject"], context).splitlines())
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(templates["body"], context),
        from_email=from_email or settings.DEFAULT_FROM_EMAIL,
        to=to,
    )
    if templates.get("html"):
        message.attach_alternative(
            render_to_string(templates["html"], context), "text/html"
        )
    return message


@task(queue_name=MAIL_QUEUE)
def send_rendered_mail(
    *,
    subject: str,
    body: str,
    from_email: str,
    to: list[str],
    html: str = "",
    headers: dict[str, str] | None = None,
    attachments: list[tuple[str, str, str]] | None = None,
) -> None:
    """Mails rendered in the request, as queued before send_template_mail;
    kept one release so that those still in the queue at the update go out.
    `attachments` are (filename, text content, mimetype), e.g. an `.ics`."""
    message = EmailMultiAlternatives(
        subject=subject, body=body, from_email=from_email, to=to, headers=headers
    )
    if html:
        message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments or ():
        message.attach(filename, content, mimetype)
    message.send()
