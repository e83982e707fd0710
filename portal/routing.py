"""Routing a request to a page in two queries instead of two per level.

Wagtail's `Page.route` looks up one child per path segment and then its
specific row: a vacancy four levels down costs eight queries before anything
is rendered. `OneQueryRouteMixin` (on the home pages, where routing starts)
finds every page the segments name in one query by `url_path`, and hands the
rest of the path to the deepest one, as Wagtail would have. Where a page on
the way routes differently (a live routable page whose own sub-routes match
the remaining path, or any page type with a `route` of its own), it leaves
the request to Wagtail's routing, so the outcome is always Wagtail's."""

from __future__ import annotations

from django.conf import settings
from django.urls import Resolver404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Locale, Page

from .lookups import home_translations, page_locale


def _routes_itself(page: Page, remaining: list[str]) -> bool:
    """Whether `page` would answer `remaining` itself rather than pass the
    next segment on to its child."""
    page_class = page.specific_class or Page
    route = page_class.route
    if route is Page.route:
        return False
    if route is RoutablePageMixin.route:
        if not page.live:
            return False
        try:
            page_class.get_resolver().resolve("/" + "/".join(remaining) + "/")
        except Resolver404:
            return False
        return True
    return True


class OneQueryRouteMixin:
    """For the page routing starts at (a language's home page)."""

    @property
    def localized_draft(self):
        # Wagtail's, from the cached translations of the home pages
        # (`.localized`, which routing asks for on every request, uses it).
        if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
            return self
        try:
            locale = Locale.get_active()
        except (LookupError, Locale.DoesNotExist):
            return self
        if locale.id == self.locale_id:
            return self
        return home_translations(self).get(locale.id) or self

    def route(self, request, path_components):
        # The home page itself has no sub-routes of its own.
        if not path_components:
            return super().route(request, path_components)
        prefixes = [
            self.url_path + "/".join(path_components[: number + 1]) + "/"
            for number in range(len(path_components))
        ]
        found = {
            page.url_path: page
            for page in Page.objects.filter(
                url_path__in=prefixes,
                path__startswith=self.path,
                depth__gt=self.depth,
            )
        }
        parent = self
        for number, prefix in enumerate(prefixes):
            page = found.get(prefix)
            if page is None or page.depth != parent.depth + 1:
                break
            if number and _routes_itself(parent, path_components[number:]):
                # A page on the way answers the rest itself: Wagtail decides.
                return super().route(request, path_components)
            page._cached_parent_obj = parent
            parent = page
        if parent is self:
            return super().route(request, path_components)
        depth = parent.depth - self.depth
        page = parent.specific
        page_locale(page)
        return page.route(request, path_components[depth:])
