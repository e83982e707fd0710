"""Production: refuses to start without a secret key, allowed hosts and a
shared cache, and turns on every HTTPS and cookie protection `check --deploy`
asks for."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    ALLOWED_HOSTS,
    DATABASES,
    DEBUG,
    MEDIA_ROOT,
    REDIS_URL,
    SECRET_KEY,
    TASK_BACKENDS,
    env,
)

if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production.")
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured(
        "SECRET_KEY is too short: use at least 50 random characters."
    )
if not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must list the site's host names (no '*') in production."
    )
if not env("BASE_URL", default=""):
    raise ImproperlyConfigured(
        "BASE_URL must be set in production (e.g. https://quartiere.example): "
        "every link in mails, feeds and QR codes is built from it."
    )
if DEBUG:
    raise ImproperlyConfigured("DEBUG must not be on in production.")
if not REDIS_URL:
    # Login limits (and allauth's rate limits) count in the cache: with a
    # cache per process, each of the app servers would count on its own.
    raise ImproperlyConfigured(
        "REDIS_URL must be set in production: the login limits need a cache "
        "that every server process shares."
    )

if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    # Several app servers and workers write at once: SQLite locks the whole
    # file, and the task queue needs row locks that skip locked rows.
    raise ImproperlyConfigured("DATABASE_URL must name a PostgreSQL database.")

PORTAL_DEMO_ALLOWED = False

# Mail, renditions and index updates leave the request: `manage.py db_worker`.
TASKS = {
    "default": {"BACKEND": TASK_BACKENDS[env("TASKS_BACKEND", default="database")]}
}
# Connections are kept for a minute and tested before reuse (CONN_HEALTH_CHECKS).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

#: Documents leave through Wagtail's view (which checks privacy), and with
#: `SENDFILE_NGINX=true` nginx sends the bytes from its `internal` location
#: /protected-media/ (deploy/nginx/portal.conf.template), not a worker.
SENDFILE_NGINX = env.bool("SENDFILE_NGINX", default=False)
if SENDFILE_NGINX:
    SENDFILE_BACKEND = "portal.sendfile_nginx"
    SENDFILE_ROOT = str(MEDIA_ROOT)
    SENDFILE_URL = "/protected-media"

#: Set to false only when TLS ends in front of a proxy that already redirects.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
# Referrer-Policy, nosniff, frame denial, HttpOnly cookies, the
# Content-Security-Policy and the Permissions-Policy are set in base.py for
# every environment.
