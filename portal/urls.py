from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.utils.translation import pgettext_lazy
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from directory.api import api as vacancy_api
from directory.finder_views import shortlist_change

from . import views
from .admin_access import admin_read_guard
from .security import RateLimitedLoginView
from .sitemaps import sitemap

urlpatterns = [
    # Wagtail's login with a limit on failed attempts; same path and name.
    path("admin/login/", RateLimitedLoginView.as_view(), name="wagtailadmin_login"),
    # Every admin view refuses URLs that name what the user may not read.
    path(
        "admin/",
        include(decorate_urlpatterns(wagtailadmin_urls.urlpatterns, admin_read_guard)),
    ),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", views.healthz, name="healthz"),
    path("healthz/live", views.healthz_live, name="healthz-live"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, name="sitemap"),
    # Read-only JSON of the open vacancies (docs/vacancy-api.md).
    path("api/vacancies/", vacancy_api.urls),
    # Read-only pages API for partners: live public pages (docs/pages-api.md).
    path("api/v2/", include("portal.pages_api")),
    # The finder's shortlist forms post here, in every language (the form
    # names its finder); no CSRF token, so the finder sets no cookie.
    path("merkliste/aendern/", shortlist_change, name="shortlist_change"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# German lives at /, every other language under its prefix (/en/ …). Page URLs
# come from the locale's page tree; the few views get translated paths.
urlpatterns += i18n_patterns(
    path(pgettext_lazy("URL path", "search/"), views.search, name="search"),
    # Resident accounts: the portal's own pages first, then django-allauth's.
    path(pgettext_lazy("URL path", "account/"), include("ideas.urls")),
    path(pgettext_lazy("URL path", "account/"), include("allauth.urls")),
    path(pgettext_lazy("URL path", "courses/"), include("courses.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
