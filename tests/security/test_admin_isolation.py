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
from django.core.files.base import ContentFile
from django.urls import (
    NoReverseMatch,
    URLPattern,
    URLResolver,
    get_resolver,
    reverse,
)
from django.urls.resolvers import RegexPattern
from wagtail.models import Page
from wagtail.users.models import UserProfile

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
                elif argument == "fmt":
                    kwargs[argument] = "csv"
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
    # Contact-point staff and business advisers, none of the matrix roles.
    return label not in {"courses.registration", "economy.enquiry"}


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
    print(role, dict(counts), "\n".join(errors))  # the matrix size for the report
    assert not leaks, "\n".join(leaks)
    assert not not_refused, "\n".join(not_refused)


def _text(response) -> str:
    content = b"".join(response) if response.streaming else response.content
    return content.decode("utf-8", "replace").lower()


def _login(client, world: World, role: str):
    client.force_login(world.users[role])
    return client


# Positive control: the secrets are there for the people they belong to, so
# their absence elsewhere means something.
def _edit(name, key, attribute):
    return lambda w: reverse(name, args=[getattr(w.firms[key], attribute).pk])


def _at(name, query=""):
    return lambda w: reverse(name) + query


RIGHTFUL = [
    ("firm_a", _edit("wagtailadmin_pages:edit", "a", "company"), "adraftzq"),
    ("firm_a", _edit("wagtailadmin_pages:edit", "a", "company_en"), "aendraftzq"),
    ("firm_a", _edit("wagtailadmin_explore", "a", "company"), "avacancyzq"),
    ("firm_a", _edit("wagtailimages:edit", "a", "image"), "aimagezq"),
    ("firm_a", _edit("wagtaildocs:edit", "a", "document"), "adocumentzq"),
    ("firm_a", lambda w: "/admin/api/main/images/", "aimagefilezq"),
    ("firm_a", lambda w: "/admin/api/main/documents/", "adocfilezq"),
    ("firm_a", _at("wagtailadmin_choose_page_search", "?q=Geheimnis"), "adraftzq"),
    ("firm_b", _edit("wagtailadmin_pages:edit", "b", "company"), "bdraftzq"),
    ("editor", _edit("wagtailadmin_pages:edit", "b", "company"), "bdraftzq"),
    ("editor", _at("wagtailadmin_reports:page_types_usage"), "bvacancyzq"),
    ("editor", _at("wagtailimages:index"), "iotaphotozq"),
    ("editor", _at("wagtailsnippets_ideas_idea:list"), "gammaideazq"),
    ("moderator", _at("wagtailsnippets_ideas_idea:list"), "gammaideazq"),
    (
        "moderator",
        _at("wagtailsnippetchoosers_ideas_idea:choose_results", "?q=Geheimnis"),
        "deltaideazq",
    ),
    (
        "moderator",
        _at("wagtailsnippetchoosers_ideas_comment:choose_results"),
        "epsiloncommentzq",
    ),
    (
        "moderator",
        lambda w: reverse(
            "wagtailsnippets_ideas_idea:edit", args=[w.ideas["submitted"].pk]
        ),
        "iotaphotozq",
    ),
    (
        "moderator",
        _at("wagtailsnippets_residents_participationcodebatch:list"),
        "thetasheetzq",
    ),
]


@pytest.mark.parametrize(("role", "url", "token"), RIGHTFUL)
def test_rightful_roles_read_their_objects(client, world, role, url, token):
    response = _login(client, world, role).get(url(world))

    assert response.status_code == 200
    assert token in _text(response)


# Focused regression tests, one per finding of issue 10 ---------------------


def test_firm_explores_from_its_own_company_not_the_tree_root(client, world):
    firm_a, firm_b = world.firms["a"], world.firms["b"]
    _login(client, world, "firm_a")

    root = client.get(reverse("wagtailadmin_explore_root"))
    foreign = client.get(reverse("wagtailadmin_explore", args=[firm_b.company.pk]))
    foreign_en = client.get(
        reverse("wagtailadmin_explore", args=[firm_b.company_en.pk])
    )

    assert root.status_code == 302
    assert root["Location"] == reverse("wagtailadmin_explore", args=[firm_a.company.pk])
    for response in (foreign, foreign_en):
        assert response.status_code == 302
        assert "bdraftzq" not in _text(response)
        assert "bendraftzq" not in _text(response)


