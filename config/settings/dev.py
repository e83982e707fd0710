"""Local development: debug on, mail to the console, demo allowed."""

from .base import *  # noqa: F403
from .base import env, env_or

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env_or("SECRET_KEY", "dev-only-not-secret-5d1c0b2e9f")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
if not env("EMAIL_URL", default=""):
    # Mails appear in the terminal that runs the server.
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
PORTAL_DEMO_ALLOWED = env.bool("PORTAL_DEMO_ALLOWED", default=True)
