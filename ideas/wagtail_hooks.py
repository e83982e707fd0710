from django.urls import path
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from portal.admin_access import (
    collection_unchoosable_register,
    private_model_register,
)
from residents.models import ParticipationCode, ParticipationCodeBatch

from . import admin_views, rules
from .bulk_actions import (
    HideCommentsBulkAction,
    PublishBulkAction,
    RejectBulkAction,
    RestoreCommentsBulkAction,
)
from .models import Comment, Idea, Pledge, Report
from .panels import IdeasDashboardPanel
from .services.lifecycle import PHOTO_COLLECTION
from .viewsets import IdeaBoardGroup

register_snippet(IdeaBoardGroup)
# Unmoderated ideas and everything residents tell the moderators only; no
# generic admin URL (wagtail-localize's snippet API, bulk actions) names them
# to other admin users.
for _model in (
    Idea,
    Comment,
    Report,
    Pledge,
    ParticipationCodeBatch,
    ParticipationCode,
):
    private_model_register(_model, can_read=rules.can_moderate)
# Residents' photos belong to their idea; nobody puts them on a page.
collection_unchoosable_register(PHOTO_COLLECTION)
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
