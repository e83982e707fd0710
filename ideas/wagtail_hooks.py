from django.urls import path
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from . import admin_views, rules
from .bulk_actions import (
    HideCommentsBulkAction,
    PublishBulkAction,
    RejectBulkAction,
    RestoreCommentsBulkAction,
)
from .panels import IdeasDashboardPanel
from .viewsets import IdeaBoardGroup

register_snippet(IdeaBoardGroup)
hooks.register("register_bulk_action", PublishBulkAction)
hooks.register("register_bulk_action", RejectBulkAction)
hooks.register("register_bulk_action", HideCommentsBulkAction)
hooks.register("register_bulk_action", RestoreCommentsBulkAction)


@hooks.register("register_admin_urls")
def register_ideas_admin_urls():
    urls = [
        path("<int:pk>/status/", admin_views.idea_status, name="status"),
        path("<int:pk>/respond/", admin_views.idea_respond, name="respond"),
        path("<int:pk>/hide/", admin_views.idea_hide, name="hide_idea"),
        path("comments/<int:pk>/hide/", admin_views.comment_hide, name="hide_comment"),
        path("codes/<int:pk>/sheet/", admin_views.code_sheet, name="code_sheet"),
        path("codes/new/", admin_views.code_batch_create, name="code_batch_create"),
    ]
    return [path("ideas-moderation/", (urls, "ideas_admin", "ideas_admin"))]


@hooks.register("construct_homepage_panels")
def add_ideas_panel(request, panels):
    if rules.can_moderate(request.user):
        panels.append(IdeasDashboardPanel())
