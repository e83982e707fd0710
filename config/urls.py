"""The root URLconf: the composition root mounts each app's own URLconf and
Wagtail's. The only module allowed to import every app (see ARCHITECTURE.md)."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.urls import include, path
from django.utils.translation import pgettext_lazy
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from portal import views as portal_views
from portal.admin_access import admin_read_guard
from portal.security import RateLimitedLoginView

urlpatterns = [
    # Wagtail's login with a limit on failed attempts; same path and name.
    path("admin/login/", RateLimitedLoginView.as_view(), name="wagtailadmin_login"),
    # Every admin view refuses URLs that name what the user may not read.
    path(
        "admin/",
        include(decorate_urlpatterns(wagtailadmin_urls.urlpatterns, admin_read_guard)),
    ),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("portal.urls")),
    path("", include("directory.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# German lives at /, every other language under its prefix (/en/ …). Page URLs
# come from the locale's page tree; the few views get translated paths.
urlpatterns += i18n_patterns(
    path(pgettext_lazy("URL path", "search/"), portal_views.search, name="search"),
    # Resident accounts: the portal's own pages first, then django-allauth's.
    path(pgettext_lazy("URL path", "account/"), include("ideas.urls")),
    path(pgettext_lazy("URL path", "account/"), include("allauth.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
