"""Settlement enquiries: the public form in the enquirer's language, its spam
protection, the advisers' admin (matching premises, status mails, export)
and the deletion a while after an enquiry is closed."""

import csv
import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook
from wagtail.models import Locale

from economy.choices import EnquiryStatus
from economy.models import Enquiry
from portal import privacy
from tests.economy.conftest import started
from tests.factories.economy import EnquiryFactory, PremisesPageFactory
from tests.factories.home import translate_page
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db

FORM = "/gewerbeflaechen/anfrage/"


def _data(**overrides):
    data = {
        "business": "A small café with lunch for the neighbourhood.",
        "premises_types": ["shop"],
        "area_min": "50",
        "area_max": "100",
        "budget": "1000",
        "timeframe": "3m",
        "employees": "2",
        "support": ["premises", "funding"],
        "name": "Ayla Demir",
        "email": "ayla@example.org",
        "consent": "on",
        "started": started(),
        "website": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def listing_en(listing, home):
    home_en = home.get_translation(Locale.objects.get(language_code="en"))
    assert home_en
    return translate_page(listing, "en", title="Commercial premises", slug="premises")


def test_enquiry_in_english_is_stored_and_confirmed_in_english(
    client, listing_en, committed
):
    response = committed(client.post, "/en/premises/anfrage/", _data())
    assert response.status_code == 200
    assert "Thank you" in response.content.decode()
    enquiry = Enquiry.objects.get()
    assert enquiry.language == "en"
    assert enquiry.status == EnquiryStatus.NEW
    assert enquiry.support == ["premises", "funding"]
    assert enquiry.consent_at is not None
    [message] = mail.outbox
    assert message.to == ["ayla@example.org"]
    assert message.subject == "Your settlement enquiry has arrived"
    assert "Hello Ayla Demir" in message.body


def test_form_shows_in_german(client, listing):
    response = client.get(FORM)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="website"' in html  # the honeypot
    assert 'name="started"' in html  # the time trap


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"consent": ""}, "consent"),
        ({"email": "not-an-address"}, "email"),
        ({"area_min": "200", "area_max": "100"}, "area_max"),
        ({"area_min": "-3"}, "area_min"),
        ({"premises_types": ["castle"]}, "premises_types"),
        ({"timeframe": ""}, "timeframe"),
        ({"budget": "x" * 30}, "budget"),
    ],
)
def test_bad_input_is_refused_with_a_message(client, listing, overrides, field):
    response = client.post(FORM, _data(**overrides))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Enquiry.objects.exists()
    assert not mail.outbox


@pytest.mark.parametrize(
    "overrides",
    [
        lambda: {"website": "http://spam.example"},  # honeypot filled
        lambda: {"started": started(seconds_ago=0)},  # sent at once: a bot
        lambda: {"started": started(seconds_ago=3 * 24 * 3600)},  # too old
        lambda: {"started": "forged:token"},
        lambda: {"started": ""},
    ],
    ids=["honeypot", "too_fast", "too_old", "forged", "missing"],
)
def test_spam_is_refused(client, listing, overrides):
    response = client.post(FORM, _data(**overrides()))
    assert response.status_code == 400
    assert not Enquiry.objects.exists()
    assert not mail.outbox


def test_rate_limit_per_address(client, listing, settings):
    settings.ECONOMY_FORM_LIMITS = {"per_ip": 10, "per_email": 2, "window_seconds": 60}
    for _ in range(2):
        assert client.post(FORM, _data()).status_code == 200
    response = client.post(FORM, _data())
    assert response.status_code == 429
    assert Enquiry.objects.count() == 2
    # Another address from the same client still goes through.
    assert client.post(FORM, _data(email="other@example.org")).status_code == 200


def test_rate_limit_per_client(client, listing, settings):
    settings.ECONOMY_FORM_LIMITS = {"per_ip": 2, "per_email": 10, "window_seconds": 60}
    for number in range(2):
        assert (
            client.post(FORM, _data(email=f"a{number}@example.org")).status_code == 200
        )
    assert client.post(FORM, _data(email="a9@example.org")).status_code == 429
    assert Enquiry.objects.count() == 2


# The advisers' admin --------------------------------------------------------


@pytest.fixture
def units(listing, company_a, company_b, quarter, schlaatz):
    make = PremisesPageFactory
    return {
        "fits": make(parent=company_a, title="Laden Schlaatz", quarter=schlaatz,
                     area=Decimal("70"), rent_per_m2=Decimal("9")),
        "fits_elsewhere": make(parent=company_b, title="Laden Stern", quarter=quarter,
                               area=Decimal("60"), rent_per_m2=Decimal("8")),
        "on_request": make(parent=company_b, title="Laden auf Anfrage",
                           quarter=quarter, area=Decimal("90"), rent_per_m2=None),
        "too_dear": make(parent=company_a, title="Teurer Laden", quarter=schlaatz,
                         area=Decimal("100"), rent_per_m2=Decimal("20")),
        "too_big": make(parent=company_a, title="Großer Laden", quarter=schlaatz,
                        area=Decimal("300"), rent_per_m2=Decimal("5")),
        "office": make(parent=company_a, title="Büro", premises_type="office",
                       quarter=schlaatz, area=Decimal("70"), rent_per_m2=Decimal("9")),
    }  # fmt: skip


