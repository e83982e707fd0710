"""Read isolation in the Wagtail admin: a user reads only the pages, images,
documents and snippets they may work with (docs/security.md, "Admin read
isolation").

Wagtail keeps writes apart by permission, but many of its read views assume
that every admin user may see every page title and every upload: the
explorer of any page below the user's explorable root, the page chooser,
the bulk-action and move confirmations, the page-types report, the admin
API. The portal gives local firms admin accounts, so a firm would read the
other firms' drafts. This module closes those paths in one place, for every
app; it names no feature app (apps register their private models here).

- `PortalPagePermissionPolicy` (registered for `Page`): a user whose pages
  are the translations of one page (a firm's company in seven languages)
  gets that page as explorable root, in the admin's language, instead of
  the tree root that is their common ancestor; the ancestors above the root
  are no longer "explorable" (Wagtail adds them so a user can navigate down).
- `admin_read_guard` (wraps every admin URL in `config/urls.py`): a URL
  argument or `?id=` that names a page the user may not explore, a
  site-wide page report for a user without the whole tree, or a model
  registered as private for a user who may not read it: Wagtail's refusal
  (back to the dashboard with "Sorry, you do not have permission…").
- the page chooser lists only explorable pages (and the way to them);
  images and documents in the admin API only those the user may choose.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, Q, QuerySet
from wagtail.admin.auth import permission_denied
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry

#: URL arguments of the Wagtail admin (and of apps' admin views) that name a
#: page. Any URL with one of them is guarded, whatever its view.
PAGE_ARGUMENTS = frozenset(
    {
        "page_id",
        "parent_page_id",
        "page_to_move_id",
        "destination_id",
        "page_pk",
    }
)
#: Views that take page ids as `?id=` and name each page they get.
PAGE_ID_LIST_VIEWS = frozenset({"wagtailadmin_choose_page_chosen_multiple"})
#: Reports about the whole page tree (counts and last edited page of every
#: type); only for users whose explorable root is the tree root.
SITE_WIDE_PAGE_REPORTS = frozenset(
    {
        "wagtailadmin_reports:page_types_usage",
        "wagtailadmin_reports:page_types_usage_results",
    }
)
EXPLORE_ACTIONS = {"add", "change", "publish", "lock", "unlock", "bulk_delete"}

_private_models: dict[type[Model], Callable[[object], bool]] = {}
_unchoosable_collections: set[str] = set()


def private_model_register(model: type[Model], *, can_read: Callable) -> None:
    """Let an app declare a model whose objects only some admin users may
    read, e.g. unmoderated ideas. Admin URLs that name the model by
    `app_label`/`model_name` (generic APIs such as wagtail-localize's snippet
    API) refuse everybody else."""
    _private_models[model] = can_read


def collection_unchoosable_register(name: str) -> None:
    """Let an app keep a collection out of every image and document chooser
    and foreign-key field, e.g. residents' photos, which belong to their
    idea and never go on a page."""
    _unchoosable_collections.add(name)


def unchoosable_collection_ids() -> list[int]:
    if not _unchoosable_collections:
        return []
    return list(
        Collection.objects.filter(name__in=_unchoosable_collections).values_list(
            "pk", flat=True
        )
    )


def private_model_readable(*, model: type[Model], user) -> bool:
    can_read = _private_models.get(model)
    return can_read is None or bool(can_read(user))


class PortalPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page permissions with an explorable area that ends at the
    pages the user holds permissions on (see the module docstring)."""

    def explorable_root_instance(self, user):
        cache_name = self._explorable_root_instance_cache_name
        if hasattr(user, cache_name):
            return getattr(user, cache_name)
        pages = list(self.instances_with_direct_explore_permission(user))
        root = _first_common_ancestor(pages)
        if root is not None and root.depth == 1 and all(p.depth > 1 for p in pages):
            # Permissions in several locale trees only meet at the tree root.
            # If they are translations of each other, the user's root is the
            # copy in the admin's language (else the default locale's).
            keys = {p.translation_key for p in pages}
            if len(keys) == 1:
                root = _in_users_language(pages, user)
        setattr(user, cache_name, root)
        return root

    def explorable_instances(self, user):
        base = self._base_queryset_for_user(user)
        if base is not None:
            return base
        root = self.explorable_root_instance(user)
        if root is None:
            return self.model._default_manager.none()
        explorable = self.instances_user_has_any_permission_for(user, EXPLORE_ACTIONS)
        # Wagtail makes every ancestor of a permitted page explorable, so a
        # user can walk down to it. Only those below the root are needed.
        ancestors = Q()
        for perm in self.get_cached_permissions_for_user(user):
            if perm.page.path.startswith(root.path):
                ancestors |= Q(
                    path__in=[
                        perm.page.path[:n]
                        for n in range(
                            len(root.path), len(perm.page.path), Page.steplen
                        )
                    ]
                )
        if ancestors:
            explorable |= self.model._default_manager.filter(ancestors)
        return explorable


def _first_common_ancestor(pages: list[Page]) -> Page | None:
    if not pages:
        return None
    try:
        return Page.objects.first_common_ancestor_of(
            pages, include_self=True, strict=True
        )
    except Page.DoesNotExist:
        return None


