"""Bulk publish and reject in the ideas listing of the admin."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin import messages
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from . import rules, services
from .choices import IdeaStatus
from .forms import BulkRejectForm
from .models import Idea


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
        done, refused = services.ideas_bulk_transition(
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
