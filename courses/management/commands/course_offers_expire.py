from django.core.management.base import BaseCommand

from courses.services import offers_expire


class Command(BaseCommand):
    help = "Pass waiting-list offers not accepted in time to the next person."

    def handle(self, *args, **options):
        self.stdout.write(f"{offers_expire()} offers expired.")