def test_adviser_sees_matching_premises_and_suggests_two(
    client, adviser, units, schlaatz, committed
):
    enquiry = EnquiryFactory(
        language="en", area_min=50, area_max=120, budget=1000, quarter=schlaatz,
        name="Ayla Demir", email="ayla@example.org",
    )  # fmt: skip
    client.force_login(adviser)
    url = reverse("enquiries:edit", args=[enquiry.pk])
    response = client.get(url)
    assert response.status_code == 200
    choices = [
        unit.title for unit in response.context["form"].fields["suggested"].queryset
    ]
    assert sorted(choices) == ["Laden Schlaatz", "Laden Stern", "Laden auf Anfrage"]
    html = response.content.decode()
    # The preferred quarter first.
    assert html.index("Laden Schlaatz ·") < html.index("Laden Stern ·")

    response = committed(
        client.post,
        url,
        {
            "status": EnquiryStatus.PREMISES_SHOWN,
            "assigned_to": adviser.pk,
            "suggested": [units["fits"].pk, units["on_request"].pk],
            "notes": "Called on Monday.",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    enquiry.refresh_from_db()
    assert enquiry.status == EnquiryStatus.PREMISES_SHOWN
    assert enquiry.assigned_to == adviser
    assert set(enquiry.suggested.all()) == {units["fits"], units["on_request"]}
    assert enquiry.status_changed_at is not None
    assert enquiry.closed_at is None
    [message] = mail.outbox
    assert message.to == ["ayla@example.org"]
    assert message.subject == "Your settlement enquiry: premises for you"
    assert "Laden Schlaatz" in message.body
    assert "http://" in message.body
    assert units["fits"].slug in message.body
    # Nothing the enquirer must not read: no internal notes.
    assert "Called on Monday" not in message.body


def test_adviser_cannot_change_what_the_enquirer_wrote(client, adviser, units):
    enquiry = EnquiryFactory(name="Ayla Demir")
    client.force_login(adviser)
    client.post(
        reverse("enquiries:edit", args=[enquiry.pk]),
        {"status": "new", "name": "Someone else", "email": "x@example.org"},
    )
    enquiry.refresh_from_db()
    assert (enquiry.name, enquiry.email) != ("Someone else", "x@example.org")


def test_only_notes_changed_sends_no_mail(client, adviser, units, committed):
    enquiry = EnquiryFactory()
    client.force_login(adviser)
    response = committed(
        client.post,
        reverse("enquiries:edit", args=[enquiry.pk]),
        {"status": "new", "notes": "Waiting for the business plan."},
    )
    assert response.status_code == 302
    assert not mail.outbox


def test_closing_sets_closed_at_and_tells_the_enquirer(
    client, adviser, units, committed
):
    enquiry = EnquiryFactory(language="de")
    client.force_login(adviser)
    committed(
        client.post, reverse("enquiries:edit", args=[enquiry.pk]), {"status": "settled"}
    )
    enquiry.refresh_from_db()
    assert enquiry.closed_at is not None
    [message] = mail.outbox
    assert "Willkommen" in message.body or "welcome" in message.body.lower()


def test_export_csv_and_xlsx(client, adviser):
    EnquiryFactory(name="Ayla Demir", business="=HYPERLINK(evil)")
    client.force_login(adviser)
    response = client.get(reverse("enquiries:index") + "?export=csv")
    assert response.status_code == 200
    rows = list(
        csv.reader(
            io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))
        )
    )
    cells = {cell for row in rows for cell in row}
    assert "Ayla Demir" in cells
    # A spreadsheet would run the text as a formula: it starts with "'".
    assert "'=HYPERLINK(evil)" in cells
    assert "=HYPERLINK(evil)" not in cells
    response = client.get(reverse("enquiries:index") + "?export=xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    [business] = [
        c for row in sheet.iter_rows() for c in row if c.value == "=HYPERLINK(evil)"
    ]
    assert business.data_type == "s"


# Retention ------------------------------------------------------------------


