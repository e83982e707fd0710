"""The shortlist (session only, plain POST forms to one view that sets no
cookie before it is used, JSON for the script), the handout with QR codes
that decode to the vacancy URLs, and the signed share link with its
bad-input cases."""

import datetime as dt
import re

import pytest
import zxingcpp
from django.test import Client
from django.utils import timezone
from PIL import Image, ImageDraw
from wagtail.models import Locale

from directory import shortlist as sl
from directory.finder_views import qr_svg
from tests.factories.directory import VacancyPageFactory
from tests.factories.home import translate_page
from tests.utils import main_text, soup

CHANGE_URL = "/merkliste/aendern/"


def shortlist_url(finder) -> str:
    return f"{finder.url}merkliste/"


def change(client, finder, data: dict, **extra):
    return client.post(CHANGE_URL, {"finder": finder.pk, **data}, **extra)


def add(client, finder, vacancy_id, **extra):
    return change(client, finder, {"action": "add", "vacancy": vacancy_id}, **extra)


def form_data(form) -> tuple[str, dict]:
    """A form's action and the values its hidden fields would send."""
    fields = {field["name"]: field["value"] for field in form.select("input[name]")}
    return form["action"], fields


def svg_to_image(svg: str, *, module: int = 6) -> Image.Image:
    """Redraw segno's SVG path (one `h` line per run of dark modules) as a
    bitmap, so a barcode reader can decode the code's content. (How the
    browser draws it, quiet zone and scaling, is checked in the adviser's
    browser journey.)"""
    path = re.search(r'class="qrline"[^>]* d="([^"]+)"', svg).group(1)
    size = (
        int(re.search(r'viewbox="0 0 (\d+) \d+"', svg, re.I).group(1)) // 4
    )  # scale=4
    picture = Image.new("L", (size * module, size * module), 255)
    draw = ImageDraw.Draw(picture)
    x = y = 0.0
    for command, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?:[ ,](-?[\d.]+))?", path):
        if command == "M":
            x, y = float(a), float(b)
        elif command == "m":
            x, y = x + float(a), y + float(b)
        else:
            length = float(a)
            row = int(y - 0.5)
            draw.rectangle(
                [
                    x * module,
                    row * module,
                    (x + length) * module - 1,
                    (row + 1) * module - 1,
                ],
                fill=0,
            )
            x += length
    return picture


def decode(svg: str) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(svg_to_image(svg))]


def test_qr_svg_decodes():
    assert decode(qr_svg("http://localhost/stellen/x/", title="x")) == [
        "http://localhost/stellen/x/"
    ]


def test_add_and_remove_without_js(client, finder, vacancy_a, vacancy_b):
    response = add(client, finder, vacancy_a.pk, HTTP_REFERER="/")
    assert response.status_code == 302
    assert response["Location"] == shortlist_url(finder)
    add(client, finder, vacancy_b.pk)
    assert client.session[sl.SESSION_KEY] == [vacancy_a.pk, vacancy_b.pk]
    page = client.get(shortlist_url(finder))
    assert "Die Stelle steht jetzt auf Ihrer Merkliste." in main_text(page)
    titles = [h.get_text(strip=True) for h in soup(page).select(".shortlist__title")]
    assert titles == ["Stelle A", "Stelle B"]

    change(client, finder, {"action": "remove", "vacancy": vacancy_a.pk})
    assert client.session[sl.SESSION_KEY] == [vacancy_b.pk]
    change(client, finder, {"action": "clear"})
    assert sl.SESSION_KEY not in client.session


def test_next_is_kept_only_on_this_host(client, finder, vacancy_a):
    response = change(
        client,
        finder,
        {"action": "add", "vacancy": vacancy_a.pk, "next": f"{finder.url}?german=A2"},
    )
    assert response["Location"] == f"{finder.url}?german=A2"
    response = change(
        client,
        finder,
        {"action": "add", "vacancy": vacancy_a.pk, "next": "https://evil.example/"},
    )
    assert response["Location"] == shortlist_url(finder)


@pytest.mark.parametrize(
    "target",
    ["-1", "shortlist", "home", "javascript:alert(1)", "//evil.example/", "%2F", " "],
)
@pytest.mark.parametrize("action", ["add", "clear", "bogus"])
def test_next_that_is_no_path_here_falls_back(
    client, finder, vacancy_a, target, action
):
    """A `next` that is no path of this site (`-1` was a 500: NoReverseMatch)
    sends the visitor to the shortlist, after a change or a refusal."""
    response = change(
        client, finder, {"action": action, "vacancy": vacancy_a.pk, "next": target}
    )

    assert response.status_code == 302
    assert response["Location"] == shortlist_url(finder)


