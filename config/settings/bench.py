"""`make bench` (scripts/benchmark.py): production settings plus the
benchmark's floors (config.bench: a trivial view and a bare Wagtail page) and
an `X-Bench-Queries` header with each response's SQL count. Never deployed."""

from .production import *  # noqa: F403
from .production import INSTALLED_APPS, MIDDLEWARE

INSTALLED_APPS = ["config.bench", *INSTALLED_APPS]
# Outermost, so that the count includes what every middleware asks.
MIDDLEWARE = ["config.bench.middleware.QueryCountMiddleware", *MIDDLEWARE]
ROOT_URLCONF = "config.bench.urls"
