"""Run one of the portal's scheduled jobs under a database-wide lock, so that
timers started on several nodes at once run each job once:

    manage.py run_job publish      # Wagtail's publish_scheduled (every 5 min)
    manage.py run_job reminders    # vacancy reminders (daily)
    manage.py run_job premises     # premises "still available?" reminders (daily)
    manage.py run_job enquiries    # delete enquiries closed long enough ago (daily)
    manage.py run_job sessions     # clearsessions (daily)
    manage.py run_job tasks        # prune finished background tasks (daily)
    manage.py run_job course-offers     # waiting-list offers that expired (hourly)
    manage.py run_job course-reminders  # course reminders for tomorrow (daily)
    manage.py run_job course-retention  # old registrations anonymised (daily)

On PostgreSQL the lock is an advisory lock held for the job's duration; a
second start while it runs says so and exits 0. Each job is idempotent too
(reminders are recorded per end date), so a start after the first has
finished changes nothing. systemd timers: deploy/systemd/.
"""

import hashlib
from contextlib import contextmanager

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection

#: job name -> (command, its options)
JOBS = {
    "publish": ("publish_scheduled", {}),
    "reminders": ("send_vacancy_reminders", {}),
    "premises": ("send_premises_reminders", {}),
    "enquiries": ("purge_enquiries", {}),
    "sessions": ("clearsessions", {}),
    # Finished tasks older than a week; failed ones are kept for a month.
    "tasks": ("prune_db_task_results", {"min_age_days": 7, "failed_min_age_days": 30}),
    "course-offers": ("course_offers_expire", {}),
    "course-reminders": ("course_reminders", {}),
    "course-retention": ("course_retention", {}),
}


@contextmanager
def job_lock(name: str):
    """Yield whether this process holds the job's lock."""
    if connection.vendor != "postgresql":
        # SQLite serves one node (development); there is nobody to race.
        yield True
        return
    key = int.from_bytes(hashlib.sha256(f"portal-job:{name}".encode()).digest()[:8])
    key -= 1 << 63 if key >= 1 << 63 else 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        held = cursor.fetchone()[0]
    try:
        yield held
    finally:
        if held:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


class Command(BaseCommand):
    help = "Run a scheduled job once across every node (a database lock)."

    def add_arguments(self, parser):
        parser.add_argument("job", choices=sorted(JOBS))

    def handle(self, *args, job, **options):
        command, command_options = JOBS[job]
        queued = "django_tasks_db" in settings.TASKS["default"]["BACKEND"]
        if job == "tasks" and not queued:
            self.stdout.write("tasks: no task queue in the database; nothing to prune.")
            return
        with job_lock(job) as held:
            if not held:
                self.stdout.write(f"{job}: already running on another node; skipped.")
                return
            call_command(command, stdout=self.stdout, **command_options)
            self.stdout.write(f"{job}: done.")
