from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.snippets.models import register_snippet

from .admin_access import (
    media_permission_policy,
    pages_visible_to,
    unchoosable_collection_ids,
)
from .consent import images_lacking_consent
from .page_cache import page_tags_served
from .viewsets import QuarterViewSet

register_snippet(QuarterViewSet)


@hooks.register("before_publish_page")
def refuse_images_without_consent(request, page):
    # Every page type, not only campaigns: a photo of people is published
    # only with their consent, recorded once on the image.
    lacking = images_lacking_consent(obj=page)
    if not lacking:
        return None
    messages.error(
        request,
        _(
            "Not published: these images show people whose consent is not "
            "recorded: %(images)s. Record the consent on the image, or choose "
            "another image. Your changes are saved as a draft."
        )
        % {"images": ", ".join(f"“{image.title}”" for image in lacking)},
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("construct_page_chooser_queryset")
def page_chooser_only_visible(pages, request):
    # Wagtail's chooser lists every page with its draft title; a firm sees
    # its own pages and the way to them (docs/security.md).
    return pages.filter(pk__in=pages_visible_to(user=request.user).values("pk"))


@hooks.register("construct_image_chooser_queryset")
@hooks.register("construct_document_chooser_queryset")
def chooser_without_unchoosable_collections(items, request):
    # collection_id is what search results can be filtered by.
    return items.exclude(collection_id__in=unchoosable_collection_ids())


@hooks.register("before_move_page")
def move_only_where_allowed(request, page, destination):
    # Wagtail's move confirmation checks nothing before it names both pages.
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied


class _ChoosableOnly:
    """Admin API endpoints list only the images or documents the user may
    choose (Wagtail's list every one of the site)."""

    def get_queryset(self):
        queryset = super().get_queryset()
        policy = media_permission_policy(queryset.model)
        allowed = policy.instances_user_has_any_permission_for(
            self.request.user, ["choose", "change"]
        )
        return queryset.filter(pk__in=allowed.values("pk"))


class PortalImagesAdminAPIViewSet(_ChoosableOnly, ImagesAdminAPIViewSet):
    pass


class PortalDocumentsAdminAPIViewSet(_ChoosableOnly, DocumentsAdminAPIViewSet):
    pass


@hooks.register("construct_admin_api", order=100)
def admin_api_only_choosable(router):
    # After wagtail.images and wagtail.documents registered theirs.
    router.register_endpoint("images", PortalImagesAdminAPIViewSet)
    router.register_endpoint("documents", PortalDocumentsAdminAPIViewSet)


@hooks.register("before_serve_page")
def page_cache_tags_served(page, request, serve_args, serve_kwargs):
    # What the anonymous page cache purges this response with (page_cache).
    page_tags_served(page, request)
