"""Rows that every request reads and that only an administrator's or
editor's action changes: the site a host names and its home pages, the
locales, where the page tree has view restrictions, the sections' index
pages, term lists. Wagtail reads them from the database each
time (the locale up to seven times a page, the restriction table once for
every `public()` listing and twice when a page is served); here they come
from the shared cache, under a key that carries the version of a page cache
tag (`portal.page_cache.tag_fingerprint`). A change purges that tag at once
and again when its transaction commits, so the next request reads the rows
anew: nothing here is ever older than the last change.

`lookups_install()` (portal.apps) points Wagtail's `Site.find_for_request`,
`Locale.objects.get_for_language` (behind `Locale.get_active`, `.localized`),
`PageQuerySet.private_q` (behind `public()`) and `Page.get_view_restrictions`
(the check before a page is served) at these, with Wagtail's own answers:
where a page lies under a restriction, the restriction rows themselves are
still read from the database, as Wagtail reads them. docs/page-cache.md
lists each lookup with what renews it."""

from __future__ import annotations

from types import SimpleNamespace

from django.core.cache import caches
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest
from django.http.request import split_domain_port
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.models.i18n import LocaleManager
from wagtail.models.sites import get_site_for_hostname
from wagtail.query import PageQuerySet
from wagtail.signals import page_published, page_unpublished, post_page_move

from .page_cache import (
    ALL,
    model_tag,
    page_cache_purge,
    request_memo_clear,
    request_memoized,
    tag_fingerprint,
)

SITES = "lookup:sites"
LOCALES = "lookup:locales"
RESTRICTIONS = "lookup:restrictions"
SECTIONS = "lookup:sections"
TIMEOUT = 24 * 3600
_MISSING = "-"


def _cache():
    return caches["default"]


def _cached(tag: str, name: str, build):
    # A full purge (settings saved, a bulk write such as the demo's seed)
    # renews these too.
    key = f"lookup:{name}:{tag_fingerprint([tag, ALL])}"
    return request_memoized((key,), lambda: _cache_read(key, build))


def _cache_read(key: str, build):
    value = _cache().get(key)
    if value is None:
        value = build()
        _cache().set(key, value, timeout=TIMEOUT)
    return value


def rows_cached(model, build, *, name: str = ""):
    """`build()` (rows of `model`, a term list or snippet whose saves and
    deletions purge its page cache tag, `page_cache_purge_on_change`) from
    the shared cache until such a change."""
    return _cached(model_tag(model), f"rows:{model._meta.label_lower}:{name}", build)


# Sites -------------------------------------------------------------------------


def site_for_request(request: HttpRequest):
    """Wagtail's `Site._find_for_request`, from the cache (the Site with its
    root page, or None)."""
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()

    def build():
        try:
            site = get_site_for_hostname(hostname, port)
        except Site.DoesNotExist:
            return _MISSING
        # Routing starts at the root page's specific row (Wagtail's
        # `route_for_request`); kept with the site, renewed with it on any
        # save of a page at the top of the tree.
        site.root_page = site.root_page.specific
        page_locale(site.root_page)
        return site

    site = _cached(SITES, f"site:{hostname}:{port}", build)
    return None if site == _MISSING else site


# Locales -----------------------------------------------------------------------


def locales_by_code() -> dict:
    """Every Locale row by its language code."""
    return _cached(
        LOCALES,
        "locales",
        lambda: {locale.language_code: locale for locale in Locale.all_objects.all()},
    )


def locale_by_id(pk):
    """The Locale with primary key `pk` (None if there is none)."""
    for locale in locales_by_code().values():
        if locale.pk == pk:
            return locale
    return None


def _get_for_language(self, language_code):
    # Wagtail's LocaleManager.get_for_language, from the cache.
    code = get_supported_content_language_variant(language_code)
    locale = locales_by_code().get(code)
    if locale is None:
        raise self.model.DoesNotExist(f"No locale for {code!r}")
    return locale


# View restrictions -------------------------------------------------------------


def restricted_paths() -> dict:
    """Where view restrictions apply: `restricted` the (path, depth) of each
    page with a restriction (what `private_q` excludes), `checked` the paths
    of those pages and of every alias of one (Wagtail checks an alias's
    source), below which `get_view_restrictions` asks the database."""

    def build():
        rows = list(
            PageViewRestriction.objects.values_list(
                "page_id", "page__path", "page__depth"
            )
        )
        restricted = sorted({(path, depth) for _id, path, depth in rows})
        checked = {path for path, _depth in restricted}
        sources = {page_id for page_id, _path, _depth in rows}
        while sources:
            aliases = list(
                Page.objects.filter(alias_of_id__in=sources).values_list("pk", "path")
            )
            sources = {pk for pk, path in aliases if path not in checked}
            checked.update(path for _pk, path in aliases)
        return {"restricted": restricted, "checked": sorted(checked)}

    return _cached(RESTRICTIONS, "restrictions", build)


def _private_q(self):
    # Wagtail's PageQuerySet.private_q, from the cached paths.
    q = Q()
    for path, depth in restricted_paths()["restricted"]:
        q |= self.descendant_of_q(
            SimpleNamespace(path=path, depth=depth), inclusive=True
        )
    return q if q else Q(pk__in=[])


def _view_restrictions_wrapper(original):
    def get_view_restrictions(self):
        checked = restricted_paths()["checked"]
        if self.alias_of_id is None and not any(
            self.path.startswith(path) for path in checked
        ):
            return PageViewRestriction.objects.none()
        return original(self)

    get_view_restrictions.__doc__ = original.__doc__
    return get_view_restrictions


# Invalidation ------------------------------------------------------------------


def sites_purge() -> None:
    """Drop the cached sites (after a write that sends no signal)."""
    page_cache_purge(SITES)


