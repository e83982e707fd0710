"""The vacancy finder: each filter alone and combined, full text, sorts,
result count, bad input and easy German (its query count: test_queries.py).

The tests read one spread of vacancies, made once for the module."""

import datetime as dt

import pytest
from django.http import QueryDict
from django.utils import timezone
from wagtail.models import Locale, Page

from directory.filters import vacancy_filters_parse
from tests.factories.directory import (
    QuarterFactory,
    SectorFactory,
    VacancyFinderPageFactory,
    VacancyPageFactory,
)
from tests.fixtures.directory import company_a_build, index_page_build, spread_build
from tests.fixtures.once import fresh, module_rows
from tests.utils import main_text, soup


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The fixtures of tests/fixtures/directory.py that these tests use."""
    with module_rows(django_db_blocker) as unblock:
        with unblock():
            home = Page.objects.get(depth=2, locale=Locale.get_default())
            index_page = index_page_build(home)
            company_a = company_a_build(
                index_page,
                SectorFactory(name="Handwerk", slug="handwerk"),
                QuarterFactory(),
            )
            spread = spread_build(
                index_page,
                company_a,
                QuarterFactory(name="Drewitz", slug="drewitz"),
                SectorFactory(name="Pflege", slug="pflege"),
            )
            finder = VacancyFinderPageFactory(parent=home)
        yield {"company_a": company_a, "spread": spread, "finder": finder}


@pytest.fixture
def company_a(world, db):
    return fresh(world["company_a"])


@pytest.fixture
def spread(world, db):
    return {key: fresh(page) for key, page in world["spread"].items()}


@pytest.fixture
def finder(world, db):
    return fresh(world["finder"])


def titles(response) -> list[str]:
    return [
        a.get_text(strip=True) for a in soup(response).select(".vacancy-card__title a")
    ]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"german": "A1"}, {"a1"}),
        ({"german": "A2"}, {"a1"}),
        ({"type": "minijob"}, {"minijob"}),
        ({"hours": "20"}, {"minijob"}),
        ({"childcare": "1"}, {"childcare"}),
        ({"no_qualification": "1"}, {"unqualified"}),
        ({"foreign": "1"}, {"foreign"}),
        ({"immediately": "1"}, {"now"}),
        ({"barrier_free": "1"}, {"barrier_free"}),
        ({"quarter": "drewitz"}, {"care"}),
        ({"sector": "pflege"}, {"care"}),
        ({"q": "Reinigung"}, {"minijob"}),
        ({"q": "Pflegedienst"}, {"care"}),  # the company's name finds its jobs
    ],
)
def test_each_filter_alone(client, finder, spread, params, expected):
    response = client.get(finder.url, params)
    assert response.status_code == 200
    assert set(titles(response)) == {spread[key].title for key in expected}


def test_filters_combine(client, finder, spread):
    response = client.get(
        finder.url, {"quarter": ["stern", "drewitz"], "type": ["job", "minijob"]}
    )
    assert len(titles(response)) == len(spread)  # values of one filter: "or"
    response = client.get(finder.url, {"hours": "20", "type": "job"})
    assert titles(response) == []  # filters together: "and"
    response = client.get(finder.url, {"german": "A1", "quarter": "stern"})
    assert titles(response) == [spread["a1"].title]
    response = client.get(finder.url, {"sector": "pflege", "german": "A1"})
    assert titles(response) == []


def test_no_filter_lists_all_open_and_counts(client, finder, spread, company_a):
    VacancyPageFactory(
        parent=company_a,
        title="Abgelaufen",
        apply_until=timezone.localdate() - dt.timedelta(days=1),
    )
    VacancyPageFactory(parent=company_a, title="Entwurf", live=False, publish=False)
    response = client.get(finder.url)
    assert set(titles(response)) == {v.title for v in spread.values()}
    assert f"{len(spread)} offene Stellen" in main_text(response)


def test_sorts(client, finder, spread):
    ending = titles(client.get(finder.url, {"sort": "ending"}))
    # The minijob ends in 5 days, most in 30 (the factory's), two in 50 and 60.
    assert ending[0] == "Minijob Reinigung"
    assert ending[-2:] == ["Helfer A1", "Maler Vollzeit"]
    newest = titles(client.get(finder.url, {"sort": "newest"}))
    assert newest[0] == "Pflegehilfe Drewitz"
    assert newest[-1] == "Maler Vollzeit"


def test_filter_state_is_the_url(client, finder, spread):
    response = client.get(
        finder.url, {"german": "A2", "hours": "25", "childcare": "1", "sort": "ending"}
    )
    page = soup(response)
    assert page.select_one("#finder-german option[selected]")["value"] == "A2"
    assert page.select_one("#finder-hours")["value"] == "25"
    assert page.select_one("#finder-childcare").has_attr("checked")
    assert page.select_one("#finder-sort option[selected]")["value"] == "ending"


def test_the_checkbox_filters_are_the_listings_facets_without_counts(
    client, finder, spread
):
    response = client.get(
        finder.url,
        {"type": "minijob", "quarter": "drewitz", "sector": "pflege", "easy": "1"},
    )
    form = soup(response).select_one("#finder-form")
    legends = [legend.get_text(strip=True) for legend in form.select("legend")]
    assert legends == [
        "Art des Angebots",
        "Passt zur Person",
        "Quartier",
        "Branche",
        "Anzeige",
    ]
    checked = {(box["name"], box["value"]) for box in form.select("input[checked]")}
    assert checked == {
        ("type", "minijob"),
        ("quarter", "drewitz"),
        ("sector", "pflege"),
        ("easy", "1"),
    }
    for box in form.select("input[type=checkbox]"):  # every box has its label
        assert form.select_one(f"label[for='{box['id']}']").get_text(strip=True)
    assert not form.select(".facet__count")  # the finder counts no facets


@pytest.mark.parametrize(
    "params",
    [
        {"german": "Z9"},
        {"hours": "-5"},
        {"hours": "999999999999999999999"},
        {"hours": "zwanzig"},
        {"type": "astronaut"},
        {"quarter": "mars"},
        {"sector": "<script>"},
        {"sort": "random"},
        {"childcare": "maybe"},
        {"page": "-3"},
        {"page": "x"},
        {"q": "a" * 5000},
        {"q": '"unbalanced ( AND OR'},
        {"q": "Hoch\x00beet"},
    ],
)
def test_bad_input_is_ignored_with_a_message(client, finder, spread, params):
    response = client.get(finder.url, params)
    assert response.status_code == 200
    if "page" not in params and "q" not in params:
        assert "konnten nicht verwendet werden und wurden nicht beachtet" in main_text(
            response
        )
        assert len(titles(response)) == len(spread)


def test_parse_reports_each_ignored_value():
    filters = vacancy_filters_parse(
        QueryDict("german=B1&hours=0&type=job&type=x&quarter=stern"),
        quarter_slugs={"stern"},
        sector_slugs=set(),
    )
    assert filters.german == "B1"
    assert filters.hours is None
    assert filters.types == ["job"]
    assert filters.quarters == ["stern"]
    assert [(i["param"], i["reason"]) for i in filters.ignored] == [
        ("type", "unknown"),
        ("hours", "out_of_range"),
    ]


def test_easy_german_toggle(client, finder, spread):
    normal = main_text(client.get(finder.url, {"sector": "pflege"}))
    assert "Sie helfen älteren Menschen im Alltag." in normal
    assert "Sie gehen mit ihnen spazieren." not in normal
    easy = client.get(finder.url, {"sector": "pflege", "easy": "1"})
    assert "Sie gehen mit ihnen spazieren." in main_text(easy)
    assert "In Leichter Sprache" in main_text(easy)


def test_easy_summary_falls_back_to_the_summary(client, finder, spread):
    response = client.get(finder.url, {"type": "minijob", "easy": "1"})
    assert "Wir suchen Verstärkung." in main_text(response)
