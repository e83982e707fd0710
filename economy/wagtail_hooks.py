"""Registration only: admin viewsets, URLs, menu item and page buttons."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import ListingButton

from . import admin_views, rules
from .models import PremisesPage
from .viewsets import BoardAnswerViewSet, EnquiryViewSet


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [
        EnquiryViewSet("enquiries", url_prefix="economy/enquiries"),
        BoardAnswerViewSet("board_answers", url_prefix="economy/answers"),
    ]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("economy/figures/", admin_views.figures, name="economy_figures"),
        path(
            "economy/premises/<int:page_id>/let/",
            admin_views.premises_let,
            name="economy_premises_let",
        ),
    ]


class FiguresMenuItem(MenuItem):
    def is_shown(self, request):
        return rules.can_see_figures(request.user)


@hooks.register("register_reports_menu_item")
def register_figures_menu_item():
    return FiguresMenuItem(
        _("Network figures"), reverse("economy_figures"), icon_name="table", order=900
    )


class DropdownButton(ListingButton):
    allow_in_dropdown = True


@hooks.register("register_page_header_buttons")
def premises_header_buttons(page, user, view_name, next_url=None):
    if page.specific_class is PremisesPage and rules.can_mark_let(user, page.specific):
        yield DropdownButton(
            _("Mark as let"),
            reverse("economy_premises_let", args=[page.pk]),
            icon_name="tick",
            priority=85,
        )


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(
        "economy.still_available",
        _("Confirmed still available"),
        _("Premises confirmed as still available from the reminder e-mail"),
    )
