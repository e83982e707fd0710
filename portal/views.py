from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail.models import Locale

from .absolute import absolute_url
from .health import health_report
from .page_cache import page_cache_tag
from .search import search_suggestion, search_vocabulary, site_search
from .selectors import search_terms

SEARCH_RESULTS_PER_PAGE = 10
# Longer queries add nothing a person would type; they are cut, not refused.
SEARCH_QUERY_MAX_LENGTH = 200


@require_GET
def search(request):
    # Any publish or idea change may change the results.
    page_cache_tag(request, "search")
    query = " ".join(request.GET.get("q", "").split())[:SEARCH_QUERY_MAX_LENGTH]
    terms = search_terms(query)
    locale = Locale.get_active()
    results = (
        site_search(query=" ".join(terms), terms=terms, locale=locale) if terms else []
    )
    page = Paginator(results, SEARCH_RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    suggestion = None
    if terms and len(results) < SEARCH_RESULTS_PER_PAGE // 2:
        suggestion = search_suggestion(
            terms=terms, vocabulary=search_vocabulary(locale=locale)
        )
    return render(
        request,
        "portal/search.html",
        {
            "query": query,
            "results": page,
            "paginator": page.paginator,
            "suggestion": suggestion,
        },
    )


@never_cache
@require_GET
def healthz(request):
    """Readiness, for load balancers and monitoring: 200 while the database,
    the cache and the media storage answer, else 503 naming what is down."""
    report = health_report()
    healthy = all(state == "ok" for state in report.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **report},
        status=200 if healthy else 503,
    )


@never_cache
@require_GET
def healthz_live(request):
    """Liveness: the process answers (a restart will not mend a down Redis)."""
    return JsonResponse({"status": "ok"})


@require_GET
def robots_txt(request):
    return render(
        request,
        "portal/robots.txt",
        {"sitemap_url": absolute_url(reverse("sitemap"))},
        content_type="text/plain",
    )
