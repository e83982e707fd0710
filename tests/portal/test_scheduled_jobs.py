"""Every scheduled job of `run_job` has its systemd timer in deploy/systemd,
which starts it through the one job unit: a job added in code without a timer
would never run in production (the premises reminders and the enquiry purge
had none)."""

import configparser
from pathlib import Path

from portal.management.commands.run_job import JOBS

SYSTEMD = Path(__file__).resolve().parents[2] / "deploy" / "systemd"


def _timer(job: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    assert parser.read(SYSTEMD / f"portal-job-{job}.timer"), f"no timer for {job}"
    return parser


def test_every_job_has_a_timer_that_starts_it():
    for job in JOBS:
        timer = _timer(job)["Timer"]
        assert timer["Unit"] == f"portal-job@{job}.service"
        assert timer["OnCalendar"]
        assert timer.getboolean("Persistent"), f"{job}: a missed run is caught up"


def test_no_timer_starts_a_job_that_does_not_exist():
    timers = {
        path.stem.removeprefix("portal-job-")
        for path in SYSTEMD.glob("portal-job-*.timer")
    }
    assert timers == set(JOBS)
