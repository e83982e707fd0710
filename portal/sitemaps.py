"""`/sitemap.xml` is an index of sections, one per app and language
(`/sitemap-directory-de.xml` …), each split into files of at most 50,000
addresses (`?p=2`). The index costs one query, a section file two, whatever
the size of the site; the page cache keeps both until a page of that app is
published, unpublished, moved or deleted (tags `sitemap:index`,
`sitemap:<app>`)."""

from collections import defaultdict

from django.apps import apps
from django.conf import settings
from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.db.models import Count, Q
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page, Site

from .absolute import absolute_url, page_url
from .page_cache import page_cache_tag


def _live_pages(request):
    site = Site.find_for_request(request)
    if site is None:
        return Page.objects.none()
    roots = site.root_page.get_translations(inclusive=True)
    in_a_tree = Q()
    for root in roots:
        in_a_tree |= Q(path__startswith=root.path)
    return Page.objects.filter(in_a_tree).live().public()


class SectionSitemap(Sitemap):
    """The live public pages of one app in one language, on `BASE_URL`, each
    with its live translations as `xhtml:link` alternates (and `x-default`:
    the German original)."""

    def __init__(self, request, *, app_label: str, language: str):
        super().__init__(request)
        self.app_label = app_label
        self.language = language

    def items(self):
        return (
            _live_pages(self.request)
            .filter(
                content_type__app_label=self.app_label,
                locale__language_code=self.language,
            )
            .order_by("path")
            .defer_streamfields()
            .select_related("locale")
        )

    def location(self, obj):
        return page_url(obj, self.request)

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        # The translations of just these pages, in one query.
        versions = defaultdict(list)
        translations = (
            _live_pages(self.request)
            .filter(translation_key__in={item.translation_key for item in pages})
            .select_related("locale")
            .defer_streamfields()
        )
        for other in translations:
            versions[other.translation_key].append(other)
        order = [code for code, _name in settings.LANGUAGES]
        urls, last_mods = [], set()
        for item in pages:
            found = sorted(
                versions[item.translation_key],
                key=lambda other: (
                    order.index(other.locale.language_code)
                    if other.locale.language_code in order
                    else len(order)
                ),
            )
            alternates = [
                {"lang_code": other.locale.language_code, "location": page_url(other)}
                for other in found
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
                {
                    "location": self.location(item),
                    "lastmod": lastmod,
                    "alternates": alternates,
                }
            )
            last_mods.add(lastmod)
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


def _section_name(app_label: str, language: str) -> str:
    return f"{app_label}-{language}"


def sitemap_index(request):
    """The sections with at least one page, counted in one query."""
    page_cache_tag(request, "sitemap:index")
    counts = (
        _live_pages(request)
        .values("content_type__app_label", "locale__language_code")
        .annotate(pages=Count("pk"))
        .order_by("content_type__app_label", "locale__language_code")
    )
    limit = SectionSitemap.limit
    locations = []
    for row in counts:
        url = absolute_url(
            reverse(
                "sitemap_section",
                kwargs={
                    "section": _section_name(
                        row["content_type__app_label"], row["locale__language_code"]
                    )
                },
            )
        )
        locations.append({"location": url})
        files = -(-row["pages"] // limit)
        locations.extend(
            {"location": f"{url}?p={number}"} for number in range(2, files + 1)
        )
    return TemplateResponse(
        request,
        "sitemap_index.xml",
        {"sitemaps": locations},
        content_type="application/xml",
    )


def sitemap_section(request, section: str):
    app_label, _dash, language = section.rpartition("-")
    if language not in dict(settings.LANGUAGES):
        raise Http404
    try:
        apps.get_app_config(app_label)
    except LookupError:
        raise Http404 from None
    page_cache_tag(request, f"sitemap:{app_label}")
    sitemap = SectionSitemap(request, app_label=app_label, language=language)
    return django_sitemap(request, sitemaps={section: sitemap}, section=section)


# The former single file's name keeps working for anybody who linked it.
sitemap = sitemap_index
