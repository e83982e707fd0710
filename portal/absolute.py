"""Absolute URLs: the one place every link that leaves the browser comes from.

Sitemap, robots.txt, JSON-LD, iCal, the APIs, QR codes and mails all hand out
links that are opened elsewhere (a phone camera, a mail client, a search
engine), where neither the request's host nor a `Site` record left at
`localhost:80` means anything. They are built from `settings.BASE_URL`, the
address the portal is served at. The Wagtail `Site` record follows
`BASE_URL` (`site_record_sync`, after every `migrate` and in `seed_demo`),
and the system check `portal.W001` warns when the two differ.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks
from django.db import DatabaseError
from django.http import HttpRequest
from wagtail.models import Site

from .lookups import sites_purge


def base_url() -> str:
    """`BASE_URL` without a trailing slash, e.g. `https://quartiere.example`."""
    return settings.BASE_URL.rstrip("/")


def absolute_url(url: str) -> str:
    """A path (`/stellen/`) on `BASE_URL`. A URL that names its own host
    (media on object storage, a partner's site) is returned unchanged."""
    if not url:
        return ""
    if url.startswith("//"):
        return f"{urlsplit(base_url()).scheme}:{url}"
    if url.startswith("/"):
        return base_url() + url
    if urlsplit(url).scheme:
        return url
    return f"{base_url()}/{url}"


def page_url(page, request: HttpRequest | None = None) -> str:
    """The page's public address on `BASE_URL`, language prefix included;
    empty for a page outside every site. Uses Wagtail's routing for the path
    and never the `Site` record's host."""
    parts = page.get_url_parts(request=request)
    if parts is None:
        return ""
    _site_id, _root_url, path = parts
    return base_url() + path if path else ""


def base_url_host_port() -> tuple[str, int]:
    """Host name and port of `BASE_URL`, as a `Site` record stores them."""
    parts = urlsplit(base_url())
    default_port = 443 if parts.scheme == "https" else 80
    return parts.hostname or "localhost", parts.port or default_port


def site_record_sync() -> bool:
    """Point the default `Site` at `BASE_URL` (host and port), so the admin,
    Wagtail's own mails and `page.full_url` agree with every other link.
    Returns whether the record changed."""
    hostname, port = base_url_host_port()
    changed = Site.objects.filter(is_default_site=True).exclude(
        hostname=hostname, port=port
    )
    if not changed.update(hostname=hostname, port=port):
        return False
    # An update() sends no signal: the cached sites go by hand.
    sites_purge()
    return True


def site_record_sync_after_migrate(sender, **kwargs) -> None:
    if sender.name == "portal":
        site_record_sync()


# A database check: `migrate` and `check --database default` run it.
@checks.register(checks.Tags.database)
def site_record_matches_base_url(app_configs=None, databases=None, **kwargs):
    """Warn when the default `Site` record names another host or port than
    `BASE_URL` (links from the admin would then lead elsewhere)."""
    if not databases:
        return []
    try:
        site = Site.objects.filter(is_default_site=True).first()
    except DatabaseError:  # no database yet: nothing to compare
        return []
    if site is None:
        return []
    hostname, port = base_url_host_port()
    if (site.hostname, site.port) == (hostname, port):
        return []
    return [
        checks.Warning(
            f"The default Wagtail site is {site.hostname}:{site.port}, "
            f"but BASE_URL is {base_url()}.",
            hint="Run `manage.py migrate` (or `manage.py site_from_base_url`) "
            "to point the site record at BASE_URL.",
            obj=site,
            id="portal.W001",
        )
    ]
