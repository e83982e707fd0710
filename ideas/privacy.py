"""The idea board's sections of a person's data (portal.privacy) and of the
profile page (residents.profile). Ideas and comments stay after an account is
deleted and show "former member" (author on_delete=SET_NULL); supports,
offers of help and reports go."""

import base64

from django.http import HttpRequest

from . import selectors
from .models import Idea, Pledge, Report, Support


def when(value) -> str | None:
    return value.isoformat() if value else None


def photo_personal_data(idea: Idea) -> dict | None:
    """The idea's photo as the person uploaded it (as stored, without
    metadata) and its description, inline: a file URL might not be readable
    by its author while the idea waits for moderation."""
    photo = idea.photo
    if photo is None:
        return None
    with photo.open_file() as handle:
        content = handle.read()
    return {
        "description": idea.photo_description,
        "file_name": photo.filename,
        "width": photo.width,
        "height": photo.height,
        "content_base64": base64.b64encode(content).decode("ascii"),
    }


def ideas_personal_data(user) -> list[dict]:
    return [
        {
            "reference": idea.reference,
            "title": idea.title,
            "description": idea.description,
            "status": idea.status,
            "quarter": idea.quarter.name,
            "category": idea.category.name,
            "latitude": str(idea.latitude) if idea.latitude is not None else None,
            "longitude": str(idea.longitude) if idea.longitude is not None else None,
            "author_can_help": idea.author_can_help,
            "photo": photo_personal_data(idea),
            "submitted": when(idea.created_at),
        }
        for idea in user.ideas.select_related("quarter", "category", "photo")
    ]


def comments_personal_data(user) -> list[dict]:
    return [
        {
            "idea": comment.idea.reference,
            "text": comment.text,
            "written": when(comment.created_at),
        }
        for comment in user.idea_comments.select_related("idea")
    ]


def supports_personal_data(user) -> list[dict]:
    return [
        {"idea": support.idea.reference, "given": when(support.created_at)}
        for support in user.idea_supports.select_related("idea")
    ]


def supports_erase(user) -> None:
    Support.objects.filter(user=user).delete()


def pledges_personal_data(user) -> list[dict]:
    return [
        {
            "idea": pledge.idea.reference,
            "message": pledge.message,
            "share_email": pledge.share_email,
            "given": when(pledge.created_at),
        }
        for pledge in user.idea_pledges.select_related("idea")
    ]


def pledges_erase(user) -> None:
    Pledge.objects.filter(user=user).delete()


def reports_personal_data(user) -> list[dict]:
    return [
        {
            "idea": report.idea.reference,
            "comment": report.comment_id,
            "reason": report.reason,
            "note": report.note,
            "made": when(report.created_at),
        }
        for report in user.idea_reports.select_related("idea")
    ]


def reports_erase(user) -> None:
    Report.objects.filter(reporter=user).delete()


def ideas_profile_context(request: HttpRequest) -> dict:
    user = request.user
    board = selectors.board_page()
    return {
        "ideas": selectors.ideas_with_counts(user.ideas.all()).order_by("-created_at"),
        "supports": Support.objects.filter(user=user)
        .select_related("idea")
        .order_by("-created_at"),
        "pledges": Pledge.objects.filter(user=user)
        .select_related("idea")
        .order_by("-created_at"),
        "board_url": board.url if board else "",
    }
