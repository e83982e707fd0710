"""HTTP hardening that Django does not ship: the Content-Security-Policy per
part of the site (public pages, Wagtail admin), the Permissions-Policy header,
a login limiter for the Wagtail admin and its password reset mail sent in the
background.

The public site has no inline script and no inline style, so its policy
allows scripts and styles from the portal's own origin only.

The Wagtail admin (8.0) still writes inline scripts without nonces (date and
time widgets, inline panels, every chooser widget) and inline styles. Its
policy, `PORTAL_ADMIN_CSP`, allows no `'unsafe-inline'` for scripts: under
/admin/ this middleware puts the request's nonce on every `<script>` start tag
of an HTML response that has none (also those in a `<template>`, which
Wagtail copies with the nonce when it adds an inline form), and the policy
allows scripts with that nonce plus, through `'strict-dynamic'`, the scripts
these create (jQuery runs the scripts in the HTML of a modal).

The trade-off: a nonce added after rendering blesses every `<script>` element
in the response, also one that someone managed to inject, so against injected
`<script>` elements the admin still relies on Django's autoescaping, as
before. What the policy blocks now, and `'unsafe-inline'` allowed, are inline
event handlers (`onerror=` …) and `javascript:` URLs, the usual way injected
markup runs code when `<script>` elements are filtered out. JSON answers (a
modal's HTML) get no nonce. Inline styles stay allowed in the admin; the
policy is about scripts. Nothing comes from other hosts.
"""

from __future__ import annotations

import contextlib
import re
from urllib.parse import urlsplit

from allauth.account.models import EmailAddress
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import cache
from django.db.models import Q
from django.forms.utils import ErrorDict
from django.http import HttpRequest, HttpResponseBase
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import PasswordResetForm
from wagtail.admin.views.account import LoginView
from wagtail.models import Site

from .clientip import client_ip
from .mail import MailContent, mail_enqueue, mail_maker
from .models import MapSettings
from .page_cache import ALL, tag_fingerprint

ADMIN_PREFIX = "/admin/"


def tile_source(tile_url: str) -> str | None:
    """The CSP source expression for a tile URL template such as
    `https://{s}.tile.example.org/{z}/{x}/{y}.png`, or None when the template
    names no http(s) host (nothing to allow then)."""
    parts = urlsplit(tile_url.replace("{s}", "__sub__"))
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.replace("__sub__", "*")
    if "{" in host or "}" in host:
        return None
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}"


# An HTML comment (left alone: a `<script` in it starts no element), or a
# script element: its start tag, whose attribute values may contain `>`, and
# its content up to `</script`, which is script text and never markup.
_COMMENT_OR_SCRIPT = re.compile(
    rb"""<!--.*?(?:-->|\Z)
    | (?P<open><script) (?P<attrs>(?=[\s/>]) (?:[^>"']|"[^"]*"|'[^']*')*) >
      .*? (?:</script|\Z)""",
    re.IGNORECASE | re.DOTALL | re.VERBOSE,
)
_ATTRIBUTE_NAME = re.compile(
    rb"""([^\s"'>/=]+) (?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?""",
    re.VERBOSE,
)


