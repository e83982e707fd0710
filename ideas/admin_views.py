"""Admin views beside the viewsets: lifecycle steps, official responses,
hiding and restoring, participation code sheets."""

from django.conf import settings
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.admin import messages

from portal import absolute
from portal.qr import qr_svg
from residents import services as resident_services
from residents.forms import CodeBatchForm
from residents.models import ParticipationCodeBatch
from residents.services import AccountError

from . import rules
from .forms import HideForm, ResponseForm, TransitionForm
from .models import Comment, Idea
from .selectors import board_page
from .services import lifecycle, moderation
from .services.base import IdeaError


def _require(check, user) -> None:
    if not check(user):
        raise PermissionDenied


def _list_url() -> str:
    return reverse("wagtailsnippets_ideas_idea:list")


def _render(request, template, **context):
    return TemplateResponse(
        request,
        template,
        context,
        status=400
        if context.get("form") is not None and context["form"].errors
        else 200,
    )


def idea_status(request, pk: int):
    _require(rules.can_moderate, request.user)
    idea = get_object_or_404(Idea, pk=pk)
    form = TransitionForm(request.POST or None, idea=idea)
    if request.method == "POST" and form.is_valid():
        try:
            lifecycle.idea_transition(
                idea=idea,
                actor=request.user,
                to_status=form.cleaned_data["to_status"],
                public_note=form.cleaned_data["public_note"],
                internal_note=form.cleaned_data["internal_note"],
                completion_photo=form.cleaned_data.get("completion_photo"),
            )
        except IdeaError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Status of “%(idea)s” changed.") % {"idea": idea}
            )
            return redirect(_list_url())
    return _render(
        request,
        "ideas/admin/status.html",
        idea=idea,
        form=form,
        events=idea.events.select_related("actor"),
        title=_("Change status"),
    )


def idea_respond(request, pk: int):
    _require(rules.can_respond, request.user)
    idea = get_object_or_404(Idea, pk=pk)
    form = ResponseForm(request.POST or None, initial={"response": idea.response})
    if request.method == "POST" and form.is_valid():
        try:
            lifecycle.idea_respond(
                idea=idea, actor=request.user, text=form.cleaned_data["response"]
            )
        except IdeaError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Official response saved and sent."))
            return redirect(_list_url())
    return _render(
        request,
        "ideas/admin/form.html",
        idea=idea,
        form=form,
        title=_("Official response"),
        subtitle=str(idea),
    )


def _hide(request, *, idea=None, comment=None, back: str):
    _require(rules.can_moderate, request.user)
    target = comment or idea
    form = HideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            moderation.content_set_hidden(
                actor=request.user,
                hidden=not target.is_hidden,
                reason=form.cleaned_data["reason"],
                idea=idea,
                comment=comment,
            )
        except IdeaError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Hidden.") if target.is_hidden else _("Restored.")
            )
            return redirect(back)
    return _render(
        request,
        "ideas/admin/form.html",
        form=form,
        title=_("Restore") if target.is_hidden else _("Hide"),
        subtitle=str(target),
        target=target,
    )


def idea_hide(request, pk: int):
    idea = get_object_or_404(Idea, pk=pk)
    return _hide(request, idea=idea, back=_list_url())


def comment_hide(request, pk: int):
    comment = get_object_or_404(Comment, pk=pk)
    return _hide(
        request, comment=comment, back=reverse("wagtailsnippets_ideas_comment:list")
    )


@permission_required("residents.add_participationcodebatch", raise_exception=True)
def code_batch_create(request):
    form = CodeBatchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = resident_services.participation_codes_create(
                label=form.cleaned_data["label"],
                count=form.cleaned_data["count"],
                actor=request.user,
            )
        except AccountError as error:
            form.add_error(None, str(error))
        else:
            return redirect("ideas_admin:code_sheet", pk=batch.pk)
    return _render(
        request,
        "ideas/admin/form.html",
        form=form,
        title=_("New sheet of participation codes"),
    )


@permission_required("residents.view_participationcodebatch", raise_exception=True)
def code_sheet(request, pk: int):
    """The printable slips of a batch, in any of the portal's languages
    (`?lang=`), each with a QR code to the redeem page in that language."""
    batch = get_object_or_404(ParticipationCodeBatch, pk=pk)

    languages = dict(settings.LANGUAGES)
    language = request.GET.get("lang", "")
    if language not in languages:
        language = translation.get_language() or settings.LANGUAGE_CODE
        language = language if language in languages else settings.LANGUAGE_CODE
    with translation.override(language):
        board = board_page()
        redeem_url = absolute.absolute_url(reverse("residents:code_redeem"))
        sheet_url = reverse("ideas_admin:code_sheet", args=[batch.pk])
        response = TemplateResponse(
            request,
            "ideas/admin/code_sheet.html",
            {
                "batch": batch,
                "codes": batch.codes.all(),
                "redeem_url": redeem_url,
                "redeem_qr": qr_svg(redeem_url, title=redeem_url),
                "board_url": absolute.page_url(board, request) if board else "",
                "sheet_language": language,
                "sheet_bidi": language in settings.LANGUAGES_BIDI,
                "sheet_languages": [
                    (code, name, f"{sheet_url}?lang={code}")
                    for code, name in settings.LANGUAGES
                ],
            },
        )
        # Rendered inside the override, so the slips speak the chosen language.
        response.render()
    return response
