import importlib
import importlib.util
import time

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from portal.absolute import base_url
from portal.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, Demo
from portal.demo_bulk import SIZES, vacuum_analyze
from portal.indexing import indexes_deferred
from portal.page_cache import ALL, page_cache_purge

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
            "--size",
            choices=sorted(SIZES),
            help="After the normal demo, add a named amount of content in bulk "
            "(each app's demo_large module): 'large' is the city-sized "
            "database of the benchmark (4,000 firms, 10,000 vacancies, "
            "5,000 events, 20,000 ideas, 500,000 supports, 50,000 comments), "
            "'test' a few of each kind.",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Hide progress bars."
        )

    def handle(self, *args, scale, size, no_progress, **options):
        if not settings.PORTAL_DEMO_ALLOWED:
            raise CommandError(
                "seed_demo creates accounts with a public password and is "
                "disabled here (PORTAL_DEMO_ALLOWED is off)."
            )
        if not 1 <= scale <= MAX_SCALE:
            raise CommandError(f"--scale must be between 1 and {MAX_SCALE}.")

        started = time.monotonic()
        demo = Demo(
            scale=scale,
            stdout=self.stdout,
            progress=not no_progress,
            size=SIZES[size] if size else None,
        )
        # Pages are saved several times each while they are made; the search
        # and reference indexes are updated once per object at the end.
        with indexes_deferred():
            for app_config in apps.get_app_configs():
                module_name = f"{app_config.name}.demo"
                if importlib.util.find_spec(module_name) is None:
                    continue
                self.stdout.write(f"Seeding {app_config.verbose_name} …")
                importlib.import_module(module_name).seed(demo)
        if demo.size:
            self._seed_size(demo, demo.size)
        # Bulk writes send no signals: every cached page, frame and lookup
        # (portal/page_cache.py, portal/lookups.py) is renewed.
        page_cache_purge(ALL)

        self._summary(demo)
        minutes, seconds = divmod(time.monotonic() - started, 60)
        self.stdout.write(f"Seeding took {int(minutes)} min {seconds:.0f} s.")

    def _seed_size(self, demo: Demo, size) -> None:
        for app_config in apps.get_app_configs():
            module_name = f"{app_config.name}.demo_large"
            if importlib.util.find_spec(module_name) is None:
                continue
            self.stdout.write(f"Seeding {app_config.verbose_name} ({size.name}) …")
            begun = time.monotonic()
            with transaction.atomic():
                importlib.import_module(module_name).seed_large(demo, size)
            self.stdout.write(f"  {time.monotonic() - begun:.0f} s")
        vacuum_analyze()

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
