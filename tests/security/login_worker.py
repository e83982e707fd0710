"""A second server process for tests/security/test_login_limits.py: posts to
the Wagtail admin login with Django's test client and prints the status
codes as JSON. Its cache is the Redis the test names; its database a
throw-away SQLite file with the same account (same primary key, user name
and address) as the test's, made without migrations to start quickly.

Usage: python login_worker.py <spec.json>, spec = {"redis": url,
"key_prefix": str, "limits": {...}, "user": {...}, "attempts": [[login,
password, ip], ...]}.
"""

import json
import os
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]


def main(spec_path: str) -> None:
    spec = json.loads(Path(spec_path).read_text())
    folder = tempfile.mkdtemp(prefix="login-worker-")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/worker.sqlite3"
    sys.path.insert(0, str(PROJECT))

    import django
    from django.conf import settings

    django.setup()
    from django.apps import apps
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import override_settings

    settings.MIGRATION_MODULES = {app.label: None for app in apps.get_app_configs()}
    call_command("migrate", run_syncdb=True, verbosity=0, interactive=False)

    from django.contrib.auth import get_user_model

    user = spec["user"]
    account = get_user_model()(
        pk=user["pk"],
        username=user["username"],
        email=user["email"],
        is_staff=True,
        is_superuser=True,
    )
    account.set_password(user["password"])
    account.save()

    caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": spec["redis"],
            "KEY_PREFIX": spec["key_prefix"],
        }
    }
    statuses = []
    with override_settings(CACHES=caches, PORTAL_ADMIN_LOGIN_LIMITS=spec["limits"]):
        client = Client(HTTP_HOST="localhost")
        for login, password, ip in spec["attempts"]:
            response = client.post(
                "/admin/login/",
                {"username": login, "password": password},
                REMOTE_ADDR=ip,
            )
            statuses.append(response.status_code)
    print(json.dumps(statuses))


if __name__ == "__main__":
    main(sys.argv[1])
