from django.core.management.base import BaseCommand

from courses.services import reminders_send


class Command(BaseCommand):
    help = "Mail everyone with a course place tomorrow (once per registration)."

    def handle(self, *args, **options):
        self.stdout.write(f"{reminders_send()} course reminders queued.")
