"""The anonymous page cache: whole responses for visitors without a session,
purged the moment what they show changes (docs/page-cache.md).

wagtail-cache needs Wagtail below 8, so this is the same idea in a small
middleware. A response is stored in the shared cache (Redis in production)
under the host, the language, the path and the sorted query string, together
with the *tags* it depends on: `page:<id>` (the page served, and every page
whose listing shows its children), `tk:<translation key>` (its translations:
the language switcher), `crumb:<id>` (ancestors in the breadcrumbs),
`frame` (menu, footer), listing tags such as `listing:vacancies`, and
`model:<app.model>` for snippets and terms shown. Each tag has a version in
the cache; purging a tag writes a new version (O(1), whatever the number of
pages), and a stored response whose recorded versions differ is stale.

`portal` knows no feature app: apps say in `AppConfig.ready()` what their
pages depend on (`page_cache_depends`) and what a change of one of their
models purges (`page_cache_purge_on_change`); services call
`page_cache_purge` for writes that signals do not see. Page publish,
unpublish, deletion and moves (scheduled expiry included) are handled here
for every page type; a reverse proxy configured in `WAGTAILFRONTENDCACHE` is
purged too (`wagtail.contrib.frontend_cache`).
"""

from __future__ import annotations

import hashlib
import logging
import time
import uuid
from collections.abc import Callable, Iterable
from http import HTTPStatus

from asgiref.local import Local
from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date
from django.utils.translation import get_language_from_request
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import Term

logger = logging.getLogger(__name__)

__all__ = [
    "PageCacheMiddleware",
    "page_cache_depends",
    "page_cache_purge",
    "page_cache_purge_on_change",
    "page_cache_tag",
    "page_tags_for_change",
    "request_memo_clear",
    "request_memoized",
]

#: Statuses worth keeping: pages, permanent redirects, and not-found answers
#: (a crawler asking for gone pages is answered from the cache too).
CACHEABLE_STATUSES = {
    HTTPStatus.OK,
    HTTPStatus.MOVED_PERMANENTLY,
    HTTPStatus.NOT_FOUND,
    HTTPStatus.GONE,
}
#: Every stored response depends on this tag (site settings, a full purge).
ALL = "all"
#: Answers other than 200 (not found, redirects) depend on it;
#: a publish or move may turn such an address into a page.
UNROUTED = "unrouted"
# Paths never stored: the admin (previews included), health checks,
# documents (privacy-checked and streamed), account pages.
NEVER_PREFIXES = ("/admin/", "/healthz", "/documents/", "/django-admin/")

_depends: dict[type, tuple[Callable[[Model], Iterable[str]], ...]] = {}
_purges: dict[type, list[Callable[[Model], Iterable[str]]]] = {}


def _setting(name: str, default):
    return getattr(settings, name, default)


def _cache():
    return caches[_setting("PORTAL_PAGE_CACHE_ALIAS", "default")]


def _enabled() -> bool:
    return bool(_setting("PORTAL_PAGE_CACHE", False))


# One request reads the same tag versions and cached lookups many times (the
# home page some 140 reads of the shared cache, each a round trip to Redis);
# between request_started and request_finished each is read once. A purge
# empties the memo; outside a request (commands, tasks) there is none.
_request = Local()


def _memo_start(**kwargs) -> None:
    _request.memo = {}


def _memo_end(**kwargs) -> None:
    _request.memo = None


def request_memo_clear() -> None:
    """Forget what this request has read (after a change it made itself)."""
    if getattr(_request, "memo", None):
        _request.memo.clear()


def request_memoized(key: tuple, build: Callable[[], object]):
    """`build()`, once per request for `key`."""
    memo = getattr(_request, "memo", None)
    if memo is None:
        return build()
    if key not in memo:
        memo[key] = build()
    return memo[key]


# Registry --------------------------------------------------------------------


def page_cache_depends(model: type[Model], *tags: str | Callable) -> None:
    """Pages of `model` (a page class, its subclasses too) depend on `tags`
    besides themselves: strings, or callables `(page) -> iterable of tags`."""
    funcs = tuple(
        tag if callable(tag) else (lambda page, tag=tag: (tag,)) for tag in tags
    )
    _depends[model] = _depends.get(model, ()) + funcs


