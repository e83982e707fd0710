from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    """Who may take a place."""

    ANYONE = "anyone", _("Anyone (online without an account)")
    RESIDENTS = "residents", _("Residents with an account")
    COUNTER = "counter", _("Only at the contact point")


class Scope(models.TextChoices):
    """A course series is one registration; a weekly workshop is per date."""

    SERIES = "series", _("The whole series (one registration)")
    PER_DATE = "per_date", _("Each date on its own")


class Question(models.TextChoices):
    """The small fixed set of questions an editor may ask."""

    LANGUAGE = "language", _("Language spoken")
    CHILDCARE = "childcare", _("Childcare needed")
    ACCESSIBILITY = "accessibility", _("Accessibility needs")
    FREE_TEXT = "free_text", _("Anything else we should know")


class Status(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("On the waiting list")
    OFFERED = "offered", _("Place offered")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Offer expired")


#: Statuses that hold a seat.
SEATED = (Status.CONFIRMED, Status.OFFERED)


class Presence(models.TextChoices):
    PRESENT = "present", _("Present")
    ABSENT = "absent", _("Absent")
    EXCUSED = "excused", _("Excused")


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    ACCOUNT = "account", _("With an account")
    COUNTER = "counter", _("At the contact point")
