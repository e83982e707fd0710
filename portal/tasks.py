"""Background work every app may use (django-tasks)."""

from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
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
    """Send a mail that a request has rendered already (account mails of
    allauth, the admin's password reset). Out of the request, so that the
    answer takes as long whether the address has an account or not, and a
    slow mail server does not hold the request up. `attachments` are
    (filename, text content, mimetype), e.g. an `.ics` file."""
    message = EmailMultiAlternatives(
        subject=subject, body=body, from_email=from_email, to=to, headers=headers
    )
    if html:
        message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments or ():
        message.attach(filename, content, mimetype)
    message.send()