def page_cache_purge_on_change(
    model: type[Model], tags: Callable[[Model], Iterable[str]] | None = None
) -> None:
    """Purge when a row of `model` is saved or deleted: `model:<label>` (what
    pages that show this kind of row depend on) and `tags(instance)`. For a
    page class, `tags(page)` is added to what its publish, unpublish, move or
    deletion purges."""
    if tags is not None:
        _purges.setdefault(model, []).append(tags)
    if issubclass(model, Page):
        return
    uid = f"page-cache-{model._meta.label_lower}"
    post_save.connect(_row_changed, sender=model, dispatch_uid=uid, weak=False)
    post_delete.connect(_row_changed, sender=model, dispatch_uid=uid, weak=False)


def _extra_tags(registry: dict, instance: Model, model_class=None) -> set[str]:
    tags: set[str] = set()
    for model in (model_class or type(instance)).__mro__:
        for func in registry.get(model, ()):
            tags.update(func(instance))
    return tags


def _row_changed(sender, instance, **kwargs) -> None:
    # A row that changes may become visible where its address answered "not
    # found" so far (an idea published after moderation, a vacancy's or a
    # unit's route), and that 404 is cached: the not-found answers go too.
    page_cache_purge(
        f"model:{sender._meta.label_lower}",
        UNROUTED,
        *_extra_tags(_purges, instance),
    )


def model_tag(model: type[Model]) -> str:
    """The tag of pages that show rows of `model` (a term list, a snippet)."""
    return f"model:{model._meta.label_lower}"


# Tagging the response being built ----------------------------------------------


def page_cache_tag(request: HttpRequest | None, *tags: str) -> None:
    """Say that the response to `request` depends on `tags`."""
    collected = getattr(request, "page_cache_tags", None)
    if collected is not None:
        collected.update(tags)


def page_tags_served(page, request: HttpRequest) -> None:
    """Tags of a page being served (called from `before_serve_page`)."""
    page_cache_tag(
        request,
        f"page:{page.pk}",
        f"tk:{page.translation_key}",
        *_extra_tags(_depends, page, page.specific_class or type(page)),
    )


def page_tags_for_change(page, *, parents=()) -> set[str]:
    """What a publish, unpublish, move or deletion of `page` purges: the page
    and its translations, pages showing it in breadcrumbs, its parent's
    listing of children, the menu when it is a section, the sitemap, the
    not-found answers at its address, and what its app registered."""
    tags = {
        f"page:{page.pk}",
        f"tk:{page.translation_key}",
        f"crumb:{page.pk}",
        UNROUTED,
        "search",
        "sitemap:index",
        # Every language's section of the app (they list the alternates).
        f"sitemap:{(page.specific_class or type(page))._meta.app_label}",
    }
    for parent in parents:
        if parent is not None:
            tags.add(f"page:{parent.pk}")
    if page.depth <= 3:
        # The home pages and their sections: menu, footer's legal links.
        tags.add("frame")
    tags.update(_extra_tags(_purges, page, page.specific_class or type(page)))
    return tags


# Purging -----------------------------------------------------------------------


def _version_key(tag: str) -> str:
    return "pc:v:" + hashlib.sha1(tag.encode(), usedforsecurity=False).hexdigest()


def _new_version() -> str:
    # Time first (a response rendered before the purge is not stored, see
    # the middleware), then randomness so two purges in one instant differ.
    return f"{time.time_ns()}:{uuid.uuid4().hex[:8]}"


def _purge_now(tags: set[str]) -> None:
    request_memo_clear()
    version = _new_version()
    _cache().set_many({_version_key(tag): version for tag in tags}, timeout=None)
    _frontend_purge(tags)


def page_cache_purge(*tags: str) -> None:
    """Purge every stored response that depends on one of `tags`, now and
    again when the current transaction commits (a request rendering in
    between would otherwise store what is about to change)."""
    tags_set = {tag for tag in tags if tag}
    if not tags_set:
        return
    _purge_now(tags_set)
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        transaction.on_commit(lambda: _purge_now(tags_set))


def _tag_versions(tags: Iterable[str]) -> dict[str, str | None]:
    tags = list(tags)
    found = _cache().get_many([_version_key(tag) for tag in tags])
    return {tag: found.get(_version_key(tag)) for tag in tags}


def tag_fingerprint(tags: Iterable[str]) -> str:
    """The current versions of `tags` as one string, for keys of fragments
    that must change when one of them is purged (the site frame)."""
    tags = sorted(tags)
    return request_memoized(("fingerprint", *tags), lambda: _fingerprint(tags))


