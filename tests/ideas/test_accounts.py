"""Resident accounts: sign-up with allauth, profile, data download,
deletion, participation codes."""

import base64
import json
import threading

import pytest
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.sessions.models import Session
from django.core import mail
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from ideas.models import Comment, Idea, Pledge, Report, Support
from ideas.selectors import ideas_with_counts
from ideas.services.lifecycle import idea_photo_store
from ideas.services.supports import pledge_create
from residents.models import ParticipationCode
from residents.services import (
    AccountError,
    participation_code_redeem,
    participation_codes_create,
)
from tests.factories.ideas import CommentFactory, IdeaFactory, ResidentFactory
from tests.utils import image_bytes

pytestmark = pytest.mark.django_db
User = get_user_model()


def test_signup_needs_verification_and_keeps_email_private(client, board):
    response = client.post(
        "/en/account/signup/",
        {
            "email": "neu@example.org",
            "display_name": "Kiezkind",
            "password1": "ein-langes-passwort-7",
            "password2": "ein-langes-passwort-7",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="neu@example.org")
    assert user.display_name == "Kiezkind"
    assert "neu" not in user.username
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    # Not logged in before the address is confirmed.
    assert client.get("/en/ideas/new/").status_code == 302


def test_signup_refuses_an_email_as_display_name(client, board):
    response = client.post(
        "/en/account/signup/",
        {
            "email": "x@example.org",
            "display_name": "x@example.org",
            "password1": "ein-langes-passwort-7",
            "password2": "ein-langes-passwort-7",
        },
    )
    assert response.status_code == 200
    assert "do not use an e-mail address" in response.content.decode()
    assert not User.objects.filter(email="x@example.org").exists()


@pytest.mark.parametrize(
    "path",
    [
        "/konto/login/",
        "/konto/signup/",
        "/konto/login/code/",
        "/konto/password/reset/",
        "/konto/teilnahmecode/",
        "/en/account/login/",
    ],
)
def test_account_pages_render_in_the_portal_frame(client, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<main id="main"' in html
    assert 'class="skip-link"' in html


def test_login_by_code_is_offered(client):
    html = client.get("/en/account/login/").content.decode()
    assert "/en/account/login/code/" in html
    assert "participation code" in html


def test_profile_lists_ideas_supports_pledges(client, board, resident, idea):
    mine = IdeaFactory(author=resident, title="Meine Bank")
    Support.objects.create(idea=idea, user=resident)
    pledge_create(idea=idea, user=resident, message="Ich gieße", share_email=False)
    client.force_login(resident)
    html = client.get("/en/account/profile/").content.decode()
    assert mine.title in html
    assert idea.title in html
    assert "Ich gieße" in html
    assert "email" in client.get("/en/account/email/").content.decode()


def test_data_download(client, resident, idea):
    Support.objects.create(idea=idea, user=resident)
    CommentFactory(idea=idea, author=resident, text="Mein Kommentar")
    client.force_login(resident)
    response = client.get(reverse("residents:data"))
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["display_name"] == "Gartenfee"
    assert data["account"]["email_addresses"][0]["email"] == resident.email
    assert data["supports"][0]["idea"] == idea.reference
    assert data["comments"][0]["text"] == "Mein Kommentar"


def test_account_deletion_keeps_content_and_removes_supports(client, board, idea):
    leaver = ResidentFactory(display_name="Geht")
    own = IdeaFactory(author=leaver, title="Bleibt stehen")
    CommentFactory(idea=idea, author=leaver, text="Bleibt auch")
    Support.objects.create(idea=idea, user=leaver)
    Support.objects.create(idea=own, user=ResidentFactory())
    pledge_create(idea=idea, user=leaver, message="Helfe", share_email=True)
    Report.objects.create(reporter=leaver, idea=idea, reason="spam")
    client.force_login(leaver)

    response = client.post(reverse("residents:delete"), {"confirm": "on"})

    assert response.status_code == 302
    assert not User.objects.filter(pk=leaver.pk).exists()
    own.refresh_from_db()
    assert own.author is None
    assert Comment.objects.get(text="Bleibt auch").author is None
    assert Support.objects.filter(idea=idea).count() == 0
    assert ideas_with_counts(Idea.objects.filter(pk=idea.pk)).get().support_count == 0
    assert Support.objects.filter(idea=own).count() == 1
    assert Pledge.objects.count() == 0
    assert Report.objects.count() == 0
    assert EmailAddress.objects.filter(email=leaver.email).count() == 0
    anonymous = type(client)(HTTP_HOST="localhost")
    html = anonymous.get(f"/en/ideas/{idea.reference}/").content.decode()
    assert "former member" in html
    assert "Geht" not in html
    assert (
        "former member" in anonymous.get(f"/en/ideas/{own.reference}/").content.decode()
    )


def test_deletion_needs_confirmation_and_is_not_for_staff(client, resident, moderator):
    client.force_login(resident)
    assert client.post(reverse("residents:delete"), {}).status_code == 400
    assert User.objects.filter(pk=resident.pk).exists()
    client.force_login(moderator)
    response = client.post(reverse("residents:delete"), {"confirm": "on"})
    assert response.status_code == 400
    assert User.objects.filter(pk=moderator.pk).exists()


def test_participation_codes_work_once(client, board, moderator, idea):
    batch = participation_codes_create(label="Stern März", count=3, actor=moderator)
    codes = list(batch.codes.values_list("code", flat=True))
    assert len(set(codes)) == 3
    data = {
        "code": codes[0].lower().replace("-", " "),
        "username": "ohne-mail",
        "display_name": "Ohne Mail",
        "password1": "ein-langes-passwort-7",
        "password2": "ein-langes-passwort-7",
    }
    response = client.post("/en/account/participation-code/", data)
    assert response.status_code == 302
    user = User.objects.get(username="ohne-mail")
    assert user.email == ""
    assert ParticipationCode.objects.get(code=codes[0]).used_by == user
    # The new account may take part right away.
    client.post(f"/en/ideas/{idea.reference}/support/")
    assert Support.objects.filter(user=user).exists()

    # The same code a second time: refused, nothing created.
    other = type(client)(HTTP_HOST="localhost")
    response = other.post(
        "/en/account/participation-code/", {**data, "username": "zweiter"}
    )
    assert response.status_code == 400
    assert "already been used" in response.content.decode()
    assert not User.objects.filter(username="zweiter").exists()
    with pytest.raises(AccountError):
        participation_code_redeem(
            code=codes[0], username="dritter", display_name="D", password="x" * 12
        )
    # Logging in again with the user name works.
    other.post(
        "/en/account/login/",
        {"login": "ohne-mail", "password": "ein-langes-passwort-7"},
    )
    assert other.get("/en/account/profile/").status_code == 200


def test_code_sheet_prints_codes(client, moderator):
    batch = participation_codes_create(label="Drewitz", count=2, actor=moderator)
    client.force_login(moderator)
    response = client.get(reverse("ideas_admin:code_sheet", args=[batch.pk]))
    html = response.content.decode()
    for code in batch.codes.all():
        assert code.code in html
    created = client.post(
        reverse("wagtailsnippets_residents_participationcodebatch:add"),
        {"label": "Schlaatz", "count": 5},
    )
    assert created.status_code == 302
    assert ParticipationCode.objects.filter(batch__label="Schlaatz").count() == 5


def test_residents_cannot_create_codes(client, resident):
    client.force_login(resident)
    client.post(
        reverse("wagtailsnippets_residents_participationcodebatch:add"),
        {"label": "Fake", "count": 5},
    )
    assert ParticipationCode.objects.count() == 0


# Deletion ends every session, staff stay logged in ---------------------------


def _sessions_of(user_pk) -> list[str]:
    """Sessions logged in as the user, or with a login of the user pending
    (allauth keeps it, with the address, until the code is entered)."""
    # allauth writes the pending login's user in base 36 ("g" for 16).
    pending_pk = user_pk_to_url_str(User(pk=user_pk))

    def names_user(data):
        pending = data.get("account_login") or {}
        return data.get(SESSION_KEY) == str(user_pk) or (
            pending.get("user_pk") == pending_pk
        )

    return [
        session.session_key
        for session in Session.objects.all()
        if names_user(session.get_decoded())
    ]


def test_account_deletion_ends_the_persons_other_sessions(client, board):
    # An id whose base 36 differs from its decimal: a pending login by code
    # of user 46656 says "1000" (on PostgreSQL ids are never reused, so an
    # earlier test had made the leaver 16, "g", and left the login behind).
    leaver = ResidentFactory(pk=46656, display_name="Geht")
    stays = ResidentFactory(display_name="Bleibt")
    phone, laptop, neighbour = (type(client)(HTTP_HOST="localhost") for _ in "abc")
    for other, password_login in ((phone, True), (laptop, False)):
        if password_login:
            other.post(
                "/en/account/login/",
                {"login": leaver.email, "password": "a-good-pass-2024"},
            )
        else:
            other.force_login(leaver)
    neighbour.force_login(stays)
    halfway = type(client)(HTTP_HOST="localhost")
    halfway.post("/en/account/login/code/", {"email": leaver.email})
    client.force_login(leaver)
    assert len(_sessions_of(leaver.pk)) == 4

    response = client.post(reverse("residents:delete"), {"confirm": "on"})

    assert response.status_code == 302
    assert _sessions_of(leaver.pk) == []
    assert len(_sessions_of(stays.pk)) == 1
    assert phone.get(reverse("residents:profile")).status_code == 302
    assert neighbour.get(reverse("residents:profile")).status_code == 200


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_staff_submitting_the_deletion_form_stay_logged_in(client, moderator, language):
    client.force_login(moderator)

    with translation.override(language):
        response = client.post(reverse("residents:delete"), {"confirm": "on"})
        refusal = translation.gettext(
            "Staff accounts are deleted by an administrator, not here."
        )

    assert response.status_code == 400
    assert f'lang="{language}"' in response.content.decode()
    assert escape(refusal) in response.content.decode()
    assert client.session["_auth_user_id"] == str(moderator.pk)
    assert client.get(reverse("residents:profile")).status_code == 200
    assert User.objects.filter(pk=moderator.pk).exists()


# The data download has everything ---------------------------------------------


def test_data_download_includes_the_idea_photo_and_its_description(
    client, resident, quarter, category
):
    photo = idea_photo_store(content=image_bytes(), title="Spielplatz", user=resident)
    IdeaFactory(
        author=resident,
        quarter=quarter,
        category=category,
        photo=photo,
        photo_description="Der alte Spielplatz am Stern",
    )
    IdeaFactory(author=resident, quarter=quarter, category=category)
    client.force_login(resident)

    data = json.loads(client.get(reverse("residents:data")).content)

    with_photo, without = sorted(data["ideas"], key=lambda idea: not idea["photo"])
    assert with_photo["photo"]["description"] == "Der alte Spielplatz am Stern"
    with photo.open_file() as stored:
        assert base64.b64decode(with_photo["photo"]["content_base64"]) == stored.read()
    assert with_photo["photo"]["width"] == photo.width
    assert without["photo"] is None


# Participation codes redeemed at once -----------------------------------------

ON_POSTGRES = connection.vendor == "postgresql"


@pytest.mark.skipif(
    not ON_POSTGRES,
    reason="Needs PostgreSQL: SQLite serialises the two redemptions (its write "
    "lock is taken by the first UPDATE), so the race cannot happen there. Run "
    "with DATABASE_URL=postgres://… to exercise it.",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_codes_redeemed_at_once_with_the_same_name(moderator):
    """Both requests pass the "name taken" check before either has saved; the
    unique index lets one in, the other gets the form's message (it was an
    IntegrityError, a 500) and its code stays unused."""
    rounds, at_once = 3, 4
    batch = participation_codes_create(
        label="Gleichzeitig", count=rounds * at_once, actor=moderator
    )
    codes = list(batch.codes.values_list("code", flat=True))
    for round_number in range(rounds):
        username = f"gleich-{round_number}"
        mine = codes[round_number * at_once : (round_number + 1) * at_once]
        responses, errors = [], []
        barrier = threading.Barrier(at_once)

        def redeem(
            code, username=username, barrier=barrier, responses=responses, errors=errors
        ):
            try:
                visitor = Client(HTTP_HOST="localhost")
                barrier.wait(timeout=30)
                responses.append(
                    visitor.post(
                        "/en/account/participation-code/",
                        {
                            "code": code,
                            "username": username,
                            "display_name": "Gleichzeitig",
                            "password1": "ein-langes-passwort-7",
                            "password2": "ein-langes-passwort-7",
                        },
                    )
                )
            except BaseException as error:  # asserted below
                errors.append(error)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=redeem, args=(code,)) for code in mine]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)

        assert errors == []
        statuses = sorted(response.status_code for response in responses)
        assert statuses == [302] + [400] * (at_once - 1)
        for response in responses:
            if response.status_code == 400:
                assert "This user name is taken" in response.content.decode()
        assert User.objects.filter(username=username).count() == 1
        used = ParticipationCode.objects.filter(code__in=mine, used_at__isnull=False)
        assert used.count() == 1
