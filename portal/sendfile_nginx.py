"""Wagtail's document view hands the file to nginx (X-Accel-Redirect).

Wagtail serves documents through its own view, which checks the collection's
privacy and the page's password before any byte leaves; by default it then
streams the file from a gunicorn worker. With this backend (SENDFILE_BACKEND,
set by production.py when `SENDFILE_NGINX=true`) the view answers with an
empty response naming the file under `SENDFILE_URL`, an `internal` location
of nginx (deploy/nginx/portal.conf.template), which sends it from disk. The
worker is free at once, and nobody can reach that location from outside.

Wagtail 8 ships only the streaming backend of the django-sendfile copy it
uses (wagtail.utils.sendfile), so the nginx one is this module.
"""

from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse


def sendfile(request: HttpRequest, filename: str, **kwargs) -> HttpResponse:
    root = Path(settings.SENDFILE_ROOT).resolve()
    path = Path(filename).resolve()
    if not path.is_relative_to(root):
        # Only files under the media folder are behind nginx's location.
        raise Http404("file outside SENDFILE_ROOT")
    response = HttpResponse()
    url = f"{settings.SENDFILE_URL.rstrip('/')}/{path.relative_to(root).as_posix()}"
    response["X-Accel-Redirect"] = quote(url)
    return response
