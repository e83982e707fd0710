"""Text that residents and firms type reaches the database without control,
invisible or bidi override characters (portal.text), through every form:
ideas, comments, display names, firms' pages in the admin. What scripts
need (Persian ZWNJ, direction marks, emoji joiners) and line breaks in
multi-line fields stay."""

import html

import pytest
from django.contrib.auth import get_user_model
from django.db import models
from django.urls import reverse
from django.utils import translation

from directory.models import CompanyPage, VacancyPage
from ideas.models import Comment, Idea, Pledge, Report
from portal.text import CleanTextField
from residents.services import participation_codes_create

# ruff: noqa: F811 - the fixtures imported below are arguments of the tests
from tests.directory.test_bad_input import _company_data
from tests.ideas.test_lifecycle import submit_data
from tests.security.test_image_metadata import LANGUAGES, board_urls  # noqa: F401

pytestmark = pytest.mark.django_db
User = get_user_model()

# Each harmful kind once: C0 controls (NUL, BEL, ESC), DEL, a C1 control,
# zero-width space, word joiner, BOM, soft hyphen, bidi embeddings and
# overrides (U+202A–U+202E), isolates (U+2066–U+2069), a non-character.
HARMFUL = (
    "\x00\x07\x1b\x7f\x9b\u200b\u2060\ufeff\u00ad"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufffe"
)


def poison(text: str) -> str:
    """`text` with every harmful character inside its first word and a
    reversed run (an override) around its last."""
    head, _space, tail = text.partition(" ")
    middle = len(head) // 2
    return f"{head[:middle]}{HARMFUL}{head[middle:]} \u202e{tail}\u202c"


def test_idea_texts_are_cleaned(client, board, resident, category, quarter):
    client.force_login(resident)
    title = "Hochbeete am Kepler-Platz"
    data = submit_data(
        category,
        quarter,
        title=poison(title) + "\t\n",
        description=poison("Sechs Hochbeete")
        + "\r\nauf der Wiese.\u2028\tWerkzeug\x0bleiht die Anlaufstelle.",
    )

    response = client.post("/en/ideas/new/", data)

    assert response.status_code == 302
    idea = Idea.objects.get()
    assert idea.title == title
    assert idea.description == (
        "Sechs Hochbeete\nauf der Wiese.\n\tWerkzeug\nleiht die Anlaufstelle."
    )


@pytest.mark.parametrize(
    "title",
    [
        "می‌خواهیم باغچه بسازیم",  # Persian with a zero-width non-joiner
        "حديقة \u200fPotsdam\u200f للجميع",  # Arabic with right-to-left marks
        "Garten für alle 👩‍🌾",  # an emoji joined with ZWJ
    ],
    ids=["fa zwnj", "ar rlm", "emoji zwj"],
)
def test_what_scripts_need_is_kept(client, board, resident, category, quarter, title):
    client.force_login(resident)
    response = client.post(
        "/en/ideas/new/", submit_data(category, quarter, title=title)
    )
    assert response.status_code == 302
    assert Idea.objects.get().title == title


@pytest.mark.parametrize("language", LANGUAGES)
def test_title_of_invisible_characters_is_missing(
    client, board_urls, resident, category, quarter, language
):
    client.force_login(resident)
    data = submit_data(category, quarter, title="\u200b\u202e\u2066\ufeff\x07")

    response = client.post(board_urls[language], data)

    assert response.status_code == 200
    assert response.context["form"].errors["title"]
    with translation.override(language):
        message = translation.gettext("This field is required.")
    assert message in html.unescape(response.content.decode())
    assert not Idea.objects.exists()


def test_comment_is_cleaned(client, board, resident, idea):
    Idea.objects.filter(pk=idea.pk).update(status="published")
    client.force_login(resident)

    response = client.post(
        f"/ideen/{idea.reference}/comment/",
        {"text": poison("Gute Idee") + "\r\n\r\n\r\n\r\nIch helfe mit.", "website": ""},
    )

    assert response.status_code == 302
    assert Comment.objects.get().text == "Gute Idee\n\nIch helfe mit."


def test_display_name_at_signup_is_cleaned(client, board):
    response = client.post(
        "/en/account/signup/",
        {
            "email": "neu@example.org",
            "display_name": poison("Kiez Kind"),
            "password1": "ein-langes-passwort-7",
            "password2": "ein-langes-passwort-7",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(email="neu@example.org").display_name == "Kiez Kind"


def test_display_name_with_a_participation_code_is_cleaned(client, board, moderator):
    batch = participation_codes_create(label="Stern", count=1, actor=moderator)
    response = client.post(
        "/en/account/participation-code/",
        {
            "code": batch.codes.get().code,
            "username": "ohne-mail",
            "display_name": poison("Ohne Mail"),
            "password1": "ein-langes-passwort-7",
            "password2": "ein-langes-passwort-7",
            "website": "",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(username="ohne-mail").display_name == "Ohne Mail"


def test_firm_page_texts_are_cleaned(client, company_a, firm_a_user):
    client.force_login(firm_a_user)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[company_a.pk]),
        _company_data(
            company_a,
            title=poison("Firma A"),
            short_description=poison("Wir bauen") + "\r\nim Quartier.",
        ),
    )
    assert response.status_code == 302
    draft = CompanyPage.objects.get(pk=company_a.pk).get_latest_revision_as_object()
    assert draft.title == "Firma A"
    assert draft.short_description == "Wir bauen\nim Quartier."


@pytest.mark.parametrize("page", ["company", "vacancy"])
def test_every_plain_text_field_of_firm_pages_is_cleaned(
    client, company_a, vacancy_a, firm_a_user, page
):
    """Guards the class: a text field added to a firm's page later is
    cleaned too, without anyone remembering to."""
    target = company_a if page == "company" else vacancy_a
    model = CompanyPage if page == "company" else VacancyPage
    client.force_login(firm_a_user)

    response = client.get(reverse("wagtailadmin_pages:edit", args=[target.pk]))

    assert response.status_code == 200
    form = response.context["form"]
    plain = [
        field.name
        for field in model._meta.get_fields()
        if type(field) in (models.CharField, models.TextField)
        and not field.choices
        and field.name in form.fields
    ]
    assert "title" in plain
    assert len(plain) >= 3
    for name in plain:
        assert isinstance(form.fields[name], CleanTextField), name


def test_report_note_and_pledge_message_are_cleaned(client, board, resident, idea):
    Idea.objects.filter(pk=idea.pk).update(status="published")
    client.force_login(resident)

    reported = client.post(
        f"/ideen/{idea.reference}/report/",
        {"reason": "other", "note": poison("Bitte prüfen") + "\r\nDanke."},
    )
    pledged = client.post(
        f"/ideen/{idea.reference}/help/", {"message": poison("Ich gieße")}
    )

    assert reported.status_code == 302
    assert pledged.status_code == 302
    assert Report.objects.get().note == "Bitte prüfen\nDanke."
    assert Pledge.objects.get().message == "Ich gieße"
