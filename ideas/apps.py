from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    name = "ideas"
    verbose_name = _("Idea board")

    def ready(self):
        from portal.roles import EDITORS, MODERATORS, role_grant

        from . import search

        search.connect()

        moderation = (
            "ideas.view_idea",
            "ideas.change_idea",
            "ideas.moderate_idea",
            "ideas.view_comment",
            "ideas.change_comment",
            "ideas.view_report",
            "ideas.change_report",
            "ideas.view_participationcodebatch",
            "ideas.add_participationcodebatch",
        )
        role_grant(MODERATORS, *moderation)
        role_grant(
            EDITORS,
            *moderation,
            "ideas.respond_idea",
            "ideas.add_category",
            "ideas.change_category",
            "ideas.delete_category",
            "ideas.change_ideasettings",
        )