def test_page_chooser_browse_search_and_chosen_show_only_own_pages(client, world):
    firm_a, firm_b = world.firms["a"], world.firms["b"]
    index = firm_a.company.get_parent()
    _login(client, world, "firm_a")

    browse = client.get(reverse("wagtailadmin_choose_page_child", args=[index.pk]))
    search = client.get(reverse("wagtailadmin_choose_page_search") + "?q=Geheimnis")
    foreign = client.get(
        reverse("wagtailadmin_choose_page_child", args=[firm_b.company.pk])
    )
    chosen = client.get(
        reverse("wagtailadmin_choose_page_chosen_multiple")
        + f"?id={firm_b.company.pk}&id={firm_b.vacancy.pk}"
    )

    assert "adraftzq" in _text(browse)
    assert "bdraftzq" not in _text(browse)
    assert "adraftzq" in _text(search)
    assert "bdraftzq" not in _text(search)
    assert "bvacancyzq" not in _text(search)
    for response in (foreign, chosen):
        assert response.status_code in REFUSED
        assert "bdraftzq" not in _text(response)
        assert "bvacancyzq" not in _text(response)


@pytest.mark.parametrize("action", ["delete", "unpublish", "move", "publish"])
def test_page_bulk_action_confirmation_names_no_foreign_page(client, world, action):
    firm_b = world.firms["b"]
    _login(client, world, "firm_a")
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", action])

    response = client.get(f"{url}?id={firm_b.company.pk}&id={firm_b.vacancy.pk}")

    assert response.status_code in REFUSED
    assert "bdraftzq" not in _text(response)
    assert "bvacancyzq" not in _text(response)


def test_move_confirmation_to_a_foreign_company_is_refused(client, world):
    firm_a, firm_b = world.firms["a"], world.firms["b"]
    _login(client, world, "firm_a")

    response = client.get(
        reverse(
            "wagtailadmin_pages:move_confirm",
            args=[firm_a.vacancy.pk, firm_b.company.pk],
        )
    )

    assert response.status_code in REFUSED
    assert "bdraftzq" not in _text(response)


def test_page_types_report_is_for_the_whole_tree_only(client, world):
    _login(client, world, "firm_a")

    response = client.get(reverse("wagtailadmin_reports:page_types_usage"))

    assert response.status_code in REFUSED
    assert "bvacancyzq" not in _text(response)


@pytest.mark.parametrize("endpoint", ["images", "documents"])
def test_admin_api_lists_only_the_firms_own_uploads(client, world, endpoint):
    firm_b = world.firms["b"]
    _login(client, world, "firm_a")
    foreign = firm_b.image if endpoint == "images" else firm_b.document

    listing = client.get(f"/admin/api/main/{endpoint}/")
    detail = client.get(f"/admin/api/main/{endpoint}/{foreign.pk}/")
    photo = client.get(f"/admin/api/main/images/{world.photo.pk}/")

    titles = [item["title"] for item in listing.json()["items"]]
    assert titles == [f"a{endpoint[:-1]}zq geheimnis".replace("zq g", "zq G")]
    assert detail.status_code == 404
    assert photo.status_code == 404


def test_firm_document_is_not_downloadable_anonymously(client, world):
    document = world.firms["b"].document
    editors_document = type(document).objects.create(
        title="Flyer", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="flyer.pdf")
    )

    anonymous = client.get(document.url)
    public = client.get(editors_document.url)
    other_firm = _login(client, world, "firm_a").get(document.url)
    own_firm = _login(client, world, "firm_b").get(document.url)

    assert anonymous.status_code == 404
    assert other_firm.status_code == 404
    assert own_firm.status_code == 200
    assert public.status_code == 200


