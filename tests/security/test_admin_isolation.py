"""Admin read-isolation matrix: nobody reads what is not theirs.

Every URL pattern under /admin/ (taken from `get_resolver()`, so a new admin
URL is covered without touching this file) is requested with GET as firma-a,
firma-b, the adviser, a moderator and an editor. Object-id arguments are
filled with the ids of the other firm's pages, images and documents, of the
unmoderated ideas and of the other private idea-board objects; URLs without
an id get a search for the secrets and every secret object's id as `?id=`
(bulk actions, chosen-multiple). Two assertions per response:

- no response to a role contains a token that role must not read
  (the other firm's draft titles and file names, private idea texts);
- where the URL is about a model (the view names it) and the object is
  one the role may not read, the answer is a refusal, not a 2xx.

`test_rightful_roles_read_their_objects` is the positive control: the tokens
are there to be found by the people they belong to.
"""

from __future__ import annotations

import contextlib
import re
from collections import Counter
from urllib.parse import urlencode

import pytest
from django.apps import apps
from django.urls import (
    NoReverseMatch,
    URLPattern,
    URLResolver,
    get_resolver,
    reverse,
)
from django.urls.resolvers import RegexPattern
from wagtail.models import Page

from tests.factories.isolation import ROLES, SEARCH_WORD, World, world_build

#: URLs that name no object and are not requested: they fail on purpose, end
#: the session or need a one-time token from an e-mail.
NOT_REQUESTED = {
    "wagtailadmin_error_test",  # raises on purpose
    "wagtailadmin_logout",
    "wagtailadmin_password_reset_confirm",
}
#: What a refusal looks like: redirect (to the dashboard or the login),
#: not allowed, not found, bad request.
REFUSED = {302, 400, 403, 404, 405}
#: The editor may read everything; test_rightful_roles_read_their_objects
#: checks that side.
MATRIX_ROLES = [role for role in ROLES if role != "editor"]

#: Object-id arguments (whatever they are called); other int arguments of a
#: URL get the same id, a revision argument the object's latest revision.
ID_ARGUMENT = re.compile(
    r"^(pk|object_id|.*_id|.*_pk|revision_id_[ab])$", re.IGNORECASE
)


def _walk(patterns, prefix="", namespaces=()):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = (*namespaces, pattern.namespace) if pattern.namespace else namespaces
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), namespaces, pattern


def admin_patterns() -> list[tuple[str, str, URLPattern]]:
    """(route, full name, pattern) of every URL pattern under /admin/."""
    found = []
    for route, namespaces, pattern in _walk(get_resolver().url_patterns):
        if not route.startswith("admin/"):
            continue
        name = ":".join((*namespaces, pattern.name)) if pattern.name else ""
        found.append((route, name, pattern))
    return found


def _arguments(pattern: URLPattern) -> list[str]:
    if isinstance(pattern.pattern, RegexPattern):
        return list(pattern.pattern.regex.groupindex)
    return list(pattern.pattern.converters)


def _view_model(pattern: URLPattern):
    """The model a view says it is about, if it says so."""
    view = pattern.callback
    initkwargs = getattr(view, "view_initkwargs", {}) or {}
    model = initkwargs.get("model") or getattr(
        getattr(view, "view_class", None), "model", None
    )
    if isinstance(model, str):
        try:
            model = apps.get_model(model)
        except (LookupError, ValueError):
            model = None
    return model


def _model_label(model) -> str | None:
    if not isinstance(model, type):
        return None
    if issubclass(model, Page):
        return "wagtailcore.page"
    return model._meta.label_lower


def _url(route: str, name: str, kwargs: dict) -> str | None:
    if name:
        with contextlib.suppress(NoReverseMatch):  # a name reused for another route
            return reverse(name, kwargs=kwargs)
    url = "/" + route.replace("^", "").replace("$", "")
    for key, value in kwargs.items():
        url = re.sub(rf"<(\w+:)?{key}>", str(value), url)
    return None if "<" in url else url


def _revision_id(obj) -> int:
    return getattr(obj, "latest_revision_id", None) or 0


