"""Events at a large `--size`: thousands of one-off events spread over a year
around today and a tenth of them weekly or monthly series, German only,
written in bulk (portal.demo_bulk) under the demo's events page."""

from datetime import timedelta

from django.utils import timezone
from django.utils.text import slugify

from portal.demo_bulk import PageTree, Size, m2m_bulk_add, search_index_bulk
from portal.models import Quarter

from .demo import _at
from .models import EventCategory, EventIndexPage, EventPage, TargetGroup, Venue

TOPICS = [
    ("Bewerbungstraining", "Unterlagen prüfen, Vorstellungsgespräch üben."),
    ("Sprachcafé", "Deutsch sprechen in entspannter Runde, mit Kaffee."),
    ("Reparaturcafé", "Gemeinsam reparieren statt wegwerfen."),
    ("Jobbörse im Quartier", "Betriebe aus der Nachbarschaft stellen sich vor."),
    ("Beratung zu Leistungen", "Fragen zu Anträgen und Bescheiden."),
    ("Nachbarschaftsgarten", "Pflanzen, gießen, ernten – alle sind willkommen."),
    ("Computerkurs", "E-Mail, Online-Formulare und sicheres Surfen."),
    ("Familiennachmittag", "Spiele, Basteln und Kuchen für Groß und Klein."),
]


def seed_large(demo, size: Size) -> None:
    de = demo.locales["de"]
    index = EventIndexPage.objects.filter(locale=de).first()
    if index is None:
        return
    # The bulk events are numbered (slug "sprachcafe-nr-17"), all in one
    # transaction: any of them there means all are.
    if EventPage.objects.filter(locale=de, slug__regex=r"-nr-[0-9]+$").exists():
        demo.count("events", created=False)
        return
    already, wanted = 0, size.events
    rng = demo.rng
    categories = list(EventCategory.objects.filter(locale=de))
    groups = list(TargetGroup.objects.filter(locale=de).values_list("pk", flat=True))
    venues = list(Venue.objects.all())
    quarters = list(Quarter.objects.filter(locale=de))
    taken = set(index.get_children().values_list("slug", flat=True))
    today = timezone.localdate()
    # Series among the first `recurring` so a small size has some too.
    recurring = size.recurring
    pages, targets = [], {}
    bar = demo.progress_bar(None, desc="Large: events", total=wanted)
    for n in range(wanted):
        topic, teaser = TOPICS[n % len(TOPICS)]
        slug = f"{slugify(topic)}-nr-{already + n + 1}"
        if slug in taken:
            continue
        taken.add(slug)
        day = today + timedelta(days=rng.randint(-120, 240))
        hour = rng.choice([9, 10, 14, 16, 18])
        fields = {}
        if n < recurring:
            day = today - timedelta(days=rng.randint(0, 60))
            if n % 3:
                fields = {"repeat": "weekly", "repeat_weekdays": [day.weekday()]}
            else:
                fields = {
                    "repeat": "monthly",
                    "repeat_weekdays": [day.weekday()],
                    "repeat_month_week": rng.choice([1, 2, 3, -1]),
                }
            fields["repeat_until"] = day + timedelta(days=rng.choice([90, 180, 365]))
        venue = rng.choice(venues) if venues and n % 4 == 0 else None
        page = EventPage(
            title=f"{topic} Nr. {n + 1}",
            slug=slug,
            locale=de,
            teaser=teaser,
            description=[
                {"type": "paragraph", "value": f"<p>{teaser} Eintritt frei.</p>"}
            ],
            category=rng.choice(categories) if categories else None,
            quarter=rng.choice(quarters) if quarters else None,
            venue=venue,
            start=_at(day, hour),
            end=_at(day, hour + 2),
            languages=["de", *rng.sample(["en", "ar", "uk", "ru", "tr"], 1)],
            is_free=n % 5 != 0,
            price=None if n % 5 else 5,
            capacity=rng.choice([None, 12, 20, 40]),
            organiser_name="Quartiersprojekt",
            **fields,
        )
        pages.append(page)
        targets[slug] = rng.sample(groups, min(len(groups), rng.randint(0, 2)))
        bar.update(1)
    bar.close()
    pages = PageTree().add(
        EventPage,
        [(index, p) for p in pages],
        relations=lambda p: {
            "target_groups": targets[p.slug],
            "date_changes": [],
            "extra_dates": [],
        },
    )
    m2m_bulk_add(
        EventPage, "target_groups", [(p.pk, g) for p in pages for g in targets[p.slug]]
    )
    demo.created["events"] += len(pages)
    search_index_bulk(
        EventPage,
        EventPage.objects.filter(pk__in=[p.pk for p in pages]),
        progress=demo.progress_bar(None, desc="Large: index events", total=len(pages)),
    )
