"""The idea board in the Wagtail admin: the moderation queue with filters,
search, export and bulk actions; comments, reports, categories and the
participation code sheets."""

from functools import wraps

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Value, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import (
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
)
from wagtail.utils.urlpatterns import decorate_urlpatterns

from portal.models import Quarter

from . import rules
from .choices import QUEUE_ORDER, IdeaStatus, ReportReason
from .models import Category, Comment, Idea, ParticipationCodeBatch, Report
from .selectors import ideas_with_counts


def _moderators_only(view):
    @wraps(view)
    def checked(request, *args, **kwargs):
        if not rules.can_moderate(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return checked


class ModeratorsChooserViewSet(SnippetChooserViewSet):
    """Wagtail's snippet chooser answers every admin user; ideas, comments,
    reports and code sheets are private until moderated (docs/moderation.md)."""

    def get_urlpatterns(self):
        return decorate_urlpatterns(super().get_urlpatterns(), _moderators_only)


class IdeaFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=IdeaStatus.choices, empty_label=_("All")
    )
    quarter = django_filters.ModelChoiceFilter(
        label=_("Quarter"), queryset=Quarter.objects.all(), empty_label=_("All")
    )
    category = django_filters.ModelChoiceFilter(
        label=_("Category"), queryset=Category.objects.all(), empty_label=_("All")
    )
    is_hidden = django_filters.BooleanFilter(label=_("Hidden"))
    overdue = django_filters.BooleanFilter(
        label=_("Response overdue"), method="filter_overdue"
    )

    class Meta:
        model = Idea
        fields = ["status", "quarter", "category", "is_hidden"]

    def filter_overdue(self, queryset, name, value):
        from django.utils import timezone

        overdue = queryset.filter(
            responded_at__isnull=True, response_due_at__lt=timezone.localdate()
        )
        if value is True:
            return overdue
        if value is False:
            return queryset.exclude(pk__in=overdue.values("pk"))
        return queryset


class IdeaIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        user = self.request.user
        if rules.can_moderate(user):
            buttons.append(
                MenuItem(
                    _("Change status"),
                    url=reverse("ideas_admin:status", args=[instance.pk]),
                    icon_name="resubmit",
                    priority=5,
                )
            )
            buttons.append(
                MenuItem(
                    _("Restore") if instance.is_hidden else _("Hide"),
                    url=reverse("ideas_admin:hide_idea", args=[instance.pk]),
                    icon_name="view" if instance.is_hidden else "no-view",
                    priority=6,
                )
            )
        if rules.can_respond(user):
            buttons.append(
                MenuItem(
                    _("Official response"),
                    url=reverse("ideas_admin:respond", args=[instance.pk]),
                    icon_name="comment",
                    priority=7,
                )
            )
        return buttons


class IdeaViewSet(SnippetViewSet):
    model = Idea
    chooser_viewset_class = ModeratorsChooserViewSet
    icon = "pick"
    menu_label = _("Ideas")
    index_view_class = IdeaIndexView
    filterset_class = IdeaFilterSet
    search_fields = ["title", "description", "reference"]
    search_backend_name = None
    list_per_page = 50
    list_display = [
        "reference",
        "title",
        Column("status", label=_("Status"), accessor="get_status_display"),
        "quarter",
        Column("support_count", label=_("Supports")),
        Column("comment_count", label=_("Comments")),
        DateColumn("created_at", label=_("Submitted")),
        DateColumn("response_due_at", label=_("Response due")),
    ]
    list_export = [
        "reference",
        "title",
        "status",
        "category",
        "quarter",
        "author_name",
        "support_count",
        "comment_count",
        "pledge_count",
        "created_at",
        "published_at",
        "response_due_at",
        "responded_at",
        "latitude",
        "longitude",
    ]
    export_headings = {
        "reference": _("Reference"),
        "title": _("Title"),
        "status": _("Status"),
        "category": _("Category"),
        "quarter": _("Quarter"),
        "author_name": _("Author (display name)"),
        "support_count": _("Supports"),
        "comment_count": _("Comments"),
        "pledge_count": _("Offers of help"),
        "created_at": _("Submitted"),
        "published_at": _("Published"),
        "response_due_at": _("Response due"),
        "responded_at": _("First official response"),
        "latitude": _("Latitude"),
        "longitude": _("Longitude"),
    }
    export_filename = "ideen"
    ordering = ["queue_rank", "-created_at"]
    inspect_view_enabled = True

    def get_queryset(self, request):
        rank = Case(
            *[
                When(status=status, then=Value(i))
                for i, status in enumerate(QUEUE_ORDER)
            ],
            output_field=IntegerField(),
        )
        return ideas_with_counts(
            Idea.objects.select_related("quarter", "category", "author")
        ).annotate(queue_rank=rank)


