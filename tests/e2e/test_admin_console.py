"""Every demo role walks its admin in a real browser: the screens its
dashboard and sidebar link to answer without a server error, and no script
fails on them (uncaught exceptions or errors in the console). The HTTP crawl
(tests/portal/test_admin_crawl.py) covers every URL after destructive
actions; this one covers what only a browser runs: Wagtail's and our scripts."""

from urllib.parse import urlsplit

import pytest

from .helpers import admin_login

#: Admin screens visited per role, breadth-first from the dashboard.
MAX_SCREENS = 25
#: GET links that change something or end the session, and the bulk-action
#: links of listings, whose script adds the chosen ids (without them Wagtail
#: answers 404; the HTTP crawl requests them with ids).
SKIPPED = (
    "/logout/",
    "/delete/",
    "/unpublish/",
    "/revert/",
    "/lock/",
    "/unlock/",
    "/admin/bulk/",
)

ROLES = [
    "admin",
    "editor",
    "moderator",
    "firma-a",
    "beraterin",
]


def _admin_links(page) -> list[str]:
    hrefs = page.eval_on_selector_all(
        "a[href]", "links => links.map(link => link.getAttribute('href'))"
    )
    return [
        urlsplit(href)._replace(fragment="").geturl()
        for href in hrefs
        if href.startswith("/admin/") and not any(part in href for part in SKIPPED)
    ]


@pytest.mark.parametrize("role", ROLES)
def test_admin_screens_run_without_script_errors(page, role):
    errors: list[str] = []
    where = {"path": ""}
    page.on("pageerror", lambda error: errors.append(f"{where['path']}: {error}"))
    page.on(
        "console",
        lambda message: (
            errors.append(f"{where['path']}: {message.text}")
            if message.type == "error"
            else None
        ),
    )
    page.on(
        "response",
        lambda response: (
            errors.append(f"{where['path']}: {response.status} {response.url}")
            if response.status >= 400
            else None
        ),
    )
    admin_login(page, role)

    queue, seen, failed = ["/admin/"], set(), {}
    while queue and len(seen) < MAX_SCREENS:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        where["path"] = path
        response = page.goto(path)
        if response is None or response.status >= 500:
            failed[path] = response.status if response else "no answer"
            continue
        page.wait_for_load_state("load")
        queue += [link for link in _admin_links(page) if link not in seen]

    assert failed == {}
    assert errors == [], "\n".join(errors)
    assert len(seen) > 1, "the dashboard links to the role's screens"
