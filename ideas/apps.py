from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    name = "ideas"
    verbose_name = _("Idea board")

    def ready(self):
        # Registries are filled once the models can be imported.
        from portal.privacy import (
            personal_data_exempt,
            personal_data_register,
        )
        from portal.roles import EDITORS, MODERATORS, role_grant
        from residents.profile import profile_section_register

        from . import (
            mails,  # noqa: F401 - registers the mail makers
            privacy,
            search,
        )

        _page_cache_register()

        search.connect()

        moderation = (
            "ideas.view_idea",
            "ideas.change_idea",
            "ideas.moderate_idea",
            "ideas.view_comment",
            "ideas.change_comment",
            "ideas.view_report",
            "ideas.change_report",
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

        for key, models, export, erase in (
            ("ideas", ("ideas.Idea",), privacy.ideas_personal_data, None),
            ("comments", ("ideas.Comment",), privacy.comments_personal_data, None),
            (
                "supports",
                ("ideas.Support",),
                privacy.supports_personal_data,
                privacy.supports_erase,
            ),
            (
                "offers_of_help",
                ("ideas.Pledge",),
                privacy.pledges_personal_data,
                privacy.pledges_erase,
            ),
            (
                "reports",
                ("ideas.Report",),
                privacy.reports_personal_data,
                privacy.reports_erase,
            ),
        ):
            personal_data_register(key=key, models=models, export=export, erase=erase)
        personal_data_exempt(
            "ideas.IdeaEvent",
            reason="the idea's timeline of status changes; its actor is the "
            "staff member who decided (or the author, covered by the idea)",
        )
        profile_section_register(
            key="ideas",
            template="ideas/includes/profile_sections.html",
            nav_template="ideas/includes/profile_nav.html",
            context=privacy.ideas_profile_context,
        )


def idea_cache_tags(idea_id: int) -> list[str]:
    """What a change of an idea (its status, supports, comments …) purges:
    its page, the board and the home page's teaser."""
    return [f"idea:{idea_id}", "listing:ideas"]


def _page_cache_register():
    from portal.page_cache import (
        model_tag,
        page_cache_depends,
        page_cache_purge_on_change,
    )

    from .models import (
        Category,
        Comment,
        Idea,
        IdeaBoardPage,
        IdeaEvent,
        Pledge,
        Support,
    )

    page_cache_depends(IdeaBoardPage, model_tag(Category))
    # Moderation decisions, responses and edits save the idea; supports,
    # comments (and their hiding), pledges and timeline entries their rows.
    page_cache_purge_on_change(Idea, lambda idea: [*idea_cache_tags(idea.pk), "search"])
    for model in (Support, Comment, Pledge, IdeaEvent):
        page_cache_purge_on_change(model, lambda row: idea_cache_tags(row.idea_id))
