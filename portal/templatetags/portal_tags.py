"""The site frame: main menu, breadcrumbs, language switcher, footer links."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page

from portal.blocks import WEEKDAYS
from portal.frame import site_frame
from portal.languages import SPOKEN_LANGUAGE_NAMES
from portal.lookups import page_ancestors, page_translations
from portal.meta import page_meta
from portal.page_cache import page_cache_tag
from portal.untranslated import source_values_read

register = template.Library()


@register.simple_tag(takes_context=True)
def frame(context):
    """The site frame (menu, footer, organisation), cached (portal.frame)."""
    return site_frame(context["request"])


@register.inclusion_tag("navigation/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    frame = site_frame(request) or {}
    # Sections not yet translated stay in the menu, in German (issue 11).
    current = context.get("page")
    current_path = getattr(current, "path", "") or ""
    items = [
        {
            **section,
            # "page" on the section itself, "true" anywhere below it.
            "current": (
                "page"
                if section["path"] == current_path
                else "true"
                if current_path.startswith(section["path"])
                else ""
            ),
        }
        for section in frame.get("menu", [])
    ]
    home = frame.get("home")
    return {"home_url": home["url"] if home else "/", "items": items}


@register.inclusion_tag("navigation/footer.html", takes_context=True)
def footer(context):
    frame = site_frame(context["request"]) or {}
    return {
        "org": frame.get("organisation"),
        "legal": {link["kind"]: link["url"] for link in frame.get("legal", [])},
        "request": context["request"],
    }


@register.inclusion_tag("components/meta.html", takes_context=True)
def page_meta_tags(context):
    """Description, canonical, hreflang, OpenGraph and Twitter card."""
    request = context["request"]
    page = context.get("page")
    if not isinstance(page, Page):
        page = None
    site_name = settings.WAGTAIL_SITE_NAME
    title = (page.seo_title or page.title) if page is not None else site_name
    meta = page_meta(
        page=page,
        request=request,
        title=title,
        language=translation.get_language(),
        home_description=((site_frame(request) or {}).get("home") or {}).get(
            "description", ""
        ),
    )
    return {"meta": meta, "site_name": site_name}


@register.inclusion_tag("navigation/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    if page is None or page.depth <= 2:
        return {"ancestors": []}
    # Depth 1 is the tree root, depth 2 the language's home page.
    ancestors = page_ancestors(page)
    if ancestors is None:
        ancestors = list(Page.objects.ancestor_of(page).filter(depth__gte=2).live())
    page_cache_tag(context.get("request"), *(f"crumb:{a.pk}" for a in ancestors))
    # A crumb whose page is an untranslated copy or alias shows the German
    # title, marked (`lang_attrs`): the originals' titles in one query, none
    # in German. The home page's crumb is the translated word "Home".
    source_values_read([*(a for a in ancestors if a.depth > 2), page], "title")
    return {"ancestors": ancestors, "page": page}


@register.inclusion_tag("navigation/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Offer only the languages the current page exists in; for views that are
    not pages, every language through Django's translated URL patterns."""
    request = context["request"]
    page = context.get("page")
    current = translation.get_language()
    order = [code for code, _name in settings.LANGUAGES]
    urls = {}
    if isinstance(page, Page) and page.pk:
        for translated in page_translations(page):
            urls[translated.locale.language_code] = translated.get_url(request)
    else:
        for code in order:
            urls[code] = translate_url(request.get_full_path(), code)
    return {
        "links": [
            {
                "code": code,
                "name": translation.get_language_info(code)["name_local"],
                "url": urls[code],
                "current": code == current,
            }
            for code in order
            if code in urls
        ]
    }


@register.simple_tag(takes_context=True)
def localized_url(context, page):
    """URL of `page` in the active language, falling back to the original."""
    if page is None:
        return ""
    return page.localized.get_url(request=context.get("request"))


@register.simple_tag
def active_locale():
    return Locale.get_active()


@register.simple_tag
def spoken_languages(codes) -> str:
    """Names of the spoken languages `codes`, comma separated, translated."""
    return ", ".join(str(SPOKEN_LANGUAGE_NAMES.get(code, code)) for code in codes)


@register.filter
def weekday_name(number) -> str:
    return str(dict(WEEKDAYS).get(str(number), ""))


@register.simple_tag(takes_context=True)
def query_replace(context, **kwargs) -> str:
    """The current query string with `kwargs` replaced (for pagination links
    that keep the filters)."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        query[key] = value
    return query.urlencode()