def _fingerprint(tags: list[str]) -> str:
    versions = _tag_versions(tags)
    missing = [tag for tag in tags if versions[tag] is None]
    if missing:
        initial = f"0:{uuid.uuid4().hex[:8]}"
        for tag in missing:
            _cache().add(_version_key(tag), initial, timeout=None)
        versions = _tag_versions(tags)
    return hashlib.sha1(
        repr([versions[tag] for tag in tags]).encode(), usedforsecurity=False
    ).hexdigest()


# A reverse proxy (Varnish, nginx with a purge module) --------------------------


def _frontend_configured() -> bool:
    return bool(_setting("WAGTAILFRONTENDCACHE", None))


def _url_list_key(tag: str) -> str:
    return "pc:urls:" + hashlib.sha1(tag.encode(), usedforsecurity=False).hexdigest()


def _frontend_remember(url: str, tags: Iterable[str]) -> None:
    """Which addresses a proxy holds per tag (only when one is configured:
    the proxy has no tags of its own)."""
    cache = _cache()
    limit = _setting("PORTAL_PAGE_CACHE_PROXY_URLS_PER_TAG", 5000)
    for tag in tags:
        if tag == ALL:
            continue
        key = _url_list_key(tag)
        urls = cache.get(key) or []
        if url not in urls:
            cache.set(key, [*urls, url][-limit:], timeout=None)


def _frontend_purge(tags: set[str]) -> None:
    if not _frontend_configured():
        return

    cache = _cache()
    urls: set[str] = set()
    for tag in tags:
        urls.update(cache.get(_url_list_key(tag)) or [])
        cache.delete(_url_list_key(tag))
    if urls:
        try:
            purge_urls_from_cache(sorted(urls))
        except Exception:  # the proxy being down must not fail the editor's save
            logger.exception("purging the reverse proxy failed")


# The middleware ----------------------------------------------------------------


