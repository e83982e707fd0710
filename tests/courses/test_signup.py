"""Public sign-up without an account: confirmation page, mail with .ics,
the personal link, seats on the event page, no cookie before a form."""

import json
import re
from datetime import UTC, timedelta

import icalendar
import pytest
from allauth.account.models import EmailAddress
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from courses.choices import Audience, Scope, Status
from courses.links import registration_token, registration_url
from courses.models import Registration
from tests.calendar_clients import ical_js_occurrences
from tests.factories.courses import RegistrationFactory
from tests.factories.home import translate_page
from tests.utils import soup

pytestmark = pytest.mark.django_db

LANGUAGES = ["de", "en", "ar", "fa", "uk", "ru", "tr"]


def signup_url(course, language="de"):
    with translation.override(language):
        return reverse("courses:signup", args=[course.pk])


def form_data(**overrides):
    data = {
        "name": "Samira",
        "email": "samira@example.org",
        "phone": "",
        "consent": "on",
        "language_spoken": "ar",
    }
    data.update(overrides)
    return data


def test_event_page_shows_seats_left_without_setting_a_cookie(visitor, course):
    RegistrationFactory(settings=course)
    response = visitor.get(course.event.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "2 Plätze frei" in html
    assert signup_url(course) in html
    assert "Set-Cookie" not in str(response.headers)
    assert not response.cookies


@pytest.mark.parametrize("language", ["de", "en"])
def test_event_page_names_one_number_of_places(visitor, course, event_index, language):
    """The course's seats left, not also the event's own "8 places" or its
    registration link beside them, which would contradict them."""
    event = course.event
    event.capacity = 8
    event.registration_url = "https://anmeldung.example/kurs"
    event.save_revision().publish()
    RegistrationFactory(settings=course)
    if language != "de":
        translate_page(event_index, language, slug="events")
        event = translate_page(event, language, slug="pc-course")

    page = soup(visitor.get(event.url))
    main = page.find("main")
    [script] = page.find_all("script", type="application/ld+json")
    offer = json.loads(script.string)["offers"]

    with translation.override(language):
        own = ngettext("%(places)s place", "%(places)s places", 8) % {"places": 8}
    assert own not in main.get_text(" ")
    links = [a["href"] for a in main.find_all("a", href=True)]
    assert not [href for href in links if "anmeldung.example" in href]
    assert signup_url(course, language) in links
    # Machines read the same: the offer leads to this page, not to the
    # outside link, and names no inventory of 8.
    assert offer["url"].endswith(event.url)
    assert "inventoryLevel" not in offer
    assert offer["availability"] == "https://schema.org/InStock"


def test_signup_form_sets_no_cookie(visitor, course):
    response = visitor.get(signup_url(course))
    assert response.status_code == 200
    assert not response.cookies
    assert 'name="csrfmiddlewaretoken"' not in response.content.decode()


def test_signup_confirms_sends_mail_with_ics_and_link(post, visitor, course):
    response = post(visitor, signup_url(course), form_data())
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.status == Status.CONFIRMED
    assert registration.answers == {"language_spoken": "ar"}
    assert response["Location"].endswith("?new=1")
    page = visitor.get(response["Location"])
    assert "Ihr Platz ist bestätigt" in page.content.decode()
    assert registration.code in page.content.decode()

    [message] = mail.outbox
    assert message.to == ["samira@example.org"]
    assert course.event.title in message.subject
    link = re.search(r"http://localhost(/kurse/meine-anmeldung/\S+/)", message.body)
    assert link
    assert registration.code in visitor.get(link.group(1)).content.decode()
    [(filename, content, mimetype)] = message.attachments
    assert filename.endswith(".ics")
    assert mimetype == "text/calendar"
    calendar = icalendar.Calendar.from_ical(content)
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == course.event.title
    assert vevent.decoded("DTSTART") == course.event.start
    assert "Johannes-Kepler-Platz 5" in str(vevent["LOCATION"])


def test_mail_is_in_the_language_of_the_signup(post, visitor, course):
    post(visitor, signup_url(course, "en"), form_data())
    [message] = mail.outbox
    assert message.subject.startswith("Your place:")
    assert "/en/" in message.body


def test_per_date_ics_has_only_that_date(post, visitor, course):
    event = course.event
    event.repeat = "weekly"
    event.repeat_weekdays = [event.start.weekday()]
    event.repeat_count = 4
    event.save_revision().publish()
    course.scope = Scope.PER_DATE
    course.save()
    second = event.start + timedelta(days=7)
    response = post(visitor, signup_url(course), form_data(date=second.isoformat()))
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.starts_at == second
    [message] = mail.outbox
    ics = message.attachments[0][1].encode()
    calendar = icalendar.Calendar.from_ical(ics)
    [vevent] = calendar.walk("VEVENT")
    assert vevent.decoded("DTSTART") == second
    # Thunderbird's parser finds that one date, at the same moment.
    window = (event.start - timedelta(days=1), event.start + timedelta(days=60))
    [found] = ical_js_occurrences(ics, *window)
    assert found["start"] == second.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert found["summary"] == event.title
    assert "RRULE" not in vevent


def test_phone_only_is_enough_and_sends_no_mail(post, visitor, course):
    response = post(
        visitor, signup_url(course), form_data(email="", phone="0331 123456")
    )
    assert response.status_code == 302
    assert Registration.objects.get().phone == "0331 123456"
    assert mail.outbox == []


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "data",
    [
        {"email": "", "phone": ""},
        {"email": "not-an-address"},
        {"phone": "call me maybe"},
        {"consent": ""},
        {"name": ""},
        {"name": "x" * 500},
        {"language_spoken": "klingon"},
        # A series ignores a date; per-date courses: the test below.
    ],
    ids=lambda d: "-".join(f"{k}" for k in d),
)
def test_bad_input_is_refused_in_every_language(post, visitor, course, language, data):
    response = post(visitor, signup_url(course, language), form_data(**data))
    assert response.status_code == 400
    assert Registration.objects.count() == 0
    html = response.content.decode()
    assert 'role="alert"' in html
    assert f'lang="{language}"' in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_bad_date_on_per_date_course_is_refused(post, visitor, course, language):
    course.scope = Scope.PER_DATE
    course.save()
    for value in ["", "2020-01-01T10:00:00+00:00", "x" * 300, "2026-13-45T99:99"]:
        response = post(visitor, signup_url(course, language), form_data(date=value))
        assert response.status_code == 400
    assert Registration.objects.count() == 0


