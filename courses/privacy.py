"""The registrations in a person's data export and account deletion
(`portal.privacy`)."""

from __future__ import annotations

from .selectors import registrations_of_user
from .services import registrations_of_user_erase


def registrations_personal_data(user) -> list[dict]:
    return [
        {
            "course": r.settings.event.title,
            "date": r.starts_at.isoformat(),
            "status": r.status,
            "code": r.code,
            "name": r.name,
            "email": r.email,
            "phone": r.phone,
            "answers": r.answers,
            "registered_at": r.created_at.isoformat(),
        }
        for r in registrations_of_user(user=user)
    ]


def registrations_personal_data_erase(user) -> None:
    registrations_of_user_erase(user=user)