def _bypass_request(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD"):
        return True
    if request.path_info.startswith(NEVER_PREFIXES):
        return True
    if "HTTP_AUTHORIZATION" in request.META:
        return True
    cookies = request.COOKIES
    # A session (login, shortlist, a page password) or pending messages
    # make the page personal.
    return settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies


def _key(request: HttpRequest, language: str) -> str:
    query = sorted(request.GET.lists())
    raw = "|".join(
        [
            request.META.get("HTTP_HOST", "").lower(),
            language,
            request.path,
            repr(query),
        ]
    )
    return "pc:r:" + hashlib.sha256(raw.encode()).hexdigest()


def _storable(request: HttpRequest, response) -> bool:
    if request.method != "GET" or response.streaming:
        return False
    if response.status_code not in CACHEABLE_STATUSES:
        return False
    if response.cookies:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    user = getattr(request, "user", None)
    if user is not None and getattr(user, "is_authenticated", False):
        return False
    if getattr(request, "is_preview", False):
        return False
    return not getattr(request, "page_cache_skip", False)


def _public_headers(response) -> None:
    # Browsers keep the page but ask again each time (a 304 from this cache
    # costs no rendering): with a max-age they would show a purged page, or a
    # not-found answer for something just published, until it ran out.
    patch_cache_control(
        response,
        public=True,
        max_age=_setting("PORTAL_PAGE_CACHE_MAX_AGE", 0),
        must_revalidate=True,
        s_maxage=_setting(
            "PORTAL_PAGE_CACHE_PROXY_MAX_AGE", 3600 if _frontend_configured() else 0
        ),
    )
    patch_vary_headers(response, ("Accept-Language", "Cookie"))


def _rebuild(entry: dict) -> HttpResponse:
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"]:
        response.headers[name] = value
    return response


class PageCacheMiddleware:
    """Answers anonymous GET and HEAD requests from the cache; stores what
    the site answers them when nothing in it is personal. Placed before the
    session, CSRF and authentication middleware so that a hit costs none of
    them (and no SQL at all)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if not _enabled() or _bypass_request(request):
            response = self.get_response(request)
            if _enabled() and settings.SESSION_COOKIE_NAME in request.COOKIES:
                # Somebody's own page: a proxy must not keep it.
                patch_cache_control(response, private=True)
            return response
        language = get_language_from_request(request, check_path=True)
        key = _key(request, language)
        cache = _cache()
        entry = cache.get(key)
        if entry is not None:
            versions = _tag_versions(entry["tags"])
            if all(versions[tag] == version for tag, version in entry["tags"].items()):
                return self._answer(request, entry)
        request.page_cache_tags = set()
        started = time.time_ns()
        response = self.get_response(request)
        if _storable(request, response):
            self._store(request, response, key, started)
        return response

    def _answer(self, request, entry):
        response = _rebuild(entry)
        conditional = get_conditional_response(
            request,
            etag=entry["etag"],
            last_modified=entry["last_modified"],
            response=response,
        )
        response = conditional or response
        response["X-Page-Cache"] = "hit"
        return response

    def _store(self, request, response, key: str, started: int) -> None:
        tags = {ALL, *request.page_cache_tags}
        if response.status_code != HTTPStatus.OK:
            tags.add(UNROUTED)
        versions = _tag_versions(tags)
        missing = {tag for tag, version in versions.items() if version is None}
        if missing:
            initial = f"0:{uuid.uuid4().hex[:8]}"
            for tag in missing:
                _cache().add(_version_key(tag), initial, timeout=None)
            versions = _tag_versions(tags)
        margin = int(_setting("PORTAL_PAGE_CACHE_CLOCK_SKEW", 0.1) * 1e9)
        for version in versions.values():
            if version is None or int(version.split(":")[0]) >= started - margin:
                # Purged while this response was being rendered: it may show
                # what changed half, so it is served but not kept.
                return
        content = response.content
        etag = '"' + hashlib.md5(content, usedforsecurity=False).hexdigest() + '"'
        last_modified = int(time.time())
        response["ETag"] = etag
        response["Last-Modified"] = http_date(last_modified)
        _public_headers(response)
        timeout = _setting("PORTAL_PAGE_CACHE_SECONDS", 600)
        if response.status_code != HTTPStatus.OK:
            timeout = min(timeout, _setting("PORTAL_PAGE_CACHE_ERROR_SECONDS", 120))
        entry = {
            "status": response.status_code,
            "headers": [
                (name, value)
                for name, value in response.headers.items()
                if name.lower() not in ("set-cookie", "x-page-cache")
            ],
            "content": content,
            "etag": etag,
            "last_modified": last_modified,
            "tags": versions,
        }
        _cache().set(key, entry, timeout=timeout)
        if _frontend_configured():
            _frontend_remember(request.build_absolute_uri(), tags)
        response["X-Page-Cache"] = "miss"


# Page signals ------------------------------------------------------------------


def _page_published(sender, instance, **kwargs) -> None:
    page_cache_purge(*page_tags_for_change(instance, parents=[instance.get_parent()]))


def _page_deleted(sender, instance, **kwargs) -> None:
    if not isinstance(instance, Page):
        return
    parent_path = instance.path[: -Page.steplen]
    parent = Page.objects.filter(path=parent_path).first() if parent_path else None
    page_cache_purge(*page_tags_for_change(instance, parents=[parent]))


def _page_moved(sender, instance, parent_page_before, parent_page_after, **kwargs):
    page_cache_purge(
        *page_tags_for_change(instance, parents=[parent_page_before, parent_page_after])
    )


def _setting_saved(sender, instance, created=False, **kwargs) -> None:
    # A settings row is created with its defaults on first read, while a
    # page renders: the defaults were shown already.
    if not created and isinstance(instance, BaseSiteSetting | BaseGenericSetting):
        page_cache_purge(ALL)


def _redirect_changed(sender, instance, **kwargs) -> None:
    page_cache_purge(UNROUTED)


def signals_connect() -> None:
    """Connect the purges every page type and setting gets (portal.apps)."""
    request_started.connect(_memo_start, dispatch_uid="page-cache-memo-start")
    request_finished.connect(_memo_end, dispatch_uid="page-cache-memo-end")
    page_published.connect(_page_published, dispatch_uid="page-cache-published")
    page_unpublished.connect(_page_published, dispatch_uid="page-cache-unpublished")
    post_page_move.connect(_page_moved, dispatch_uid="page-cache-moved")
    post_delete.connect(_page_deleted, dispatch_uid="page-cache-deleted")
    post_save.connect(_setting_saved, dispatch_uid="page-cache-settings")
    post_save.connect(_redirect_changed, sender=Redirect, dispatch_uid="pc-redirect")
    post_delete.connect(
        _redirect_changed, sender=Redirect, dispatch_uid="pc-redirect-del"
    )
    # Every term list (quarters, sectors, categories …) is a model tag.
    for model in apps.get_models():
        if issubclass(model, Term):
            page_cache_purge_on_change(model)
