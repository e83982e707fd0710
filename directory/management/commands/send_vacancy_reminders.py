"""Remind firms that a vacancy ends soon; run daily from cron, e.g.

    15 7 * * *  cd /srv/portal && .venv/bin/python manage.py send_vacancy_reminders

and, in the same crontab, Wagtail's `publish_scheduled` (every few minutes) so
ended vacancies leave the site. See docs/firm-access.md.
"""

from django.core.management.base import BaseCommand

from directory.selectors.vacancies import REMINDER_DAYS_BEFORE
from directory.services import vacancy_reminders_send


class Command(BaseCommand):
    help = (
        f"E-mail firms whose vacancies end within {REMINDER_DAYS_BEFORE} days, "
        "with a one-click “still open” link: one mail per firm and run, a vacancy "
        "and its translations counted once. Sends once per end date."
    )

    def handle(self, *args, **options):
        sent = vacancy_reminders_send()
        self.stdout.write(
            f"Sent {sent.mails} reminder mail(s) about {sent.vacancies} vacancy(ies)."
        )
