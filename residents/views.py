"""The residents' account pages beside allauth's: profile, data download,
account deletion, participation-code redemption."""

import json

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portal.privacy import personal_data_export

from . import rules, selectors, services
from .forms import AccountDeleteForm, CodeRedeemForm
from .profile import profile_sections_render
from .services import AccountError


@login_required
def profile(request):
    user = request.user
    context = {
        "sections": profile_sections_render(request=request),
        "is_verified": rules.is_verified(user),
        "is_staff_member": rules.is_staff_member(user),
        "has_code": selectors.participation_code_redeemed(user=user),
    }
    return TemplateResponse(request, "account/profile.html", context)


@login_required
def account_data(request):
    data = personal_data_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="quartiersportal-daten-{stamp}.json"'
    )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request):
    form = AccountDeleteForm(request.POST if request.method == "POST" else None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.account_delete(user=request.user)
        except AccountError as refused:
            # Refused (a staff account): still logged in, nothing changed.
            error = str(refused)
        else:
            # The service deleted the account and all of its sessions; this
            # clears what is left of this one and gives the browser a new key.
            logout(request)
            messages.success(request, _("Your account was deleted. Goodbye!"))
            return redirect("/" if translation.get_language() == "de" else "/en/")
    return TemplateResponse(
        request,
        "account/delete.html",
        {"form": form, "error": error},
        status=400 if form.errors or error else 200,
    )


@require_http_methods(["GET", "POST"])
def code_redeem(request):
    if request.user.is_authenticated:
        return redirect("residents:profile")
    form = CodeRedeemForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.participation_code_redeem(
                code=data["code"],
                username=data["username"],
                display_name=data["display_name"],
                password=data["password1"],
            )
        except AccountError as error:
            form.add_error(None, str(error))
        else:
            login(request, user, backend="portal.auth_backends.PortalModelBackend")
            messages.success(
                request,
                _("Welcome! Your account is ready and you can take part right away."),
            )
            return redirect("residents:profile")
    return TemplateResponse(
        request,
        "account/code_redeem.html",
        {"form": form},
        status=400 if form.errors else 200,
    )
