from wagtail.models import Page


class BarePage(Page):
    """The floor of a Wagtail page: routing, the site's middleware and an
    empty template, nothing of the portal's frame."""

    template = "bench/bare_page.html"
    parent_page_types = ["wagtailcore.Page", "home.HomePage"]
