"""The portal's own views outside the page tree (health, robots, sitemap,
pages API), mounted at the root by config/urls.py without a namespace."""

from django.urls import include, path

from . import views
from .sitemaps import sitemap_index, sitemap_section

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("healthz/live", views.healthz_live, name="healthz-live"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # An index of sections by app and language (portal/sitemaps.py).
    path("sitemap.xml", sitemap_index, name="sitemap"),
    path("sitemap-<str:section>.xml", sitemap_section, name="sitemap_section"),
    # Read-only pages API for partners: live public pages (docs/pages-api.md).
    path("api/v2/", include("portal.pages_api")),
]
