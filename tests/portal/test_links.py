"""Every absolute URL the portal hands out leads to BASE_URL: sitemap,
robots.txt, JSON-LD, iCal, the vacancy and pages APIs, the handout's QR
codes and the links in reminder, workflow and idea mails. BASE_URL is an
unusual host and port, the Wagtail Site record stays at localhost:80 and the
requests name another host, so a link built from either shows up here."""

import datetime as dt
import json
import re
import subprocess
from pathlib import Path
from unittest import mock

import icalendar
import pytest
from django.core import checks, mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site, WorkflowState

from ideas.models import IdeaBoardPage
from ideas.services import lifecycle
from tests.directory.test_shortlist import decode
from tests.directory.test_workflow import _submit
from tests.factories.directory import VacancyFinderPageFactory, VacancyPageFactory
from tests.factories.events import EventIndexPageFactory, EventPageFactory, berlin
from tests.factories.ideas import CategoryFactory, ResidentFactory
from tests.factories.ideas import QuarterFactory as IdeaQuarterFactory
from tests.portal.test_settings import read_settings
from tests.utils import sitemap_files, soup

BASE = "http://quartier.test:8421"
URL = re.compile(r"""(?:https?|webcal)://[^\s"'<>)\]]+""")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def base_url(settings):
    # What `BASE_URL=… manage.py …` sets (config/settings/base.py).
    settings.BASE_URL = BASE
    settings.WAGTAILADMIN_BASE_URL = settings.WAGTAILAPI_BASE_URL = BASE


@pytest.fixture
def visitor(client):
    """Asks on the Site record's host, which is not BASE_URL's."""
    return client


@pytest.fixture
def portal(company_a, index_page, home, image):
    company_a.logo = image
    company_a.save_revision().publish()
    vacancy = VacancyPageFactory(
        parent=company_a,
        title="Bald zu Ende",
        slug="bald",
        apply_until=timezone.localdate() + dt.timedelta(days=3),
    )
    finder = VacancyFinderPageFactory(parent=home)
    events = EventIndexPageFactory(parent=home)
    event = EventPageFactory(
        parent=events, image=image, start=berlin(2030, 6, 1, 18), repeat="weekly"
    )
    event.repeat_weekdays, event.repeat_count = [5], 4
    event.save_revision().publish()
    board = IdeaBoardPage(title="Ideencenter", slug="ideen", intro="Ideen.")
    home.add_child(instance=board)
    board.save_revision().publish()
    return {
        "company": company_a,
        "vacancy": vacancy,
        "finder": finder,
        "events": events,
        "event": event,
        "board": board,
    }


def _urls(text: str) -> list[str]:
    return [url.rstrip(".,;") for url in URL.findall(text)]


def _jsonld_urls(response) -> list[str]:
    urls = []
    for script in soup(response).find_all("script", type="application/ld+json"):
        urls += [
            url
            for url in _urls(json.dumps(json.loads(script.string)))
            if not url.startswith("https://schema.org")  # vocabulary, not links
        ]
    return urls


def _sitemap_urls(visitor) -> list[str]:
    return [
        element.text or element.get("href")
        for root in sitemap_files(visitor)
        for element in root.iter()
        if element.tag.endswith("}loc") or element.tag.endswith("}link")
    ]


def _ical_urls(body: bytes) -> list[str]:
    calendar = icalendar.Calendar.from_ical(body)
    urls = []
    for event in calendar.walk("VEVENT"):
        urls.append(str(event["URL"]))
        urls += _urls(str(event.get("DESCRIPTION", "")))
        assert str(event["UID"]).endswith("@quartier.test"), event["UID"]
    return urls


def _handout_urls(visitor, portal) -> list[str]:
    finder = portal["finder"]
    visitor.post(
        "/merkliste/aendern/",
        {"finder": finder.pk, "vacancy": portal["vacancy"].pk, "action": "add"},
    )
    response = visitor.get(f"{finder.url}merkliste/handzettel/")
    assert response.status_code == 200
    codes = [str(svg) for svg in soup(response).select(".handout__qr svg")]
    assert codes, "the handout has QR codes"
    payloads = [text for svg in codes for text in decode(svg)]
    assert len(payloads) == len(codes)
    share = soup(visitor.get(f"{finder.url}merkliste/")).select_one("#shortlist-share")
    assert share is not None
    return [*payloads, share["value"]]


def _mail_urls() -> list[str]:
    return [url for message in mail.outbox for url in _urls(message.body)]