def script_nonces_add(html: bytes, nonce: str) -> bytes:
    """`html` with `nonce="<nonce>"` on every `<script>` start tag that has no
    nonce attribute yet, inline and external scripts alike."""
    attribute = b' nonce="' + nonce.encode("ascii") + b'"'

    def add(match: re.Match[bytes]) -> bytes:
        if match["open"] is None:
            return match[0]
        names = {name.lower() for name in _ATTRIBUTE_NAME.findall(match["attrs"])}
        if b"nonce" in names:
            return match[0]
        return match["open"] + attribute + match[0][len(match["open"]) :]

    return _COMMENT_OR_SCRIPT.sub(add, html)


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp with two policies: `CONTENT_SECURITY_POLICY` for the site and
    `PORTAL_ADMIN_CSP` under /admin/. Public HTML pages also allow images from
    the map tile host the editors configured (MapSettings), which the browser
    only contacts after the visitor agreed to see a map. Admin HTML pages get
    the request's nonce on their script elements (see the module docstring)."""

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if request.path_info.startswith(ADMIN_PREFIX) and _is_plain_html(response):
            # Reading request.csp_nonce before the header is built is what
            # puts the nonce into the header (django-csp builds it below).
            html = script_nonces_add(response.content, str(request.csp_nonce))
            response.content = html
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(html))
        # The endpoint the policies' `report-to csp` names.
        response.headers.setdefault(
            "Reporting-Endpoints", f'csp="{settings.CSP_REPORT_PATH}"'
        )
        return super().process_response(request, response)

    def get_policy_parts(
        self,
        request: HttpRequest,
        response: HttpResponseBase,
        report_only: bool = False,
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        if request.path_info.startswith(ADMIN_PREFIX):
            if parts.config is None:
                parts.config = settings.PORTAL_ADMIN_CSP["DIRECTIVES"]
            return parts
        if response.get("Content-Type", "").startswith("text/html"):
            source = self._tile_source(request)
            if source:
                update = dict(parts.update or {})
                update["img-src"] = [*update.get("img-src", []), source]
                parts.update = update
        return parts

    @staticmethod
    def _tile_source(request: HttpRequest) -> str | None:
        try:
            site = Site.find_for_request(request)
            if site is None:
                return None
            # From the cache until a setting is saved (which purges `all`):
            # one query less on every page.
            key = f"csp:tiles:{site.pk}:{tag_fingerprint([ALL])}"
            source = cache.get(key)
            if source is None:
                source = tile_source(MapSettings.for_site(site).tile_url) or ""
                cache.set(key, source, timeout=24 * 3600)
        except Exception:  # no site for this host, or no table yet
            return None
        return source or None


def _is_plain_html(response: HttpResponseBase) -> bool:
    """An HTML response whose whole body is at hand and not compressed."""
    return (
        not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and not response.has_header("Content-Encoding")
    )


class PermissionsPolicyMiddleware:
    """Sets `Permissions-Policy` from `PERMISSIONS_POLICY` (a dict of feature
    to allow list; an empty list switches the feature off)."""

    def __init__(self, get_response):
        self.get_response = get_response
        policy = getattr(settings, "PERMISSIONS_POLICY", {})
        self.header = ", ".join(
            f"{feature}=({' '.join(allow)})" for feature, allow in policy.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


# Admin login limiter --------------------------------------------------------

LOCKED_MESSAGE = _(
    "Too many failed login attempts. Please wait a few minutes and try again."
)


def _account_ids(login: str) -> list[int]:
    """The accounts a login name may authenticate as: Django's ModelBackend
    takes the user name, allauth's backend also any of the person's e-mail
    addresses, so every one of them must land on the same counter."""
    login = login.strip()
    if not login:
        return []
    User = get_user_model()
    by_address = EmailAddress.objects.filter(email__iexact=login).values("user_id")
    return sorted(
        User.objects.filter(
            Q(username__iexact=login) | Q(email__iexact=login) | Q(pk__in=by_address)
        ).values_list("pk", flat=True)
    )


def _counters(request: HttpRequest, login: str) -> list[tuple[str, int]]:
    limits = settings.PORTAL_ADMIN_LOGIN_LIMITS
    # Behind nginx REMOTE_ADDR is nginx's own address: count the client's, as
    # the trusted proxies forwarded it (TRUSTED_PROXY_COUNT, like allauth).
    counters = [(f"admin-login:ip:{client_ip(request)}", limits["per_ip"])]
    accounts = _account_ids(login)
    if accounts:
        counters += [(f"admin-login:user:{pk}", limits["per_user"]) for pk in accounts]
    else:
        # No such account: count the name itself, so that a lock-out reads
        # the same for unknown names and tells nothing about them.
        name = login.strip().casefold()[:150]
        counters.append((f"admin-login:name:{name}", limits["per_user"]))
    return counters


def _count(key: str, timeout: int) -> int:
    """Adds one to the counter `key` in the shared cache and returns the new
    value, atomically: `add` creates the counter only if it is missing, and
    `incr` is Redis's INCR (locmem's under its lock). Never read-then-write,
    so concurrent attempts in several processes each get their own number."""
    for _retry in range(3):
        if cache.add(key, 1, timeout):
            return 1
        try:
            value = cache.incr(key)
        except ValueError:  # expired between add and incr: start again
            continue
        if value == 1:
            # Django's Redis incr checks that the key exists, then INCRs; a
            # key that expired in between comes back without a timeout.
            cache.touch(key, timeout)
        return value
    return 1


def rate_count(key: str, *, timeout: int) -> int:
    """Count one more attempt under `key` in the shared cache (atomic, see
    `_count`) and return the count within the window; for any app's limit
    per client address or per e-mail address."""
    return _count(key, timeout)


class AdminLoginAttempt:
    """One login attempt, counted before the password is tried: an attempt
    is only let through when its number is within every limit, so however
    many arrive at once, at most the limit of them reach the password check.
    A successful login gives its count back."""

    def __init__(self, *, request: HttpRequest, login: str) -> None:
        timeout = settings.PORTAL_ADMIN_LOGIN_LIMITS["window_seconds"]
        self.keys = []
        self.locked = False
        for key, limit in _counters(request, login):
            self.keys.append(key)
            if _count(key, timeout) > limit:
                self.locked = True

    def succeeded(self) -> None:
        for key in self.keys:
            with contextlib.suppress(ValueError):  # the window ended meanwhile
                if cache.decr(key) < 0:
                    # Expired between Django's exists check and Redis's DECR,
                    # which then made a new key, without a timeout.
                    cache.delete(key)


def admin_login_attempt(*, request: HttpRequest, login: str) -> AdminLoginAttempt:
    """Counts an admin login attempt for the client address and for every
    account `login` names (user name or any e-mail address), or for the name
    itself when there is no such account."""
    return AdminLoginAttempt(request=request, login=login)


class RateLimitedLoginView(LoginView):
    """Wagtail's admin login, refusing further attempts for a while after
    too many from one address or for one account, whichever name or address
    identifies it."""

    def post(self, request, *args, **kwargs):
        self.attempt = admin_login_attempt(
            request=request, login=request.POST.get("username", "")
        )
        if self.attempt.locked:
            form = self.get_form()
            # Not validated: validating would try the password.
            form._errors = ErrorDict({"__all__": form.error_class([LOCKED_MESSAGE])})
            response = self.render_to_response(self.get_context_data(form=form))
            response.status_code = 429
            return response
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        self.attempt.succeeded()
        return super().form_valid(form)


class AdminPasswordResetForm(PasswordResetForm):
    """Wagtail's admin password reset, its mail handed to django-tasks: sent
    within the request, the mail server's delay made the answer for an
    address with an account measurably slower than for one without."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        # The reset link's id and token are made by the worker
        # (`password_reset_mail`): the queue holds no link that opens an account.
        mail_enqueue(
            renderer="django",
            templates={
                "subject": subject_template_name,
                "body": email_template_name,
                "html": html_email_template_name or "",
            },
            to=[to_email],
            context={k: v for k, v in context.items() if k not in ("uid", "token")},
            from_email=from_email or "",
            maker=PASSWORD_RESET_MAKER,
        )


PASSWORD_RESET_MAKER = "portal.password_reset"  # noqa: S105 - a name, no secret


@mail_maker(PASSWORD_RESET_MAKER)
def password_reset_mail(context: dict) -> MailContent | None:
    user = context.get("user")
    if user is None or not user.is_active:
        return None
    return MailContent(
        {
            **context,
            "uid": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        }
    )
