from django.conf import settings
from django.core.management.base import BaseCommand

from courses.services import registrations_erase_after


class Command(BaseCommand):
    help = (
        "Delete the personal data of course registrations COURSES_RETENTION_DAYS "
        "after the course ended (the counts stay)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None)

    def handle(self, *args, days=None, **options):
        days = settings.COURSES_RETENTION_DAYS if days is None else days
        erased = registrations_erase_after(days=days)
        self.stdout.write(
            f"{erased} registrations anonymised (older than {days} days)."
        )
