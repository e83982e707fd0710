from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail.models import Locale

from .search import search_suggestion, search_vocabulary, site_search
from .selectors import search_terms

SEARCH_RESULTS_PER_PAGE = 10
# Longer queries add nothing a person would type; they are cut, not refused.
SEARCH_QUERY_MAX_LENGTH = 200


@require_GET
def search(request):
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
    return render(request, "portal/robots.txt", content_type="text/plain")
