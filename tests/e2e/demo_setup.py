"""Run by the e2e server fixture with `manage.py shell` after `seed_demo`:
points the map at the tile host the tests intercept, and prints (last line,
JSON) the URLs of one page of each type, so the tests need no slugs of the
demo content. TILE_URL is put in front of this text by the fixture."""

import json

from wagtail.models import Site

from campaigns.models import CampaignIndexPage, CampaignPage
from directory.models import (
    CompanyPage,
    DirectoryIndexPage,
    VacancyFinderPage,
    VacancyPage,
)
from directory.shortlist import shortlist_token
from economy.models import NetworkBoardPage, PremisesIndexPage, PremisesPage
from events.models import EventIndexPage, EventPage
from home.models import ContactPointPage, HomePage, LegalPage
from ideas.choices import PUBLIC_STATUSES
from ideas.models import Idea, IdeaBoardPage
from portal.models import MapSettings

site = Site.objects.get(is_default_site=True)
map_settings = MapSettings.for_site(site)
map_settings.tile_url = TILE_URL  # noqa: F821 - prepended by the fixture
map_settings.save()


def first_url(model, code, **filters):
    page = (
        model.objects.live()
        .filter(locale__language_code=code, **filters)
        .order_by("path")
        .first()
    )
    return page.url if page else None


facts = {}
for code in ("de", "en"):
    board = IdeaBoardPage.objects.live().filter(locale__language_code=code).first()
    idea = (
        Idea.objects.filter(status__in=PUBLIC_STATUSES, is_hidden=False)
        .order_by("pk")
        .first()
    )
    facts[code] = {
        "directory": first_url(DirectoryIndexPage, code),
        "company": first_url(CompanyPage, code),
        "vacancy": first_url(VacancyPage, code),
        "events": first_url(EventIndexPage, code),
        "event": first_url(EventPage, code),
        "campaigns": first_url(CampaignIndexPage, code),
        "campaign": first_url(CampaignPage, code),
        "board": board.url,
        "idea": board.idea_url(idea),
        "idea_form": board.url + board.reverse_subpage("idea_submit"),
        "network_board": first_url(NetworkBoardPage, code),
    }
# Pages that exist in every language the portal offers newcomers; Arabic
# stands for them in the browser tests (right to left).
for code in ("de", "en", "ar", "fa"):
    facts.setdefault(code, {}).update(
        {
            "home": first_url(HomePage, code),
            "finder": first_url(VacancyFinderPage, code),
            "contact_point": first_url(ContactPointPage, code),
            "legal": first_url(LegalPage, code),
            "premises": first_url(PremisesIndexPage, code),
        }
    )
    listing = PremisesIndexPage.objects.live().get(locale__language_code=code)
    facts[code]["enquiry"] = listing.url + listing.reverse_subpage("enquiry")
# The units live in the German tree; one has an English translation.
for code in ("de", "en"):
    facts[code]["unit"] = first_url(PremisesPage, code)
# A shared shortlist of three open vacancies, for the shared list and its
# handout in every language the finder exists in.
shared_ids = list(
    VacancyPage.objects.live()
    .filter(locale__language_code="de")
    .order_by("path")
    .values_list("pk", flat=True)[:3]
)
token = shortlist_token(shared_ids)
for code in ("de", "en", "ar", "fa"):
    finder = VacancyFinderPage.objects.live().get(locale__language_code=code)
    facts[code]["shared_list"] = finder.url + finder.reverse_subpage(
        "shared", args=token
    )
    facts[code]["shared_handout"] = finder.url + finder.reverse_subpage(
        "shared_handout", args=token
    )
facts["ar"].update(
    {
        "directory": first_url(DirectoryIndexPage, "ar"),
        "company": first_url(CompanyPage, "ar"),
        "vacancy": first_url(VacancyPage, "ar"),
    }
)
firm_a = CompanyPage.objects.get(
    firm_group__user__username="firma-a", locale__language_code="de"
)
facts["firm_a"] = {"id": firm_a.pk, "title": firm_a.title, "url": firm_a.url}
print(json.dumps(facts))
