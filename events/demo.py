"""Demo events: a weekly PC-Café in each contact point, a monthly network
meeting with one cancelled date, urban-gardening days, a summer festival and
workshops, courses and counselling around them, in German and English.

Dates are relative to the day the demo is seeded, so the listing is never
empty. Everything is looked up by slug first: seeding twice adds nothing.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone
from wagtail.models import Page

from portal.models import Quarter

from .models import (
    EventCategory,
    EventDateChange,
    EventExtraDate,
    EventIndexPage,
    EventPage,
    TargetGroup,
    Venue,
)

CATEGORIES = [
    ("pc-cafe", "PC-Café", "PC café"),
    ("workshop", "Workshop", "Workshop"),
    ("kurs", "Kurs", "Course"),
    ("beratung", "Beratung", "Counselling"),
    ("netzwerktreffen", "Netzwerktreffen", "Network meeting"),
    ("urban-gardening", "Urban Gardening", "Urban gardening"),
    ("fest", "Fest", "Festival"),
]
TARGET_GROUPS = [
    ("arbeitsuchende", "Arbeitsuchende", "Jobseekers"),
    ("alleinerziehende", "Alleinerziehende", "Single parents"),
    ("neuzugewanderte", "Neuzugewanderte", "Newcomers"),
    ("unternehmen", "Unternehmen", "Firms"),
    ("familien", "Familien", "Families"),
]
VENUES = [
    {
        "name": "Gemeinschaftsgarten Drewitz",
        "street": "Konrad-Wolf-Allee 40",
        "postal_code": "14480",
        "latitude": "52.365600",
        "longitude": "13.127900",
        "step_free_access": True,
        "accessibility_notes": "Ebene Wege, Hochbeete in Sitzhöhe.",
    },
    {
        "name": "Bürgerpark Schlaatz",
        "street": "Erlenhof 32",
        "postal_code": "14478",
        "latitude": "52.378400",
        "longitude": "13.088200",
        "step_free_access": True,
        "accessibility_notes": "Barrierefreie Toilette im Bürgerhaus nebenan.",
    },
]


def _snippets(demo, model, rows):
    de, en = demo.locales["de"], demo.locales["en"]
    found = {}
    for order, (slug, name, name_en) in enumerate(rows):
        obj = model.objects.filter(locale=de, slug=slug).first()
        if obj is None:
            obj = model.objects.create(
                locale=de, slug=slug, name=name, sort_order=order
            )
            demo.count("event snippets", created=True)
        else:
            demo.count("event snippets", created=False)
        if en is not None:
            demo.snippet_translation(obj, "en", name=name_en)
        found[slug] = obj
    return found


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _next_weekday(start: date, weekday: int) -> date:
    return start + timedelta(days=(weekday - start.weekday()) % 7)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = _next_weekday(date(year, month, 1), weekday)
    return first + timedelta(weeks=n - 1)


def _months_after(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def seed(demo) -> None:
    categories = _snippets(demo, EventCategory, CATEGORIES)
    groups = _snippets(demo, TargetGroup, TARGET_GROUPS)
    venues = {}
    for data in VENUES:
        venue, created = Venue.objects.get_or_create(name=data["name"], defaults=data)
        demo.count("venues", created=created)
        venues[data["name"]] = venue
    de = demo.locales["de"]
    quarters = {q.slug: q for q in Quarter.objects.filter(locale=de)}

    home_de = demo.home("de")
    index = demo.page(
        home_de,
        EventIndexPage,
        slug="veranstaltungen",
        kind="pages",
        title="Veranstaltungen",
        intro="PC-Café, Kurse, Werkstätten, Beratung und Feste in Stern, Drewitz "
        "und Schlaatz – fast alles kostenlos und ohne Anmeldung.",
        show_in_menus=True,
    )
    demo.translation(
        index,
        "en",
        kind="pages",
        title="Events",
        slug="events",
        intro="PC café, courses, workshops, counselling and festivals in Stern, "
        "Drewitz and Schlaatz – almost all free and without registration.",
    )

    today = timezone.localdate()
    # Series start a little in the past, so the archive has entries too.
    week_ago = today - timedelta(days=14)
    contact_points = list(
        Page.objects.filter(
            depth=home_de.depth + 1,
            path__startswith=home_de.path,
            content_type__app_label="home",
            content_type__model="contactpointpage",
        ).order_by("path")
    )
    events: list[tuple[dict, dict]] = []

    def add(slug, de_fields, en_fields, *, category, groups_=(), **fields):
        events.append(
            (
                {
                    "slug": slug,
                    "category": categories[category],
                    "target_groups": [groups[g] for g in groups_],
                    **de_fields,
                    **fields,
                },
                en_fields,
            )
        )

    for number, point in enumerate(contact_points):
        specific = point.specific
        quarter = getattr(specific, "quarter", None)
        first = _next_weekday(week_ago, 1)  # Tuesdays and Thursdays
        add(
            f"pc-cafe-{point.slug}",
            {
                "title": f"PC-Café in der {point.title}",
                "teaser": "Computer, Drucker und Scanner für Bewerbungen, "
                "Behördenpost und E-Mails – mit Hilfe, wenn Sie möchten.",
            },
            {
                "title": f"PC café at {point.title}",
                "slug": f"pc-cafe-{point.slug}",
                "teaser": "Computers, printer and scanner for applications, "
                "letters and e-mail – with help if you like.",
            },
            category="pc-cafe",
            groups_=("arbeitsuchende", "neuzugewanderte"),
            contact_point=point,
            quarter=quarter,
            start=_at(first, 14),
            end=_at(first, 17),
            repeat="weekly",
            repeat_weekdays=[1, 3],
            languages=["de", "en", "ar", "uk"][: 2 + number],
            extra_dates=[
                EventExtraDate(
                    start=_at(_next_weekday(today + timedelta(days=20), 5), 10),
                    end=_at(_next_weekday(today + timedelta(days=20), 5), 13),
                    note="Zusätzlicher Samstagstermin",
                )
            ]
            if number == 0
            else [],
        )
        first = _next_weekday(week_ago, 2)
        add(
            f"selbsthilfewerkstatt-{point.slug}",
            {
                "title": f"Offene Selbsthilfewerkstatt ({point.title})",
                "teaser": "Fahrrad, Stuhl oder Toaster kaputt? Gemeinsam "
                "reparieren, Werkzeug ist da.",
            },
            {
                "title": f"Open self-help workshop ({point.title})",
                "slug": f"self-help-workshop-{point.slug}",
                "teaser": "Broken bike, chair or toaster? Repair it together; "
                "we have the tools.",
            },
            category="workshop",
            groups_=("familien",),
            contact_point=point,
            quarter=quarter,
            start=_at(first, 15),
            end=_at(first, 18),
            repeat="weekly",
            repeat_interval=2,
            repeat_weekdays=[2],
        )

    stern = contact_points[0] if contact_points else None
    year, month = today.year, today.month
    first_meeting = _nth_weekday(year, month, 1, 2)
    if first_meeting < today - timedelta(days=40):
        year, month = _months_after(today, 1)
        first_meeting = _nth_weekday(year, month, 1, 2)
    cancelled_year, cancelled_month = _months_after(first_meeting, 2)
    add(
        "netzwerktreffen-unternehmen",
        {
            "title": "Netzwerktreffen der Unternehmen",
            "teaser": "Die Betriebe der Quartiere tauschen sich aus: Fachkräfte, "
            "Ausbildung, Image der Quartiere.",
            "organiser_name": "Unternehmensnetzwerk Stern · Drewitz · Schlaatz",
            "registration_info": "Bitte bis zum Vortag per E-Mail anmelden.",
        },
        {
            "title": "Business network meeting",
            "slug": "business-network-meeting",
            "teaser": "The quarters' firms meet: skilled labour, training, the "
            "quarters' image.",
            "registration_info": "Please register by e-mail the day before.",
        },
        category="netzwerktreffen",
        groups_=("unternehmen",),
        contact_point=stern,
        quarter=quarters.get("stern"),
        start=_at(first_meeting, 17),
        end=_at(first_meeting, 19),
        repeat="monthly",
        repeat_weekdays=[1],
        repeat_month_week=2,
        registration="required",
        capacity=40,
        date_changes=[
            EventDateChange(
                original_date=_nth_weekday(cancelled_year, cancelled_month, 1, 2),
                kind="cancelled",
                note="Fällt wegen der Betriebsversammlung aus.",
            )
        ],
    )
    garden = venues["Gemeinschaftsgarten Drewitz"]
    garden_topics = [
        ("Beete winterfest machen", "Preparing the beds for winter"),
        ("Kompost und Laub", "Compost and leaves"),
        ("Saatgut tauschen", "Seed swap"),
        ("Hochbeete bauen", "Building raised beds"),
        ("Pflanzen vorziehen", "Raising seedlings"),
        ("Frühjahrsputz im Garten", "Spring clean-up in the garden"),
    ]
    for number, (topic, topic_en) in enumerate(garden_topics):
        day = _next_weekday(today + timedelta(days=3 + 21 * number), 5)
        add(
            f"gartentag-{number + 1}",
            {
                "title": f"Gartentag: {topic}",
                "teaser": "Gärtnern im Quartier – für alle, ohne Vorkenntnisse.",
            },
            {
                "title": f"Garden day: {topic_en}",
                "slug": f"garden-day-{number + 1}",
                "teaser": "Gardening in the quarter – for everyone, no experience "
                "needed.",
            },
            category="urban-gardening",
            groups_=("familien",),
            venue=garden,
            quarter=quarters.get("drewitz"),
            start=_at(day, 10),
            end=_at(day, 14),
            childcare=True,
        )
    festival_year = today.year + (1 if today.month > 6 else 0)
    festival = _nth_weekday(festival_year, 6, 5, 3)
    add(
        "sommerfest-schlaatz",
        {
            "title": "Sommerfest im Schlaatz",
            "teaser": "Musik, Essen aus aller Welt, Flohmarkt und Spiele für "
            "Kinder – das Fest der Quartiere.",
            "accessibility_notes": "Alle Stände sind stufenlos erreichbar.",
        },
        {
            "title": "Summer festival in Schlaatz",
            "slug": "summer-festival-schlaatz",
            "teaser": "Music, food from all over the world, a flea market and "
            "games for children – the quarters' festival.",
        },
        category="fest",
        groups_=("familien", "neuzugewanderte"),
        venue=venues["Bürgerpark Schlaatz"],
        quarter=quarters.get("schlaatz"),
        start=_at(festival, 0),
        end=_at(festival, 0),
        all_day=True,
        languages=["de", "ar", "uk", "tr"],
    )
    course_start = _next_weekday(today + timedelta(days=7), 0)
    add(
        "deutsch-fuer-den-beruf",
        {
            "title": "Deutsch für den Beruf (B1)",
            "teaser": "Berufsbezogenes Deutsch mit Kinderbetreuung: Telefonate, "
            "E-Mails, Vorstellungsgespräche.",
            "registration_info": "Anmeldung in jeder Anlaufstelle.",
        },
        {
            "title": "German for work (B1)",
            "slug": "german-for-work",
            "teaser": "German for the job, with childcare: phone calls, e-mails, "
            "job interviews.",
            "registration_info": "Register at any contact point.",
        },
        category="kurs",
        groups_=("neuzugewanderte", "alleinerziehende"),
        contact_point=contact_points[-1] if contact_points else None,
        quarter=quarters.get("schlaatz"),
        start=_at(course_start, 9),
        end=_at(course_start, 11, 30),
        repeat="weekly",
        repeat_weekdays=[0, 2],
        repeat_count=24,
        registration="required",
        capacity=15,
        childcare=True,
        languages=["de", "ar", "uk"],
    )
    add(
        "sozialberatung",
        {
            "title": "Offene Sozialberatung",
            "teaser": "Bürgergeld, Wohngeld, Kinderzuschlag: wir helfen beim "
            "Ausfüllen und erklären Bescheide.",
        },
        {
            "title": "Open social counselling",
            "slug": "social-counselling",
            "teaser": "Citizen's income, housing benefit, child supplement: we "
            "help with the forms and explain decisions.",
        },
        category="beratung",
        groups_=("arbeitsuchende", "alleinerziehende"),
        contact_point=stern,
        quarter=quarters.get("stern"),
        start=_at(_next_weekday(week_ago, 3), 9),
        end=_at(_next_weekday(week_ago, 3), 12),
        repeat="weekly",
        repeat_weekdays=[3],
        languages=["de", "ru", "tr"],
    )
    workshops = [
        ("Bewerbungsfotos", "Application photos", -10, 3.0),
        ("Digitale Behördengänge", "Online services of the authorities", -3, None),
        ("Infoabend Ausbildung", "Apprenticeship information evening", 5, None),
        ("Lebenslauf in einer Stunde", "A CV in one hour", 12, None),
        ("Fahrrad-Check vor dem Winter", "Bike check before winter", 16, None),
        ("Minijob, Teilzeit, Vollzeit?", "Mini-job, part-time, full-time?", 26, None),
        ("Unternehmensfrühstück", "Business breakfast", 33, 5.0),
        ("Weihnachtsbasteln", "Christmas crafts", 19, None),
        ("Mit dem Smartphone zum Amt", "The authorities on your phone", 8, None),
        ("Vorstellungsgespräch üben", "Practising job interviews", 23, None),
        ("Nähcafé", "Sewing café", 30, None),
        ("Energiesparen im Haushalt", "Saving energy at home", 40, None),
        ("Ausbildungsbörse der Betriebe", "Firms' apprenticeship fair", 47, None),
        ("Kochen aus aller Welt", "Cooking from around the world", -20, 2.0),
    ]
    for _round in range(demo.scale):
        for number, (title, title_en, offset, price) in enumerate(workshops):
            day = today + timedelta(days=offset + 7 * _round)
            suffix = f"-{_round + 1}" if _round else ""
            point = (
                contact_points[number % len(contact_points)] if contact_points else None
            )
            add(
                f"workshop-{number + 1}{suffix}",
                {
                    "title": title + (f" ({_round + 1})" if _round else ""),
                    "teaser": "Ein Workshop in der Anlaufstelle.",
                },
                {
                    "title": title_en + (f" ({_round + 1})" if _round else ""),
                    "slug": f"workshop-en-{number + 1}{suffix}",
                    "teaser": "A workshop at the contact point.",
                },
                category="workshop" if price is None else "netzwerktreffen",
                groups_=("arbeitsuchende",),
                contact_point=point,
                quarter=getattr(point.specific, "quarter", None) if point else None,
                start=_at(day, 16),
                end=_at(day, 18),
                is_free=price is None,
                price=price,
                fully_booked=number == 0,
            )

    for fields, en_fields in demo.progress_bar(
        events, desc="Events", total=len(events)
    ):
        page = demo.page(index, EventPage, kind="events", **fields)
        demo.translation(page, "en", kind="events", **en_fields)
