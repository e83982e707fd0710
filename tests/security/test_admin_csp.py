"""The Wagtail admin's Content-Security-Policy under the production settings:
no 'unsafe-inline' for scripts, and every script element of an admin HTML
page carries the nonce its header allows (portal.security adds it). Public
pages and the admin's JSON answers stay as they were. That the admin works
under it in a browser: tests/e2e/test_admin_csp.py."""

import json

import pytest
from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.test import RequestFactory

from directory import services
from portal.models import Quarter
from portal.security import PortalCSPMiddleware, script_nonces_add
from tests.factories.directory import (
    CompanyPageFactory,
    DirectoryIndexPageFactory,
    QuarterFactory,
    SectorFactory,
)
from tests.factories.events import EventIndexPageFactory, EventPageFactory
from tests.factories.ideas import editor_create
from tests.utils import csp_directives, soup


@pytest.fixture
def editor_client(production, client):
    client.force_login(editor_create())
    return client


@pytest.fixture
def company(home_de, image):
    index = DirectoryIndexPageFactory(parent=home_de)
    services.firm_workflow_ensure()
    return CompanyPageFactory(
        parent=index,
        logo=image,
        sector=SectorFactory(),
        quarter=QuarterFactory(),
    )


@pytest.fixture
def event(db):
    return EventPageFactory(parent=EventIndexPageFactory())


def header_nonce(response) -> str:
    """The one nonce the response's script-src allows; fails if the policy
    allows inline scripts otherwise."""
    script_src = csp_directives(response)["script-src"]
    nonces = [source for source in script_src if source.startswith("'nonce-")]
    assert len(nonces) == 1, script_src
    assert script_src == ["'self'", nonces[0], "'strict-dynamic'"]
    return nonces[0].removeprefix("'nonce-").removesuffix("'")


def scripts(response) -> list:
    return soup(response).find_all("script")


@pytest.mark.parametrize(
    ("url", "inline"),
    [
        (lambda company, event: f"/admin/pages/{company.pk}/edit/", "ImageChooser"),
        (lambda company, event: f"/admin/pages/{event.pk}/edit/", "InlinePanel"),
        (lambda company, event: f"/admin/pages/{event.pk}/edit/", "initDateChooser"),
        (
            lambda company, event: (
                f"/admin/snippets/portal/quarter/edit/{Quarter.objects.first().pk}/"
            ),
            None,
        ),
        (lambda company, event: "/admin/", None),
        (lambda company, event: f"/admin/pages/{company.get_parent().pk}/", None),
        (lambda company, event: "/admin/images/", None),
        (lambda company, event: "/admin/reports/workflow_tasks/", None),
    ],
    ids=[
        "company-edit-chooser",
        "event-edit-inline-panel",
        "event-edit-date-widget",
        "snippet-edit",
        "dashboard",
        "explorer",
        "images",
        "workflow-tasks",
    ],
)
@pytest.mark.django_db
def test_every_script_of_an_admin_page_carries_the_nonce_of_its_header(
    editor_client, company, event, url, inline
):
    response = editor_client.get(url(company, event), secure=True)

    assert response.status_code == 200
    assert "'unsafe-inline'" not in csp_directives(response)["script-src"]
    nonce = header_nonce(response)
    found = scripts(response)
    assert found, "the admin page has scripts"
    assert [script.get("nonce") for script in found] == [nonce] * len(found)
    if inline:
        assert any(inline in script.get_text() for script in found), inline
    assert response["Content-Length"] == str(len(response.content))


@pytest.mark.django_db
def test_each_admin_response_has_its_own_nonce(editor_client):
    first = editor_client.get("/admin/", secure=True)
    second = editor_client.get("/admin/", secure=True)

    assert header_nonce(first) != header_nonce(second)