def test_firm_document_linked_from_a_published_page_is_public(client, world):
    firm_b = world.firms["b"]
    company = firm_b.company
    company.title = "Firma B"
    company.body = [
        (
            "paragraph",
            f'<p><a linktype="document" id="{firm_b.document.pk}">Flyer</a></p>',
        )
    ]
    company.save_revision().publish()

    assert client.get(firm_b.document.url).status_code == 200


def _company_form(page, **fields) -> dict:
    return {
        "title": "Firma A",
        "slug": page.slug,
        "short_description": page.short_description,
        "street": page.street,
        "postal_code": page.postal_code,
        "city": page.city,
        "body-count": "0",
        "social_profiles-count": "0",
        "contact_persons-count": "0",
        "opening_hours-count": "0",
        "tags": "",
        **fields,
    }


def test_another_firms_image_is_refused_as_logo(client, world):
    firm_a, firm_b = world.firms["a"], world.firms["b"]
    _login(client, world, "firm_a")
    url = reverse("wagtailadmin_pages:edit", args=[firm_a.company.pk])

    foreign = client.post(url, _company_form(firm_a.company, logo=firm_b.image.pk))
    own = client.post(url, _company_form(firm_a.company, logo=firm_a.image.pk))

    assert foreign.status_code == 200  # the form again, with its error
    assert "bimagezq" not in _text(foreign)
    assert own.status_code == 302
    firm_a.company.refresh_from_db()
    latest = firm_a.company.get_latest_revision_as_object()
    assert latest.logo_id == firm_a.image.pk


@pytest.mark.parametrize("role", ["firm_a", "adviser"])
@pytest.mark.parametrize(
    ("model", "key", "token"),
    [
        ("idea", "ideas.idea", "gammaideazq"),
        ("comment", "ideas.comment", "epsiloncommentzq"),
        ("report", "ideas.report", "zetareportzq"),
    ],
)
def test_idea_choosers_refuse_firms_and_advisers(
    client, world, role, model, key, token
):
    obj = world.objects[key][0]
    _login(client, world, role)
    namespace = f"wagtailsnippetchoosers_ideas_{model}"

    results = client.get(reverse(f"{namespace}:choose_results") + "?q=Geheimnis")
    chosen = client.get(reverse(f"{namespace}:chosen", args=[obj.pk]))
    localize = client.get(f"/admin/localize/api/snippets/ideas/{model}/")

    for response in (results, chosen, localize):
        assert response.status_code in REFUSED
        assert token not in _text(response)


def test_residents_photos_cannot_be_chosen_by_anybody(client, world):
    _login(client, world, "editor")

    chooser = client.get(reverse("wagtailimages_chooser:choose") + "?q=Geheimnis")
    listing = client.get(reverse("wagtailimages:index"))

    assert "iotaphotozq" not in _text(chooser)
    assert "iotaphotozq" in _text(listing)


def test_residents_photo_is_refused_as_logo_even_for_editors(client, world):
    company = world.firms["a"].company
    _login(client, world, "editor")
    url = reverse("wagtailadmin_pages:edit", args=[company.pk])

    response = client.post(url, _company_form(company, logo=world.photo.pk))

    assert response.status_code == 200  # the form again, with its error
    company.refresh_from_db()
    assert company.get_latest_revision_as_object().logo_id is None


def test_firm_with_english_admin_explores_from_its_english_company(client, world):
    firm_a = world.firms["a"]
    profile = UserProfile.get_for_user(firm_a.user)
    profile.preferred_language = "en"
    profile.save()
    _login(client, world, "firm_a")

    root = client.get(reverse("wagtailadmin_explore_root"))
    english = client.get(reverse("wagtailadmin_explore", args=[firm_a.company_en.pk]))

    assert root["Location"] == reverse(
        "wagtailadmin_explore", args=[firm_a.company_en.pk]
    )
    assert english.status_code == 200
    assert "bendraftzq" not in _text(english)
