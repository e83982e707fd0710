"""Editors keep the registration settings and who serves which contact
point here; staff work in the course desk (admin_views)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from .models import ContactPointStaff, RegistrationSettings


class RegistrationSettingsViewSet(ModelViewSet):
    model = RegistrationSettings
    icon = "form"
    menu_label = _("Registration settings")
    list_display = ["event", "scope", "capacity", "audience", "is_open"]
    list_filter = ["scope", "audience", "is_open"]
    search_fields = ["event__title"]
    add_to_admin_menu = False


class ContactPointStaffViewSet(ModelViewSet):
    model = ContactPointStaff
    icon = "group"
    menu_label = _("Contact-point staff")
    list_display = ["user", "contact_point"]
    add_to_admin_menu = False


class CoursesViewSetGroup(ViewSetGroup):
    menu_label = _("Course registrations")
    menu_icon = "form"
    items = (RegistrationSettingsViewSet, ContactPointStaffViewSet)
