from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views, rules
from .viewsets import CoursesViewSetGroup


@hooks.register("register_admin_viewset")
def register_viewsets():
    return CoursesViewSetGroup()


@hooks.register("register_admin_urls")
def register_desk_urls():
    return [
        path("course-desk/", admin_views.desk, name="courses_desk"),
        path(
            "course-desk/<int:settings_id>/register/",
            admin_views.counter_register,
            name="courses_register",
        ),
        path(
            "course-desk/<int:settings_id>/participants/",
            admin_views.participants,
            name="courses_participants",
        ),
        path(
            "course-desk/<int:settings_id>/export.<str:fmt>",
            admin_views.export,
            name="courses_export",
        ),
        path("course-desk/slip/<int:pk>/", admin_views.slip, name="courses_slip"),
        path(
            "course-desk/registration/<int:pk>/",
            admin_views.registration_action,
            name="courses_registration_action",
        ),
        path("course-desk/figures/", admin_views.figures, name="courses_figures"),
    ]


class DeskMenuItem(MenuItem):
    def is_shown(self, request):
        return rules.can_use_course_desk(request.user)


@hooks.register("register_admin_menu_item")
def register_desk_menu_item():
    return DeskMenuItem(
        _("Course desk"), reverse("courses_desk"), icon_name="calendar", order=250
    )
