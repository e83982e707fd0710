"""The site's URLs plus the trivial-view floor (bench settings only)."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as portal_urlpatterns


def trivial(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/trivial/", trivial), *portal_urlpatterns]
