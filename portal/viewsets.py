from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Quarter


class QuarterViewSet(SnippetViewSet):
    model = Quarter
    icon = "site"
    menu_label = _("Quarters")
    list_display = ["name", "is_project_quarter", "sort_order"]
    list_filter = ["is_project_quarter"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]
