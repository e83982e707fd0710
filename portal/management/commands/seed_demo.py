import importlib
import importlib.util

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.absolute import base_url
from portal.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, Demo

MAX_SCALE = 100


class Command(BaseCommand):
    help = (
        "Fill the database with fictional demo content for the quarters and "
        "create the demo accounts. Safe to run again: nothing is duplicated."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help="Multiply the generated content (for load tests). Default 1.",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Hide progress bars."
        )

    def handle(self, *args, scale, no_progress, **options):
        if not settings.PORTAL_DEMO_ALLOWED:
            raise CommandError(
                "seed_demo creates accounts with a public password and is "
                "disabled here (PORTAL_DEMO_ALLOWED is off)."
            )
        if not 1 <= scale <= MAX_SCALE:
            raise CommandError(f"--scale must be between 1 and {MAX_SCALE}.")

        demo = Demo(scale=scale, stdout=self.stdout, progress=not no_progress)
        for app_config in apps.get_app_configs():
            module_name = f"{app_config.name}.demo"
            if importlib.util.find_spec(module_name) is None:
                continue
            self.stdout.write(f"Seeding {app_config.verbose_name} …")
            importlib.import_module(module_name).seed(demo)

        self._summary(demo)

    def _summary(self, demo: Demo) -> None:
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Demo content ready."))
        width = max((len(kind) for kind in demo.created | demo.existing), default=4)
        for kind in sorted(set(demo.created) | set(demo.existing)):
            self.stdout.write(
                f"  {kind:<{width}}  {demo.created[kind]:>5} created"
                f"  {demo.existing[kind]:>5} already there"
            )
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password “{DEMO_PASSWORD}”):")
        for username, role, superuser, *_ in DEMO_ACCOUNTS:
            what = "superuser" if superuser else (role or "resident")
            self.stdout.write(f"  {username:<10} {what}")
        base = base_url()
        self.stdout.write(f"Site: {base}/  Admin: {base}/admin/")
