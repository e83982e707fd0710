from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from wagtail.signals import copy_for_translation_done


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from wagtail.models import Page
        from wagtail.permissions import register_permission_policy

        from . import (
            absolute,
            page_cache,
            security,  # noqa: F401 - registers the password-reset mail maker
        )
        from .admin_access import PortalPagePermissionPolicy
        from .lookups import lookups_install
        from .privacy import personal_data_exempt
        from .roles import roles_sync_after_migrate
        from .text import register_admin_form_fields
        from .translation_parents import translated_parent_as_draft

        # Uploads name their uploader; a resident's idea photo is exported
        # with the idea (ideas' section) and stays with it, like the idea.
        personal_data_exempt(
            "portal.CustomImage",
            reason="uploaded_by_user is Wagtail's upload record; a resident's "
            "photo belongs to their idea and is exported with it",
        )

        # Before any admin form class is built (they are built lazily).
        register_admin_form_fields()

        # Firms read only their own pages (portal/admin_access.py).
        register_permission_policy(Page, PortalPagePermissionPolicy())

        # Publish, unpublish, moves, deletions, settings and terms purge the
        # anonymous page cache (portal/page_cache.py).
        page_cache.signals_connect()
        # Sites, locales and view restrictions from the cache (portal/lookups.py).
        lookups_install()
        # Parents created for a translation start as drafts, not live aliases.
        copy_for_translation_done.connect(
            translated_parent_as_draft, dispatch_uid="portal-translated-parents"
        )

        # Roles reference permissions of every app, so they are (re)built once
        # all migrations ran, in every environment, not only in the demo.
        post_migrate.connect(roles_sync_after_migrate, dispatch_uid="portal-roles")
        # The Site record follows BASE_URL on every deploy (docs: README).
        post_migrate.connect(
            absolute.site_record_sync_after_migrate, dispatch_uid="portal-site"
        )
