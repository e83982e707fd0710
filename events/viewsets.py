from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import EventCategory, TargetGroup, Venue


class EventCategoryViewSet(SnippetViewSet):
    model = EventCategory
    icon = "tag"
    menu_label = _("Categories")
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]


class TargetGroupViewSet(SnippetViewSet):
    model = TargetGroup
    icon = "group"
    menu_label = _("Target groups")
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "site"
    menu_label = _("Venues")
    list_display = ["name", "street", "postal_code"]
    search_fields = ["name", "street"]


class EventSnippetsGroup(SnippetViewSetGroup):
    menu_label = _("Events")
    menu_icon = "date"
    items = (EventCategoryViewSet, TargetGroupViewSet, VenueViewSet)
