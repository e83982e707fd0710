"""Public views: sign-up (without and with an account), the personal page
behind the signed link (view, accept an offered place, cancel, .ics) and the
look-up by code.

No cookie before a form is used: the anonymous forms carry no CSRF token
(rendering one sets the CSRF cookie) and their POSTs are exempt. That is
safe because they act on no session: a forged sign-up is one anybody could
send, and a cancellation needs the signed link, which another site does not
know. As defence in depth a POST whose browser names another origin is
refused. The one-click sign-up of a logged-in resident keeps Django's CSRF
check (that visitor has a session already).

Every answer here is personal or shows live seat counts: never in the
anonymous page cache (`never_cache`).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings as django_settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from . import rules, selectors, services
from .accounts import resident_email, resident_is_verified, resident_name
from .choices import Audience, Channel, Status
from .forms import CodeForm, SignupForm, moment_parse
from .ical import registration_ics
from .links import registration_from_token, registration_url

REFUSALS = {
    "closed": lambda: _("Registration for this date is closed. Nothing was saved."),
    "full": lambda: _("This date is fully booked. Nothing was saved."),
    "duplicate": lambda: _("You are already registered for this date."),
    "contact": lambda: _("Please give an e-mail address or a phone number."),
}


def _same_origin(request: HttpRequest) -> bool:
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    own = urlsplit(request.build_absolute_uri("/"))
    return origin in {
        f"{own.scheme}://{own.netloc}",
        *django_settings.CSRF_TRUSTED_ORIGINS,
    }


def _other_origin() -> HttpResponse:
    return HttpResponse(
        _("This request came from another website. Nothing was changed."),
        status=403,
        content_type="text/plain; charset=utf-8",
    )


def _chosen_date(request: HttpRequest, settings, event):
    """The occurrence the visitor signs up for: the `date` parameter for
    per-date courses, the whole series otherwise. None when invalid."""
    if not settings.per_date:
        start, end = selectors.series_span(event=event)
        return start, end
    moment = moment_parse(request.POST.get("date") or request.GET.get("date"))
    if moment is None:
        return None
    occurrence = selectors.occurrence_at(event=event, starts_at=moment)
    return (occurrence.start, occurrence.end) if occurrence else None


def _signup_context(request, settings, event, when, form, *, error="") -> dict:
    available = selectors.availability(
        settings=settings, starts_at=when[0] if when else None
    )
    return {
        "settings": settings,
        "event": event,
        "when": when,
        "dates": selectors.upcoming_dates(event=event) if settings.per_date else [],
        "available": available,
        "form": form,
        "error": error,
        "is_resident": resident_is_verified(request.user),
        "may_register": rules.can_register_online(request.user, settings),
        "open": services.registration_window_open(
            settings=settings, now=timezone.now()
        ),
        "counter_only": settings.audience == Audience.COUNTER,
    }


def _settings_or_404(settings_id: int):
    settings = selectors.settings_get(settings_id=settings_id)
    if settings is None or not settings.event.live:
        raise Http404
    return settings


@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest, settings_id: int) -> HttpResponse:
    settings = _settings_or_404(settings_id)
    event = selectors.event_localized(settings=settings)
    when = _chosen_date(request, settings, event)
    resident = resident_is_verified(request.user)
    form_kwargs = {"questions": settings.questions, "with_contact": not resident}
    if request.method == "POST":
        if not _same_origin(request):
            return _other_origin()
        if resident:
            # Residents post to `signup_account`, which checks CSRF.
            return HttpResponseRedirect(request.path)
        form = SignupForm(request.POST, **form_kwargs)
        if when is None:
            context = _signup_context(
                request, settings, event, when, form,
                error=_("Please choose one of the dates."),
            )  # fmt: skip
            return TemplateResponse(request, "courses/signup.html", context, status=400)
        if not rules.can_register_online(request.user, settings):
            context = _signup_context(request, settings, event, when, form)
            return TemplateResponse(request, "courses/signup.html", context, status=403)
        if form.is_valid():
            person = services.Person(
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                phone=form.cleaned_data["phone"],
            )
            return _create(request, settings, event, when, form, person, user=None)
        context = _signup_context(request, settings, event, when, form)
        return TemplateResponse(request, "courses/signup.html", context, status=400)
    form = SignupForm(**form_kwargs)
    return TemplateResponse(
        request,
        "courses/signup.html",
        _signup_context(request, settings, event, when, form),
    )


@never_cache
@require_POST
def signup_account(request: HttpRequest, settings_id: int) -> HttpResponse:
    """One click for a resident with a verified account."""
    settings = _settings_or_404(settings_id)
    event = selectors.event_localized(settings=settings)
    when = _chosen_date(request, settings, event)
    if not resident_is_verified(request.user) or when is None:
        return HttpResponseRedirect(reverse("courses:signup", args=[settings.pk]))
    if not rules.can_register_online(request.user, settings):
        raise Http404
    form = SignupForm(request.POST, questions=settings.questions, with_contact=False)
    if not form.is_valid():
        context = _signup_context(request, settings, event, when, form)
        return TemplateResponse(request, "courses/signup.html", context, status=400)
    person = services.Person(
        name=resident_name(request.user), email=resident_email(request.user)
    )
    return _create(request, settings, event, when, form, person, user=request.user)


def _create(request, settings, event, when, form, person, *, user) -> HttpResponse:
    try:
        registration = services.registration_create(
            settings=settings,
            starts_at=when[0],
            ends_at=when[1],
            person=person,
            answers=form.answers(),
            language=translation.get_language(),
            channel=Channel.ACCOUNT if user else Channel.ONLINE,
            user=user,
        )
    except services.RegistrationRefused as refused:
        context = _signup_context(
            request, settings, event, when, form, error=REFUSALS[refused.reason]()
        )
        return TemplateResponse(request, "courses/signup.html", context, status=409)
    return HttpResponseRedirect(registration_url(registration) + "?new=1")


def _invalid_link(request) -> HttpResponse:
    return TemplateResponse(request, "courses/invalid_link.html", {}, status=404)


@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    """The personal page behind the signed link."""
    registration = registration_from_token(token)
    if registration is None:
        return _invalid_link(request)
    notice = ""
    if request.method == "POST":
        if not _same_origin(request):
            return _other_origin()
        action = request.POST.get("action")
        if action == "cancel":
            done = services.registration_cancel(registration=registration)
            notice = (
                _("Your registration is cancelled.")
                if done
                else _("This registration was cancelled already.")
            )
        elif action == "accept":
            done = services.registration_accept(registration=registration)
            notice = (
                _("Your place is confirmed.")
                if done
                else _("This offer is no longer valid.")
            )
        else:
            notice = _("This request was not understood. Nothing was changed.")
        registration.refresh_from_db()
    event = registration.settings.event.localized.specific
    return TemplateResponse(
        request,
        "courses/manage.html",
        {
            "registration": registration,
            "event": event,
            "place": event.place,
            "new": request.GET.get("new") == "1" and request.method == "GET",
            "notice": notice,
            "token": token,
            "status": Status,
        },
    )


@never_cache
def manage_ics(request: HttpRequest, token: str) -> HttpResponse:
    registration = registration_from_token(token)
    if registration is None or not registration.has_seat:
        return _invalid_link(request)
    response = HttpResponse(
        registration_ics(registration), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="course.ics"'
    return response


@never_cache
def by_code(request: HttpRequest) -> HttpResponse:
    """Find one's registration by the code on the slip (no account)."""
    form = CodeForm(request.GET or None)
    if form.is_valid():
        registration = selectors.registration_for_code(code=form.cleaned_data["code"])
        if registration is not None:
            return HttpResponseRedirect(registration_url(registration))
        form.add_error("code", _("We found no registration with this code."))
    return TemplateResponse(
        request,
        "courses/by_code.html",
        {"form": form},
        status=400 if form.errors else 200,
    )