class CommentFilterSet(WagtailFilterSet):
    is_hidden = django_filters.BooleanFilter(label=_("Hidden"))
    is_official = django_filters.BooleanFilter(label=_("Official"))

    class Meta:
        model = Comment
        fields = ["is_hidden", "is_official"]


class CommentIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        if rules.can_moderate(self.request.user):
            buttons.append(
                MenuItem(
                    _("Restore") if instance.is_hidden else _("Hide"),
                    url=reverse("ideas_admin:hide_comment", args=[instance.pk]),
                    icon_name="view" if instance.is_hidden else "no-view",
                    priority=6,
                )
            )
        return buttons


class CommentViewSet(SnippetViewSet):
    model = Comment
    chooser_viewset_class = ModeratorsChooserViewSet
    icon = "comment"
    menu_label = _("Comments")
    index_view_class = CommentIndexView
    filterset_class = CommentFilterSet
    search_fields = ["text"]
    search_backend_name = None
    list_display = [
        Column("text", label=_("Comment"), accessor="__str__"),
        "idea",
        "is_official",
        "is_hidden",
        DateColumn("created_at", label=_("Written")),
    ]
    ordering = ["is_hidden", "-created_at"]

    def get_queryset(self, request):
        return Comment.objects.select_related("idea", "author")


class ReportFilterSet(WagtailFilterSet):
    reason = django_filters.ChoiceFilter(
        label=_("Reason"), choices=ReportReason.choices, empty_label=_("All")
    )
    open = django_filters.BooleanFilter(
        label=_("Open"), field_name="resolved_at", lookup_expr="isnull"
    )

    class Meta:
        model = Report
        fields = ["reason"]


class ReportViewSet(SnippetViewSet):
    model = Report
    chooser_viewset_class = ModeratorsChooserViewSet
    icon = "warning"
    menu_label = _("Reports")
    filterset_class = ReportFilterSet
    list_display = [
        Column("target", label=_("Reported"), accessor="__str__"),
        "idea",
        "note",
        DateColumn("created_at", label=_("Reported")),
        DateColumn("resolved_at", label=_("Decided")),
    ]
    ordering = ["-created_at"]
    inspect_view_enabled = True

    def get_queryset(self, request):
        return Report.objects.select_related("idea", "comment")


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "tag"
    menu_label = _("Categories")
    list_display = ["name", "slug", "sort_order"]
    ordering = ["sort_order", "name"]


class CodeBatchIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        buttons.append(
            MenuItem(
                _("Print sheet"),
                url=reverse("ideas_admin:code_sheet", args=[instance.pk]),
                icon_name="doc-full",
                priority=1,
            )
        )
        return buttons


class CodeBatchViewSet(SnippetViewSet):
    model = ParticipationCodeBatch
    chooser_viewset_class = ModeratorsChooserViewSet
    icon = "key"
    menu_label = _("Participation codes")
    index_view_class = CodeBatchIndexView
    list_display = ["label", DateColumn("created_at", label=_("Created"))]
    ordering = ["-created_at"]

    @property
    def add_view(self):
        # Sheets are made by the form that also generates the codes.
        from .admin_views import code_batch_create

        return code_batch_create


class IdeaBoardGroup(SnippetViewSetGroup):
    menu_label = _("Idea board")
    menu_icon = "pick"
    menu_order = 250
    items = (
        IdeaViewSet,
        CommentViewSet,
        ReportViewSet,
        CategoryViewSet,
        CodeBatchViewSet,
    )
