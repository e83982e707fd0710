"""Course and workshop registrations: the settings an editor gives an event
(capacity, window, questions, who may register), the registrations with their
waiting list, attendance per date, and which contact point each staff member
serves.

Events must not know courses: the settings point at the event page, never the
other way round, and the event page shows the seats left through the hook in
`events.extensions` that this app fills (apps.py).
"""

import secrets

from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, PageChooserPanel

from .choices import Audience, Channel, Presence, Question, Scope, Status
from .forms import RegistrationSettingsForm

#: Letters that cannot be mistaken for one another on a slip or the phone.
CODE_ALPHABET = "ACDEFGHJKLMNPQRTUVWXY34679"
CODE_LENGTH = 8


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _n in range(CODE_LENGTH))


class RegistrationSettings(models.Model):
    """How people register for one event (edited by editors). Every
    registration of the event locks this row while it counts the seats, so
    the last seat is never given twice."""

    event = models.OneToOneField(
        "events.EventPage",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    is_open = models.BooleanField(_("registration open"), default=True)
    scope = models.CharField(
        _("registration for"),
        max_length=10,
        choices=Scope.choices,
        default=Scope.SERIES,
    )
    capacity = models.PositiveIntegerField(
        _("places"), validators=[MinValueValidator(1), MaxValueValidator(10_000)]
    )
    opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    audience = models.CharField(
        _("who may register"),
        max_length=10,
        choices=Audience.choices,
        default=Audience.ANYONE,
    )
    questions = models.JSONField(_("questions to ask"), default=list, blank=True)
    waiting_list = models.BooleanField(_("waiting list when full"), default=True)
    offer_hours = models.PositiveSmallIntegerField(
        _("hours to accept a place from the waiting list"),
        default=48,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 14)],
    )

    base_form_class = RegistrationSettingsForm
    panels = [
        PageChooserPanel("event", page_type="events.EventPage"),
        FieldPanel("is_open"),
        FieldPanel("scope"),
        FieldPanel("capacity"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        FieldPanel("audience"),
        FieldPanel("questions"),
        FieldRowPanel([FieldPanel("waiting_list"), FieldPanel("offer_hours")]),
    ]

    class Meta:
        verbose_name = _("registration settings")
        verbose_name_plural = _("course registrations")
        permissions = [("view_figures", "Can see the anonymous attendance figures")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1), name="courses_capacity_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(closes_at__isnull=True)
                | models.Q(opens_at__isnull=True)
                | models.Q(closes_at__gt=models.F("opens_at")),
                name="courses_window_ordered",
            ),
        ]

    def __str__(self):
        return self.event.title if self.event_id else str(_("registration settings"))

    def clean(self):
        super().clean()
        unknown = set(self.questions or []) - set(Question.values)
        if unknown:
            raise ValidationError({"questions": _("Choose questions from the list.")})
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError(
                {"closes_at": _("Registration must close after it opens.")}
            )

    @property
    def per_date(self) -> bool:
        return self.scope == Scope.PER_DATE


class Registration(models.Model):
    """One person's place (or place on the waiting list) in a course, or in
    one date of a workshop. Personal fields are blanked by the retention job
    a while after the event; the row stays so that the counts stay."""

    settings = models.ForeignKey(
        RegistrationSettings,
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    # The date for per-date registrations; the first date for a series.
    starts_at = models.DateTimeField(_("date"))
    ends_at = models.DateTimeField(_("last date ends"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.CONFIRMED
    )
    channel = models.CharField(
        _("registered"), max_length=10, choices=Channel.choices, default=Channel.ONLINE
    )
    code = models.CharField(_("code"), max_length=CODE_LENGTH, unique=True)
    name = models.CharField(_("name or pseudonym"), max_length=80, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=10, default="de")
    user = models.ForeignKey(
        django_settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="course_registrations",
    )
    registered_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    offered_until = models.DateTimeField(_("offer valid until"), null=True, blank=True)
    needs_call = models.BooleanField(_("to be called"), default=False)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    erased_at = models.DateTimeField(_("personal data deleted"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["settings", "starts_at", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="offered")
                | models.Q(offered_until__isnull=False),
                name="courses_offer_has_deadline",
            ),
            # One person holds one place per date: the same account cannot
            # register twice (people without one are told apart by staff).
            models.UniqueConstraint(
                fields=["settings", "starts_at", "user"],
                condition=models.Q(
                    user__isnull=False, status__in=["confirmed", "waiting", "offered"]
                ),
                name="courses_one_active_registration_per_account",
            ),
        ]

    def __str__(self):
        return f"{self.code} ({self.get_status_display()})"

    @property
    def has_seat(self) -> bool:
        return self.status in (Status.CONFIRMED, Status.OFFERED)

    @property
    def is_active(self) -> bool:
        return self.status in (Status.CONFIRMED, Status.WAITING, Status.OFFERED)


class Attendance(models.Model):
    """Whether a participant came to one date (the course leader's check-in)."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="attendances"
    )
    day = models.DateField(_("date"))
    presence = models.CharField(
        _("attendance"), max_length=10, choices=Presence.choices
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "day"], name="courses_attendance_once_per_day"
            )
        ]

    def __str__(self):
        return f"{self.day}: {self.get_presence_display()}"


class ContactPointStaff(models.Model):
    """A staff member who registers people at one contact point's counter and
    sees that contact point's lists (one row per contact point served).
    Events refer to contact points as plain pages; so does this (courses sits
    below `home`). Translations of a contact point count as the same one."""

    user = models.ForeignKey(
        django_settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        on_delete=models.CASCADE,
        related_name="contact_point_assignments",
    )
    contact_point = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("contact point"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [
        FieldPanel("user"),
        PageChooserPanel("contact_point", page_type="home.ContactPointPage"),
    ]

    class Meta:
        verbose_name = _("contact-point staff member")
        verbose_name_plural = _("contact-point staff")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "contact_point"], name="courses_staff_once_per_point"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.contact_point.title}"
