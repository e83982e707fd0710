"""Template contexts of the idea board's pages (the board and one idea) and
the home page's ideas teaser, built from the request with the selectors and
rules; no queries of their own."""

from django.core.paginator import Paginator
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale

from . import rules, selectors
from .choices import PUBLIC_STATUSES, BoardSort, IdeaStatus
from .forms import BoardFilterForm, CommentForm, PledgeForm
from .models import Idea


def board_url(page) -> str:
    return page.url


def detail_url(page, idea: Idea) -> str:
    return page.url + page.reverse_subpage("idea_detail", args=[idea.reference])


def idea_board_context(request, page) -> dict:
    """The board: the visitor's filters, a page of ideas, the map points."""
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
    return {
        "page": page,
        "self": page,
        "form": form,
        "filters": filters,
        "sorts": BoardSort.choices,
        "page_obj": page_obj,
        "ideas": selectors.ideas_labelled(
            page_obj.object_list, vocabularies=form.vocabularies
        ),
        "board_url": board_url(page),
        "map_points": selectors.ideas_map_points(ideas=ideas),
        "median_response_days": selectors.ideas_median_response_days(),
        "can_submit": rules.can_submit(request.user),
        "filtered": any(filters.get(k) for k in ("q", "category", "quarter", "status")),
    }


def idea_detail_context(request, page, idea: Idea, **extra) -> dict:
    """One idea: its timeline, comments, what the visitor may do with it."""
    user = request.user
    moderator = rules.can_moderate(user)
    context = {
        "page": page,
        "idea": idea,
        "board_url": board_url(page),
        "detail_url": detail_url(page, idea),
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
        context["has_supported"] = selectors.idea_supported_by(idea=idea, user=user)
        context["own_pledge"] = selectors.idea_pledge_of(idea=idea, user=user)
    if rules.can_see_pledgers(user, idea):
        context["pledges"] = [
            {
                "pledge": pledge,
                "email": selectors.recipient_address(pledge.user)
                if pledge.share_email
                else "",
            }
            for pledge in selectors.idea_pledges(idea=idea)
        ]
    if moderator:
        context["admin_url"] = reverse(
            "wagtailsnippets_ideas_idea:edit", args=[idea.pk]
        )
    context.update(extra)
    return context


def ideas_home_teaser(*, locale: Locale) -> dict | None:
    """The "ideas for the quarter" slot of the home page, or None without a
    live board."""
    board = selectors.board_page(locale=locale)
    if board is None:
        return None
    return {
        "template": "ideas/teaser.html",
        "ideas": selectors.ideas_top(limit=3),
        "board_url": board.url,
    }
