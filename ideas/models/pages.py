from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import Page

REFERENCE = r"(?P<reference>I-\d{4}-\d{4,})"


class IdeaBoardPage(RoutablePageMixin, Page):
    """The Ideencenter: one per language below the home page. Editors write
    the introduction; the ideas themselves are `Idea` rows shown and
    submitted through this page's routes."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=800,
        help_text=_("What the board is for and what happens with an idea."),
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("idea board")

    @path("", name="board")
    def board_view(self, request):
        from ideas import views  # noqa: PLC0415 - the views import the models

        return views.board(request, self)

    @path("new/", name="idea_submit")
    def submit_view(self, request):
        from ideas import views  # noqa: PLC0415 - the views import the models

        return views.idea_submit(request, self)

    @re_path(rf"^{REFERENCE}/$", name="idea_detail")
    def detail_view(self, request, reference):
        from ideas import views  # noqa: PLC0415 - the views import the models

        return views.idea_detail(request, self, reference)

    @re_path(rf"^{REFERENCE}/support/$", name="idea_support")
    def support_view(self, request, reference):
        from ideas import views  # noqa: PLC0415 - the views import the models

        return views.idea_support(request, self, reference)

    @re_path(rf"^{REFERENCE}/comment/$", name="idea_comment")
    def comment_view(self, request, reference):
        from ideas import views  # noqa: PLC0415 - the views import the models

        return views.idea_comment(request, self, reference)

    @re_path(rf"^{REFERENCE}/report/$", name="idea_report")
    def report_view(self, request, reference):
        from ideas import views  # noqa: PLC0415 - the views import the models

        return views.idea_report(request, self, reference)

    @re_path(rf"^{REFERENCE}/help/$", name="idea_pledge")
    def pledge_view(self, request, reference):
        from ideas import views  # noqa: PLC0415 - the views import the models

        return views.idea_pledge(request, self, reference)

    def idea_url(self, idea) -> str:
        return self.url + self.reverse_subpage("idea_detail", args=[idea.reference])
