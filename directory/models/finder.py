"""The vacancy finder page: open vacancies of all firms for newcomers."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class VacancyFinderPage(RoutablePageMixin, Page):
    """The vacancy finder at /stellen/ (/en/jobs/ …): open vacancies of all
    firms, filtered for what a newcomer brings, a shortlist kept in the
    visitor's session, a printable handout and a share link. Editors create
    it once per language below the home page and write the introduction.

    A page (not a bare URL) so each language gets its own slug, the menu and
    the sitemap list it, and the language switcher finds its translations."""

    intro = models.TextField(_("introduction"), blank=True, max_length=600)
    advice = RichTextField(
        _("note for advisers"),
        features=["bold", "italic", "link"],
        blank=True,
        help_text=_("Shown beside the filters, e.g. whom to call for help."),
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("advice")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("vacancy finder")

    def get_context(self, request, *args, **kwargs):
        from ..page_context import finder_listing  # noqa: PLC0415 - imports models
        from ..shortlist import shortlist_ids  # noqa: PLC0415 - imports models

        context = super().get_context(request, *args, **kwargs)
        context.update(finder_listing(finder_page=self, request=request))
        context["shortlist"] = shortlist_ids(request)
        return context

    @path("")
    def listing(self, request):
        return self.render(request)

    @path("merkliste/", name="shortlist")
    def shortlist(self, request):
        from ..finder_views import shortlist_view  # noqa: PLC0415 - imports models

        return shortlist_view(request, finder=self)

    @path("merkliste/handzettel/", name="handout")
    def handout(self, request):
        from ..finder_views import handout_view  # noqa: PLC0415 - imports models

        return handout_view(request, finder=self)

    # Signed tokens travel as two [\w-] path segments (see DirectoryIndexPage).
    @path("liste/<str:payload>/<str:signature>/", name="shared")
    def shared(self, request, payload, signature):
        from ..finder_views import shared_view  # noqa: PLC0415 - imports models

        return shared_view(request, finder=self, token=(payload, signature))

    @path("liste/<str:payload>/<str:signature>/handzettel/", name="shared_handout")
    def shared_handout(self, request, payload, signature):
        from ..finder_views import handout_view  # noqa: PLC0415 - imports models

        return handout_view(request, finder=self, token=(payload, signature))
