"""Requests reach the page Wagtail's own routing would choose, in fewer
queries (portal/routing.py)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.events import EventIndexPageFactory, EventPageFactory, berlin
from tests.factories.home import StandardPageFactory, translate_page


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    return response, len(context.captured_queries)


def test_deep_pages_cost_no_more_queries_than_shallow_ones(client, home_de):
    first = StandardPageFactory(parent=home_de, slug="a", title="Ebene 1")
    parent = first
    for level in range(2, 6):
        parent = StandardPageFactory(parent=parent, slug=f"s{level}", title=f"E{level}")

    shallow, shallow_queries = _queries(client, "/a/")
    deep, deep_queries = _queries(client, "/a/s2/s3/s4/s5/")

    assert shallow.status_code == deep.status_code == 200
    assert "E5" in deep.content.decode()
    # Breadcrumbs and menu are one query each at any depth; routing too.
    assert deep_queries == shallow_queries


def test_routing_matches_wagtails_choices(client, home_de, home_en):
    events = EventIndexPageFactory(parent=home_de)
    EventPageFactory(parent=events, slug="fest", start=berlin(2030, 1, 1, 18, 0))
    # A child named like a sub-route of its routable parent: the sub-route wins.
    EventPageFactory(parent=events, slug="calendar", start=berlin(2030, 1, 2, 18, 0))
    draft = StandardPageFactory(parent=home_de, slug="entwurf", live=False)
    StandardPageFactory(parent=draft, slug="darunter", title="Unter dem Entwurf")
    about = StandardPageFactory(parent=home_de, slug="ueber", title="Über uns")
    translate_page(about, slug="about", title="About us")

    assert client.get("/veranstaltungen/fest/").status_code == 200
    assert client.get("/veranstaltungen/fest/ical/").status_code == 200
    calendar = client.get("/veranstaltungen/calendar/")
    assert calendar.status_code == 200
    assert calendar.templates[0].name == "events/event_calendar.html"
    assert client.get("/veranstaltungen/fest/nichts/").status_code == 404
    assert client.get("/entwurf/").status_code == 404
    assert "Unter dem Entwurf" in client.get("/entwurf/darunter/").content.decode()
    assert "About us" in client.get("/en/about/").content.decode()
    assert client.get("/en/ueber/").status_code == 404
    assert client.get("/nichts/da/").status_code == 404
