"""Bulk actions of the admin: publish and reject ideas; hide and restore
comments."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin import messages
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from . import rules
from .choices import IdeaStatus
from .forms import BulkRejectForm, HideForm
from .models import Comment, Idea
from .services import lifecycle, moderation


class IdeaBulkAction(SnippetBulkAction):
    models = [Idea]
    to_status = ""
    template_name = "ideas/admin/bulk_confirm.html"

    def check_perm(self, idea):
        return rules.can_moderate(self.request.user) and idea.status == (
            IdeaStatus.SUBMITTED
        )

    def get_execution_context(self):
        note = ""
        if self.cleaned_form is not None:
            note = self.cleaned_form.cleaned_data.get("public_note", "")
        return {"user": self.request.user, "public_note": note, "action": self}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action_label"] = self.display_name
        return context

    @classmethod
    def execute_action(cls, objects, user=None, public_note="", action=None, **kwargs):
        done, refused = lifecycle.ideas_bulk_transition(
            ideas=objects, actor=user, to_status=cls.to_status, public_note=public_note
        )
        if action is not None:
            action.refused = refused
        return done, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        for message in getattr(self, "refused", []):
            messages.error(self.request, message)
        return ngettext(
            "%(count)d idea changed.", "%(count)d ideas changed.", num_parent_objects
        ) % {"count": num_parent_objects}


class PublishBulkAction(IdeaBulkAction):
    display_name = _("Publish")
    action_type = "publish_ideas"
    aria_label = _("Publish the selected ideas")
    action_priority = 10
    to_status = IdeaStatus.PUBLISHED


class RejectBulkAction(IdeaBulkAction):
    display_name = _("Reject")
    action_type = "reject_ideas"
    aria_label = _("Reject the selected ideas")
    action_priority = 20
    classes = {"serious"}
    to_status = IdeaStatus.REJECTED
    form_class = BulkRejectForm


class CommentBulkAction(SnippetBulkAction):
    """Hide or restore the selected comments, with one reason for all (the
    same rule as the row action: the open reports on each count as decided)."""

    models = [Comment]
    hidden = True
    template_name = "ideas/admin/bulk_confirm_comments.html"
    form_class = HideForm

    def check_perm(self, comment):
        return rules.can_moderate(self.request.user) and (
            comment.is_hidden != self.hidden
        )

    def get_execution_context(self):
        return {
            "user": self.request.user,
            "reason": self.cleaned_form.cleaned_data["reason"],
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action_label"] = self.display_name
        return context

    @classmethod
    def execute_action(cls, objects, user=None, reason="", **kwargs):
        changed = moderation.comments_set_hidden(
            actor=user, comments=objects, hidden=cls.hidden, reason=reason
        )
        return changed, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        if self.hidden:
            text = ngettext(
                "%(count)d comment hidden.",
                "%(count)d comments hidden.",
                num_parent_objects,
            )
        else:
            text = ngettext(
                "%(count)d comment restored.",
                "%(count)d comments restored.",
                num_parent_objects,
            )
        return text % {"count": num_parent_objects}


class HideCommentsBulkAction(CommentBulkAction):
    display_name = _("Hide")
    action_type = "hide_comments"
    aria_label = _("Hide the selected comments")
    action_priority = 10
    classes = {"serious"}
    hidden = True


class RestoreCommentsBulkAction(CommentBulkAction):
    display_name = _("Restore")
    action_type = "restore_comments"
    aria_label = _("Restore the selected comments")
    action_priority = 20
    hidden = False
