from collections import defaultdict

from django.conf import settings
from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from .absolute import page_url


class AllLocalesSitemap(Sitemap):
    """Wagtail's sitemap lists one tree; this one lists every language's, on
    `BASE_URL`, each page with its live translations as `xhtml:link`
    alternates (and `x-default`: the German original)."""

    def items(self):
        site = self.get_wagtail_site()
        roots = site.root_page.get_translations(inclusive=True)
        in_a_tree = Q()
        for root in roots:
            in_a_tree |= Q(path__startswith=root.path)
        return (
            Page.objects.filter(in_a_tree)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .select_related("locale")
        )

    def location(self, obj):
        return page_url(obj, self.request)

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        # Alternates come from the whole sitemap, not just this page of it.
        versions = defaultdict(list)
        for other in self.items():
            versions[other.translation_key].append(other)
        urls, last_mods = [], set()
        for item in pages:
            location = self.location(item)
            alternates = [
                {"lang_code": other.locale.language_code, "location": page_url(other)}
                for other in versions[item.translation_key]
            ]
            if len(alternates) > 1:
                default = next(
                    (a for a in alternates if a["lang_code"] == settings.LANGUAGE_CODE),
                    alternates[0],
                )
                alternates.append(
                    {"lang_code": "x-default", "location": default["location"]}
                )
            else:
                alternates = []
            lastmod = self.lastmod(item)
            urls.append(
                {"location": location, "lastmod": lastmod, "alternates": alternates}
            )
            last_mods.add(lastmod)
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


def sitemap(request):
    return django_sitemap(request, sitemaps={"pages": AllLocalesSitemap(request)})
