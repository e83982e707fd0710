"""The portal's URLs plus one view that fails, for the 500 page test."""

from django.urls import path

from config.urls import urlpatterns as portal_urlpatterns


def fail(request):
    raise RuntimeError("Something broke on purpose.")


urlpatterns = [path("kaputt/", fail), *portal_urlpatterns]