def requests_for(world: World, role: str, route: str, name: str, pattern):
    """(url, label of the model the URL is about, object) to request as
    `role`: every object `role` may not read, for URLs whose view does not
    name its model one object of each model. Raises LookupError for an
    argument this test cannot fill, so a new kind of admin URL fails here
    instead of being skipped."""
    arguments = _arguments(pattern)
    view_label = _model_label(_view_model(pattern))
    foreign = {
        label: [obj for obj in objects if not _may_read(world, role, label, obj)]
        for label, objects in world.objects.items()
    }
    if not arguments:
        url = _url(route, name, {})
        ids = sorted({obj.pk for objects in foreign.values() for obj in objects})
        # A search that finds every secret object, with every object id as
        # ?id= (bulk action confirmations, chosen-multiple).
        yield url, None, None
        with_ids = [("q", SEARCH_WORD)] + [("id", i) for i in ids]
        yield url + "?" + urlencode(with_ids), None, None
        return
    guessed = view_label or _guess(name, arguments)
    for label, objects in foreign.items():
        if guessed is not None and guessed != label:
            continue
        if guessed is None:
            objects = objects[:1]
        app_label, model_name = label.split(".")
        for obj in objects:
            kwargs = {}
            for argument in arguments:
                if argument == "revision_id_a":
                    kwargs[argument] = "earliest"
                elif argument == "revision_id_b":
                    kwargs[argument] = "latest"
                elif argument == "revision_id":
                    kwargs[argument] = _revision_id(obj)
                elif ID_ARGUMENT.match(argument):
                    kwargs[argument] = obj.pk
                elif argument in {"app_label", "app_name"}:
                    kwargs[argument] = app_label
                elif argument == "model_name":
                    kwargs[argument] = model_name
                elif argument == "content_type_app_name":
                    kwargs[argument] = obj._meta.app_label
                elif argument == "content_type_model_name":
                    kwargs[argument] = obj._meta.model_name
                elif argument in {"action", "action_name"}:
                    kwargs[argument] = "delete"
                elif argument == "filter_spec":
                    kwargs[argument] = "original"
                elif argument == "mode":
                    kwargs[argument] = "list"
                else:
                    raise LookupError(f"{route}: cannot fill <{argument}>")
            url = _url(route, name, kwargs)
            names_object = any(ID_ARGUMENT.match(a) for a in arguments)
            if url is not None:
                # Only a URL that names the object must refuse it.
                yield url, guessed, obj if names_object else None


def _guess(name: str, arguments: list[str]) -> str | None:
    """The model of page views, which do not name theirs."""
    if any("page" in a for a in arguments) or name.startswith(
        ("wagtailadmin_pages:", "wagtailadmin_explore", "wagtailadmin_choose_page")
    ):
        return "wagtailcore.page"
    return None


def _may_read(world: World, role: str, label: str, obj) -> bool:
    if role == "editor":
        return True
    if label in {"wagtailcore.page", "portal.customimage", "wagtaildocs.document"}:
        firm = world.firms.get(role.removeprefix("firm_"))
        if firm is None:
            return role == "moderator" and obj == world.photo
        return obj in firm.pages or obj in (firm.image, firm.document)
    if label.startswith("ideas."):
        return role == "moderator"
    return True


@pytest.fixture
def world(db, client):
    return world_build()


def _leaks(world: World, role: str, response) -> list[str]:
    content = b"".join(response) if response.streaming else response.content
    text = content.decode("utf-8", "replace").lower()
    return [
        f"{token} ({what})"
        for token, what in world.forbidden(role).items()
        if token in text
    ]


@pytest.mark.parametrize("role", MATRIX_ROLES)
def test_admin_read_isolation_matrix(client, world, role):
    client.force_login(world.users[role])
    client.raise_request_exception = False
    leaks, not_refused, errors, counts = [], [], [], Counter()
    for route, name, pattern in admin_patterns():
        if name in NOT_REQUESTED or route == "admin/^.*/$":
            continue
        counts["patterns"] += 1
        for url, label, obj in requests_for(world, role, route, name, pattern):
            response = client.get(url, HTTP_HOST="localhost")
            counts["requests"] += 1
            if response.status_code >= 500:
                errors.append(f"{url} [{response.status_code}]")
            found = _leaks(world, role, response)
            if found:
                leaks.append(f"{url} [{response.status_code}] {found}")
            if (
                obj is not None
                and label is not None
                and not _may_read(world, role, label, obj)
                and response.status_code not in REFUSED
            ):
                not_refused.append(f"{url} [{response.status_code}] {label} {obj.pk}")
    print(role, dict(counts), "\n".join(errors))  # noqa: T201 - the matrix size for the report
    assert not leaks, "\n".join(leaks)
    assert not not_refused, "\n".join(not_refused)
