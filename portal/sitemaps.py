from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class AllLocalesSitemap(Sitemap):
    """Wagtail's sitemap lists one tree; this one lists every language's."""

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
            .specific()
        )


def sitemap(request):
    return django_sitemap(request, sitemaps={"pages": AllLocalesSitemap(request)})