def test_closed_enquiries_are_deleted_after_the_retention_period(settings, adviser):
    settings.ECONOMY_ENQUIRY_RETENTION_DAYS = 30
    now = timezone.now()
    old = EnquiryFactory(status="settled", closed_at=now - dt.timedelta(days=31))
    recent = EnquiryFactory(status="not_pursued", closed_at=now - dt.timedelta(days=29))
    open_ = EnquiryFactory(status="in_contact")
    ancient_open = EnquiryFactory(status="new")
    Enquiry.objects.filter(pk=ancient_open.pk).update(
        created_at=now - dt.timedelta(days=900)
    )
    call_command("run_job", "enquiries")
    assert set(Enquiry.objects.values_list("pk", flat=True)) == {
        recent.pk, open_.pk, ancient_open.pk,
    }  # fmt: skip
    assert not Enquiry.objects.filter(pk=old.pk).exists()


def test_deleted_enquiries_are_not_in_the_export(client, adviser, settings):
    settings.ECONOMY_ENQUIRY_RETENTION_DAYS = 1
    EnquiryFactory(
        name="Gone Person", status="settled",
        closed_at=timezone.now() - dt.timedelta(days=2),
    )  # fmt: skip
    EnquiryFactory(name="Kept Person")
    call_command("purge_enquiries")
    client.force_login(adviser)
    response = client.get(reverse("enquiries:index") + "?export=csv")
    body = b"".join(response.streaming_content).decode()
    assert "Kept Person" in body
    assert "Gone Person" not in body


def test_reopening_clears_closed_at(client, adviser):
    enquiry = EnquiryFactory(status="settled", closed_at=timezone.now())
    client.force_login(adviser)
    client.post(reverse("enquiries:edit", args=[enquiry.pk]), {"status": "in_contact"})
    enquiry.refresh_from_db()
    assert enquiry.closed_at is None


def test_enquiries_are_in_the_personal_data_register(db):
    user = UserFactory(email="ayla@example.org")
    EmailAddress.objects.create(user=user, email="ayla@example.org", verified=True)
    EnquiryFactory(email="Ayla@Example.org", business="Café")
    EnquiryFactory(email="other@example.org")
    data = privacy.personal_data_export(user=user)
    assert [e["business"] for e in data["economy"]["enquiries"]] == ["Café"]
    privacy.personal_data_erase(user=user)
    assert list(Enquiry.objects.values_list("email", flat=True)) == [
        "other@example.org"
    ]


def test_suggestions_come_in_the_matching_order_with_the_admins_figures(
    client, adviser, listing, company_a, quarter, schlaatz
):
    # The unit in the preferred quarter comes second in the page tree.
    PremisesPageFactory(
        parent=company_a, title="Laden Stern", quarter=quarter,
        area=Decimal("60"), rent_per_m2=Decimal("8"),
    )  # fmt: skip
    PremisesPageFactory(
        parent=company_a, title="Laden Schlaatz", quarter=schlaatz,
        area=Decimal("72.5"), rent_per_m2=Decimal("9.5"),
    )  # fmt: skip
    enquiry = EnquiryFactory(area_min=50, area_max=120, budget=1000, quarter=schlaatz)
    client.force_login(adviser)
    response = client.get(reverse("enquiries:edit", args=[enquiry.pk]))
    html = response.content.decode()
    assert html.index("Laden Schlaatz ·") < html.index("Laden Stern ·")
    # German figures in the German admin, as in the listing.
    assert "Laden Schlaatz · Laden · 72,5 m² · 9,50 € je m² · Schlaatz" in html
    assert "Laden Stern · Laden · 60 m² · 8,00 € je m² · Stern" in html


def test_the_form_with_a_returning_visitors_token_is_not_served_to_others(
    listing, settings
):
    """Someone who has the CSRF cookie already gets no new one with the form;
    the page still holds a token for their cookie. From the page cache it
    would reach people without that cookie, whose enquiry the CSRF check
    then refuses."""
    settings.PORTAL_PAGE_CACHE = True
    returning = Client(enforce_csrf_checks=True)
    returning.get(FORM)
    assert "csrftoken" in returning.cookies
    returning.get(FORM)

    newcomer = Client(enforce_csrf_checks=True)
    response = newcomer.get(FORM)
    assert response.get("X-Page-Cache") != "hit"
    assert "csrftoken" in response.cookies


@pytest.mark.parametrize("code", [code for code, _name in settings.LANGUAGES])
def test_the_adviser_reads_the_enquirers_language_by_name(client, adviser, code):
    """In the adviser's (German) admin: "Arabisch", not the code "ar"."""
    enquiry = EnquiryFactory(language=code)
    client.force_login(adviser)

    html = client.get(reverse("enquiries:edit", args=[enquiry.pk])).content.decode()

    with translation.override("de"):
        name = str(dict(settings.LANGUAGES)[code])
    assert re.search(rf">\s*{re.escape(name)}\s*<", html), name
    assert not re.search(rf">\s*{code}\s*<", html), code
