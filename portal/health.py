"""What `/healthz` asks of the parts a node depends on. Each check raises when
its part does not answer; the view reports each part by name."""

import uuid

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache() -> None:
    # The production cache degrades silently; ask it directly.
    if hasattr(cache, "check_health"):
        cache.check_health()
        return
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "1", 5)
    if cache.get(key) != "1":
        raise RuntimeError("cache did not keep a value")
    cache.delete(key)


def check_storage() -> None:
    """Media must be writable: uploads and renditions land there."""
    name = default_storage.save(f"healthz/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    default_storage.delete(name)


CHECKS = {"database": check_database, "cache": check_cache, "storage": check_storage}


def health_report() -> dict[str, str]:
    """`{"database": "ok", "cache": "unavailable", …}` for every part."""
    report = {}
    for part, check in CHECKS.items():
        try:
            check()
        except Exception:  # any failure means the part is down
            report[part] = "unavailable"
        else:
            report[part] = "ok"
    return report
