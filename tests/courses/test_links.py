"""Every absolute URL the courses hand out (the confirmation mail, its
calendar file, the counter's printed slip) leads to BASE_URL, not to the
host a request named or the Wagtail Site record's."""

import re

import icalendar
import pytest
from django.core import mail
from django.urls import reverse

from courses.models import Registration
from tests.courses.test_desk import world  # noqa: F401 - the fixture
from tests.courses.test_signup import form_data, signup_url
from tests.utils import soup

pytestmark = pytest.mark.django_db

BASE = "http://kurse.test:8422"
URL = re.compile(r"""https?://[^\s"'<>)\]]+""")


@pytest.fixture(autouse=True)
def base_url(settings):
    settings.BASE_URL = BASE
    settings.WAGTAILADMIN_BASE_URL = settings.WAGTAILAPI_BASE_URL = BASE


def _off_base(urls):
    return [url for url in urls if not url.startswith(BASE + "/")]


def test_confirmation_mail_and_its_calendar_file_link_to_base_url(
    post, visitor, course
):
    post(visitor, signup_url(course), form_data())

    [message] = mail.outbox
    links = URL.findall(message.body)
    assert links, "the mail links to the registration"
    assert not _off_base(links)
    [(_name, content, _type)] = message.attachments
    [vevent] = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert str(vevent["URL"]).startswith(BASE + "/")


def test_the_printed_slip_names_the_public_address(client, world):  # noqa: F811
    client.force_login(world["users"]["stern-staff"])
    response = client.post(
        reverse("courses_register", args=[world["course"].pk]),
        {"name": "Amal Haddad", "phone": "0331 987654", "consent": "on"},
        HTTP_HOST="127.0.0.1",
    )
    Registration.objects.get()

    slip = client.get(response["Location"], HTTP_HOST="127.0.0.1")

    links = URL.findall(soup(slip).select_one("main").get_text(" "))
    links += [a["href"] for a in soup(slip).select("main a[href^='http']")]
    assert links, "the slip says where to look the code up"
    assert not _off_base(links)