@pytest.mark.django_db
def test_public_pages_keep_their_policy_and_markup_also_with_the_userbar(
    production, client, editor_client, company
):
    visitor = client.get(company.url, secure=True)
    editor_view = editor_client.get(company.url, secure=True)

    for response in (visitor, editor_view):
        assert response.status_code == 200
        assert csp_directives(response)["script-src"] == ["'self'"]
        assert b"nonce" not in response.content
    userbar = editor_view.content.decode()
    assert "<wagtail-userbar" in userbar
    # The userbar's scripts come from the portal's own origin, which the
    # public policy allows; none of them is inline.
    userbar_scripts = scripts(editor_view)
    assert all(script.get("src") or script.get("type") for script in userbar_scripts)


@pytest.mark.django_db
def test_admin_json_answers_are_left_as_they_are(editor_client, image):
    response = editor_client.get("/admin/images/chooser/", secure=True)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "html" in json.loads(response.content)
    assert b"nonce" not in response.content
    # No nonce was taken for this response, so the header names none.
    assert "'nonce-" not in response["Content-Security-Policy"]


HTML_WITH_SCRIPT = b'<div><script>go()</script><script src="/s.js"></script></div>'


@pytest.mark.parametrize(
    "make_response",
    [
        lambda: JsonResponse({"html": HTML_WITH_SCRIPT.decode()}),
        lambda: StreamingHttpResponse([HTML_WITH_SCRIPT]),
        lambda: HttpResponse(HTML_WITH_SCRIPT, content_type="text/plain"),
    ],
    ids=["json", "streaming-html", "plain-text"],
)
def test_middleware_changes_nothing_but_complete_html(make_response, settings):
    request = RequestFactory().get("/admin/anything/")
    body = make_response().getvalue()

    response = PortalCSPMiddleware(lambda request: make_response())(request)

    assert response.getvalue() == body
    assert "'nonce-" not in response["Content-Security-Policy"]


def test_middleware_adds_nonces_to_admin_html_only(settings):
    admin = RequestFactory().get("/admin/anything/")
    public = RequestFactory().get("/anything/")

    def page(request):
        return HttpResponse(HTML_WITH_SCRIPT)

    admin_response = PortalCSPMiddleware(page)(admin)
    public_response = PortalCSPMiddleware(page)(public)

    nonce = str(admin.csp_nonce)
    expected = (
        f'<div><script nonce="{nonce}">go()</script>'
        f'<script nonce="{nonce}" src="/s.js"></script></div>'
    )
    assert admin_response.content == expected.encode()
    assert f"'nonce-{nonce}'" in admin_response["Content-Security-Policy"]
    assert public_response.content == HTML_WITH_SCRIPT


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (b"<script>a()</script>", b'<script nonce="N">a()</script>'),
        (b"<SCRIPT SRC=/a.js></SCRIPT>", b'<SCRIPT nonce="N" SRC=/a.js></SCRIPT>'),
        (
            b'<script\n  type="module" src="/a.js">',
            b'<script nonce="N"\n  type="module" src="/a.js">',
        ),
        # A nonce of its own stays.
        (b'<script nonce="own">a()</script>', b'<script nonce="own">a()</script>'),
        (b"<script NONCE=own>a()</script>", b"<script NONCE=own>a()</script>"),
        # Look-alikes are no nonce attribute.
        (
            b'<script data-nonce="x" title="nonce=y">',
            b'<script nonce="N" data-nonce="x" title="nonce=y">',
        ),
        # `>` inside an attribute value does not end the tag.
        (b'<script data-x="a>b">', b'<script nonce="N" data-x="a>b">'),
        # `<script` inside a script is text, and so is one in a comment.
        (
            b'<script>s = "<script>";</script><script>b()</script>',
            b'<script nonce="N">s = "<script>";</script><script nonce="N">b()</script>',
        ),
        (
            b"<!-- <script> --><script>c()</script>",
            b'<!-- <script> --><script nonce="N">c()</script>',
        ),
        # Scripts in a <template> run when Wagtail inserts the template.
        (
            b"<template><script>d()</script></template>",
            b'<template><script nonce="N">d()</script></template>',
        ),
        (b"<scripts><p>&lt;script&gt;</p>", b"<scripts><p>&lt;script&gt;</p>"),
    ],
)
def test_script_nonces_add(html, expected):
    assert script_nonces_add(html, "N") == expected
