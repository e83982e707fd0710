from django.db import models
from django.utils.translation import gettext_lazy as _


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")
    POSTPONED = "postponed", _("Postponed")
    MOVED_ONLINE = "moved_online", _("Moved online")


class Frequency(models.TextChoices):
    NONE = "", _("Does not repeat")
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly on chosen weekdays")
    MONTHLY = "monthly", _("Monthly on the n-th weekday")


class MonthWeek(models.IntegerChoices):
    FIRST = 1, _("first")
    SECOND = 2, _("second")
    THIRD = 3, _("third")
    FOURTH = 4, _("fourth")
    LAST = -1, _("last")


class Registration(models.TextChoices):
    NONE = "none", _("No registration needed")
    REQUIRED = "required", _("Registration required")


class DateChangeKind(models.TextChoices):
    CANCELLED = "cancelled", _("Cancelled")
    MOVED = "moved", _("Moved")


# Django weekday numbers (0 = Monday), as dateutil and Python count them.
WEEKDAY_CHOICES = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]
