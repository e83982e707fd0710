"""The adviser's shortlist ("Merkliste"): vacancy ids in the browser
session and a signed share link that reproduces them. The entries a
shortlist shows (open, or ended since) are read in `selectors.shortlist`.

Only vacancy ids are kept, never anything about the person the adviser is
helping: no name, no note, no language. The session is the visitor's own
and ends with the browser session.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core import signing
from django.http import HttpRequest

from .selectors.shortlist import vacancy_open_canonical

SESSION_KEY = "directory_shortlist"
#: More than fits on a useful handout; longer lists are cut with a message.
SHORTLIST_MAX = 30
SIGNING_SALT = "directory.shortlist"
_ID_SEP = "-"  # the payload must stay within [\w-] (a Wagtail path segment)


# Session -------------------------------------------------------------------


def shortlist_ids(request: HttpRequest) -> list[int]:
    """The shortlisted vacancy ids, oldest first; anything odd is dropped."""
    raw = request.session.get(SESSION_KEY, [])
    if not isinstance(raw, list):
        return []
    ids: list[int] = []
    for value in raw:
        if isinstance(value, int) and value > 0 and value not in ids:
            ids.append(value)
    return ids[:SHORTLIST_MAX]


def _store(request: HttpRequest, ids: list[int]) -> None:
    if not request.user.is_authenticated:
        # An anonymous adviser's session cookie ends with the browser session,
        # as the shortlist page promises (a login keeps its own lifetime).
        request.session.set_expiry(0)
    if ids:
        request.session[SESSION_KEY] = ids[:SHORTLIST_MAX]
    else:
        request.session.pop(SESSION_KEY, None)


@dataclass
class ShortlistChange:
    ok: bool
    code: str  # added, already, full, removed, cleared, not_found, merged
    ids: list[int]
    dropped: int = 0


def shortlist_add(request: HttpRequest, *, vacancy_id: int) -> ShortlistChange:
    ids = shortlist_ids(request)
    vacancy = vacancy_open_canonical(vacancy_id=vacancy_id)
    if vacancy is None:
        return ShortlistChange(False, "not_found", ids)
    if vacancy.pk in ids:
        return ShortlistChange(True, "already", ids)
    if len(ids) >= SHORTLIST_MAX:
        return ShortlistChange(False, "full", ids)
    ids.append(vacancy.pk)
    _store(request, ids)
    return ShortlistChange(True, "added", ids)


def shortlist_remove(request: HttpRequest, *, vacancy_id: int) -> ShortlistChange:
    ids = [pk for pk in shortlist_ids(request) if pk != vacancy_id]
    _store(request, ids)
    return ShortlistChange(True, "removed", ids)


def shortlist_clear(request: HttpRequest) -> ShortlistChange:
    _store(request, [])
    return ShortlistChange(True, "cleared", [])


def shortlist_merge(request: HttpRequest, *, ids: list[int]) -> ShortlistChange:
    """Take a shared list over into the visitor's own shortlist."""
    merged = shortlist_ids(request)
    dropped = 0
    for pk in ids:
        if pk in merged:
            continue
        if len(merged) >= SHORTLIST_MAX:
            dropped += 1
            continue
        merged.append(pk)
    _store(request, merged)
    return ShortlistChange(True, "merged", merged, dropped=dropped)


# Share link ------------------------------------------------------------------


def shortlist_token(ids: list[int]) -> tuple[str, str]:
    """The two path segments of a share link for `ids`: the ids in base 36
    and their signature. Signed, so a link cannot be edited into another
    list; not encrypted, as vacancy ids are public anyway."""
    payload = _ID_SEP.join(_base36(pk) for pk in ids) or "0"
    signed = signing.Signer(salt=SIGNING_SALT).sign(payload)
    value, signature = signed.rsplit(":", 1)
    return value, signature


@dataclass
class SharedList:
    ids: list[int]
    valid: bool = True
    capped: int = 0  # how many ids beyond SHORTLIST_MAX were left out


def shortlist_from_token(payload: str, signature: str) -> SharedList:
    """The ids of a share link; `valid` is False when it was altered."""
    try:
        value = signing.Signer(salt=SIGNING_SALT).unsign(f"{payload}:{signature}")
    except signing.BadSignature:
        return SharedList([], valid=False)
    ids: list[int] = []
    for part in value.split(_ID_SEP):
        try:
            pk = int(part, 36)
        except ValueError:
            continue
        if pk > 0 and pk not in ids:
            ids.append(pk)
    return SharedList(ids[:SHORTLIST_MAX], capped=max(0, len(ids) - SHORTLIST_MAX))


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
        if not number:
            return out
