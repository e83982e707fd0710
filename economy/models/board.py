"""The firms' network board: member firms post offers and needs to each
other below their company page; others answer through a relay form."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Page
from wagtail.search import index

from portal.models import Quarter

from .. import choices
from .expiring import ExpiringPage, expiry_for


class NetworkBoardPage(Page):
    """The board at /netzwerk/: every current post the visitor may read and
    the next network meetings (events for the target group "firms")."""

    intro = models.TextField(_("introduction"), blank=True, max_length=600)

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("network board")

    def get_context(self, request, *args, **kwargs):
        from ..page_context import board_listing  # noqa: PLC0415 - it imports the models

        context = super().get_context(request, *args, **kwargs)
        context.update(board_listing(board=self, request=request))
        return context


class BoardPostPage(ExpiringPage, Page):
    """An offer or need of the firm above it, public or for member firms
    only. It ends on its own at its end date."""

    post_type = models.CharField(
        _("type"), max_length=12, choices=choices.PostType.choices
    )
    text = models.TextField(_("text"), max_length=800)
    ends_on = models.DateField(
        _("ends on"), help_text=_("The post leaves the board after this day.")
    )
    quarter = models.ForeignKey(
        Quarter,
        verbose_name=_("quarter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    audience = models.CharField(
        _("visible to"),
        max_length=8,
        choices=choices.Audience.choices,
        default=choices.Audience.PUBLIC,
    )

    parent_page_types = ["directory.CompanyPage"]
    subpage_types = []

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("post_type"), FieldPanel("audience")]),
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("ends_on"), FieldPanel("quarter")]),
    ]
    search_fields = [*Page.search_fields, index.SearchField("text")]

    class Meta:
        verbose_name = _("network board post")
        verbose_name_plural = _("network board posts")

    def clean(self):
        super().clean()
        if self.ends_on:
            self.expire_at = expiry_for(self.ends_on)

    def get_sitemap_urls(self, request=None):
        # Posts for members only are not announced to search engines.
        if self.audience != choices.Audience.PUBLIC:
            return []
        return super().get_sitemap_urls(request)

    def serve(self, request, *args, **kwargs):
        from ..views import board_post  # noqa: PLC0415 - it imports the models

        return board_post(request, post=self)


class BoardAnswer(models.Model):
    """An answer to a board post, relayed to the posting firm by e-mail (the
    answerer never sees the firm's address) and kept for the poster to read
    in the admin."""

    post = models.ForeignKey(
        BoardPostPage,
        verbose_name=_("post"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    name = models.CharField(_("name"), max_length=120)
    organisation = models.CharField(_("firm"), max_length=160)
    email = models.EmailField(_("e-mail"))
    message = models.TextField(_("message"), max_length=2000)

    class Meta:
        verbose_name = _("answer to a board post")
        verbose_name_plural = _("answers to board posts")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.organisation}: {self.post.title}"


__all__ = ["NetworkBoardPage", "BoardPostPage", "BoardAnswer"]