def _site_changed(sender, **kwargs) -> None:
    sites_purge()


def _locale_changed(sender, **kwargs) -> None:
    page_cache_purge(LOCALES)


def _restriction_changed(sender, **kwargs) -> None:
    # A restriction hides a page, its subtree, and their entries in every
    # listing, teaser, menu and search: every cached answer goes (rare).
    page_cache_purge(RESTRICTIONS, ALL)


def _page_saved(sender, instance, **kwargs) -> None:
    if not isinstance(instance, Page):
        return
    # A new alias takes its source's restrictions; a site's root page row
    # is kept with the site.
    if instance.alias_of_id is not None:
        page_cache_purge(RESTRICTIONS)
    from .routing import OneQueryRouteMixin  # noqa: PLC0415 - routing imports this module

    if (instance.depth is not None and instance.depth <= 2) or isinstance(
        instance, OneQueryRouteMixin
    ):
        page_cache_purge(SITES)


def _page_moved_or_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        page_cache_purge(RESTRICTIONS, SITES, SECTIONS)


def _page_published(sender, instance, **kwargs) -> None:
    page_cache_purge(SECTIONS)


def _root_paths_memoized(original):
    # Wagtail keeps the site root paths in the cache but reads them anew for
    # every URL built without a request (the home page: nine times).
    def get_site_root_paths():
        return request_memoized(("site-root-paths",), original)

    get_site_root_paths._portal_memoized = True
    return staticmethod(get_site_root_paths)


def _root_paths_clear_wrapper(original):
    def clear_site_root_paths_cache():
        request_memo_clear()
        original()

    return staticmethod(clear_site_root_paths_cache)


def lookups_install() -> None:
    """Wagtail's lookups from the cache, and their invalidation."""
    Site._find_for_request = staticmethod(site_for_request)
    if not getattr(Site.get_site_root_paths, "_portal_memoized", False):
        Site.get_site_root_paths = _root_paths_memoized(Site.get_site_root_paths)
        Site.clear_site_root_paths_cache = _root_paths_clear_wrapper(
            Site.clear_site_root_paths_cache
        )
    LocaleManager.get_for_language = _get_for_language
    PageQuerySet.private_q = _private_q
    if not getattr(Page.get_view_restrictions, "_portal_cached", False):
        wrapped = _view_restrictions_wrapper(Page.get_view_restrictions)
        wrapped._portal_cached = True
        Page.get_view_restrictions = wrapped

    for name, signal in (("saved", post_save), ("deleted", post_delete)):
        for receiver, model in (
            (_site_changed, Site),
            (_locale_changed, Locale),
            (_restriction_changed, PageViewRestriction),
        ):
            signal.connect(
                receiver, sender=model, dispatch_uid=f"lookups-{model.__name__}-{name}"
            )
    post_save.connect(_page_saved, dispatch_uid="lk-page-saved")
    post_delete.connect(_page_moved_or_deleted, dispatch_uid="lk-page-deleted")
    post_page_move.connect(_page_moved_or_deleted, dispatch_uid="lk-page-moved")
    page_published.connect(_page_published, dispatch_uid="lk-page-published")
    page_unpublished.connect(_page_published, dispatch_uid="lk-page-unpublished")


def home_translations(page) -> dict:
    """The live translations of `page` (a site's root page) by locale id,
    specific, with their locales: `.localized` of a home page on every
    request without a query."""

    def build():
        found = {}
        for translated in Page.objects.filter(
            translation_key=page.translation_key
        ).specific():
            page_locale(translated)
            found[translated.locale_id] = translated
        return found

    return _cached(SITES, f"home:{page.translation_key}", build)


def section_page(model, *, locale):
    """The first live page of `model` (a section's index: the directory,
    the events, the idea board) in `locale` (in any language for None), or
    None; cached until any page is published, unpublished, moved or
    deleted."""

    def build():
        pages = model.objects.live()
        if locale is not None:
            pages = pages.filter(locale=locale)
        page = pages.first()
        if page is None:
            return _MISSING
        page_locale(page)
        return page

    found = _cached(
        SECTIONS,
        f"section:{model._meta.label_lower}:{locale.pk if locale else ''}",
        build,
    )
    return None if found == _MISSING else found


# Per page ----------------------------------------------------------------------


def page_ancestors(page) -> list | None:
    """`page`'s live ancestors from depth 2 down, from the parents routing
    already read (None where it did not read them all)."""
    chain = []
    current = page
    while current.depth > 2:
        parent = current.__dict__.get("_cached_parent_obj")
        if parent is None or parent.depth != current.depth - 1:
            return None
        chain.append(parent)
        current = parent
    return [ancestor for ancestor in reversed(chain) if ancestor.live]


def is_public(page) -> bool:
    """Whether `page` lies outside every view restriction (`public()` of
    one page, without a query)."""
    return not any(
        page.path.startswith(path) and page.depth >= depth
        for path, depth in restricted_paths()["restricted"]
    )


def page_translations(page) -> list:
    """The live translations of `page`, itself included, each with its
    locale (from `locales_by_code`); read once per page object, for the
    language switcher and the hreflang links alike."""
    cached = getattr(page, "_portal_translations", None)
    if cached is None:
        cached = list(page.get_translations(inclusive=True).live())
        for translated in cached:
            locale = locale_by_id(translated.locale_id)
            if locale is not None:
                translated.locale = locale
        page._portal_translations = cached
    return cached


def page_locale(page):
    """`page.locale` without a query (and kept on `page` for later reads)."""
    if "locale" not in page._state.fields_cache:
        locale = locale_by_id(page.locale_id)
        if locale is not None:
            page.locale = locale
    return page.locale