def _in_users_language(pages: list[Page], user) -> Page:
    """The page in the user's admin language, else in the default locale,
    else the first. (The user's setting, not the request's language, so the
    root is the same in every view of one request.)"""
    try:
        language = user.wagtail_userprofile.get_preferred_language()
    except ObjectDoesNotExist:
        language = settings.LANGUAGE_CODE
    codes = dict(
        Locale.objects.filter(pk__in={p.locale_id for p in pages}).values_list(
            "pk", "language_code"
        )
    )
    by_language = {codes[p.locale_id]: p for p in pages}
    for code in (language, Locale.get_default().language_code):
        if code in by_language:
            return by_language[code]
    return min(pages, key=lambda p: p.path)


def page_policy() -> PortalPagePermissionPolicy:
    return policy_registry.get_by_type(Page)


def pages_visible_to(*, user) -> QuerySet:
    """Pages the user may explore, and the way to them (their ancestors):
    what the page chooser shows and what admin URLs may name."""
    if user.is_superuser or has_whole_tree(user=user):
        return Page.objects.all()
    explorable = page_policy().explorable_instances(user)
    paths = set()
    for path in explorable.values_list("path", flat=True):
        paths.update(path[:n] for n in range(Page.steplen, len(path), Page.steplen))
    return Page.objects.filter(Q(pk__in=explorable.values("pk")) | Q(path__in=paths))


def has_whole_tree(*, user) -> bool:
    root = page_policy().explorable_root_instance(user)
    return root is not None and root.depth == 1


def _page_ids(request, view_kwargs) -> set[int] | None:
    """The page ids an admin URL names; None if one is not a number."""
    ids = {value for name, value in view_kwargs.items() if name in PAGE_ARGUMENTS}
    match = request.resolver_match
    names = {match.view_name} if match else set()
    bulk_pages = (
        match is not None
        and match.url_name == "wagtail_bulk_action"
        and view_kwargs.get("app_label") == "wagtailcore"
        and view_kwargs.get("model_name") == "page"
    )
    if bulk_pages or names & PAGE_ID_LIST_VIEWS:
        ids.update(request.GET.getlist("id"))
    result = set()
    for value in ids:
        try:
            result.add(int(value))
        except (TypeError, ValueError):
            return None
    return result


def admin_read_guard(view):
    """Refuse admin URLs that name what the user may not read (module
    docstring). Wraps every admin view; the views still check their own
    permissions for what they do."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        user = request.user
        # Users without admin access get Wagtail's own answer (the login).
        if (
            not user.is_superuser
            and user.has_perm("wagtailadmin.access_admin")
            and not _may_read(request, kwargs)
        ):
            # Wagtail's own refusal: back to the dashboard with its message.
            return permission_denied(request)
        return view(request, *args, **kwargs)

    return guarded


def _may_read(request, kwargs) -> bool:
    user = request.user
    page_ids = _page_ids(request, kwargs)
    if page_ids is None:
        return False
    if page_ids and not has_whole_tree(user=user):
        visible = pages_visible_to(user=user).filter(pk__in=page_ids).count()
        if visible != Page.objects.filter(pk__in=page_ids).count():
            return False
    match = request.resolver_match
    in_report = match is not None and match.view_name in SITE_WIDE_PAGE_REPORTS
    if in_report and not has_whole_tree(user=user):
        return False
    app_label = kwargs.get("app_label") or kwargs.get("app_name")
    model_name = kwargs.get("model_name")
    if app_label and model_name:
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            return True
        return private_model_readable(model=model, user=user)
    return True


def media_permission_policy(model: type[Model]):
    """The collection permission policy of the image or document model, or
    None for other models."""
    for media_model in (get_image_model(), get_document_model()):
        if issubclass(model, media_model):
            return policy_registry.get_by_type(media_model)
    return None


class ChosenMediaFormMixin:
    """For admin model and page forms: an image or document in a
    foreign-key field must be one the user may choose (their collections),
    checked on the server; the chooser only hides the others. The value
    the object already has stays valid, so a firm can save a page an editor
    gave a logo from the editors' library."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._chosen_media_fields = []
        user = getattr(self, "for_user", None)
        if user is None:
            return
        for name, field in self.fields.items():
            queryset = getattr(field, "queryset", None)
            policy = (
                None if queryset is None else media_permission_policy(queryset.model)
            )
            if policy is None:
                continue
            choosable = policy.instances_user_has_permission_for(user, "choose")
            allowed = Q(
                pk__in=choosable.exclude(
                    collection_id__in=unchoosable_collection_ids()
                ).values("pk")
            )
            current = getattr(self.instance, f"{name}_id", None)
            if current is not None:
                allowed |= Q(pk=current)
            field.queryset = queryset.filter(allowed)
            self._chosen_media_fields.append(name)

    def clean(self):
        cleaned_data = super().clean()
        # The chooser widget would show the refused image or document (its
        # title and thumbnail) when the form comes back with the error.
        refused = [n for n in self._chosen_media_fields if n in self._errors]
        if refused:
            data = self.data.copy()
            for name in refused:
                data[self.add_prefix(name)] = self.initial.get(name) or ""
            self.data = data
        return cleaned_data
