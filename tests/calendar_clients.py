"""Calendar files as Mozilla's ical.js reads them (Thunderbird's parser, run
by node: tests/js/ical_occurrences.mjs). Skips, saying so, where node or
ical.js is not installed (`make tests/js/node_modules/.installed`)."""

import json
import os
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

JS = Path(__file__).resolve().parent / "js"
SCRIPT = JS / "ical_occurrences.mjs"


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: ical.js cannot be run (apt install nodejs)")
    if not (JS / "node_modules" / "ical.js").is_dir():
        pytest.skip(f"ical.js is not installed: run `npm ci --prefix {JS}`")
    return node


def ical_js_occurrences(body: bytes, start: datetime, end: datetime) -> list[dict]:
    """Every occurrence ical.js finds in [start, end): {uid, summary, start},
    starts in UTC ("2030-01-07T17:00:00Z") or as a date for all-day events."""
    result = subprocess.run(  # our own script, fixed arguments
        [_node(), str(SCRIPT), start.isoformat(), end.isoformat()],
        input=body,
        capture_output=True,
        cwd=JS,
        env={**os.environ, "TZ": "UTC"},
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)
