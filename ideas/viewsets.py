"""The idea board in the Wagtail admin: the moderation queue with filters,
search, export and bulk actions; comments, reports, categories and the
participation code sheets."""

from functools import wraps

import django_filters
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import (
    IndexView,
    InspectView,
    SnippetViewSet,
    SnippetViewSetGroup,
)
from wagtail.utils.urlpatterns import decorate_urlpatterns

from portal.exports import SpreadsheetExportMixin
from portal.models import Quarter
from residents.models import ParticipationCodeBatch

from . import rules
from .admin_views import code_batch_create
from .choices import IdeaStatus, ReportReason
from .models import Category, Comment, Idea, Report
from .models.ideas import person_name
from .selectors import comments_for_moderation, ideas_for_moderation


def due_in_words(*, due, today) -> str:
    """How far a due date is from today, with its direction: "in 5 days",
    "due today", "3 days overdue"."""
    days = (due - today).days
    if days > 0:
        return ngettext("in %(count)d day", "in %(count)d days", days) % {"count": days}
    if days == 0:
        return gettext("due today")
    return ngettext("%(count)d day overdue", "%(count)d days overdue", -days) % {
        "count": -days
    }


class ResponseDueColumn(Column):
    """The date an official response is due and how far away it is. (Wagtail's
    DateColumn shows a date as time since, so a future date read "just now"
    and an overdue one "1 week" without saying which way.)"""

    def get_value(self, instance):
        due = instance.response_due_at
        if due is None:
            return "–"
        when = format_html(
            '<time datetime="{}">{}</time>',
            format_date(due, "Y-m-d"),
            date_format(due, "SHORT_DATE_FORMAT"),
        )
        if instance.responded_at is not None:
            return format_html("{} · {}", when, gettext("answered"))
        words = due_in_words(due=due, today=timezone.localdate())
        if due < timezone.localdate():
            return format_html("{} · <strong>{}</strong>", when, words)
        return format_html("{} · {}", when, words)


def _person_column(name: str, label, accessor: str) -> Column:
    return Column(
        name,
        label=label,
        accessor=lambda item: person_name(getattr(item, accessor), staff=True),
    )


class PeopleInspectView(InspectView):
    """Inspect view that names stored people through `person_name`, so a
    deleted account reads "former member" instead of "None"."""

    def get_author_display_value(self):
        return person_name(self.object.author, staff=True)

    def get_response_by_display_value(self):
        return person_name(self.object.response_by, staff=True)

    def get_reporter_display_value(self):
        return person_name(self.object.reporter, staff=True)


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
        overdue = queryset.filter(
            responded_at__isnull=True, response_due_at__lt=timezone.localdate()
        )
        if value is True:
            return overdue
        if value is False:
            return queryset.exclude(pk__in=overdue.values("pk"))
        return queryset


class IdeaIndexView(SpreadsheetExportMixin, IndexView):
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
        Column("quarter", label=_("Quarter"), accessor="quarter_name"),
        Column("support_count", label=_("Supports")),
        Column("comment_count", label=_("Comments")),
        DateColumn("created_at", label=_("Submitted")),
        ResponseDueColumn(
            "response_due_at", label=_("Response due"), sort_key="response_due_at"
        ),
    ]
    # Labels, not codes, in the moderator's language (the selector names
    # category and quarter in the active language).
    list_export = [
        "reference",
        "title",
        "get_status_display",
        "category_name",
        "quarter_name",
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
        "get_status_display": _("Status"),
        "category_name": _("Category"),
        "quarter_name": _("Quarter"),
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
    inspect_view_class = PeopleInspectView

    def get_queryset(self, request):
        return ideas_for_moderation()


class CommentFilterSet(WagtailFilterSet):
    is_hidden = django_filters.BooleanFilter(label=_("Hidden"))
    is_official = django_filters.BooleanFilter(label=_("Official"))
    reported = django_filters.BooleanFilter(
        label=_("Open reports"), method="filter_reported"
    )
    quarter = django_filters.ModelChoiceFilter(
        label=_("Quarter"),
        field_name="idea__quarter",
        queryset=Quarter.objects.all(),
        empty_label=_("All"),
    )

    class Meta:
        model = Comment
        fields = ["is_hidden", "is_official"]

    def filter_reported(self, queryset, name, value):
        if value is True:
            return queryset.filter(open_report_count__gt=0)
        if value is False:
            return queryset.filter(open_report_count=0)
        return queryset


class CommentIndexView(SpreadsheetExportMixin, IndexView):
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
    """Comments are moderated like ideas: filters, row actions (hide,
    restore), bulk actions (ideas.bulk_actions) and an export."""

    model = Comment
    chooser_viewset_class = ModeratorsChooserViewSet
    icon = "comment"
    menu_label = _("Comments")
    index_view_class = CommentIndexView
    filterset_class = CommentFilterSet
    search_fields = ["text"]
    search_backend_name = None
    list_per_page = 50
    list_display = [
        # The first column is a string so Wagtail gives it the row actions.
        "__str__",
        _person_column("author", _("Author"), "author"),
        "idea",
        "is_official",
        "is_hidden",
        Column("open_report_count", label=_("Open reports")),
        DateColumn("created_at", label=_("Written")),
    ]
    list_export = [
        "idea.reference",
        "text",
        "author_name",
        "is_official",
        "is_hidden",
        "hidden_reason",
        "open_report_count",
        "created_at",
    ]
    export_headings = {
        "idea.reference": _("Idea"),
        "text": _("Comment"),
        "author_name": _("Author (display name)"),
        "is_official": _("Official"),
        "is_hidden": _("Hidden"),
        "hidden_reason": _("Reason for hiding"),
        "open_report_count": _("Open reports"),
        "created_at": _("Written"),
    }
    export_filename = "kommentare"
    ordering = ["is_hidden", "-created_at"]
    inspect_view_enabled = True
    inspect_view_class = PeopleInspectView

    def get_queryset(self, request):
        return comments_for_moderation()


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


class ReportIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        if rules.can_moderate(self.request.user):
            target = instance.comment or instance.idea
            url = (
                reverse("ideas_admin:hide_comment", args=[instance.comment_id])
                if instance.comment_id
                else reverse("ideas_admin:hide_idea", args=[instance.idea_id])
            )
            buttons.append(
                MenuItem(
                    _("Restore") if target.is_hidden else _("Hide"),
                    url=url,
                    icon_name="view" if target.is_hidden else "no-view",
                    priority=6,
                )
            )
        return buttons


class ReportViewSet(SnippetViewSet):
    model = Report
    chooser_viewset_class = ModeratorsChooserViewSet
    icon = "warning"
    # Not "Reports": Wagtail's own reports menu (page types, site history …)
    # carries that name, and both sat in the sidebar as "Meldungen".
    menu_label = _("Reported content")
    index_view_class = ReportIndexView
    filterset_class = ReportFilterSet
    list_display = [
        "__str__",
        "idea",
        "note",
        DateColumn("created_at", label=_("Reported")),
        DateColumn("resolved_at", label=_("Decided")),
    ]
    ordering = ["-created_at"]
    inspect_view_enabled = True
    inspect_view_class = PeopleInspectView

    def get_queryset(self, request):
        return Report.objects.select_related("idea", "comment", "reporter")


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
