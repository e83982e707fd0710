"""The vacancy finder's shortlist, share link and handout (routes of
`VacancyFinderPage`), and `shortlist_change`, the one view that changes a
shortlist. Thin: parse the request, call `shortlist`, render.

Every change is a plain POST form to `shortlist_change`, so it works without
JavaScript; `static/js/finder.js` sends the same forms with fetch and asks
for JSON instead of the redirect. The forms carry no CSRF token, so the
finder, the shortlist and a shared list set no cookie (docs/privacy.md).
"""

from __future__ import annotations

from urllib.parse import urlsplit

import segno
from django.conf import settings
from django.contrib import messages
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseForbidden,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
    JsonResponse,
)
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language_info, ngettext, override
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from portal import absolute

from . import shortlist as sl
from .selectors.shortlist import finder_translations, shortlist_entries
from .selectors.vacancies import finder_for_change, finder_vocabulary


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _message(change: sl.ShortlistChange) -> str:
    return {
        "added": _("The vacancy is on your shortlist."),
        "already": _("The vacancy is already on your shortlist."),
        "full": _(
            "Your shortlist is full (%(max)d vacancies). Remove one before "
            "adding another."
        )
        % {"max": sl.SHORTLIST_MAX},
        "removed": _("The vacancy was removed from your shortlist."),
        "cleared": _("Your shortlist is empty now."),
        "not_found": _("This vacancy is not open any more or does not exist."),
        "merged": _("The shared vacancies are on your shortlist now."),
    }[change.code]


def _int(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**31 else None


def _back(request: HttpRequest, fallback: str) -> str:
    """`next` when it is a path on this site, else `fallback`. Only paths
    (starting with one `/`): `redirect()` would take anything else without a
    slash or dot, such as `-1`, for a URL name and fail to reverse it."""
    target = request.POST.get("next", "")
    if (
        target.startswith("/")
        and not target.startswith("//")
        and url_has_allowed_host_and_scheme(
            target,
            allowed_hosts={request.get_host()},
            require_https=request.is_secure(),
        )
    ):
        return target
    return fallback


def _shortlist_url(finder) -> str:
    return finder.url + finder.reverse_subpage("shortlist")


def _change(request: HttpRequest) -> sl.ShortlistChange | None:
    action = request.POST.get("action")
    vacancy_id = _int(request.POST.get("vacancy"))
    if action == "clear":
        return sl.shortlist_clear(request)
    if vacancy_id is None or action not in ("add", "remove"):
        return None
    if action == "add":
        return sl.shortlist_add(request, vacancy_id=vacancy_id)
    return sl.shortlist_remove(request, vacancy_id=vacancy_id)


def shortlist_view(request: HttpRequest, *, finder) -> HttpResponse:
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])  # changes: shortlist_change
    ids = sl.shortlist_ids(request)
    return _render_list(request, finder=finder, ids=ids, shared=None)


def _render_list(request, *, finder, ids, shared, status=200):
    vocabulary = finder_vocabulary(locale=finder.locale)
    entries = shortlist_entries(ids, locale=finder.locale, vocabulary=vocabulary)
    token = sl.shortlist_token([e.pk for e in entries.entries]) if ids else None
    handout_route = ("shared_handout", shared) if shared else ("handout", ())
    share_url = (
        absolute.page_url(finder, request)
        + finder.reverse_subpage("shared", args=token)
        if token
        else ""
    )
    return TemplateResponse(
        request,
        "directory/shortlist.html",
        {
            "page": finder,
            "entries": entries,
            "shared": shared is not None,
            "shared_token": shared,
            "share_url": share_url,
            "handout_links": _handout_links(request, finder, *handout_route),
            "shortlist": sl.shortlist_ids(request),
            "shortlist_max": sl.SHORTLIST_MAX,
        },
        status=status,
    )


def _handout_links(request, finder, route: str, args) -> list[dict]:
    suffix = finder.reverse_subpage(route, args=list(args))
    links = []
    for translation in finder_translations(finder=finder):
        code = translation.locale.language_code
        links.append(
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "url": translation.get_url(request) + suffix,
                "current": translation.pk == finder.pk,
            }
        )
    return links


def shared_view(request: HttpRequest, *, finder, token) -> HttpResponse:
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])  # merging: shortlist_change
    shared = sl.shortlist_from_token(*token)
    if not shared.valid:
        return _invalid_link(request, finder)
    if shared.capped:
        messages.warning(request, _too_many(shared.capped))
    return _render_list(request, finder=finder, ids=shared.ids, shared=token)


def _too_many(count: int) -> str:
    return ngettext(
        "A shortlist holds at most %(max)d vacancies; %(count)d was left out.",
        "A shortlist holds at most %(max)d vacancies; %(count)d were left out.",
        count,
    ) % {"max": sl.SHORTLIST_MAX, "count": count}


