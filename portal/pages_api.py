"""Read-only pages API for partners (the city's site, newcomer apps): Wagtail's
API v2 pages endpoint, mounted at /api/v2/ (docs/pages-api.md).

Wagtail 8 ships two page APIs: v2 (Django REST framework, read-only) and v3
(django-ninja, with create/update/publish endpoints behind API tokens). The
portal publishes v2: partners only read, and an API that cannot write cannot
be misconfigured into writing. Like Wagtail's own, it lists only live pages
without view restrictions (`get_public_pages_queryset`), of every language
(`?locale=ar`), and builds every URL from BASE_URL.
"""

from django.http import JsonResponse
from django.urls import NoReverseMatch, path
from django.views.decorators.http import require_GET
from rest_framework.fields import Field
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import PageSerializer
from wagtail.api.v2.views import PagesAPIViewSet

from .absolute import page_url
from .pages_api_schema import pages_api_schema


class AbsolutePageUrlField(Field):
    """`html_url` on BASE_URL, whatever host the API was asked on."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        try:
            return page_url(page, self.context.get("request")) or None
        except NoReverseMatch:
            return None


class PortalPageSerializer(PageSerializer):
    html_url = AbsolutePageUrlField(read_only=True)


class PortalPagesAPIViewSet(PagesAPIViewSet):
    base_serializer_class = PortalPageSerializer
    # Answers are the same for everybody: no session or login is read, so a
    # signed-in editor's cookie cannot widen what the API shows.
    authentication_classes = []

    def get_base_queryset(self):
        # Wagtail leaves out pages the *request* may not see; a page behind
        # any view restriction (login, password, groups) is not for partners
        # at all, whoever asks.
        return super().get_base_queryset().public()


router = WagtailAPIRouter("wagtailapi")
router.register_endpoint("pages", PortalPagesAPIViewSet)


@require_GET
def pages_api_openapi(request):
    """The API's OpenAPI description (portal/pages_api_schema.py)."""
    return JsonResponse(pages_api_schema())


urlpatterns = [
    path("openapi.json", pages_api_openapi, name="pages_api_openapi"),
    path("", router.urls),
]
