"""The class guard of issue 12: after the destructive actions a real
deployment sees (an author deletes the account, a firm ends a vacancy, a
moderator hides a comment), every admin screen each role can reach, and
every public page linked from there, answers without a 500.

The crawl starts at the admin dashboard and the home page and follows
links (`<a href>` and the sidebar menu, which Wagtail renders from JSON) to
a bounded depth, at most a few URLs per URL pattern, so a new screen is
covered without editing this test while a role's crawl stays well under a
minute."""

import json
import re
from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from wagtail.models import Locale, Page

from directory import services as directory_services
from ideas.models import Comment, Idea, IdeaBoardPage
from ideas.services.lifecycle import idea_submit, idea_transition
from ideas.services.moderation import comment_create
from portal import roles
from tests.factories.directory import (
    CompanyPageFactory,
    DirectoryIndexPageFactory,
    SectorFactory,
    VacancyFinderPageFactory,
    VacancyPageFactory,
)
from tests.factories.ideas import CategoryFactory, QuarterFactory, ResidentFactory

pytestmark = pytest.mark.django_db

ROLES = ["admin", "editor", "moderator", "firm", "adviser"]
MAX_DEPTH = 3
#: URLs requested per URL pattern (route and query parameter names).
PER_PATTERN = 2
#: A safety net; the per-pattern bound is what keeps the crawl small.
MAX_URLS = 400
#: Links the crawl does not follow: leaving the session, and endpoints that
#: stream large files without an HTML page of their own.
SKIP = re.compile(
    r"^/admin/logout/|^/konto/logout/|^/logout|/documents/\d+/|^/static/|^/media/"
)
MENU_URL = re.compile(r'"url":\s*"(/[^"]*)"')


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def links_of(base: str, html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    found = [urljoin(base, href) for href in parser.hrefs]
    # Wagtail's sidebar menu is a JSON document, not links in the HTML.
    found += [json.loads(f'"{url}"') for url in MENU_URL.findall(html)]
    local = []
    for url in found:
        url, _fragment = urldefrag(url)
        parts = urlsplit(url)
        if parts.scheme not in ("", "http", "https") or parts.netloc not in (
            "",
            "localhost",
            "testserver",
        ):
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path and not SKIP.search(path):
            local.append(path)
    return local


def pattern_of(url: str) -> str:
    parts = urlsplit(url)
    try:
        match = resolve(parts.path)
    except Resolver404:
        return f"404:{parts.path}"
    # Named arguments that are not ids (a model, a bulk action) make their
    # own pattern; ids and slugs do not.
    names = [
        str(value)
        for value in match.kwargs.values()
        if not re.fullmatch(r"[\d-]+", str(value)) and match.url_name != "wagtail_serve"
    ]
    route = "/".join([match.route, *names])
    if match.url_name == "wagtail_serve":
        # One pattern serves every public page: tell them apart by shape.
        route = re.sub(r"\d+", "N", parts.path)
    keys = sorted({pair.split("=", 1)[0] for pair in parts.query.split("&") if pair})
    return f"{route}?{'&'.join(keys)}"


def crawl(client: Client, starts: list[str]) -> dict[str, int]:
    """Breadth-first from `starts`; returns {url: status} of every request."""
    seen, statuses, per_pattern = set(starts), {}, Counter()
    queue = deque((url, 0) for url in starts)
    while queue and len(statuses) < MAX_URLS:
        url, depth = queue.popleft()
        key = pattern_of(url)
        if per_pattern[key] >= PER_PATTERN:
            continue
        per_pattern[key] += 1
        response = client.get(url)
        statuses[url] = response.status_code
        if response.status_code != 200 or depth >= MAX_DEPTH:
            continue
        if response.get("Content-Type", "").split(";")[0] != "text/html":
            if response.streaming:
                b"".join(response.streaming_content)  # exports run lazily
            continue
        html = response.content.decode()
        for link in links_of(url, html):
            if link not in seen:
                seen.add(link)
                queue.append((link, depth + 1))
    return statuses


def _user(username: str, *groups, **fields):
    user = get_user_model().objects.create_user(
        username=username,
        email=f"{username}@example.org",
        password="demo-pass-2024",  # the demo's password
        display_name=username,
        **fields,
    )
    user.groups.add(*groups)
    return user


@pytest.fixture
def deployment(db):
    """The demo's roles and content, built with factories, after the
    destructive actions of a real deployment."""
    groups = roles.roles_sync()
    home = Page.objects.get(depth=2, locale=Locale.get_default()).specific
    quarter = QuarterFactory()
    category = CategoryFactory()

    directory = DirectoryIndexPageFactory(parent=home)
    directory_services.firm_workflow_ensure()
    sector = SectorFactory(name="Handwerk", slug="handwerk")
    firm_a = CompanyPageFactory(
        parent=directory, title="Firma A", slug="firma-a", sector=sector
    )
    firm_b = CompanyPageFactory(
        parent=directory, title="Firma B", slug="firma-b", sector=sector
    )
    ending = VacancyPageFactory(parent=firm_a, title="Endet", slug="endet")
    VacancyPageFactory(parent=firm_a, title="Läuft", slug="laeuft")
    VacancyPageFactory(parent=firm_b, title="Bei B", slug="bei-b")
    VacancyFinderPageFactory(parent=home)
    board = IdeaBoardPage(title="Ideencenter", slug="ideen", intro="Ideen.")
    home.add_child(instance=board)
    board.save_revision().publish()

    users = {
        "admin": _user("admin", is_superuser=True, is_staff=True),
        "editor": _user("editor", groups[roles.EDITORS]),
        "moderator": _user("moderator", groups[roles.MODERATORS]),
        "firm": _user(
            "firma-a",
            directory_services.firm_access_sync(company=firm_a),
            groups[roles.FIRMS],
        ),
        "adviser": _user("beraterin", groups[roles.ADVISERS]),
    }
    directory_services.firm_access_sync(company=firm_b)

    author, neighbour = ResidentFactory(), ResidentFactory()
    ideas = []
    for n in range(3):
        idea = idea_submit(
            author=author,
            title=f"Idee {n}",
            description="Eine Idee für den Hof, mit Bänken und Beeten.",
            category=category,
            quarter=quarter,
            author_can_help=True,
        )
        ideas.append(idea)
    idea_transition(idea=ideas[0], actor=users["moderator"], to_status="published")
    idea_transition(idea=ideas[1], actor=users["moderator"], to_status="published")
    idea_transition(idea=ideas[1], actor=users["editor"], to_status="in_review")
    comment_create(idea=ideas[0], author=author, text="Ich helfe mit.")
    rude = comment_create(idea=ideas[0], author=neighbour, text="Unfreundlich.")

    client = Client(HTTP_HOST="localhost")
    # The author deletes the account.
    client.force_login(author)
    response = client.post(reverse("residents:delete"), {"confirm": "on"})
    assert response.status_code == 302
    # The firm ends a vacancy.
    client.force_login(users["firm"])
    response = client.post(reverse("directory_vacancy_end", args=[ending.pk]))
    assert response.status_code == 302
    # A moderator hides a comment.
    client.force_login(users["moderator"])
    response = client.post(
        reverse("ideas_admin:hide_comment", args=[rude.pk]), {"reason": "Ton"}
    )
    assert response.status_code == 302

    ending.refresh_from_db()
    assert ending.live is False
    assert Idea.objects.filter(author__isnull=True).count() == 3
    assert Comment.objects.get(pk=rude.pk).is_hidden is True
    return {"users": users, "ideas": ideas, "comments": Comment.objects.all()}


@pytest.mark.parametrize("role", ROLES)
def test_no_admin_or_public_url_a_role_reaches_answers_500(deployment, role):
    # Every 500 is collected instead of stopping at the first.
    client = Client(HTTP_HOST="localhost", raise_request_exception=False)
    client.force_login(deployment["users"][role])
    idea_ids = "&".join(f"id={idea.pk}" for idea in deployment["ideas"])
    comment_ids = "&".join(f"id={c.pk}" for c in deployment["comments"])
    bulk = "wagtail_bulk_action"
    starts = [
        reverse("wagtailadmin_home"),
        "/",
        # Bulk confirmations are built by script, not linked.
        reverse(bulk, args=("ideas", "idea", "publish_ideas")) + f"?{idea_ids}",
        reverse(bulk, args=("ideas", "comment", "hide_comments")) + f"?{comment_ids}",
        reverse(bulk, args=("ideas", "comment", "restore_comments"))
        + f"?{comment_ids}",
    ]
    statuses = crawl(client, starts)
    errors = {url: status for url, status in statuses.items() if status >= 500}
    assert errors == {}
    # The crawl reached the screens it is meant to guard.
    assert statuses[reverse("wagtailadmin_home")] == 200
    assert len(statuses) > 20
    if role in ("admin", "editor", "moderator"):
        reached = {pattern_of(url) for url, status in statuses.items() if status == 200}
        assert any("ideas-moderation/<int:pk>/status/" in key for key in reached)
        assert any("ideas/comment/" in key for key in reached)
