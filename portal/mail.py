"""Every mail of the portal goes one way: the request enqueues a task with a
template, a context of plain values and model references, and the
recipient's language; the worker renders and sends it (`portal.tasks.
send_template_mail`). So no request waits for the mail server, the answer
takes as long whether an address has an account or not, and a mail server
that refuses is tried again later (retries with backoff, `MAIL_RETRY_DELAYS`).

Contexts are made serialisable here: model instances travel as references
and are read again in the worker; the request and the current site are
dropped (the worker has no request; mails link to `BASE_URL`). What a mail
needs beyond that — a personal link with a token, a subject worded in code,
an `.ics` — an app's *maker* builds in the worker (`mail_maker`), so the
queue never holds a secret link or a rendered text.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.utils import translation
from django.utils.functional import Promise

from .requestid import request_id_current

logger = logging.getLogger(__name__)

#: django-tasks queue of every mail; its own worker (deploy/systemd).
MAIL_QUEUE = "mail"
#: How the worker renders: `allauth` through the account adapter's
#: `render_mail` (subject prefix, txt/html pair), `django` from the three
#: template names Django's password reset form uses.
RENDERERS = ("allauth", "django")

_MODEL = "__model__"


@dataclass
class MailContent:
    """What a maker gives the worker for one mail: the body template's
    context, the subject where the maker words it (else the `subject`
    template is rendered) and attachments as (filename, content, mimetype)."""

    context: dict[str, Any]
    subject: str = ""
    attachments: list[tuple[str, str | bytes, str]] = field(default_factory=list)


#: name → maker(context) → MailContent, or None when the mail is no longer
#: due (its subject was deleted meanwhile). Apps register theirs from their
#: `mails` module, which their AppConfig.ready imports.
MAIL_MAKERS: dict[str, Callable[[dict[str, Any]], MailContent | None]] = {}


def mail_maker(name: str):
    """Register the function that builds the mail `name` in the worker, in
    the recipient's language (the worker runs it under that translation)."""

    def register(function):
        if MAIL_MAKERS.get(name, function) is not function:
            raise ValueError(f"Mail maker {name!r} is registered twice")
        MAIL_MAKERS[name] = function
        return function

    return register


def mail_context_serialise(context: dict[str, Any]) -> dict[str, Any]:
    """What of `context` can go into the queue (JSON): plain values, lists
    and dicts of them, lazy strings as text, model instances as references.
    Everything else (the request, forms, the current site) is left out."""
    return {
        key: value
        for key, value in ((k, _value(v)) for k, v in context.items())
        if value is not _DROP
    }


_DROP = object()


def _value(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, models.Model):
        if value.pk is None:
            return _DROP
        return {_MODEL: value._meta.label_lower, "pk": value.pk}
    if isinstance(value, (list, tuple)):
        return [v for v in map(_value, value) if v is not _DROP]
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        return mail_context_serialise(value)
    return _DROP


def mail_context_restore(data: dict[str, Any]) -> dict[str, Any]:
    """The context for the templates: references read again (a model gone
    since reads as None), plus what every mail template may use."""
    context = {key: _restore(value) for key, value in data.items()}
    context.setdefault("portal_name", settings.WAGTAIL_SITE_NAME)
    # allauth's templates may name the site; without a request it is the
    # portal's public address.
    context.setdefault(
        "current_site",
        SimpleNamespace(
            name=settings.WAGTAIL_SITE_NAME, domain=urlsplit(settings.BASE_URL).netloc
        ),
    )
    return context


def _restore(value: Any) -> Any:
    if isinstance(value, list):
        return [_restore(v) for v in value]
    if isinstance(value, dict):
        if set(value) == {_MODEL, "pk"}:
            model = apps.get_model(value[_MODEL])
            return model._default_manager.filter(pk=value["pk"]).first()
        return {k: _restore(v) for k, v in value.items()}
    return value


def mail_enqueue(
    *,
    renderer: str,
    templates: dict[str, str],
    to: list[str],
    context: dict[str, Any],
    language: str | None = None,
    from_email: str = "",
    maker: str = "",
    reply_to: str = "",
) -> None:
    """Queue one mail for the worker. `templates` is `{"prefix": …}` for
    allauth, `{"subject": …, "body": …, "html": …}` (html optional, subject
    optional where the maker words it) for Django's. `maker` names the
    registered function that completes the context in the worker.
    `language` defaults to the request's, the language the recipient is
    reading the portal in."""
    from .tasks import send_template_mail  # noqa: PLC0415 - tasks import this module

    if renderer not in RENDERERS:
        raise ValueError(f"Unknown mail renderer {renderer!r}")
    if maker and maker not in MAIL_MAKERS:
        raise ValueError(f"Unknown mail maker {maker!r}")
    if not to:
        return
    send_template_mail.enqueue(
        renderer=renderer,
        templates=templates,
        to=list(to),
        context=mail_context_serialise(context),
        language=language or translation.get_language() or settings.LANGUAGE_CODE,
        from_email=from_email,
        maker=maker,
        reply_to=reply_to,
        request_id=request_id_current(),
    )


def mail_enqueue_on_commit(**kwargs) -> None:
    """`mail_enqueue` once the current transaction commits: a mail about a
    row that is rolled back never goes out, and the worker finds the row."""
    transaction.on_commit(lambda: mail_enqueue(**kwargs))
