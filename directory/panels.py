"""The firm's own panel and page count on the Wagtail dashboard."""

from wagtail.admin.site_summary import SummaryItem
from wagtail.admin.ui.components import Component

from .selectors.firms import FirmDashboard


class FirmDashboardPanel(Component):
    """First thing a firm user sees: its company, vacancies and reviews."""

    name = "firm_dashboard"
    order = 50
    template_name = "directory/admin/firm_dashboard_panel.html"

    def __init__(self, dashboards: list[FirmDashboard]):
        self.dashboards = dashboards

    def get_context_data(self, parent_context=None):
        return {"dashboards": self.dashboards}


class FirmPagesSummaryItem(SummaryItem):
    """Replaces Wagtail's count of every page below the user's common root,
    which for a firm with pages in two language trees is the whole site."""

    order = 100
    template_name = "directory/admin/firm_summary_pages.html"

    def __init__(self, request, dashboard: FirmDashboard):
        super().__init__(request)
        self.dashboard = dashboard

    def get_context_data(self, parent_context=None):
        return {
            "company": self.dashboard.company,
            "page_count": self.dashboard.page_count,
        }
