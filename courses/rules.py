"""Who may do what with course registrations, in one place. Views ask these
functions for every object; services ask again before they write."""

from __future__ import annotations

from .accounts import resident_is_verified
from .choices import Audience
from .models import ContactPointStaff

MANAGE = "courses.change_registrationsettings"
FIGURES = "courses.view_figures"


def is_course_manager(user) -> bool:
    """Editors and superusers see every course's lists."""
    return user.is_authenticated and (user.is_superuser or user.has_perm(MANAGE))


def contact_point_keys(user) -> set:
    """Translation keys of the contact points a staff member serves (a
    contact point's translations are the same place). Cached on the user."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_courses_points", None)
    if cached is None:
        cached = set(
            ContactPointStaff.objects.filter(user=user).values_list(
                "contact_point__translation_key", flat=True
            )
        )
        user._courses_points = cached
    return cached


def is_contact_point_staff(user) -> bool:
    return bool(contact_point_keys(user))


def can_use_course_desk(user) -> bool:
    """The day lists and counter registration in the admin."""
    return is_course_manager(user) or is_contact_point_staff(user)


def can_serve(user, settings) -> bool:
    """Register people for, print and check in this course: editors, and the
    staff of the event's contact point."""
    if is_course_manager(user):
        return True
    event = settings.event
    if not event.contact_point_id:
        return False
    return event.contact_point.translation_key in contact_point_keys(user)


def can_register_online(user, settings) -> bool:
    if settings.audience == Audience.ANYONE:
        return True
    if settings.audience == Audience.RESIDENTS:
        return resident_is_verified(user)
    return False


def can_view_figures(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.has_perm(FIGURES))
