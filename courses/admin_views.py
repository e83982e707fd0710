"""The course desk in the Wagtail admin: the day's lists of a contact point,
registration at the counter with its printed slip, the course leader's list
with check-in and export, and the project's anonymous figures.

Every view asks `rules` about the very object it shows or changes; a staff
member of one contact point gets a 404 for another's courses.
"""

from __future__ import annotations

import csv
import io
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from openpyxl import Workbook

from portal.absolute import absolute_url
from portal.exports import cell_text
from portal.text import text_clean

from . import rules, selectors, services
from .choices import Channel, Presence, Status
from .forms import CounterForm, moment_parse
from .models import Registration
from .views import REFUSALS


def _desk_user(request: HttpRequest):
    if not rules.can_use_course_desk(request.user):
        raise PermissionDenied
    return request.user


def _point_keys(user) -> set | None:
    return None if rules.is_course_manager(user) else rules.contact_point_keys(user)


def _settings_served(request, settings_id: int):
    settings = selectors.settings_get(settings_id=settings_id)
    if settings is None or not rules.can_serve(request.user, settings):
        raise Http404
    return settings


def _day(value: str | None) -> tuple[date, bool]:
    if not value:
        return timezone.localdate(), True
    try:
        parsed = parse_date(value)
    except ValueError:
        parsed = None
    return (parsed, True) if parsed else (timezone.localdate(), False)


def desk(request: HttpRequest) -> HttpResponse:
    """The day's lists for the staff member's contact points."""
    user = _desk_user(request)
    day, valid = _day(request.GET.get("day"))
    keys = _point_keys(user)
    return TemplateResponse(
        request,
        "courses/admin/desk.html",
        {
            "day": day,
            "day_error": "" if valid else _("This is not a valid date."),
            "lists": selectors.day_lists(day=day, point_keys=keys),
            "points": selectors.contact_points_of(point_keys=keys) if keys else [],
            "can_view_figures": rules.can_view_figures(user),
        },
    )


@require_http_methods(["GET", "POST"])
def counter_register(request: HttpRequest, settings_id: int) -> HttpResponse:
    """Register a person at the counter or on the phone."""
    _desk_user(request)
    settings = _settings_served(request, settings_id)
    event = settings.event
    if settings.per_date:
        moment = moment_parse(request.POST.get("date") or request.GET.get("date"))
        occurrence = (
            selectors.occurrence_at(event=event, starts_at=moment) if moment else None
        )
        when = (occurrence.start, occurrence.end) if occurrence else None
    else:
        when = selectors.series_span(event=event)
    form = CounterForm(request.POST or None, questions=settings.questions)
    error = ""
    if when is None:
        error = _("Please choose one of the dates.")
    elif request.method == "POST" and form.is_valid():
        try:
            registration = services.registration_create(
                settings=settings,
                starts_at=when[0],
                ends_at=when[1],
                person=services.Person(
                    name=form.cleaned_data["name"],
                    phone=form.cleaned_data["phone"],
                    email=form.cleaned_data["email"],
                ),
                answers=form.answers(),
                language=translation.get_language(),
                channel=Channel.COUNTER,
                registered_by=request.user,
            )
        except services.RegistrationRefused as refused:
            error = REFUSALS[refused.reason]()
        else:
            return HttpResponseRedirect(reverse("courses_slip", args=[registration.pk]))
    return TemplateResponse(
        request,
        "courses/admin/counter_register.html",
        {
            "settings": settings,
            "event": event,
            "when": when,
            "dates": selectors.upcoming_dates(event=event) if settings.per_date else [],
            "available": selectors.availability(
                settings=settings, starts_at=when[0] if when else None
            ),
            "form": form,
            "error": error,
        },
        status=400 if (error or form.errors) and request.method == "POST" else 200,
    )


def _registration_served(request, pk: int) -> Registration:
    registration = selectors.registration_get(registration_id=pk)
    if registration is None:
        raise Http404
    if not rules.can_serve(request.user, registration.settings):
        raise Http404
    return registration


def slip(request: HttpRequest, pk: int) -> HttpResponse:
    """The slip to hand over: date, place and the cancel code, to print. In
    the language the person was registered in."""
    _desk_user(request)
    registration = _registration_served(request, pk)
    language = request.GET.get("lang") or registration.language
    if language not in dict(_languages()):
        language = registration.language
    with translation.override(language):
        event = registration.settings.event.localized.specific
        response = TemplateResponse(
            request,
            "courses/admin/slip.html",
            {
                "registration": registration,
                "event": event,
                "place": event.place,
                # Printed and handed out: the public address, not the
                # host the desk's browser used.
                "code_url": absolute_url(reverse("courses:by_code")),
                "languages": _languages(),
                "language": language,
            },
        )
        response.render()
    return response


