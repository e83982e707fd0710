"""Admin viewsets of the directory (registered in wagtail_hooks)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Sector


class SectorViewSet(SnippetViewSet):
    model = Sector
    icon = "tag"
    menu_label = _("Sectors")
    list_display = ["name", "wz_section", "slug"]
    list_filter = ["locale"]
    search_fields = ["name"]