def test_every_emitted_absolute_url_starts_with_base_url(
    visitor,
    portal,
    firm_a_user,
    editor_user,
    django_capture_on_commit_callbacks,
):
    assert Site.objects.get(is_default_site=True).root_url == "http://localhost"
    found: dict[str, list[str]] = {}

    found["sitemap"] = _sitemap_urls(visitor)
    found["robots"] = _urls(visitor.get("/robots.txt").content.decode())
    for name in ("company", "vacancy", "event"):
        found[f"jsonld {name}"] = _jsonld_urls(visitor.get(portal[name].url))
    found["meta"] = [
        tag.get("href") or tag.get("content")
        for tag in soup(visitor.get(portal["event"].url)).head.select(
            'link[rel="canonical"], link[hreflang], meta[property^="og:url"], '
            'meta[property^="og:image"][content^="http"]'
        )
    ]
    found["ical event"] = _ical_urls(visitor.get(f"{portal['event'].url}ical/").content)
    found["ical feed"] = _ical_urls(visitor.get(f"{portal['events'].url}feed/").content)
    found["webcal"] = [
        a["href"]
        for a in soup(visitor.get(portal["events"].url)).select('a[href^="webcal:"]')
    ]
    api = visitor.get("/api/vacancies/", {"per_page": 1}).json()
    VacancyPageFactory(parent=portal["company"], title="Zweite")
    api = visitor.get("/api/vacancies/", {"per_page": 1}).json()
    found["vacancy api"] = [api["next"]] + [
        url for item in api["results"] for url in (item["url"], item["company"]["url"])
    ]
    pages = visitor.get("/api/v2/pages/", {"limit": 100}).json()["items"]
    found["pages api"] = [
        url
        for item in pages
        for url in (item["meta"]["html_url"], item["meta"]["detail_url"])
    ]
    found["handout"] = _handout_urls(visitor, portal)

    mail.outbox.clear()
    call_command("send_vacancy_reminders", stdout=mock.Mock())
    found["reminder mail"] = _mail_urls()

    mail.outbox.clear()
    visitor.force_login(firm_a_user)
    _submit(visitor, portal["company"], "Firma A – neu")
    found["workflow submitted mail"] = _mail_urls()
    mail.outbox.clear()
    state = WorkflowState.objects.get(
        base_content_type__model="page", object_id=str(portal["company"].pk)
    )
    visitor.force_login(editor_user)
    visitor.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[portal["company"].pk, "reject", state.current_task_state.pk],
        ),
        {"comment": "Bitte Telefonnummer prüfen."},
    )
    found["workflow decision mail"] = _mail_urls()

    mail.outbox.clear()
    author = ResidentFactory()
    with django_capture_on_commit_callbacks(execute=True):
        idea = lifecycle.idea_submit(
            author=author,
            title="Mehr Bänke am Schlaatz",
            description="Entlang des Nuthewegs fehlen Sitzplätze.",
            category=CategoryFactory(),
            quarter=IdeaQuarterFactory(),
        )
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.idea_transition(idea=idea, actor=editor_user, to_status="published")
    found["idea mails"] = _mail_urls()

    for source, urls in found.items():
        assert urls, f"{source} emits links"
        wrong = [
            u for u in urls if not u.startswith((BASE + "/", f"webcal://{BASE[7:]}/"))
        ]
        assert not wrong, f"{source}: {wrong}"


def test_review_mails_link_to_base_url_not_port_8000(
    visitor,
    portal,
    firm_a_user,
    editor_user,
):
    mail.outbox.clear()
    visitor.force_login(firm_a_user)

    _submit(visitor, portal["company"], "Firma A – neu")

    to_editor = [m for m in mail.outbox if editor_user.email in m.to]
    assert to_editor, "the editor is asked to review"
    links = _urls(to_editor[0].body)
    assert f"{BASE}/admin/" in " ".join(links)
    assert all(link.startswith(BASE + "/") for link in links), links
    assert ":8000" not in to_editor[0].body


def test_base_url_drives_wagtail_and_api_settings():
    values = read_settings(
        ["BASE_URL", "WAGTAILADMIN_BASE_URL", "WAGTAILAPI_BASE_URL"],
        BASE_URL="http://quartier.test:8421/",
    )

    assert set(values.values()) == {BASE}


def test_site_record_follows_base_url_and_the_check_warns_until_it_does(db):
    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)

    warnings = checks.run_checks(databases=["default"], tags=[checks.Tags.database])
    assert [w.id for w in warnings if w.id.startswith("portal")] == ["portal.W001"]

    call_command("site_from_base_url", stdout=mock.Mock())

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == (
        "quartier.test",
        8421,
        BASE,
    )
    warnings = checks.run_checks(databases=["default"], tags=[checks.Tags.database])
    assert not [w for w in warnings if w.id.startswith("portal")]


def test_migrate_points_the_site_record_at_base_url(db):
    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)

    call_command("migrate", verbosity=0, interactive=False)

    assert Site.objects.get(is_default_site=True).root_url == BASE


def test_make_demo_serves_and_links_the_address_it_prints():
    result = subprocess.run(
        ["make", "-n", "demo", "PORT=8421"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )

    lines = result.stdout.splitlines()
    for command in ("migrate", "seed_demo", "runserver"):
        (line,) = [line for line in lines if f"manage.py {command}" in line]
        assert "BASE_URL=http://127.0.0.1:8421 " in line, line
    assert any("runserver 127.0.0.1:8421" in line for line in lines)
    assert any("http://127.0.0.1:8421/" in line for line in lines if "echo" in line)
