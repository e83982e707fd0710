"""The registration mail's "Place:" line (and the course's title) in every
shipped language. A plain text mail has no markup: in Arabic and Persian a
German place name, the address and a German course title go into Unicode
isolates (U+2066 … U+2069), so the bidi algorithm
keeps their words and punctuation in order; in left-to-right languages
the line stays plain (no invisible characters to copy along). A place
name in the reader's own language is not isolated as German."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import translation

from tests.factories.home import translate_page

LANGUAGES = [code for code, _name in settings.LANGUAGES]
LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
CONTROLS = set(LRI + RLI + FSI + PDI)


def _signup(post, visitor, course, code):
    with translation.override(code):
        url = reverse("courses:signup", args=[course.pk])
    data = {
        "name": "Samira",
        "email": "samira@example.org",
        "phone": "",
        "consent": "on",
        "language_spoken": "ar",
    }
    assert post(visitor, url, data).status_code == 302
    [message] = mail.outbox
    return message.body


def _place_line(body, name):
    lines = [line for line in body.splitlines() if name in line]
    assert len(lines) == 1, body
    return lines[0]


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_place_line_isolates_a_german_place_name(post, visitor, course, code):
    body = _signup(post, visitor, course, code)

    line = _place_line(body, "Anlaufstelle Stern")

    if code in settings.LANGUAGES_BIDI:
        assert f"{LRI}Anlaufstelle Stern{PDI}" in line
        assert f"{LRI}Johannes-Kepler-Platz 5, 14480 Potsdam{PDI}" in line
    else:
        assert not set(line) & CONTROLS, line
        assert "Anlaufstelle Stern, Johannes-Kepler-Platz 5, 14480 Potsdam" in line


@pytest.mark.parametrize("code", ["ar", "fa"])
def test_a_translated_place_name_is_not_isolated_as_german(
    post, visitor, course, contact_point, event_index, home_de, code
):
    """The event and its contact point translated: the mail names the
    place in the reader's language, without a left-to-right isolate."""
    translate_page(home_de, code, slug=f"start-{code}")
    translate_page(event_index, code, slug=f"events-{code}")
    translate_page(course.event, code, title=f"PC ({code})", slug=f"pc-{code}")
    name = {"ar": "نقطة الاتصال شتيرن", "fa": "مرکز مشاوره اشترن"}[code]
    translate_page(contact_point, code, title=name, slug=f"point-{code}")

    line = _place_line(_signup(post, visitor, course, code), name)

    assert f"{LRI}{name}" not in line
    assert f"{LRI}Johannes-Kepler-Platz 5, 14480 Potsdam{PDI}" in line


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_german_course_title_is_isolated_in_subject_and_text(
    post, visitor, course, code
):
    """The course has no translation: its German title, like the place's
    name, sits in an isolate in Arabic and Persian, plain elsewhere."""
    body = _signup(post, visitor, course, code)
    [message] = mail.outbox
    title = course.event.title

    for text in (message.subject, _place_line(body, f"{title}")):
        if code in settings.LANGUAGES_BIDI:
            assert f"{LRI}{title}{PDI}" in text
        else:
            assert title in text
            assert not set(text) & CONTROLS
