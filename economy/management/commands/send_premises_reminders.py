from django.core.management.base import BaseCommand

from economy.services import premises_reminders_send


class Command(BaseCommand):
    help = "E-mail firms about their premises that leave the listing within a week."

    def handle(self, *args, **options):
        sent = premises_reminders_send()
        self.stdout.write(f"{sent.mails} reminder mail(s) for {sent.premises} unit(s).")