def test_forms_carry_no_csrf_token(client, finder, vacancy_a):
    forms = soup(client.get(finder.url)).select("form[method=post]")
    assert forms
    for form in forms:
        assert form["action"] == CHANGE_URL
        assert not form.select("input[name=csrfmiddlewaretoken]")
        assert form_data(form)[1]["finder"] == str(finder.pk)


@pytest.mark.parametrize(
    "origin", ["https://evil.example", "http://localhost.evil.example", "null"]
)
def test_cross_origin_post_is_refused(finder, vacancy_a, vacancy_b, origin):
    strict = Client(HTTP_HOST="localhost", enforce_csrf_checks=True)
    assert add(strict, finder, vacancy_a.pk).status_code == 302  # no Origin
    response = add(strict, finder, vacancy_b.pk, HTTP_ORIGIN=origin)
    assert response.status_code == 403
    assert "Diese Anfrage kam von einer anderen Website" in response.text
    response = change(
        strict,
        finder,
        {"action": "clear"},
        HTTP_ORIGIN=origin,
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 403
    assert response.json()["ok"] is False
    assert strict.session[sl.SESSION_KEY] == [vacancy_a.pk]  # nothing changed
    response = add(strict, finder, vacancy_b.pk, HTTP_ORIGIN="http://localhost")
    assert response.status_code == 302
    assert strict.session[sl.SESSION_KEY] == [vacancy_a.pk, vacancy_b.pk]


def test_old_routes_do_not_take_posts(client, finder, vacancy_a):
    token = sl.shortlist_token([vacancy_a.pk])
    for url in (shortlist_url(finder), f"{finder.url}liste/{token[0]}/{token[1]}/"):
        response = client.post(url, {"action": "add", "vacancy": vacancy_a.pk})
        assert response.status_code == 405
        assert response["Allow"] == "GET, HEAD"
    assert client.get(CHANGE_URL).status_code == 405
    assert sl.SESSION_KEY not in client.session


def test_json_for_the_script(client, finder, vacancy_a):
    response = add(client, finder, vacancy_a.pk, HTTP_ACCEPT="application/json")
    assert response.json() | {"message": ""} == {
        "ok": True,
        "code": "added",
        "count": 1,
        "ids": [vacancy_a.pk],
        "message": "",
    }
    response = change(
        client,
        finder,
        {"action": "fly", "vacancy": "x"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "ok": False,
        "message": "Diese Anfrage wurde nicht verstanden. Es wurde nichts geändert.",
    }


def test_script_is_an_external_file(client, finder, vacancy_a):
    page = soup(client.get(finder.url))
    scripts = page.find_all("script")
    assert all(script.get("src") for script in scripts)
    assert any(script["src"].endswith("js/finder.js") for script in scripts)


@pytest.mark.parametrize("value", ["0", "-1", "abc", "99999999999999", ""])
def test_bad_ids_change_nothing(client, finder, vacancy_a, value):
    response = add(client, finder, value)
    assert response.status_code == 302
    assert sl.SESSION_KEY not in client.session


def test_other_page_types_and_ended_cannot_be_added(
    client, finder, company_a, vacancy_a
):
    ended = VacancyPageFactory(
        parent=company_a, apply_until=timezone.localdate() - dt.timedelta(days=1)
    )
    for page_id in (company_a.pk, finder.pk, ended.pk):
        response = add(client, finder, page_id, HTTP_ACCEPT="application/json")
        assert response.status_code == 409
        assert response.json()["code"] == "not_found"
    assert sl.SESSION_KEY not in client.session


def test_shortlist_is_capped(client, finder, company_a, settings):
    vacancies = [VacancyPageFactory(parent=company_a) for _ in range(3)]
    settings.DEBUG = False
    original = sl.SHORTLIST_MAX
    sl.SHORTLIST_MAX = 2
    try:
        for vacancy in vacancies:
            response = add(client, finder, vacancy.pk, HTTP_ACCEPT="application/json")
        assert response.status_code == 409
        assert response.json()["code"] == "full"
        assert len(client.session[sl.SESSION_KEY]) == 2
    finally:
        sl.SHORTLIST_MAX = original


def test_translation_id_stands_for_its_original(client, finder, home, vacancy_a):
    translate_page(vacancy_a.get_parent().get_parent(), slug="companies")
    translate_page(vacancy_a.get_parent(), slug="firm-a")
    english = translate_page(vacancy_a, title="Job A", slug="job-a")
    add(client, finder, english.pk)
    assert client.session[sl.SESSION_KEY] == [vacancy_a.pk]


def test_nothing_about_the_person_is_stored(client, finder, vacancy_a):
    add(client, finder, vacancy_a.pk)
    assert dict(client.session) == {sl.SESSION_KEY: [vacancy_a.pk]} | {
        key: value
        for key, value in client.session.items()
        if key.startswith("_messages") or key == "_session_expiry"
    }


# Handout --------------------------------------------------------------------


def test_handout_qr_codes_decode_to_vacancy_urls(client, finder, vacancy_a, vacancy_b):
    add(client, finder, vacancy_a.pk)
    add(client, finder, vacancy_b.pk)
    response = client.get(f"{shortlist_url(finder)}handzettel/")
    assert response.status_code == 200
    page = soup(response)
    codes = [str(svg) for svg in page.select(".handout__qr svg")]
    assert [decode(svg) for svg in codes] == [
        [f"http://localhost{vacancy_a.url}"],
        [f"http://localhost{vacancy_b.url}"],
    ]
    assert [h.get_text(strip=True) for h in page.select(".handout__sheet h2")] == [
        "Stelle A",
        "Stelle B",
    ]
    assert page.find("link", href=re.compile(r"css/handout\.css$"))
    # German page: no extra German title for the employer.
    assert not page.select(".handout__original")


def test_handout_in_english_names_the_german_title(client, finder, home, vacancy_a):
    english_finder = translate_page(finder, title="Find a job", slug="jobs")
    translate_page(vacancy_a.get_parent().get_parent(), slug="companies")
    translate_page(vacancy_a.get_parent(), slug="firm-a")
    english = translate_page(vacancy_a, title="Job A", slug="job-a")
    add(client, finder, vacancy_a.pk)
    response = client.get(f"{english_finder.url}merkliste/handzettel/")
    page = soup(response)
    assert page.html["lang"] == "en"
    assert page.select_one(".handout__sheet h2").get_text(strip=True) == "Job A"
    original = page.select_one(".handout__original strong")
    assert original.get_text(strip=True) == "Stelle A"
    assert original["lang"] == "de"
    assert decode(str(page.select_one(".handout__qr svg"))) == [
        f"http://localhost{english.url}"
    ]
    assert english.url.startswith("/en/")


def test_handout_shows_ended_and_deleted(client, finder, company_a, vacancy_a):
    later = VacancyPageFactory(parent=company_a, title="Bald vorbei")
    gone = VacancyPageFactory(parent=company_a, title="Gelöscht")
    for vacancy in (vacancy_a, later, gone):
        add(client, finder, vacancy.pk)
    later.apply_until = timezone.localdate() - dt.timedelta(days=1)
    later.save()
    gone.delete()
    response = client.get(f"{shortlist_url(finder)}handzettel/")
    assert response.status_code == 200
    page = soup(response)
    sheets = page.select(".handout__sheet")
    assert len(sheets) == 3
    assert "handout__sheet--ended" not in sheets[0]["class"]
    assert "Bald vorbei" in sheets[1].get_text()
    assert "nicht mehr bewerben" in sheets[1].get_text()
    assert "Eine Stelle, die entfernt wurde" in sheets[2].get_text()
    assert len(page.select(".handout__qr svg")) == 1
    shortlist = main_text(client.get(shortlist_url(finder)))
    assert shortlist.count("Beendet") == 2


# Share link -----------------------------------------------------------------


def test_share_link_round_trip(client, finder, vacancy_a, vacancy_b):
    add(client, finder, vacancy_b.pk)
    add(client, finder, vacancy_a.pk)
    page = soup(client.get(shortlist_url(finder)))
    share_url = page.select_one("#shortlist-share")["value"]
    assert share_url.startswith(f"http://localhost{finder.url}liste/")
    assert len(share_url) < 120

    other = Client(HTTP_HOST="localhost")
    shared = other.get(share_url)
    assert shared.status_code == 200
    titles = [h.get_text(strip=True) for h in soup(shared).select(".shortlist__title")]
    assert titles == ["Stelle B", "Stelle A"]
    assert sl.SESSION_KEY not in other.session  # viewing stores nothing

    handout = soup(other.get(f"{share_url}handzettel/"))
    assert [decode(str(svg)) for svg in handout.select(".handout__qr svg")] == [
        [f"http://localhost{vacancy_b.url}"],
        [f"http://localhost{vacancy_a.url}"],
    ]
    action, fields = form_data(soup(shared).select_one(".shortlist__actions form"))
    assert action == CHANGE_URL
    assert fields["action"] == "merge"
    response = other.post(action, fields)
    assert response["Location"] == shortlist_url(finder)
    assert other.session[sl.SESSION_KEY] == [vacancy_b.pk, vacancy_a.pk]


@pytest.mark.parametrize(
    "tamper",
    [
        lambda p, s: (p + "-1", s),
        lambda p, s: (p, s[:-2] + "xx"),
        lambda p, s: ("zz", s),
        lambda p, s: (p, "x"),
    ],
)
def test_tampered_link_is_a_message(client, finder, vacancy_a, tamper):
    payload, signature = tamper(*sl.shortlist_token([vacancy_a.pk]))
    for suffix in ("", "handzettel/"):
        response = client.get(f"{finder.url}liste/{payload}/{signature}/{suffix}")
        assert response.status_code == 400
        assert "Dieser Link funktioniert nicht" in main_text(response)


def test_link_with_200_ids_is_capped(client, finder, vacancy_a):
    token = sl.shortlist_token([vacancy_a.pk, *range(10_000, 10_199)])
    response = client.get(f"{finder.url}liste/{token[0]}/{token[1]}/")
    assert response.status_code == 200
    assert "höchstens 30 Stellen; 170 Stellen wurden weggelassen" in main_text(response)
    # The ids that remain no longer exist: shown as removed, not an error.
    assert main_text(response).count("Eine Stelle, die entfernt wurde") >= 29


def test_link_ignores_other_page_types(client, finder, company_a, vacancy_a):
    token = sl.shortlist_token([company_a.pk, vacancy_a.pk, finder.pk])
    response = client.get(f"{finder.url}liste/{token[0]}/{token[1]}/")
    text = main_text(response)
    assert "2 Einträge sind keine Stellen und wurden weggelassen." in text
    titles = [
        h.get_text(strip=True) for h in soup(response).select(".shortlist__title")
    ]
    assert titles == ["Stelle A"]


def test_handout_languages_offered(client, finder, home, vacancy_a):
    translate_page(finder, title="Find a job", slug="jobs")
    add(client, finder, vacancy_a.pk)
    links = soup(client.get(shortlist_url(finder))).select(".shortlist__languages a")
    assert {a["hreflang"]: a["href"] for a in links} == {
        "de": f"{finder.url}merkliste/handzettel/",
        "en": "/en/jobs/merkliste/handzettel/",
    }
    assert Locale.objects.filter(language_code="en").exists()


# Cookies and the change view's bad input -------------------------------------


def test_reading_sets_no_cookie(client, finder, vacancy_a):
    payload, signature = sl.shortlist_token([vacancy_a.pk])
    shared = f"{finder.url}liste/{payload}/{signature}/"
    for url in (
        finder.url,
        f"{finder.url}?german=A2&type=minijob&immediately=1&q=Stelle",
        f"{finder.url}?hours=abc&quarter=nirgendwo",
        shortlist_url(finder),
        f"{shortlist_url(finder)}handzettel/",
        shared,
        f"{shared}handzettel/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert list(response.cookies) == [], url
        assert not response.has_header("Set-Cookie"), url
    assert list(client.cookies) == []


def test_adding_sets_only_a_browser_session_cookie(client, finder, vacancy_a):
    response = add(client, finder, vacancy_a.pk, HTTP_ACCEPT="application/json")
    assert list(response.cookies) == ["sessionid"]
    cookie = response.cookies["sessionid"]
    assert cookie["samesite"] == "Lax"
    assert cookie["httponly"] is True
    assert cookie["max-age"] == ""  # ends with the browser session
    assert cookie["expires"] == ""
    # Without the script, the confirmation may come in Django's message cookie.
    other = Client(HTTP_HOST="localhost")
    response = add(other, finder, vacancy_a.pk)
    assert "sessionid" in response.cookies
    assert set(response.cookies) <= {"sessionid", "messages"}


def test_messages_come_in_the_finders_language(client, finder, vacancy_a):
    english = translate_page(finder, title="Find a job", slug="jobs")
    response = add(client, english, vacancy_a.pk, HTTP_ACCEPT="application/json")
    assert response.json()["message"] == "The vacancy is on your shortlist."
    response = add(client, english, vacancy_a.pk)
    assert response["Location"] == "/en/jobs/merkliste/"
    page = client.get(response["Location"])
    assert "The vacancy is already on your shortlist." in main_text(page)
    response = change(
        client,
        english,
        {"action": "remove", "vacancy": vacancy_a.pk},
        HTTP_ORIGIN="https://evil.example",
    )
    assert response.status_code == 403
    assert "This request came from another website" in response.text


@pytest.mark.parametrize("value", [None, "", "abc", "0", "-1", "99999999999999"])
def test_unknown_finder_falls_back_to_the_default_one(client, finder, vacancy_a, value):
    data = {"action": "add", "vacancy": vacancy_a.pk}
    if value is not None:
        data["finder"] = value
    response = client.post(CHANGE_URL, data)
    assert response.status_code == 302
    assert response["Location"] == shortlist_url(finder)
    assert client.session[sl.SESSION_KEY] == [vacancy_a.pk]


def test_a_page_that_is_no_finder_falls_back(client, finder, vacancy_a):
    add(client, finder, vacancy_a.pk)
    response = client.post(CHANGE_URL, {"action": "clear", "finder": vacancy_a.pk})
    assert response["Location"] == shortlist_url(finder)
    assert sl.SESSION_KEY not in client.session


def test_without_a_finder_nothing_changes(client, vacancy_a):
    response = client.post(CHANGE_URL, {"action": "add", "vacancy": vacancy_a.pk})
    assert response.status_code == 404
    assert sl.SESSION_KEY not in client.session


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"vacancy": "VACANCY"},
        {"action": "fly", "vacancy": "VACANCY"},
        {"action": "add"},
        {"action": "remove", "vacancy": "x"},
        {"action": "add", "vacancy": "VACANCY", "finder": "FINDER"},
    ],
)
def test_requests_not_understood_change_nothing(client, finder, vacancy_a, data):
    add(client, finder, vacancy_a.pk)
    other = VacancyPageFactory(parent=vacancy_a.get_parent())
    values = {"VACANCY": str(other.pk), "FINDER": "x" * 5000}
    data = {key: values.get(value, value) for key, value in data.items()}
    response = change(client, finder, data)
    assert response.status_code == 302
    assert response["Location"] == shortlist_url(finder)
    if "finder" in data:  # a garbage finder id alone is no reason to refuse
        assert client.session[sl.SESSION_KEY] == [vacancy_a.pk, other.pk]
        return
    assert client.session[sl.SESSION_KEY] == [vacancy_a.pk]
    assert "nicht verstanden" in main_text(client.get(response["Location"]))
    response = change(client, finder, data, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert response.json()["ok"] is False
    assert client.session[sl.SESSION_KEY] == [vacancy_a.pk]


@pytest.mark.parametrize(
    "tamper",
    [
        lambda p, s: (p + "-1", s),
        lambda p, s: (p, s[:-2] + "xx"),
        lambda p, s: ("", s),
        lambda p, s: (p, ""),
        lambda p, s: (f"{p}:{s}", s),
    ],
)
def test_tampered_merge_changes_nothing(client, finder, vacancy_a, vacancy_b, tamper):
    add(client, finder, vacancy_a.pk)
    payload, signature = tamper(*sl.shortlist_token([vacancy_b.pk]))
    data = {"action": "merge", "payload": payload, "signature": signature}
    response = change(client, finder, data)
    assert response["Location"] == shortlist_url(finder)
    assert "unvollständig oder wurde verändert" in main_text(
        client.get(response["Location"])
    )
    response = change(client, finder, data, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert "unvollständig oder wurde verändert" in response.json()["message"]
    assert client.session[sl.SESSION_KEY] == [vacancy_a.pk]


def test_merge_beyond_the_limit_says_so(
    client, finder, vacancy_a, vacancy_b, monkeypatch
):
    monkeypatch.setattr(sl, "SHORTLIST_MAX", 1)
    add(client, finder, vacancy_a.pk)
    payload, signature = sl.shortlist_token([vacancy_b.pk])
    data = {"action": "merge", "payload": payload, "signature": signature}
    response = change(client, finder, data, HTTP_ACCEPT="application/json")
    assert response.json()["code"] == "merged"
    assert response.json()["ids"] == [vacancy_a.pk]
    assert "1 Stelle wurde weggelassen" in response.json()["message"]
