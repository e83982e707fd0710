"""Writes of resident accounts: deletion, participation codes. Each service
checks its rules again and raises AccountError with a message for the person
when it refuses."""

import secrets
from importlib import import_module

from allauth.account.internal.stagekit import LOGIN_SESSION_KEY
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.sessions.models import Session
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.page_cache import ALL, page_cache_purge
from portal.privacy import personal_data_erase

from . import rules
from .models import ParticipationCode, ParticipationCodeBatch

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


class AccountError(Exception):
    """A rule refused the action; str(error) is shown to the person."""


# Accounts --------------------------------------------------------------------


def account_delete(*, user) -> None:
    """Delete a resident's account. Every app erases its sections of the
    person's data first (portal.privacy: ideas and comments stay and show
    "former member"; supports, offers of help, reports and addresses go)."""
    if rules.is_staff_member(user):
        raise AccountError(
            _("Staff accounts are deleted by an administrator, not here.")
        )
    user_id = user.pk
    # allauth's pending login names the user in base 36 ("g" for 16).
    pending_pk = user_pk_to_url_str(user)
    with transaction.atomic():
        personal_data_erase(user=user)
        user.delete()
        _sessions_delete(user_id=user_id, pending_pk=pending_pk)
        # The name may be on any cached public page (ideas, comments, their
        # teasers); deletions are rare, so every cached page goes.
        page_cache_purge(ALL)


def _sessions_delete(*, user_id: int, pending_pk: str) -> int:
    """Delete every stored session of the user (other browsers, other
    devices, a login by code half done), which would otherwise keep the user
    id, and allauth's pending login with the address, for up to
    SESSION_COOKIE_AGE. Sessions are signed blobs with no user column, so
    each one is decoded; deleting an account is rare. Returns how many went."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    wanted = str(user_id)

    def belongs(data: dict) -> bool:
        pending = data.get(LOGIN_SESSION_KEY)
        pending_user = pending.get("user_pk") if isinstance(pending, dict) else None
        return str(data.get(SESSION_KEY, "")) == wanted or pending_user == pending_pk

    keys = [
        session.session_key
        for session in Session.objects.iterator(chunk_size=500)
        if belongs(session.get_decoded())
    ]
    for key in keys:
        # Through the engine, so a cached_db engine's cache copy goes too.
        store(session_key=key).delete()
    return len(keys)


# Participation codes ---------------------------------------------------------


def code_generate() -> str:
    """A random code in the printed form, e.g. "K7QX-M2PA-9RTD"."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _i in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def code_normalise(code: str) -> str:
    raw = "".join(ch for ch in code.upper() if ch.isalnum())
    if len(raw) != 12:
        return ""
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def participation_codes_create(
    *, label: str, count: int, actor
) -> ParticipationCodeBatch:
    """A sheet of `count` fresh one-time codes."""
    if not rules.can_create_codes(actor):
        raise AccountError(_("You may not create participation codes."))
    if not 1 <= count <= 500:
        raise AccountError(_("A sheet holds between 1 and 500 codes."))
    with transaction.atomic():
        batch = ParticipationCodeBatch.objects.create(label=label, created_by=actor)
        codes: set[str] = set()
        while len(codes) < count:
            codes.add(code_generate())
        taken = set(
            ParticipationCode.objects.filter(code__in=codes).values_list(
                "code", flat=True
            )
        )
        ParticipationCode.objects.bulk_create(
            ParticipationCode(batch=batch, code=code) for code in sorted(codes - taken)
        )
    return batch


def participation_code_redeem(
    *, code: str, username: str, display_name: str, password: str
):
    """Create a verified resident account from an unused code. The code is
    claimed with a conditional UPDATE, so it works exactly once."""
    User = get_user_model()
    normalised = code_normalise(code)
    with transaction.atomic():
        claimed = ParticipationCode.objects.filter(
            code=normalised, used_at__isnull=True
        ).update(used_at=timezone.now())
        if claimed != 1:
            raise AccountError(_("This code is not valid or has already been used."))
        if User.objects.filter(username__iexact=username).exists():
            raise AccountError(_("This user name is taken. Please choose another."))
        user = User(username=username, display_name=display_name)
        user.set_password(password)
        try:
            # Two redemptions with the same new name at once both pass the
            # check above; the unique index lets one in, the other gets the
            # same answer as a name already taken (and its code stays unused).
            with transaction.atomic():
                user.save()
        except IntegrityError:
            raise AccountError(
                _("This user name is taken. Please choose another.")
            ) from None
        ParticipationCode.objects.filter(code=normalised).update(used_by=user)
    return user
