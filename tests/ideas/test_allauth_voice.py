"""django-allauth's pages and mails speak in the portal's voice: formal German
("Sie"), signed with the portal's name, never the host name or the random
login name, and in the visitor's language (templates/account/, the portal's
catalogues, residents.accounts.ResidentAccountAdapter)."""

import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.factories.ideas import ResidentFactory

pytestmark = pytest.mark.django_db

HOST = "quartiersportal.example"
LOGIN_NAME = "b-7f3a9c2e41"
PASSWORD = "ein-langes-passwort-7"
INFORMAL = re.compile(r"\b(du|dein\w*|dich|dir)\b", re.IGNORECASE)
#: Imperatives only the informal singular uses ("Gib ein" vs "Geben Sie
#: ein"; "klicke", since "Klick" is also a noun).
INFORMAL_IMPERATIVE = re.compile(
    r"\b(gib|klicke|bestätige|lass|rufe|verwende|überprüfe|prüfe|folge|wähle|"
    r"nutze|schicke|trage|öffne|versuche|kopiere|ändere|erstelle)\b",
    re.IGNORECASE,
)
LANGUAGES = [code for code, _name in settings.LANGUAGES]


class _VisibleText(HTMLParser):
    """Text a visitor reads or hears: text nodes outside scripts and styles,
    and the attributes shown or read out."""

    SHOWN = {"placeholder", "title", "aria-label", "alt"}

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._hidden += 1
        for name, value in attrs:
            if name in self.SHOWN and value:
                self.parts.append(value)
        if tag == "input" and dict(attrs).get("type") == "submit":
            self.parts.append(dict(attrs).get("value") or "")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def _visible(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


@pytest.fixture(autouse=True)
def _unusual_host(settings):
    """The portal's public address is not the test settings' localhost: a
    mail link made from anything but BASE_URL (the worker has no request)
    would show here."""
    settings.ALLOWED_HOSTS = [HOST]
    settings.BASE_URL = f"https://{HOST}"


@pytest.fixture
def visitor() -> Client:
    return Client(HTTP_HOST=HOST)


@pytest.fixture
def resident(db):
    return ResidentFactory(
        username=LOGIN_NAME,
        email="gartenfee@example.org",
        display_name="Gartenfee",
        password=PASSWORD,
    )


def _url(code: str, name: str, *args, **kwargs) -> str:
    with translation.override(code):
        return reverse(name, args=args, kwargs=kwargs)


# Pages --------------------------------------------------------------------

#: allauth page -> (URL name and arguments, needs a signed-in resident, the
#: English msgid of its main heading).
PAGES = {
    "login": (("account_login",), False, "Sign In"),
    "signup": (("account_signup",), False, "Sign Up"),
    "request_login_code": (("account_request_login_code",), False, None),
    "password_reset": (("account_reset_password",), False, "Password Reset"),
    "password_reset_done": (("account_reset_password_done",), False, None),
    "password_reset_bad_key": (
        ("account_reset_password_from_key", "x", "bad-key"),
        False,
        None,
    ),
    "password_reset_from_key_done": (
        ("account_reset_password_from_key_done",),
        False,
        None,
    ),
    "verification_sent": (("account_email_verification_sent",), False, None),
    "email_confirm_bad_key": (("account_confirm_email", "bad-key"), False, None),
    "account_inactive": (("account_inactive",), False, None),
    "email": (("account_email",), True, None),
    "password_change": (("account_change_password",), True, None),
    "logout": (("account_logout",), True, "Sign Out"),
}


def _page(visitor, resident, code, page):
    (name, *args), signed_in, _heading = PAGES[page]
    if page == "password_reset_bad_key":
        url = _url(code, name, uidb36=args[0], key=args[1])
    else:
        url = _url(code, name, *args)
    if signed_in:
        visitor.force_login(resident)
    response = visitor.get(url, follow=True)
    assert response.status_code == 200, url
    return response.content.decode()


def _form_errors(visitor, code):
    """The sign-up and sign-in forms with the errors residents meet."""
    signup = visitor.post(
        _url(code, "account_signup"),
        {
            "email": "neu@example.org",
            "display_name": "Kiezkind",
            "password1": PASSWORD,
            "password2": PASSWORD + "x",
        },
    )
    login = visitor.post(
        _url(code, "account_login"),
        {"login": "gartenfee@example.org", "password": "falsch-falsch-1"},
    )
    return [signup.content.decode(), login.content.decode()]


def _login_code_page(visitor, code):
    response = visitor.post(
        _url(code, "account_request_login_code"),
        {"email": "gartenfee@example.org"},
        follow=True,
    )
    assert response.status_code == 200
    return response.content.decode()


def _assert_portal_voice(text: str):
    assert INFORMAL.findall(text) == []
    assert INFORMAL_IMPERATIVE.findall(text) == []
    assert "127.0.0.1" not in text
    assert "localhost" not in text
    assert LOGIN_NAME not in text


@pytest.mark.parametrize("page", PAGES)
def test_allauth_page_is_formal_in_german(visitor, resident, page):
    text = _visible(_page(visitor, resident, "de", page))

    _assert_portal_voice(text)


def test_allauth_forms_with_errors_and_login_code_are_formal_in_german(
    visitor, resident
):
    pages = [*_form_errors(visitor, "de"), _login_code_page(visitor, "de")]

    for html in pages:
        _assert_portal_voice(_visible(html))


def _h1(html: str) -> str:
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert h1 is not None
    return _visible(h1.group(1))


@pytest.mark.parametrize("code", [code for code in LANGUAGES if code != "en"])
@pytest.mark.parametrize("page", PAGES)
def test_allauth_page_is_in_the_visitors_language(visitor, resident, page, code):
    english = _h1(_page(Client(HTTP_HOST=HOST), resident, "en", page))

    html = _page(visitor, resident, code, page)

    assert f'<html lang="{code}"' in html
    assert _h1(html) != english
    heading = PAGES[page][2]
    if heading:
        with translation.override(code):
            assert _h1(html) == translation.gettext(heading)


# Mails ----------------------------------------------------------------------


def _mails(visitor, resident, code) -> dict:
    """Trigger every mail allauth sends residents; return them by kind."""
    sent = {}

    def take(kind, response):
        assert response.status_code in (200, 302)
        assert len(mail.outbox) == 1, kind
        sent[kind] = mail.outbox.pop()

    signup = {
        "display_name": "Kiezkind",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    take(
        "signup confirmation",
        visitor.post(
            _url(code, "account_signup"), {"email": "neu@example.org", **signup}
        ),
    )
    visitor.logout()
    take(
        "account already exists",
        Client(HTTP_HOST=HOST).post(
            _url(code, "account_signup"), {"email": resident.email, **signup}
        ),
    )
    take(
        "login code",
        Client(HTTP_HOST=HOST).post(
            _url(code, "account_request_login_code"), {"email": resident.email}
        ),
    )
    take(
        "password reset",
        Client(HTTP_HOST=HOST).post(
            _url(code, "account_reset_password"), {"email": resident.email}
        ),
    )
    take(
        "unknown account",
        Client(HTTP_HOST=HOST).post(
            _url(code, "account_reset_password"), {"email": "wer@example.org"}
        ),
    )
    signed_in = Client(HTTP_HOST=HOST)
    signed_in.force_login(resident)
    take(
        "e-mail confirmation",
        signed_in.post(
            _url(code, "account_email"),
            {"action_add": "", "email": "zweite@example.org"},
        ),
    )
    return sent


MAIL_SUBJECTS = {
    "signup confirmation": "Please confirm your e-mail address",
    "e-mail confirmation": "Please confirm your e-mail address",
    "account already exists": "You already have an account",
    "login code": "Your sign-in code",
    "password reset": "Choose a new password",
    "unknown account": "No account with this e-mail address",
}


def test_every_allauth_mail_is_formal_and_branded_in_german(visitor, resident):
    sent = _mails(visitor, resident, "de")

    assert set(sent) == set(MAIL_SUBJECTS)
    for kind, message in sent.items():
        text = f"{message.subject}\n{message.body}"
        _assert_portal_voice(text)
        assert message.body.startswith("Guten Tag,"), kind
        assert settings.WAGTAIL_SITE_NAME in message.body, kind
        assert "Hallo von" not in message.body


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_allauth_mail_is_in_the_visitors_language(visitor, resident, code):
    sent = _mails(visitor, resident, code)

    with translation.override(code):
        greeting = translation.gettext("Hello,")
        subjects = {
            kind: translation.gettext(msgid) for kind, msgid in MAIL_SUBJECTS.items()
        }
    for kind, message in sent.items():
        assert message.subject.endswith(subjects[kind]), kind
        assert message.body.startswith(greeting), kind
        assert LOGIN_NAME not in message.body
        if code != "en":
            assert subjects[kind] != MAIL_SUBJECTS[kind]
