"""An author who deletes their account leaves ideas, comments and log
entries behind: every screen that names a person shows "former member"
(in the reader's language) and none answers 500."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from ideas.models import Idea
from ideas.services.lifecycle import idea_submit, idea_transition
from ideas.services.moderation import comment_create
from tests.factories.ideas import ResidentFactory

pytestmark = pytest.mark.django_db

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def _delete_account(client, user):
    client.force_login(user)
    response = client.post(reverse("residents:delete"), {"confirm": "on"})
    assert response.status_code == 302
    client.logout()


@pytest.fixture
def orphaned_idea(client, author, moderator, category, quarter):
    """An idea submitted through the service (so its log names the author),
    published and commented on by its author, who then deleted the account."""
    idea = idea_submit(
        author=author,
        title="Bank am Teich",
        description="Eine Bank zum Ausruhen am Teich im Park.",
        category=category,
        quarter=quarter,
        author_can_help=True,
    )
    idea_transition(idea=idea, actor=moderator, to_status="published")
    comment_create(idea=idea, author=author, text="Ich baue gern mit.")
    _delete_account(client, author)
    idea.refresh_from_db()
    assert idea.author is None
    return idea


def _staff_in(user, language: str):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_admin_screens_name_a_former_member(client, orphaned_idea, moderator, language):
    client.force_login(_staff_in(moderator, language))
    with translation.override(language):
        former = translation.gettext("former member")
    urls = [
        reverse("ideas_admin:status", args=[orphaned_idea.pk]),
        reverse("wagtailsnippets_ideas_idea:inspect", args=[orphaned_idea.pk]),
        reverse("wagtailsnippets_ideas_comment:list"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert former in response.content.decode(), url


def test_editors_can_still_moderate_the_idea(client, orphaned_idea, editor):
    client.force_login(editor)
    url = reverse("ideas_admin:status", args=[orphaned_idea.pk])
    response = client.post(url, {"to_status": "in_review"})
    assert response.status_code == 302
    orphaned_idea.refresh_from_db()
    assert orphaned_idea.status == "in_review"


@pytest.mark.parametrize(
    ("path", "proposed", "helps"),
    [
        ("/ideen/", "Vorgeschlagen von einem ehemaligen Mitglied", "Hilft selbst mit"),
        ("/en/ideas/", "Proposed by a former member", "The author can help"),
    ],
)
def test_public_page_grammar_and_no_stale_help(
    client, board, orphaned_idea, path, proposed, helps
):
    html = client.get(f"{path}{orphaned_idea.reference}/").content.decode()
    assert proposed in html
    assert helps not in html
    # A living author who helps still says so.
    living = ResidentFactory(display_name="Gärtnerin")
    Idea.objects.filter(pk=orphaned_idea.pk).update(author=living)
    html = client.get(f"{path}{orphaned_idea.reference}/").content.decode()
    assert "Gärtnerin" in html
    assert helps in html


@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_former_member_sentence_is_its_own_translation(language):
    """The sentence for a former member is not "Proposed by" + a name, so
    each language can use its own grammar (German: "von einem ehemaligen
    Mitglied")."""
    with translation.override(language):
        sentence = translation.gettext("Proposed by a former member on %(date)s")
    assert "%(date)s" in sentence
    if language != "en":
        assert sentence != "Proposed by a former member on %(date)s"


PERSON_ATTRIBUTE = re.compile(
    r"\b(?:actor|author|user|reporter|response_by)\.(?!pk\b|is_authenticated\b)\w+"
)


def test_templates_name_people_only_through_the_filter():
    """Every place that shows a person goes through `person_name`, which
    knows that the person may be gone. `user.` in a template is the viewer
    (always present); the others are stored actors."""
    root = Path(settings.BASE_DIR) / "templates" / "ideas"
    offenders = []
    for template in root.rglob("*.html"):
        for line in template.read_text().splitlines():
            for match in PERSON_ATTRIBUTE.finditer(line):
                text = match.group(0)
                if text.startswith("user.") and "pledge.user" not in line:
                    continue
                offenders.append(f"{template.name}: {text}")
    assert offenders == []
