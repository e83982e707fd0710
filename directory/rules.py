"""Who may do what to which directory object, in one place.

Page permissions themselves are Wagtail's (see services.firm_access_sync);
these rules cover what Wagtail's permission model cannot say.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Collection, GroupCollectionPermission, Page, ReferenceIndex
from wagtail.permissions import policy_registry

from .models import VacancyPage

FIRM_GROUP_PREFIX = "Firma: "


def can_manage_firm_access(user) -> bool:
    """Editors invite firm users and decide who may publish directly."""
    return user.is_active and user.has_perm("directory.manage_firm_access")


def can_delete_company(user, page: Page) -> bool:
    """Only editors remove a company from the network, never the firm itself
    (even a firm that may publish directly)."""
    return can_manage_firm_access(user) or user.is_superuser


def can_end_vacancy(user, vacancy: VacancyPage) -> bool:
    """A firm may take its own vacancy off the site without an editor's review
    (Wagtail ties unpublishing to publish permission, which firms under review
    do not have)."""
    if not user.is_active or not vacancy.live:
        return False
    return vacancy.permissions_for_user(user).can_edit()


def is_firm_collection(collection: Collection) -> bool:
    """A collection a firm's group holds permissions on (its uploads)."""
    return GroupCollectionPermission.objects.filter(
        collection=collection, group__name__startswith=FIRM_GROUP_PREFIX
    ).exists()


def can_download_document(user, document) -> bool:
    """A firm's document is private until a published page links to it;
    before that only the people who may work with it download it."""
    permission_policy = policy_registry.get_by_type(type(document))
    if not is_firm_collection(document.collection):
        return True
    if user.is_authenticated and permission_policy.user_has_any_permission_for_instance(
        user, ["choose", "change"], document
    ):
        return True
    page_type = ContentType.objects.get_for_model(Page)
    linked_from = ReferenceIndex.get_references_to(document).filter(
        base_content_type=page_type
    )
    return (
        Page.objects.live()
        .filter(pk__in=[int(ref.object_id) for ref in linked_from])
        .exists()
    )
