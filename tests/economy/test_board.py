"""The network board: posts public or for members, answers relayed by mail
without showing the firm's address, ended posts, the next network meetings."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from economy.models import BoardAnswer, BoardPostPage
from tests.economy.conftest import started
from tests.factories.economy import BoardPostPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def posts(board, company_a, company_b):
    company_a.email = "kontakt@firma-a.example"
    company_a.save_revision().publish()
    return {
        "public": BoardPostPageFactory(
            parent=company_a, title="Praktikum Büro", slug="praktikum"
        ),
        "members": BoardPostPageFactory(
            parent=company_b, title="Jobmesse Partner", slug="jobmesse",
            post_type="job_fair", audience="members",
        ),
    }  # fmt: skip


def test_board_lists_public_posts_to_everybody(client, posts):
    html = client.get("/netzwerk/").content.decode()
    assert "Praktikum Büro" in html
    assert "Jobmesse Partner" not in html


def test_members_see_members_only_posts(client, posts, firm_a_user):
    client.force_login(firm_a_user)
    html = client.get("/netzwerk/").content.decode()
    assert "Praktikum Büro" in html
    assert "Jobmesse Partner" in html
    assert client.get(posts["members"].url).status_code == 200


def test_members_only_post_refuses_visitors(client, posts):
    response = client.get(posts["members"].url)
    assert response.status_code == 403
    assert "Jobmesse Partner" not in response.content.decode()
    assert posts["members"].get_sitemap_urls() == []


def test_answer_is_relayed_without_showing_the_firms_address(
    client, posts, firm_a_user, committed
):
    post = posts["public"]
    page = client.get(post.url).content.decode()
    assert "kontakt@firma-a.example" not in page
    assert firm_a_user.email not in page
    response = committed(
        client.post,
        post.url,
        {
            "name": "Olaf Ortmann",
            "organisation": "Tischlerei Ortmann",
            "email": "olaf@ortmann.example",
            "message": "Wir hätten eine Praktikantin für Sie.",
            "started": started(),
            "website": "",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "kontakt@firma-a.example" not in html
    assert firm_a_user.email not in html
    answer = BoardAnswer.objects.get()
    assert answer.post_id == post.pk
    [message] = mail.outbox
    assert message.to == [firm_a_user.email]
    assert message.message()["Reply-To"] == "olaf@ortmann.example"
    assert "Wir hätten eine Praktikantin" in message.body
    assert "Praktikum Büro" in message.subject


def test_spam_answer_is_refused(client, posts):
    response = client.post(
        posts["public"].url,
        {"name": "x", "organisation": "y", "email": "a@b.example",
         "message": "buy", "started": started(0), "website": "http://x"},
    )  # fmt: skip
    assert response.status_code == 400
    assert not BoardAnswer.objects.exists()


def test_ended_post_answers_410(client, posts):
    post = posts["public"]
    BoardPostPage.objects.filter(pk=post.pk).update(
        expire_at=timezone.now() - dt.timedelta(minutes=1)
    )
    assert client.get(post.url).status_code == 410
    assert "Praktikum Büro" not in client.get("/netzwerk/").content.decode()


@pytest.mark.parametrize(
    "value",
    [
        "castle",
        "Job_Fair",
        "placement' OR '1'='1",
        '<script>alert("x")</script>',
        "placement\x00",
        "Ä" * 10_000,
    ],
)
def test_unknown_post_type_is_ignored_with_a_notice(client, posts, firm_a_user, value):
    client.force_login(firm_a_user)
    response = client.get("/netzwerk/", {"type": value})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Praktikum Büro" in html
    assert "Jobmesse Partner" in html
    assert "wurden nicht beachtet" in html
    assert "<script>alert" not in html


def test_known_post_type_filters_without_a_notice(client, posts, firm_a_user):
    client.force_login(firm_a_user)
    html = client.get("/netzwerk/", {"type": "job_fair"}).content.decode()
    assert "Jobmesse Partner" in html
    assert "Praktikum Büro" not in html
    assert "wurden nicht beachtet" not in html
