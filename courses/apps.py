from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from events import extensions
        from portal import privacy
        from portal.admin_access import private_model_register
        from portal.roles import CONTACT_POINT_STAFF, EDITORS, role_grant

        from . import (
            hooks,
            notifications,  # noqa: F401 - registers the mail maker
        )
        from .privacy import (
            registrations_personal_data,
            registrations_personal_data_erase,
        )

        role_grant(
            EDITORS,
            *(
                f"courses.{action}_{model}"
                for action in ("add", "change", "delete", "view")
                for model in ("registrationsettings", "contactpointstaff")
            ),
            "courses.view_figures",
        )
        role_grant(CONTACT_POINT_STAFF, "courses.view_registration")
        from . import rules
        from .models import Registration

        private_model_register(Registration, can_read=rules.can_use_course_desk)
        _page_cache_register()
        extensions.event_panel_register(hooks.event_panel)
        extensions.occurrence_badges_register(hooks.occurrence_badges)
        privacy.personal_data_register(
            key="courses",
            models=("courses.Registration",),
            export=registrations_personal_data,
            erase=registrations_personal_data_erase,
        )
        privacy.personal_data_exempt(
            "courses.ContactPointStaff",
            reason="which contact point a staff member serves; work, not private",
        )


def _page_cache_register():
    """Seats left are shown on event pages and the listing: a change of a
    registration or of the settings purges them from the anonymous cache."""
    from events.models import EventIndexPage, EventPage
    from portal.page_cache import (
        model_tag,
        page_cache_depends,
        page_cache_purge_on_change,
    )

    from .models import Registration, RegistrationSettings

    tags = (model_tag(Registration), model_tag(RegistrationSettings))
    page_cache_depends(EventPage, *tags)
    page_cache_depends(EventIndexPage, *tags)
    page_cache_purge_on_change(Registration)
    page_cache_purge_on_change(RegistrationSettings)