def test_counter_only_course_refuses_online_signup(post, visitor, course):
    course.audience = Audience.COUNTER
    course.save()
    response = post(visitor, signup_url(course), form_data())
    assert response.status_code == 403
    assert Registration.objects.count() == 0


def test_closed_window_refuses(post, visitor, course):
    course.closes_at = timezone.now() - timedelta(hours=1)
    course.opens_at = timezone.now() - timedelta(days=3)
    course.save()
    response = post(visitor, signup_url(course), form_data())
    assert response.status_code == 409
    assert Registration.objects.count() == 0


def test_full_course_without_waiting_list_refuses(post, visitor, course):
    course.waiting_list = False
    course.capacity = 1
    course.save()
    RegistrationFactory(settings=course)
    response = post(visitor, signup_url(course), form_data())
    assert response.status_code == 409
    assert Registration.objects.count() == 1


def test_post_from_another_site_changes_nothing(post, visitor, course):
    response = post(
        visitor, signup_url(course), form_data(), HTTP_ORIGIN="https://evil.example"
    )
    assert response.status_code == 403
    assert Registration.objects.count() == 0


# The personal link ---------------------------------------------------------


def test_cancel_through_the_link(post, visitor, course):
    registration = RegistrationFactory(settings=course)
    url = registration_url(registration)
    response = post(visitor, url, {"action": "cancel"})
    assert response.status_code == 200
    registration.refresh_from_db()
    assert registration.status == Status.CANCELLED
    assert "storniert" in response.content.decode()
    assert not response.cookies


def _forged_tokens(registration):
    good = registration_token(registration)
    other = RegistrationFactory(settings=registration.settings)
    return {
        "tampered": good[:-2] + ("AA" if not good.endswith("AA") else "BB"),
        "other-code": signing.dumps(
            {"r": registration.pk, "c": other.code}, salt="courses.registration"
        ),
        "wrong-salt": signing.dumps({"r": registration.pk, "c": registration.code}),
        "garbage": "x" * 80,
    }


@pytest.mark.parametrize("kind", ["tampered", "other-code", "wrong-salt", "garbage"])
def test_forged_link_changes_nothing(post, visitor, course, kind):
    registration = RegistrationFactory(settings=course)
    token = _forged_tokens(registration)[kind]
    url = reverse("courses:manage", kwargs={"token": token})
    response = post(visitor, url, {"action": "cancel"})
    assert response.status_code == 404
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_expired_link_changes_nothing(post, visitor, course, settings, monkeypatch):
    registration = RegistrationFactory(settings=course)
    url = registration_url(registration)
    settings.COURSES_LINK_MAX_AGE_DAYS = 1
    later = timezone.now().timestamp() + 2 * 86400
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)
    response = post(visitor, url, {"action": "cancel"})
    assert response.status_code == 404
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_lookup_by_code(visitor, course):
    registration = RegistrationFactory(settings=course)
    response = visitor.get(
        reverse("courses:by_code"), {"code": registration.code.lower()}
    )
    assert response.status_code == 302
    assert registration.code in visitor.get(response["Location"]).content.decode()
    response = visitor.get(reverse("courses:by_code"), {"code": "NOPE1234"})
    assert response.status_code == 400


def test_listing_shows_seats(visitor, course, event_index):
    course.capacity = 1
    course.save()
    RegistrationFactory(settings=course)
    response = visitor.get(event_index.url)
    html = response.content.decode()
    assert re.search(r"Warteliste", html)


def test_resident_with_account_signs_up_in_one_click(
    post, client, course, django_user_model
):
    resident = django_user_model.objects.create_user(
        username="b-1", password="x-pass-12345", display_name="Bernd"
    )
    EmailAddress.objects.create(
        user=resident, email="bernd@example.org", verified=True, primary=True
    )
    course.audience = Audience.RESIDENTS
    course.save()
    client.force_login(resident)
    form = client.get(signup_url(course)).content.decode()
    assert 'name="name"' not in form
    url = reverse("courses:signup_account", args=[course.pk])
    response = post(client, url, {})
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (registration.user, registration.email) == (resident, "bernd@example.org")
    assert mail.outbox[0].to == ["bernd@example.org"]
    # A second click registers nobody twice.
    assert post(client, url, {}).status_code == 409
    assert Registration.objects.count() == 1


def test_residents_only_course_refuses_anonymous(post, visitor, course):
    course.audience = Audience.RESIDENTS
    course.save()
    assert post(visitor, signup_url(course), form_data()).status_code == 403
    assert Registration.objects.count() == 0
