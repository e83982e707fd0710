from django.conf import settings
from django.core.management.base import BaseCommand

from economy.services import enquiries_purge


class Command(BaseCommand):
    help = (
        "Delete settlement enquiries closed longer ago than "
        "ECONOMY_ENQUIRY_RETENTION_DAYS."
    )

    def handle(self, *args, **options):
        deleted = enquiries_purge()
        days = settings.ECONOMY_ENQUIRY_RETENTION_DAYS
        self.stdout.write(
            f"{deleted} enquiry row(s) closed over {days} days ago deleted."
        )