def _invalid_link(request, finder) -> HttpResponse:
    return TemplateResponse(
        request,
        "directory/shortlist_invalid.html",
        {"page": finder},
        status=400,
    )


# Changing the shortlist -------------------------------------------------------


def _same_origin(request: HttpRequest) -> bool:
    """False when the browser says the POST comes from another site
    (`Origin: null` included); True without an `Origin` header."""
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    own = urlsplit(request.build_absolute_uri("/"))
    return origin in {f"{own.scheme}://{own.netloc}", *settings.CSRF_TRUSTED_ORIGINS}


def _answer(request: HttpRequest, finder, change: sl.ShortlistChange) -> HttpResponse:
    text = _message(change)
    if _wants_json(request):
        if change.dropped:
            text = f"{text} {_too_many(change.dropped)}"
        return JsonResponse(
            {
                "ok": change.ok,
                "code": change.code,
                "count": len(change.ids),
                "ids": change.ids,
                "message": text,
            },
            status=200 if change.ok else 409,
        )
    (messages.success if change.ok else messages.warning)(request, text)
    if change.dropped:
        messages.warning(request, _too_many(change.dropped))
    return HttpResponseRedirect(_back(request, _shortlist_url(finder)))


def _refuse(request: HttpRequest, finder, text: str) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse({"ok": False, "message": text}, status=400)
    messages.error(request, text)
    return HttpResponseRedirect(_back(request, _shortlist_url(finder)))


# Safe without a CSRF token: the shortlist lives only in the session, and the
# session cookie is SameSite=Lax (Django's default, SESSION_COOKIE_SAMESITE),
# so a POST from another site never carries the adviser's session. A forged
# request lands in a fresh, empty session and changes nobody's shortlist. As
# defence in depth, a POST whose browser names another origin is refused.
@csrf_exempt
@require_POST
def shortlist_change(request: HttpRequest) -> HttpResponse:
    """Add, remove, clear, or merge a shared list; from the finder's forms."""
    finder = finder_for_change(finder_id=_int(request.POST.get("finder")))
    if finder is None:
        raise Http404
    # This URL has no language prefix: answer in the finder's language.
    with override(finder.locale.language_code):
        if not _same_origin(request):
            text = _("This request came from another website. Nothing was changed.")
            if _wants_json(request):
                return JsonResponse({"ok": False, "message": text}, status=403)
            return HttpResponseForbidden(text, content_type="text/plain; charset=utf-8")
        if request.POST.get("action") == "merge":
            shared = sl.shortlist_from_token(
                request.POST.get("payload", ""), request.POST.get("signature", "")
            )
            if not shared.valid:
                return _refuse(request, finder, _link_changed())
            return _answer(request, finder, sl.shortlist_merge(request, ids=shared.ids))
        change = _change(request)
        if change is None:
            return _refuse(
                request,
                finder,
                _("This request was not understood. Nothing was changed."),
            )
        return _answer(request, finder, change)


def _link_changed() -> str:
    # The wording of shortlist_invalid.html, already in every catalogue.
    return _(
        "The link to this shortlist is incomplete or was changed. Please ask "
        "the person who sent it for the link again."
    )


def qr_svg(url: str, *, title: str) -> str:
    """An inline SVG QR code for `url`, made here (no outside service)."""
    code = segno.make(url, error="m", micro=False)
    return code.svg_inline(
        scale=4,
        border=4,
        dark="#000",
        light="#fff",
        title=title,
        svgclass="qr",
        omitsize=True,  # a viewBox instead, so CSS can size it without cropping
    )


def handout_view(request: HttpRequest, *, finder, token=None) -> HttpResponse:
    if token is not None:
        shared = sl.shortlist_from_token(*token)
        if not shared.valid:
            return _invalid_link(request, finder)
        ids = shared.ids
    else:
        ids = sl.shortlist_ids(request)
    vocabulary = finder_vocabulary(locale=finder.locale)
    entries = shortlist_entries(ids, locale=finder.locale, vocabulary=vocabulary)
    sheets = []
    for entry in entries.entries:
        if entry.ended:
            sheets.append({"entry": entry})
            continue
        url = absolute.page_url(entry.item.shown, request)
        sheets.append(
            {
                "entry": entry,
                "url": url,
                "qr": qr_svg(
                    url,
                    title=_("QR code: %(title)s") % {"title": entry.item.shown.title},
                ),
            }
        )
    return TemplateResponse(
        request,
        "directory/handout.html",
        {
            "page": finder,
            "sheets": sheets,
            "entries": entries,
            "back_url": (
                finder.url + finder.reverse_subpage("shared", args=list(token))
                if token
                else _shortlist_url(finder)
            ),
            # Employers read the original; print its title beside a translation.
            "show_original_title": not finder.locale.is_default,
        },
    )
