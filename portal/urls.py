"""The portal's own views outside the page tree (health, robots, sitemap,
pages API), mounted at the root by config/urls.py without a namespace."""

from django.urls import include, path

from . import views
from .sitemaps import sitemap

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("healthz/live", views.healthz_live, name="healthz-live"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, name="sitemap"),
    # Read-only pages API for partners: live public pages (docs/pages-api.md).
    path("api/v2/", include("portal.pages_api")),
]
