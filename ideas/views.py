"""Thin views: parse the request, call a selector or service, render."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import (
    Http404,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _

from portal.page_cache import page_cache_tag

from . import rules, selectors
from .apps import idea_cache_tags
from .forms import (
    CommentForm,
    IdeaForm,
    PledgeForm,
    ReportForm,
)
from .models import Idea
from .page_context import (
    board_url,
    detail_url,
    idea_board_context,
    idea_detail_context,
)
from .services import lifecycle, moderation, supports
from .services.base import IdeaError


def _board_url(page) -> str:
    return board_url(page)


def _detail_url(page, idea) -> str:
    return detail_url(page, idea)


def _idea_or_404(request, reference: str) -> Idea:
    idea = selectors.idea_for_detail(reference=reference)
    if idea is None or not rules.can_view_idea(request.user, idea):
        raise Http404
    return idea


def _object_id(value: str) -> int | None:
    """A primary key from a parameter, or None. ASCII digits only (`²` and
    other Unicode digits pass `str.isdigit()` and then fail in `int()`), and
    within a 64-bit key (larger numbers overflow the database's integer)."""
    if not (value.isascii() and value.isdigit()):
        return None
    number = int(value)
    return number if 0 < number < 2**63 else None


def _need_login(request):
    return redirect_to_login(request.get_full_path())


# Board -----------------------------------------------------------------------


def board(request, page):
    page_cache_tag(request, "listing:ideas")
    return TemplateResponse(
        request, "ideas/idea_board_page.html", idea_board_context(request, page)
    )


# Submitting ------------------------------------------------------------------


def idea_submit(request, page):
    if not request.user.is_authenticated:
        return _need_login(request)
    if not rules.can_submit(request.user):
        return TemplateResponse(
            request,
            "ideas/verification_needed.html",
            {"page": page, "board_url": _board_url(page)},
            status=403,
        )
    if request.method == "POST":
        form = IdeaForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                idea = lifecycle.idea_submit(
                    author=request.user,
                    title=data["title"],
                    description=data["description"],
                    category=data["category"],
                    quarter=data["quarter"],
                    latitude=data.get("latitude"),
                    longitude=data.get("longitude"),
                    photo=form.photo_bytes,
                    photo_description=data.get("photo_description", ""),
                    author_can_help=data.get("author_can_help", False),
                    language=translation.get_language() or "de",
                )
            except IdeaError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _(
                        "Thank you! Your idea %(reference)s was received. We check "
                        "it and publish it within a few days; you will get an e-mail."
                    )
                    % {"reference": idea.reference},
                )
                return redirect(_detail_url(page, idea))
    else:
        form = IdeaForm()
    return TemplateResponse(
        request,
        "ideas/idea_form.html",
        {"page": page, "form": form, "board_url": _board_url(page)},
    )


# One idea --------------------------------------------------------------------


def idea_detail(request, page, reference):
    idea = _idea_or_404(request, reference)
    page_cache_tag(request, *idea_cache_tags(idea.pk))
    return TemplateResponse(
        request, "ideas/idea_detail.html", idea_detail_context(request, page, idea)
    )


def _post_action(request, page, reference):
    """Common start of the POST-only actions: method, login, visibility."""
    if request.method != "POST":
        return None, HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        idea_url = page.url + page.reverse_subpage("idea_detail", args=[reference])
        return None, redirect_to_login(idea_url)
    return _idea_or_404(request, reference), None


def idea_support(request, page, reference):
    """Support or withdraw, answered without rendering the idea: 303 to the
    idea's page (which the write purged from the page cache), or for the
    page's script a small JSON with the exact count."""
    idea, response = _post_action(request, page, reference)
    if response is not None:
        return response
    wants_json = "application/json" in request.headers.get("Accept", "")
    level, supported = messages.SUCCESS, True
    try:
        if request.POST.get("action") == "withdraw":
            supported = False
            text = ""
            if supports.idea_unsupport(idea=idea, user=request.user):
                text = _("Your support was withdrawn.")
        elif supports.idea_support(idea=idea, user=request.user):
            text = _("Thank you for your support!")
        else:
            level, text = messages.INFO, _("You already support this idea.")
    except IdeaError as error:
        if wants_json:
            return JsonResponse({"error": str(error)}, status=403)
        level, text = messages.ERROR, str(error)
    if wants_json:
        return JsonResponse(
            {
                "supported": supported,
                "count": selectors.idea_support_count(idea=idea),
                "message": text,
            }
        )
    if text:
        messages.add_message(request, level, text)
    return HttpResponseRedirect(_detail_url(page, idea) + "#support", status=303)


def idea_comment(request, page, reference):
    idea, response = _post_action(request, page, reference)
    if response is not None:
        return response
    form = CommentForm(request.POST, idea=idea)
    if form.is_valid():
        try:
            comment = moderation.comment_create(
                idea=idea,
                author=request.user,
                text=form.cleaned_data["text"],
                parent=form.cleaned_data.get("parent"),
            )
        except IdeaError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your comment was published."))
            return redirect(_detail_url(page, idea) + f"#comment-{comment.pk}")
    return TemplateResponse(
        request,
        "ideas/idea_detail.html",
        idea_detail_context(request, page, idea, comment_form=form),
        status=400,
    )


def idea_report(request, page, reference):
    if not request.user.is_authenticated:
        return _need_login(request)
    idea = _idea_or_404(request, reference)
    comment = None
    raw_comment = request.POST.get("comment") or request.GET.get("comment")
    if raw_comment:
        comment_pk = _object_id(raw_comment)
        comment = (
            selectors.idea_comment_of(idea=idea, comment_id=comment_pk)
            if comment_pk
            else None
        )
        if comment is None:
            raise Http404
    if request.method == "POST":
        form = ReportForm(request.POST)
        if form.is_valid():
            try:
                moderation.report_create(
                    user=request.user,
                    idea=idea,
                    comment=comment,
                    reason=form.cleaned_data["reason"],
                    note=form.cleaned_data["note"],
                )
            except IdeaError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request, _("Thank you. A moderator will look at your report.")
                )
                return redirect(_detail_url(page, idea))
    else:
        form = ReportForm(initial={"comment": comment.pk if comment else None})
    already = selectors.idea_reported_by(idea=idea, user=request.user, comment=comment)
    return TemplateResponse(
        request,
        "ideas/report_form.html",
        {
            "page": page,
            "idea": idea,
            "comment": comment,
            "form": form,
            "already_reported": already,
            "allowed": rules.can_report(request.user, idea, comment),
            "detail_url": _detail_url(page, idea),
            "board_url": _board_url(page),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def idea_pledge(request, page, reference):
    idea, response = _post_action(request, page, reference)
    if response is not None:
        return response
    if request.POST.get("action") == "withdraw":
        if supports.pledge_withdraw(idea=idea, user=request.user):
            messages.success(request, _("Your offer of help was withdrawn."))
        return redirect(_detail_url(page, idea) + "#help")
    form = PledgeForm(request.POST)
    if form.is_valid():
        try:
            supports.pledge_create(
                idea=idea,
                user=request.user,
                message=form.cleaned_data["message"],
                share_email=form.cleaned_data["share_email"],
            )
        except IdeaError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Thank you for offering your help!"))
            return redirect(_detail_url(page, idea) + "#help")
    return TemplateResponse(
        request,
        "ideas/idea_detail.html",
        idea_detail_context(request, page, idea, pledge_form=form),
        status=400,
    )
