from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .absolute import absolute_url
from .selectors import pages_search

SEARCH_RESULTS_PER_PAGE = 10
# Longer queries add nothing a person would type; they are cut, not refused.
SEARCH_QUERY_MAX_LENGTH = 200


@require_GET
def search(request):
    query = " ".join(request.GET.get("q", "").split())[:SEARCH_QUERY_MAX_LENGTH]
    results = pages_search(query=query) if query else []
    page = Paginator(results, SEARCH_RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/search.html",
        {"query": query, "results": page, "paginator": page.paginator},
    )


@never_cache
@require_GET
def healthz(request):
    """For load balancers and monitoring: 200 when the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_GET
def robots_txt(request):
    return render(
        request,
        "portal/robots.txt",
        {"sitemap_url": absolute_url(reverse("sitemap"))},
        content_type="text/plain",
    )
