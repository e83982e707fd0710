"""The client's address, as the login limits and rate limits count it.

Behind nginx (or a load balancer) every request comes from the proxy's
address; the client's is the entry the last trusted proxy appended to
X-Forwarded-For. `TRUSTED_PROXY_COUNT` says how many proxies stand in front;
entries before theirs were written by the client and are never believed.
allauth reads the same setting (`ALLAUTH_TRUSTED_PROXY_COUNT`).
"""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = request.headers.get("x-forwarded-for", "")
    if count <= 0 or not forwarded:
        return remote
    hops = [hop.strip() for hop in forwarded.split(",")]
    if len(hops) < count:
        # Fewer hops than proxies: the request did not pass all of them.
        return remote
    return hops[-count] or remote
