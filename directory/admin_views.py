"""Admin views of the directory: invite a firm user, end a vacancy."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import rules, services
from .forms import FirmInviteForm
from .models import CompanyPage, VacancyPage
from .selectors.firms import firm_users


@require_http_methods(["GET", "POST"])
def firm_invite(request, page_id: int):
    company = get_object_or_404(CompanyPage, pk=page_id)
    if not rules.can_manage_firm_access(request.user):
        raise PermissionDenied
    form = FirmInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        invitation = services.firm_user_invite(
            company=company,
            invited_by=request.user,
            **form.cleaned_data,
        )
        messages.success(
            request,
            _("%(email)s was invited to keep the profile of %(company)s.")
            % {"email": invitation.user.email, "company": company.title},
        )
        return redirect("wagtailadmin_pages:edit", company.pk)
    return TemplateResponse(
        request,
        "directory/admin/firm_invite.html",
        {
            "company": company,
            "form": form,
            "firm_users": firm_users(company=company),
        },
    )


@require_http_methods(["GET", "POST"])
def vacancy_end(request, page_id: int):
    vacancy = get_object_or_404(VacancyPage, pk=page_id)
    if not rules.can_end_vacancy(request.user, vacancy):
        raise PermissionDenied
    if request.method == "POST":
        services.vacancy_end(vacancy=vacancy, user=request.user)
        messages.success(
            request, _("“%(title)s” is no longer online.") % {"title": vacancy.title}
        )
        return redirect("wagtailadmin_explore", vacancy.get_parent().pk)
    return TemplateResponse(
        request,
        "directory/admin/vacancy_end.html",
        {
            "vacancy": vacancy,
            "action_url": reverse("directory_vacancy_end", args=[vacancy.pk]),
        },
    )
