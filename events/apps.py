from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from portal.roles import EDITORS, role_grant  # noqa: PLC0415 - app registry

        role_grant(
            EDITORS,
            *(
                f"events.{action}_{model}"
                for action in ("add", "change", "delete", "view")
                for model in ("eventcategory", "targetgroup", "venue")
            ),
        )
