"""The premises listing: facets with counts, filters, sort, map markers, the
unit's page with its JSON-LD, and the 410 page once a unit ended."""

import datetime as dt
import json
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from economy.models import PremisesPage
from tests.factories.economy import PremisesPageFactory

pytestmark = pytest.mark.django_db


def _jsonld(html: str) -> list[dict]:
    return [
        json.loads(block)
        for block in re.findall(
            r'<script type="application/ld\+json">(.*?)</script>', html, re.S
        )
    ]


def _count(html: str, name: str, value: str) -> int:
    match = re.search(
        rf'id="facet-{name}-{value}".*?<span class="facet__count">\((\d+)\)', html, re.S
    )
    assert match, f"no facet {name}={value}"
    return int(match.group(1))


@pytest.fixture
def spread(listing, company_a, company_b, quarter, schlaatz):
    make = PremisesPageFactory
    return {
        "shop": make(parent=company_a, title="Laden Schlaatz", quarter=schlaatz,
                     latitude=Decimal("52.379"), longitude=Decimal("13.087"),
                     area=Decimal("60"), rent_per_m2=Decimal("7.50")),
        "office": make(parent=company_a, title="Büro Stern", premises_type="office",
                       quarter=quarter, area=Decimal("150"), rent_per_m2=Decimal("11"),
                       step_free=False),
        "workshop": make(parent=company_b, title="Halle Nord", premises_type="workshop",
                         quarter=quarter, area=Decimal("250"), rent_per_m2=None,
                         available_from=timezone.localdate() + dt.timedelta(days=40)),
    }  # fmt: skip


def test_listing_shows_every_open_unit_with_facet_counts(client, spread):
    response = client.get("/gewerbeflaechen/")
    html = response.content.decode()
    assert response.status_code == 200
    for unit in spread.values():
        assert unit.title in html
    assert _count(html, "quarter", "schlaatz") == 1
    assert _count(html, "quarter", "stern") == 2
    assert _count(html, "type", "shop") == 1
    assert _count(html, "area", "xl") == 1
    assert _count(html, "rent", "request") == 1
    assert _count(html, "rent", "low") == 1


def test_a_facet_counts_what_its_values_add_to_the_others(client, spread):
    html = client.get("/gewerbeflaechen/?quarter=schlaatz").content.decode()
    assert "Laden Schlaatz" in html
    assert "Büro Stern" not in html
    # Quarter counts ignore the quarter filter itself; types follow it.
    assert _count(html, "quarter", "stern") == 2
    assert _count(html, "type", "office") == 0
    assert _count(html, "type", "shop") == 1


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("type=office", {"office"}),
        ("type=office&type=shop", {"office", "shop"}),
        ("area=s&area=m", {"shop"}),
        ("area=l", {"office"}),
        ("rent=request", {"workshop"}),
        ("rent=mid", {"office"}),
        ("step_free=1", {"shop", "workshop"}),
        ("now=1", {"shop", "office"}),
        ("type=unknown&area=huge", {"shop", "office", "workshop"}),
    ],
)
def test_filters(client, spread, query, shown):
    html = client.get(f"/gewerbeflaechen/?{query}").content.decode()
    assert {key for key, unit in spread.items() if unit.title in html} == shown


def test_unknown_filter_values_are_reported_not_an_error(client, spread):
    response = client.get("/gewerbeflaechen/?type=castle&sort=price&page=x")
    assert response.status_code == 200
    assert "unknown and were ignored" in response.content.decode() or (
        "unbekannt" in response.content.decode()
    )


def test_sort_by_area(client, spread):
    html = client.get("/gewerbeflaechen/?sort=area_desc").content.decode()
    assert (
        html.index("Halle Nord")
        < html.index("Büro Stern")
        < html.index("Laden Schlaatz")
    )


def test_map_view_lists_the_markers_of_the_selection(client, spread):
    html = client.get("/gewerbeflaechen/?view=map&quarter=schlaatz").content.decode()
    data = re.search(
        r'<script id="premises-markers" type="application/json">(.*?)</script>',
        html,
        re.S,
    )
    markers = json.loads(data.group(1))
    assert [m["title"] for m in markers] == ["Laden Schlaatz"]
    assert (
        markers[0]["url"].endswith("/laden-schlaatz/") or "laden" in markers[0]["url"]
    )
    # Consent first: no tile is requested before the visitor agrees.
    assert "data-map-consent" in html


def test_unit_page_has_place_and_offer_json_ld(client, spread):
    unit = spread["shop"]
    response = client.get(unit.url)
    assert response.status_code == 200
    [data] = _jsonld(response.content.decode())
    assert data["@type"] == "Offer"
    assert "Place" in data["itemOffered"]["@type"]
    floor_size = data["itemOffered"]["floorSize"]
    assert floor_size["@type"] == "QuantitativeValue"
    assert (floor_size["value"], floor_size["unitCode"]) == (60.0, "MTK")
    [rent, charges] = data["priceSpecification"]
    assert rent["@type"] == "UnitPriceSpecification"
    assert rent["price"] == 7.5
    assert rent["priceCurrency"] == "EUR"
    assert charges["name"] == "service charges"
    assert data["itemOffered"]["geo"]["latitude"] == 52.379
    assert data["offeredBy"]["name"] == "Firma A"
    assert data["validThrough"].startswith(unit.listed_until.isoformat())


def test_rent_on_request_has_no_price(client, spread):
    [data] = _jsonld(client.get(spread["workshop"].url).content.decode())
    assert "priceSpecification" not in data


def test_ended_unit_answers_410_with_similar_units(client, spread):
    unit = spread["office"]
    url = unit.url
    PremisesPage.objects.filter(pk=unit.pk).update(
        expire_at=timezone.now() - dt.timedelta(minutes=1)
    )
    call_command("publish_scheduled")
    unit.refresh_from_db()
    assert not unit.live
    response = client.get(url)
    assert response.status_code == 410
    assert "Büro Stern" in response.content.decode()
    assert (
        "Laden Schlaatz"
        not in client.get("/gewerbeflaechen/?type=office").content.decode()
    )
    listing = client.get("/gewerbeflaechen/").content.decode()
    assert "Büro Stern" not in listing


def test_listed_until_sets_the_expiry(company_a, quarter, listing):
    unit = PremisesPageFactory.build(
        title="X", slug="x", quarter=quarter,
        listed_until=timezone.localdate() + dt.timedelta(days=3),
    )  # fmt: skip
    unit.clean()
    assert timezone.localtime(unit.expire_at).date() == unit.listed_until


def test_map_point_must_lie_in_the_quarter(schlaatz):
    unit = PremisesPageFactory.build(
        title="X", slug="x", quarter=schlaatz,
        latitude=Decimal("52.3745"), longitude=Decimal("13.1235"),
    )  # fmt: skip
    with pytest.raises(ValidationError) as error:
        unit.clean()
    assert "latitude" in error.value.message_dict
