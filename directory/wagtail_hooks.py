"""Registration only: admin URLs, buttons, snippets and permission hooks."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.site_summary import PagesSummaryItem
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet

from . import admin_views, rules, services
from .models import CompanyPage, DirectoryIndexPage, VacancyPage
from .panels import FirmDashboardPanel, FirmPagesSummaryItem
from .selectors.firms import FirmDashboard, firm_dashboards
from .viewsets import SectorViewSet

register_snippet(SectorViewSet)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "directory/companies/<int:page_id>/invite/",
            admin_views.firm_invite,
            name="directory_firm_invite",
        ),
        path(
            "directory/vacancies/<int:page_id>/end/",
            admin_views.vacancy_end,
            name="directory_vacancy_end",
        ),
    ]


class DropdownButton(ListingButton):
    allow_in_dropdown = True


@hooks.register("register_page_header_buttons")
def directory_header_buttons(page, user, view_name, next_url=None):
    specific_class = page.specific_class
    if specific_class is CompanyPage and rules.can_manage_firm_access(user):
        yield DropdownButton(
            _("Invite firm user"),
            reverse("directory_firm_invite", args=[page.pk]),
            icon_name="user",
            priority=80,
        )
    if specific_class is VacancyPage and rules.can_end_vacancy(user, page.specific):
        yield DropdownButton(
            _("End vacancy"),
            reverse("directory_vacancy_end", args=[page.pk]),
            icon_name="cross",
            priority=85,
        )


@hooks.register("before_delete_page")
def protect_company_from_firm(request, page):
    if page.specific_class is CompanyPage and not rules.can_delete_company(
        request.user, page
    ):
        messages.error(
            request, _("Only the editors can remove a company from the directory.")
        )
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None


@hooks.register("before_edit_page")
def warn_outdated_translation(request, page):
    # Shown to whoever opens the translation, also in wagtail-localize's editor.
    specific = page.specific
    if getattr(specific, "outdated_original", None) and specific.outdated_original():
        messages.warning(
            request,
            _(
                "The German original has changed since this translation was "
                "published. Please bring the translation up to date and publish it."
            ),
        )


@hooks.register("before_serve_document")
def firm_documents_private_until_linked(document, request):
    # 404 rather than a login: the address of an unpublished document
    # tells nothing about it.
    if not rules.can_download_document(request.user, document):
        raise Http404


@hooks.register("after_create_page")
def assign_review_workflow(request, page):
    if page.specific_class is DirectoryIndexPage:
        services.firm_workflow_ensure()


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(
        "directory.still_open",
        _("Confirmed still open"),
        _("Vacancy confirmed as still open from the reminder e-mail"),
    )


# Firm dashboard: kept in hook functions of its own (firm permissions live in
# the hooks above).


def _firm_dashboards(request) -> list[FirmDashboard]:
    # Both hooks below need them; read once per request.
    if not hasattr(request, "_firm_dashboards"):
        request._firm_dashboards = firm_dashboards(user=request.user)
    return request._firm_dashboards


@hooks.register("construct_homepage_panels")
def add_firm_dashboard_panel(request, panels):
    dashboards = _firm_dashboards(request)
    if dashboards:
        panels.append(FirmDashboardPanel(dashboards))


# After Wagtail's own hook, which adds the item replaced here.
@hooks.register("construct_homepage_summary_items", order=100)
def firm_pages_summary(request, summary_items):
    # Wagtail counts every page below the nearest common root of a user's
    # permissions; a firm's company exists in several language trees, so that
    # root is the site root ("504 pages"). Count the firm's own pages instead.
    dashboards = _firm_dashboards(request)
    if not dashboards or request.user.is_superuser:
        return
    summary_items[:] = [
        item for item in summary_items if not isinstance(item, PagesSummaryItem)
    ]
    summary_items.extend(
        FirmPagesSummaryItem(request, dashboard) for dashboard in dashboards
    )