def _languages():
    return settings.LANGUAGES


@require_POST
def registration_action(request: HttpRequest, pk: int) -> HttpResponse:
    """Cancel for a person, or accept a place offered to someone the staff
    reached by phone."""
    _desk_user(request)
    registration = _registration_served(request, pk)
    action = request.POST.get("action")
    if action == "cancel":
        services.registration_cancel(registration=registration)
    elif action == "accept":
        services.registration_accept(registration=registration)
    else:
        return HttpResponse(status=400)
    back = request.POST.get("next") or reverse("courses_desk")
    if not back.startswith("/") or back.startswith("//"):
        back = reverse("courses_desk")
    return HttpResponseRedirect(back)


@require_http_methods(["GET", "POST"])
def participants(request: HttpRequest, settings_id: int) -> HttpResponse:
    """The course leader's list: print it, check people in per date."""
    _desk_user(request)
    settings = _settings_served(request, settings_id)
    days = selectors.course_days(settings=settings)
    moment = moment_parse(request.GET.get("date"))
    chosen = next((o for o in days if moment and o.start == moment), None)
    if chosen is None:
        now = timezone.now()
        chosen = next((o for o in days if o.end >= now), days[-1] if days else None)
    rows = selectors.participants(
        settings=settings, starts_at=chosen.start if chosen else None
    )
    saved = False
    if request.method == "POST" and chosen is not None:
        day = chosen.local_start.date()
        for registration in rows:
            value = request.POST.get(f"presence-{registration.pk}", "")
            if value in ("", *Presence.values):
                services.attendance_record(
                    registration=registration, day=day, presence=value, by=request.user
                )
        saved = True
        rows = selectors.participants(settings=settings, starts_at=chosen.start)
    day = chosen.local_start.date() if chosen else None
    for registration in rows:
        registration.presence_today = next(
            (a.presence for a in registration.attendances.all() if a.day == day), ""
        )
    return TemplateResponse(
        request,
        "courses/admin/participants.html",
        {
            "settings": settings,
            "event": settings.event,
            "days": days,
            "chosen": chosen,
            "rows": rows,
            "presences": Presence.choices,
            "saved": saved,
        },
    )


def _export_rows(settings) -> tuple[list[str], list[list]]:
    days = [o.local_start.date() for o in selectors.course_days(settings=settings)]
    header = [_("Name"), _("Phone"), _("E-mail"), _("Date"), _("Status"), _("Code")]
    header += [d.isoformat() for d in days]
    rows = []
    for r in selectors.participants(settings=settings, starts_at=None):
        by_day = {a.day: a.get_presence_display() for a in r.attendances.all()}
        rows.append(
            [
                r.name,
                r.phone,
                r.email,
                timezone.localtime(r.starts_at).strftime("%Y-%m-%d %H:%M"),
                r.get_status_display(),
                r.code,
                *(by_day.get(d, "") for d in days),
            ]
        )
    return header, rows


def _cell(value, fmt: str) -> str:
    return cell_text(text_clean(str(value)), spreadsheet_format=fmt)


def export(request: HttpRequest, settings_id: int, fmt: str) -> HttpResponse:
    _desk_user(request)
    settings = _settings_served(request, settings_id)
    header, rows = _export_rows(settings)
    name = f"teilnehmende-{settings.event.slug}"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows([[_cell(c, "csv") for c in row] for row in rows])
        response = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    if fmt == "xlsx":
        book = Workbook()
        sheet = book.active
        sheet.title = "Teilnehmende"
        sheet.append(header)
        for row in rows:
            sheet.append([_cell(c, "xlsx") for c in row])
            # Text stays text: openpyxl would take "=…" for a formula.
            for cell in sheet[sheet.max_row]:
                cell.data_type = "s"
        buffer = io.BytesIO()
        book.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    raise Http404


def figures(request: HttpRequest) -> HttpResponse:
    """Attendance per course and target group: counts only, never a name."""
    if not rules.can_view_figures(request.user):
        raise PermissionDenied
    data = selectors.attendance_figures()
    scale = max(
        [max(row.registered, row.present) for rows in data.values() for row in rows]
        + [1]
    )
    charts = []
    for key, title in (
        ("courses", _("Attendance per course")),
        ("groups", _("Attendance per target group")),
    ):
        bars = []
        for index, row in enumerate(data[key]):
            bars.append(
                {
                    "row": row,
                    "y": 8 + index * 44,
                    "registered_width": round(560 * row.registered / scale),
                    "present_width": round(560 * row.present / scale),
                }
            )
        charts.append(
            {
                "key": key,
                "title": title,
                "bars": bars,
                "height": 16 + 44 * max(len(bars), 1),
            }
        )
    return TemplateResponse(
        request, "courses/admin/figures.html", {"charts": charts, "status": Status}
    )
