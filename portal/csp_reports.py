"""Where browsers report what the Content-Security-Policy blocked (`report-uri`
and the Reporting API's `report-to`, both named in the policies of settings).

Anyone can post here, so the endpoint is careful: bodies over 16 KiB are
refused unread, each client address may report a few times a minute, and
whatever arrives is parsed defensively and answered with 204, or 400 when it
is no report at all, never with a 500. A report becomes one warning in the
log (with the request id), its URLs without query strings or fragments,
which may carry personal data (search terms, tokens).
"""

import json
import logging
from urllib.parse import urlsplit, urlunsplit

from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .clientip import client_ip
from .security import _count

logger = logging.getLogger("portal.csp")

#: Bytes; a real report is a few hundred.
MAX_BODY = 16 * 1024
#: Reports per client address and minute (a page with many blocked
#: resources sends one per resource).
PER_MINUTE = 30
#: Reports logged from one body (the Reporting API batches them).
MAX_REPORTS = 20
#: The fields logged, in the two formats' spellings (report-uri's
#: `csp-report` object, the Reporting API's `body`).
FIELDS = {
    "document": ("document-uri", "documentURL"),
    "directive": ("effective-directive", "effectiveDirective", "violated-directive"),
    "blocked": ("blocked-uri", "blockedURL"),
    "source": ("source-file", "sourceFile"),
    "line": ("line-number", "lineNumber"),
    "disposition": ("disposition",),
}


def csp_reports_parse(data: object) -> list[dict[str, str]]:
    """The violations in a parsed body, each a dict of FIELDS; [] when it
    holds none."""
    if isinstance(data, dict) and isinstance(data.get("csp-report"), dict):
        bodies = [data["csp-report"]]
    elif isinstance(data, list):
        bodies = [
            item["body"]
            for item in data[:MAX_REPORTS]
            if isinstance(item, dict)
            and item.get("type") == "csp-violation"
            and isinstance(item.get("body"), dict)
        ]
    else:
        return []
    return [_violation(body) for body in bodies]


def _violation(body: dict) -> dict[str, str]:
    violation = {}
    for name, keys in FIELDS.items():
        value = next((body[key] for key in keys if key in body), "")
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            value = ""
        value = str(value)[:300]
        if name in ("document", "blocked", "source"):
            value = _without_query(value)
        violation[name] = value
    return violation


def _without_query(value: str) -> str:
    if "://" not in value:
        return value  # "inline", "eval", "self" …
    try:
        parts = urlsplit(value)
    except ValueError:
        return ""
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


@csrf_exempt  # browsers post reports without a token
@never_cache
@require_POST
def csp_report(request: HttpRequest) -> HttpResponse:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return HttpResponse(status=400)
    if length > MAX_BODY:
        return HttpResponse(status=413)
    if _count(f"csp-report:{client_ip(request)}", 60) > PER_MINUTE:
        return HttpResponse(status=429)
    body = request.read(MAX_BODY + 1)
    if len(body) > MAX_BODY:
        return HttpResponse(status=413)
    try:
        violations = csp_reports_parse(json.loads(body))
    except (ValueError, RecursionError):
        violations = []
    if not violations:
        return HttpResponse(status=400)
    for violation in violations:
        logger.warning(
            "CSP violation: %(directive)s blocked %(blocked)s on %(document)s "
            "(%(source)s:%(line)s, %(disposition)s)",
            violation,
        )
    return HttpResponse(status=204)
