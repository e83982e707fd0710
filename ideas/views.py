"""Thin views: parse the request, call a selector or service, render."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import rules, selectors
from .choices import PUBLIC_STATUSES, BoardSort, IdeaStatus
from .forms import (
    BoardFilterForm,
    CommentForm,
    IdeaForm,
    PledgeForm,
    ReportForm,
)
from .models import Comment, Idea, Pledge, Report, Support
from .services import lifecycle, moderation, supports
from .services.base import IdeaError


def _board_url(page) -> str:
    return page.url


def _detail_url(page, idea) -> str:
    return page.url + page.reverse_subpage("idea_detail", args=[idea.reference])


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
    form = BoardFilterForm(request.GET or None)
    filters = form.filters()
    keys = form.keys()
    ideas = selectors.ideas_for_board(
        sort=filters["sort"],
        category=keys["category"],
        quarter=keys["quarter"],
        status=filters.get("status", ""),
        query=filters.get("q", ""),
    )
    page_obj = Paginator(ideas, selectors.BOARD_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return TemplateResponse(
        request,
        "ideas/idea_board_page.html",
        {
            "page": page,
            "self": page,
            "form": form,
            "filters": filters,
            "sorts": BoardSort.choices,
            "page_obj": page_obj,
            "ideas": selectors.ideas_labelled(
                page_obj.object_list, vocabularies=form.vocabularies
            ),
            "board_url": _board_url(page),
            "map_points": selectors.ideas_map_points(ideas=ideas),
            "median_response_days": selectors.ideas_median_response_days(),
            "can_submit": rules.can_submit(request.user),
            "filtered": any(
                filters.get(k) for k in ("q", "category", "quarter", "status")
            ),
        },
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


def _detail_context(request, page, idea, **extra) -> dict:
    user = request.user
    moderator = rules.can_moderate(user)
    context = {
        "page": page,
        "idea": idea,
        "board_url": _board_url(page),
        "detail_url": _detail_url(page, idea),
        "timeline": selectors.idea_timeline(idea=idea),
        "comments": selectors.idea_comments(idea=idea, include_hidden=moderator),
        "can_support": rules.can_support(user, idea),
        "can_comment": rules.can_comment(user, idea),
        "can_report": rules.can_report(user, idea),
        "can_pledge": rules.can_pledge(user, idea),
        "is_verified": rules.is_verified(user),
        "is_moderator": moderator,
        "is_public": idea.status in PUBLIC_STATUSES,
        "supports_open": idea.status in (IdeaStatus.PUBLISHED, IdeaStatus.IN_REVIEW),
        "overdue": bool(
            idea.response_due_at
            and not idea.responded_at
            and idea.response_due_at < timezone.localdate()
        ),
        "comment_form": CommentForm(idea=idea),
        "map_points": [
            {
                "ref": idea.reference,
                "title": idea.title,
                "status": idea.get_status_display(),
                "lat": float(idea.latitude),
                "lng": float(idea.longitude),
            }
        ]
        if idea.has_point
        else [],
        "pledge_form": PledgeForm(),
    }
    if user.is_authenticated:
        context["has_supported"] = Support.objects.filter(idea=idea, user=user).exists()
        context["own_pledge"] = Pledge.objects.filter(idea=idea, user=user).first()
    if rules.can_see_pledgers(user, idea):
        from .tasks import recipient_address

        context["pledges"] = [
            {
                "pledge": pledge,
                "email": recipient_address(pledge.user) if pledge.share_email else "",
            }
            for pledge in idea.pledges.select_related("user")
        ]
    if moderator:
        context["admin_url"] = _admin_url(idea)
    context.update(extra)
    return context


def _admin_url(idea) -> str:
    from django.urls import reverse

    return reverse("wagtailsnippets_ideas_idea:edit", args=[idea.pk])


def idea_detail(request, page, reference):
    idea = _idea_or_404(request, reference)
    return TemplateResponse(
        request, "ideas/idea_detail.html", _detail_context(request, page, idea)
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
    idea, response = _post_action(request, page, reference)
    if response is not None:
        return response
    try:
        if request.POST.get("action") == "withdraw":
            if supports.idea_unsupport(idea=idea, user=request.user):
                messages.success(request, _("Your support was withdrawn."))
        elif supports.idea_support(idea=idea, user=request.user):
            messages.success(request, _("Thank you for your support!"))
        else:
            messages.info(request, _("You already support this idea."))
    except IdeaError as error:
        messages.error(request, str(error))
    return redirect(_detail_url(page, idea) + "#support")


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
        _detail_context(request, page, idea, comment_form=form),
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
            Comment.objects.filter(pk=comment_pk, idea=idea).first()
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
    already = Report.objects.filter(
        reporter=request.user, idea=idea, comment=comment
    ).exists()
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
        _detail_context(request, page, idea, pledge_form=form),
        status=400,
    )
