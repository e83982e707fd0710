"""Production: refuses to start without a secret key and allowed hosts, and
turns on every HTTPS and cookie protection `check --deploy` asks for."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, DEBUG, SECRET_KEY, env

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

PORTAL_DEMO_ALLOWED = False

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

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
