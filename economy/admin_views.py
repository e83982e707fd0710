"""The economy's views in the Wagtail admin: the network's figures and
"mark as let" for a unit (registered in `wagtail_hooks`)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.admin.auth import permission_denied

from . import charts, rules, selectors, services
from .models import PremisesPage


def figures(request):
    if not rules.can_see_figures(request.user):
        return permission_denied(request)
    return TemplateResponse(
        request,
        "economy/admin/figures.html",
        {"charts": charts.figure_charts(selectors.network_figures())},
    )


def premises_let(request, page_id: int):
    page = get_object_or_404(PremisesPage, pk=page_id)
    if not rules.can_mark_let(request.user, page):
        raise PermissionDenied
    if request.method == "POST":
        services.premises_mark_let(premises=page, user=request.user)
        messages.success(
            request,
            _("“%(title)s” is marked as let and left the site.")
            % {"title": page.title},
        )
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return TemplateResponse(request, "economy/admin/premises_let.html", {"page": page})
