"""Everything scripts/benchmark.py needs from the database, as JSON on stdout:
the bare page (created under the German home page if missing), the URLs of
the measured pages, the resident to log in as, and N supporters logged in
(sessions made by `django.contrib.auth.login`, as a login request makes
them) with a CSRF secret each and the ideas they may support, their earlier
supports removed so every pair is new."""

import json

from django.conf import settings
from django.contrib.auth import get_user_model, login
from django.contrib.sessions.backends.base import SessionBase
from django.core.management.base import BaseCommand
from django.test import RequestFactory
from django.urls import reverse
from django.utils.crypto import get_random_string
from django.utils.module_loading import import_string
from wagtail.models import Locale, Page, Site

from campaigns.models import CampaignPage
from config.bench.models import BarePage
from directory.models import (
    CompanyPage,
    DirectoryIndexPage,
    VacancyFinderPage,
    VacancyPage,
)
from directory.shortlist import shortlist_token
from events.models import EventIndexPage, EventPage
from ideas.choices import PUBLIC_STATUSES, SUPPORTABLE_STATUSES
from ideas.models import Idea, IdeaBoardPage, Support
from portal.demo import DEMO_PASSWORD
from portal.demo_bulk import users_bulk_create

SUPPORTER_PREFIX = "bench-supporter"


class Command(BaseCommand):
    help = "Prepare the benchmark's floors, pages and logged-in supporters."

    def add_arguments(self, parser):
        parser.add_argument("--supporters", type=int, default=60)
        parser.add_argument("--ideas", type=int, default=60)

    def handle(self, *args, supporters, ideas, **options):
        data = {
            "bare": self._bare_page(),
            "pages": self._pages(),
            "resident": self._resident(),
            "password": DEMO_PASSWORD,
            "login_url": reverse("account_login"),
            "session_cookie": settings.SESSION_COOKIE_NAME,
            "csrf_cookie": settings.CSRF_COOKIE_NAME,
        }
        data.update(self._supporters(supporters, ideas))
        self.stdout.write(json.dumps(data))

    def _resident(self) -> str:
        """A resident of the large size, or the demo's `bewohner`."""
        User = get_user_model()
        found = User.objects.filter(username="anwohner-00001").exists()
        return "anwohner-00001" if found else "bewohner"

    def _bare_page(self) -> str:
        home = Site.objects.get(is_default_site=True).root_page
        page = BarePage.objects.filter(slug="bench-bare").first()
        if page is None:
            page = BarePage(title="Bench", slug="bench-bare")
            home.add_child(instance=page)
            page.save_revision().publish()
        return page.url

    def _pages(self) -> list[tuple[str, str]]:
        de = Locale.objects.get(language_code="de")

        def first(model, **filters) -> Page | None:
            """The last live German page of `model` (of the bulk ones if any)."""
            pages = model.objects.live().filter(locale=de).order_by("-path")
            return pages.filter(**filters).first() or pages.first()

        found = [("home (de)", "/"), ("home (en)", "/en/"), ("home (ar)", "/ar/")]
        directory = first(DirectoryIndexPage)
        found += [
            ("directory", directory.url),
            ("directory facets", directory.url + "?sector=handwerk&quarter=stern"),
        ]
        # The last bulk firm and vacancy (deepest in the large tree).
        found.append(("company", first(CompanyPage, slug__contains="-nr-").url))
        found.append(("vacancy", first(VacancyPage).url))
        finder = first(VacancyFinderPage)
        ids = list(
            VacancyPage.objects.live()
            .filter(locale=de)
            .order_by("pk")
            .values_list("pk", flat=True)[:10]
        )
        found += [
            ("finder filtered", finder.url + "?german=A2&hours=30&childcare=1"),
            (
                "handout of 10",
                finder.url
                + finder.reverse_subpage("shared_handout", args=shortlist_token(ids)),
            ),
        ]
        events = first(EventIndexPage)
        found += [
            ("events", events.url),
            ("events month", events.url + "calendar/"),
            ("event", first(EventPage, slug__contains="-nr-").url),
            ("events feed (.ics)", events.url + "feed/"),
        ]
        found.append(("campaign", first(CampaignPage).url))
        board = first(IdeaBoardPage)
        found.append(("idea board by supports", board.url + "?sort=supported"))
        idea = (
            Idea.objects.filter(status__in=PUBLIC_STATUSES, is_hidden=False)
            .order_by("-pk")
            .first()
        )
        found += [
            ("idea", board.idea_url(idea)),
            ("search", "/suche/?q=Stern"),
            ("vacancy API", "/api/vacancies/?german=B1"),
            ("sitemap", "/sitemap.xml"),
        ]
        return found

    def _supporters(self, count: int, idea_count: int) -> dict:
        users = users_bulk_create(SUPPORTER_PREFIX, count, password=DEMO_PASSWORD)
        Support.objects.filter(user__in=users).delete()
        board = IdeaBoardPage.objects.live().filter(locale__language_code="de")[0]
        ideas = list(
            Idea.objects.filter(status__in=SUPPORTABLE_STATUSES, is_hidden=False)
            .order_by("-pk")
            .values_list("pk", "reference")[:idea_count]
        )
        engine = import_string(settings.SESSION_ENGINE + ".SessionStore")
        factory = RequestFactory()
        logged_in = []
        for user in users:
            request = factory.get("/")
            request.session: SessionBase = engine()
            login(request, user, backend=settings.AUTHENTICATION_BACKENDS[0])
            request.session.save()
            logged_in.append(
                {
                    "user": user.pk,
                    "session": request.session.session_key,
                    "csrf": get_random_string(32),
                }
            )
        return {
            "supporters": logged_in,
            "support_ideas": [
                {
                    "idea": pk,
                    "path": board.url
                    + board.reverse_subpage("idea_support", args=[reference]),
                }
                for pk, reference in ideas
            ],
        }
