"""The portal's roles as Django groups with Wagtail permissions.

Groups are rebuilt after every `migrate`, so a fresh production database has
them too. Feature apps add the permissions their role needs through
`role_grant()` in their `AppConfig.ready()`; portal itself knows none of them.
"""

from collections import defaultdict

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
)

EDITORS = "Editors"
MODERATORS = "Moderators"
ADVISERS = "Advisers"
FIRMS = "Firms"
CONTACT_POINT_STAFF = "Contact point staff"
BUSINESS_ADVISERS = "Business advisers"

ROLES = (EDITORS, MODERATORS, ADVISERS, FIRMS, CONTACT_POINT_STAFF, BUSINESS_ADVISERS)

# Model permissions per role, as "app_label.codename".
_model_permissions: dict[str, set[str]] = defaultdict(set)
for _role in ROLES:
    _model_permissions[_role].add("wagtailadmin.access_admin")
_model_permissions[EDITORS] |= {
    "portal.add_quarter",
    "portal.change_quarter",
    "portal.delete_quarter",
    "portal.change_organisationsettings",
    "portal.change_legalsettings",
    "portal.change_mapsettings",
    "wagtailredirects.add_redirect",
    "wagtailredirects.change_redirect",
    "wagtailredirects.delete_redirect",
    "wagtail_localize.submit_translation",
}

# Page permissions granted on the tree root (all locales) per role.
PAGE_PERMISSIONS = {
    EDITORS: (
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
        "bulk_delete_page",
    ),
}

# Image and document permissions granted on the root collection per role.
COLLECTION_PERMISSIONS = {
    EDITORS: (
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtailimages.delete_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
        "wagtaildocs.delete_document",
    ),
}


def role_grant(role: str, *permissions: str) -> None:
    """Let a feature app add model permissions ("app_label.codename") to a role."""
    _model_permissions[role].update(permissions)


def _permissions(dotted: set[str]) -> dict[str, Permission]:
    """The permissions named "app_label.codename", in one query."""
    codenames = {name.split(".", 1)[1] for name in dotted}
    found = Permission.objects.filter(codename__in=codenames).select_related(
        "content_type"
    )
    by_name = {f"{p.content_type.app_label}.{p.codename}": p for p in found}
    return {name: by_name[name] for name in dotted if name in by_name}


@transaction.atomic
def roles_sync() -> dict[str, Group]:
    """Create the role groups and give them exactly their permissions."""
    page_permissions = {
        role: [f"wagtailcore.{codename}" for codename in codenames]
        for role, codenames in PAGE_PERMISSIONS.items()
    }
    permissions = _permissions(
        set().union(
            *_model_permissions.values(),
            *page_permissions.values(),
            *COLLECTION_PERMISSIONS.values(),
        )
    )
    groups = {}
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role)
        groups[role] = group
        group.permissions.set(
            [
                permissions[p]
                for p in sorted(_model_permissions[role])
                if p in permissions
            ]
        )

        GroupPagePermission.objects.filter(group=group).delete()
        if root_page is not None:
            GroupPagePermission.objects.bulk_create(
                GroupPagePermission(
                    group=group, page=root_page, permission=permissions[dotted]
                )
                for dotted in page_permissions.get(role, ())
            )

        GroupCollectionPermission.objects.filter(group=group).delete()
        if root_collection is not None:
            GroupCollectionPermission.objects.bulk_create(
                GroupCollectionPermission(
                    group=group,
                    collection=root_collection,
                    permission=permissions[dotted],
                )
                for dotted in COLLECTION_PERMISSIONS.get(role, ())
            )
    return groups


def roles_sync_after_migrate(sender, **kwargs) -> None:
    # post_migrate is sent once per app with a models module; permissions of
    # every app exist only after the last one, so the roles are built then.
    # (Apps without models, such as django.contrib.sitemaps, get no signal.)
    with_models = [a for a in apps.get_app_configs() if a.models_module is not None]
    if sender.name == with_models[-1].name:
        roles_sync()
