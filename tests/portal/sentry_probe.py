"""Run by test_sentry.py in a process of its own (sentry-sdk patches Django
for the whole process): production-like settings read SENTRY_DSN, a view
fails, the event is flushed. Prints the request id of the failed request."""

import io
import os
import sys

sys.path.insert(0, os.getcwd())

import django

django.setup()

import sentry_sdk  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.test import override_settings  # noqa: E402

# Through Django's WSGI handler, as gunicorn calls it (sentry-sdk wraps it).
environ = {
    "REQUEST_METHOD": "GET",
    "PATH_INFO": "/kaputt/",
    "QUERY_STRING": "q=Anna+Schmidt&token=geheim-4711",
    "SERVER_NAME": "localhost",
    "SERVER_PORT": "80",
    "SERVER_PROTOCOL": "HTTP/1.1",
    "REMOTE_ADDR": "127.0.0.1",
    "HTTP_HOST": "localhost",
    "HTTP_COOKIE": "sessionid=geheime-sitzung-4711; csrftoken=geheimes-csrf-4711",
    "HTTP_X_FORWARDED_FOR": "198.51.100.23",
    "HTTP_AUTHORIZATION": "Basic YW5uYTpnZWhlaW0=",
    "HTTP_X_REQUEST_ID": "probe0123456789abcdef",
    "wsgi.input": io.BytesIO(b""),
    "wsgi.errors": sys.stderr,
    "wsgi.url_scheme": "http",
    "wsgi.version": (1, 0),
    "wsgi.multithread": False,
    "wsgi.multiprocess": False,
    "wsgi.run_once": False,
}
answer = {}


def start_response(status, headers, exc_info=None):
    answer["status"] = status
    answer["headers"] = dict(headers)


with override_settings(ROOT_URLCONF="tests.portal.error_urls", TRUSTED_PROXY_COUNT=1):
    b"".join(get_wsgi_application()(environ, start_response))
assert answer["status"].startswith("500"), answer["status"]
sentry_sdk.flush(timeout=10)
print(answer["headers"]["X-Request-ID"])
