"""Background work of the directory (django-tasks; immediate in dev and tests)."""

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task


@task(queue_name="mail")  # its own worker (portal.mail.MAIL_QUEUE)
def send_mail_task(*, subject: str, body: str, to: list[str]) -> int:
    """Send one plain-text e-mail to `to`."""
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)
