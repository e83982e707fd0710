from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from .roles import roles_sync_after_migrate
        from .text import register_admin_form_fields

        # Before any admin form class is built (they are built lazily).
        register_admin_form_fields()

        # Roles reference permissions of every app, so they are (re)built once
        # all migrations ran, in every environment, not only in the demo.
        post_migrate.connect(roles_sync_after_migrate, dispatch_uid="portal-roles")
