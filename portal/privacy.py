"""What each app stores about a person, in one registry.

The data download and the account deletion walk this registry, so they cover
every app by construction. An app registers its sections in its
`AppConfig.ready()`, as it registers its roles' permissions (`portal.roles`):

    privacy.personal_data_register(
        key="ideas",
        models=("ideas.Idea", "ideas.Support"),
        export=ideas_personal_data,      # (user) -> JSON-serialisable data
        erase=ideas_personal_data_erase, # (user) -> None, before the user row goes
    )

A model with a foreign key to the user that holds nothing about that person
(say, the staff member who printed a code sheet) is declared with
`personal_data_exempt()` and a reason; tests/portal/test_privacy.py fails for
a project model with a user foreign key that is in neither list.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction


@dataclass(frozen=True)
class PersonalData:
    """One section of a person's data: its key in the export, the models it
    covers ("app_label.ModelName") and how to export and erase it."""

    key: str
    models: tuple[str, ...]
    export: Callable[[object], object]
    # None where deleting the user row removes or anonymises the rows by
    # itself (on_delete); the registration says so by passing None.
    erase: Callable[[object], None] | None = None


_sections: dict[str, PersonalData] = {}
_exempt: dict[str, str] = {}


def personal_data_register(
    *,
    key: str,
    models: tuple[str, ...],
    export: Callable[[object], object],
    erase: Callable[[object], None] | None = None,
) -> None:
    """Register a section of personal data (idempotent per key)."""
    _sections[key] = PersonalData(
        key=key, models=tuple(models), export=export, erase=erase
    )


def personal_data_exempt(*models: str, reason: str) -> None:
    """Declare models whose user foreign key holds nothing about that person."""
    for label in models:
        _exempt[label] = reason


def personal_data_sections() -> list[PersonalData]:
    return list(_sections.values())


def personal_data_models() -> set[str]:
    """Every model label a section covers or an app declared exempt."""
    covered = {label for section in _sections.values() for label in section.models}
    return covered | set(_exempt)


def personal_data_export(*, user) -> dict[str, object]:
    """Everything the portal stores about a person, by section."""
    return {key: section.export(user) for key, section in sorted(_sections.items())}


def personal_data_erase(*, user) -> None:
    """Erase every section's data of a person, in one transaction; the caller
    deletes the user row afterwards in the same transaction."""
    with transaction.atomic():
        for section in _sections.values():
            if section.erase is not None:
                section.erase(user)
