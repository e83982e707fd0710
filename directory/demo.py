"""Demo content of the business network: sectors, about 40 firms per scale
step across the quarters (housing companies among them), 1–4 vacancies each,
and the demo firm accounts `firma-a` and `firma-b` on two different firms."""

import datetime as dt
import math
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify
from wagtail.actions.unpublish_page import UnpublishPageAction

from portal.models import Quarter

from . import services
from .choices import (
    Contract,
    GermanLevel,
    OfferType,
    PayUnit,
    Qualification,
    SizeBand,
    TrainingApproval,
    WorkingTime,
    WorkingTimeModel,
)
from .demo_languages import seed_finder, seed_translations
from .models import CompanyPage, DirectoryIndexPage, Sector, SpokenLanguage, VacancyPage

FIRMS_PER_SCALE = 40
#: Firms made one by one when `seed_demo --size` adds the bulk of them.
FIRMS_WITH_SIZE = 6

# slug, German, English, WZ section
SECTORS = [
    ("wohnen", "Wohnungswirtschaft", "Housing", "L"),
    ("handwerk", "Handwerk und Bau", "Crafts and construction", "F"),
    ("handel", "Einzelhandel", "Retail", "G"),
    ("gastronomie", "Gastronomie", "Food service", "I"),
    ("pflege", "Pflege und Gesundheit", "Care and health", "Q"),
    ("logistik", "Logistik und Verkehr", "Logistics and transport", "H"),
    ("it", "IT und Medien", "IT and media", "J"),
    ("bildung", "Bildung und Soziales", "Education and social work", "P"),
    ("dienstleistung", "Gebäudedienste", "Facility services", "N"),
    ("produktion", "Produktion", "Manufacturing", "C"),
    ("beratung", "Beratung und Büro", "Consulting and office", "M"),
    ("kultur", "Kultur und Freizeit", "Culture and leisure", "R"),
]

# name pattern, sector slug, tags, short description
FIRM_TYPES = [
    (
        "Wohnungsgenossenschaft {}",
        "wohnen",
        ["Vermietung", "Mieterberatung", "Hausmeisterservice"],
        "Genossenschaft mit rund 3.000 Wohnungen im Quartier; wir vermieten, sanieren und beraten Mieterinnen und Mieter.",
    ),
    (
        "{} Wohnen GmbH",
        "wohnen",
        ["Vermietung", "Quartiersmanagement", "Sanierung"],
        "Kommunale Wohnungsgesellschaft: bezahlbarer Wohnraum, Nachbarschaftstreffs und Ausbildung im Quartier.",
    ),
    (
        "Malerbetrieb {}",
        "handwerk",
        ["Malerarbeiten", "Fassade", "Trockenbau"],
        "Meisterbetrieb für Innen- und Fassadenarbeiten, seit Jahren Partner der Wohnungsunternehmen im Quartier.",
    ),
    (
        "Elektro {}",
        "handwerk",
        ["Elektroinstallation", "Photovoltaik", "Smart Home"],
        "Elektroinstallation, Photovoltaik und Wartung – wir bilden jedes Jahr aus.",
    ),
    (
        "Sanitär & Heizung {}",
        "handwerk",
        ["Heizung", "Sanitär", "Notdienst"],
        "Heizung, Bad und Notdienst rund um die Uhr für Stern, Drewitz und Schlaatz.",
    ),
    (
        "Bäckerei {}",
        "gastronomie",
        ["Bäckerei", "Frühstück", "Catering"],
        "Handwerksbäckerei mit Café am Platz – frische Brötchen ab sechs Uhr.",
    ),
    (
        "Café {}",
        "gastronomie",
        ["Café", "Mittagstisch", "Catering"],
        "Nachbarschaftscafé mit günstigem Mittagstisch und Raum für Treffen.",
    ),
    (
        "{} Markt",
        "handel",
        ["Lebensmittel", "Getränke", "Lieferservice"],
        "Lebensmittelmarkt mit Lieferservice für ältere Nachbarinnen und Nachbarn.",
    ),
    (
        "Pflegedienst {}",
        "pflege",
        ["ambulante Pflege", "Betreuung", "Haushaltshilfe"],
        "Ambulanter Pflegedienst mit mehrsprachigem Team.",
    ),
    (
        "Praxis {}",
        "pflege",
        ["Physiotherapie", "Ergotherapie", "Hausbesuche"],
        "Therapiepraxis mit barrierefreien Räumen und Hausbesuchen.",
    ),
    (
        "{} Logistik",
        "logistik",
        ["Lager", "Kurierdienst", "Umzüge"],
        "Lager, Kurierfahrten und Umzüge in Potsdam und Umgebung.",
    ),
    (
        "{} IT-Service",
        "it",
        ["Computerreparatur", "Netzwerke", "Webseiten"],
        "Reparatur, Netzwerke und Webseiten für kleine Betriebe und Vereine.",
    ),
    (
        "Kita {}",
        "bildung",
        ["Kinderbetreuung", "Sprachförderung"],
        "Kindertagesstätte mit Schwerpunkt Sprachförderung und Naturerfahrung.",
    ),
    (
        "{} Gebäudereinigung",
        "dienstleistung",
        ["Reinigung", "Winterdienst", "Grünpflege"],
        "Gebäudereinigung, Winterdienst und Grünpflege für Wohnanlagen.",
    ),
    (
        "Werkstatt {}",
        "produktion",
        ["Metallbau", "Schlosserei", "Reparatur"],
        "Metallbau und Schlosserei – Geländer, Tore und Reparaturen.",
    ),
    (
        "Steuerbüro {}",
        "beratung",
        ["Steuerberatung", "Lohnbuchhaltung"],
        "Steuerberatung und Lohnbuchhaltung für Gründerinnen und kleine Betriebe.",
    ),
    (
        "Kulturhaus {}",
        "kultur",
        ["Veranstaltungen", "Kurse", "Raumvermietung"],
        "Kulturhaus mit Kursen, Konzerten und Räumen für Initiativen.",
    ),
]

NAMES = [
    "Am Stern",
    "Drewitz",
    "Schlaatz",
    "Nuthetal",
    "Havelblick",
    "Kepler",
    "Galilei",
    "Konrad",
    "Gartenstadt",
    "Waldstadt",
    "Sonnenhof",
    "Lindenhof",
    "Brandenburg",
    "Babelsberg",
    "Nutheblick",
    "Sternwarte",
    "Teltow",
    "Kiez",
    "Potsdam-Süd",
    "Weberplatz",
    "Magnus",
    "Erlenhof",
    "Zeppelin",
    "Heide",
    "Birkenweg",
]

STREETS = {
    "stern": ["Johannes-Kepler-Platz", "Galileistraße", "Newtonstraße", "Keplerstraße"],
    "drewitz": ["Konrad-Wolf-Allee", "Oskar-Meßter-Straße", "Guldenstraße"],
    "schlaatz": ["Bisamkiez", "Erlenhof", "Magnus-Zeller-Platz", "Schilfhof"],
    "potsdam": ["Friedrich-Ebert-Straße", "Zeppelinstraße", "Behlertstraße"],
}
POSTAL_CODES = {
    "stern": "14480",
    "drewitz": "14480",
    "schlaatz": "14478",
    "potsdam": "14467",
}

# German title, English title, offer type, working time
VACANCY_TYPES = [
    (
        "Hausmeister/in (m/w/d)",
        "Caretaker (m/f/d)",
        OfferType.JOB,
        WorkingTime.FULL_TIME,
    ),
    (
        "Ausbildung Kaufleute für Büromanagement",
        "Apprenticeship: office management",
        OfferType.APPRENTICESHIP,
        WorkingTime.FULL_TIME,
    ),
    (
        "Teilzeitausbildung Immobilienkaufleute",
        "Part-time apprenticeship: real estate",
        OfferType.PART_TIME_APPRENTICESHIP,
        WorkingTime.PART_TIME,
    ),
    (
        "Verkäufer/in in Teilzeit",
        "Part-time sales assistant",
        OfferType.JOB,
        WorkingTime.PART_TIME,
    ),
    ("Minijob Reinigung", "Minijob cleaning", OfferType.MINIJOB, WorkingTime.PART_TIME),
    (
        "Praktikum im Handwerk",
        "Internship in the crafts",
        OfferType.INTERNSHIP,
        WorkingTime.FULL_TIME,
    ),
    (
        "Probearbeit in der Küche",
        "Trial work in the kitchen",
        OfferType.TRIAL_WORK,
        WorkingTime.FULL_TIME,
    ),
    ("Pflegehelfer/in", "Care assistant", OfferType.JOB, WorkingTime.EITHER),
    ("Fahrer/in Kurierdienst", "Courier driver", OfferType.JOB, WorkingTime.EITHER),
    ("Elektroniker/in", "Electronics technician", OfferType.JOB, WorkingTime.FULL_TIME),
    ("Servicekraft Café", "Café service staff", OfferType.JOB, WorkingTime.PART_TIME),
    ("Lagerhelfer/in", "Warehouse assistant", OfferType.JOB, WorkingTime.FULL_TIME),
]

LANGUAGE_POOL = ["de", "en", "ar", "uk", "ru", "tr", "pl", "fa", "vi"]


def seed(demo) -> None:
    if not Quarter.objects.exists():
        return
    languages = {lang.code: lang for lang in SpokenLanguage.objects.all()}
    sectors_de, sectors_en = _seed_sectors(demo)
    index_de = demo.page(
        demo.home("de"),
        DirectoryIndexPage,
        slug="unternehmen",
        kind="directory pages",
        title="Unternehmen im Netzwerk",
        intro="Betriebe aus Stern, Drewitz und Schlaatz stellen sich vor: was sie "
        "anbieten, welche Sprachen sie sprechen und welche Stellen offen sind.",
        show_in_menus=True,
    )
    demo.translation(
        index_de,
        "en",
        kind="directory pages",
        title="Companies in the network",
        slug="companies",
        intro="Firms from Stern, Drewitz and Schlaatz introduce themselves: what "
        "they offer, which languages they speak and which vacancies are open.",
    )
    services.firm_workflow_ensure()

    quarters = list(Quarter.objects.filter(locale=index_de.locale))
    # With a --size the bulk path adds the thousands; the slow per-page path
    # makes only the few firms the demo accounts and translations need.
    total = FIRMS_PER_SCALE * demo.scale if demo.size is None else FIRMS_WITH_SIZE
    companies = []
    for number in demo.progress_bar(range(total), desc="Companies", total=total):
        companies.append(
            _seed_company(
                demo, number, index_de, quarters, sectors_de, sectors_en, languages
            )
        )
    _seed_firm_accounts(demo, companies)
    _seed_expired_vacancy(demo, companies[0])

    seed_finder(demo)
    seed_translations(demo, index_de, companies)


def _seed_sectors(demo):
    de = demo.locales["de"]
    sectors_de, sectors_en = {}, {}
    for slug, name, name_en, wz in SECTORS:
        sector = Sector.objects.filter(locale=de, slug=slug).first()
        if sector is None:
            sector = Sector.objects.create(
                locale=de, slug=slug, name=name, wz_section=wz
            )
            demo.count("sectors", created=True)
        else:
            demo.count("sectors", created=False)
        sectors_de[slug] = sector
        sectors_en[slug] = demo.snippet_translation(sector, "en", name=name_en)
    return sectors_de, sectors_en


def _opening_hours(rng):
    days = []
    for weekday in ("1", "2", "3", "4", "5"):
        if rng.random() < 0.15:
            days.append(
                {
                    "type": "day",
                    "value": {
                        "weekday": weekday,
                        "status": "appointment",
                        "slots": [],
                        "note": "",
                    },
                }
            )
            continue
        slots = [{"opens": "08:00", "closes": "12:30"}]
        if rng.random() < 0.7:
            slots.append(
                {"opens": "13:30", "closes": rng.choice(["16:00", "17:00", "18:00"])}
            )
        days.append(
            {
                "type": "day",
                "value": {
                    "weekday": weekday,
                    "status": "open",
                    "slots": slots,
                    "note": "",
                },
            }
        )
    days.append(
        {
            "type": "day",
            "value": {
                "weekday": "6",
                "status": rng.choice(["closed", "open"]),
                "slots": [{"opens": "09:00", "closes": "12:00"}],
                "note": "",
            },
        }
    )
    days.append(
        {
            "type": "day",
            "value": {"weekday": "7", "status": "closed", "slots": [], "note": ""},
        }
    )
    for day in days:
        if day["value"]["status"] != "open":
            day["value"]["slots"] = []
    return days


def _seed_company(demo, number, index_de, quarters, sectors_de, sectors_en, languages):
    rng = demo.rng
    pattern, sector_slug, tags, description = FIRM_TYPES[number % len(FIRM_TYPES)]
    name = pattern.format(NAMES[(number * 7) % len(NAMES)])
    # Type and name repeat together only after lcm(types, names) firms, so
    # a number is added only for the large --scale load tests.
    repeat = math.lcm(len(FIRM_TYPES), len(NAMES))
    if number >= repeat:
        name = f"{name} {number // repeat + 1}"
    slug = slugify(name)[:70] or f"firma-{number}"
    existing = index_de.get_children().filter(slug=slug).first()
    if existing is not None:
        demo.count("companies", created=False)
        return existing.specific
    project_quarters = [q for q in quarters if q.is_project_quarter] or quarters
    quarter = (
        project_quarters[number % len(project_quarters)] if number % 6 else quarters[-1]
    )
    lat, lng = float(quarter.latitude), float(quarter.longitude)
    lat += rng.uniform(-0.004, 0.004)
    lng += rng.uniform(-0.006, 0.006)
    street = rng.choice(STREETS.get(quarter.slug, STREETS["potsdam"]))
    firm_languages = ["de", *rng.sample(LANGUAGE_POOL[1:], rng.randint(0, 3))]
    logo = (
        demo.image(f"Logo {name}", label=name.split()[0][:10])
        if number % 3 == 0
        else None
    )
    company = demo.page(
        index_de,
        CompanyPage,
        slug=slug,
        kind="companies",
        title=name,
        short_description=description,
        body=[
            {
                "type": "paragraph",
                "value": f"<p>{description} Wir sind Teil des Unternehmensnetzwerks im Quartier und freuen uns auf Bewerbungen aus der Nachbarschaft.</p>",
            }
        ],
        sector=sectors_de[sector_slug],
        quarter=quarter,
        street=f"{street} {rng.randint(1, 60)}",
        postal_code=POSTAL_CODES.get(quarter.slug, "14480"),
        latitude=Decimal(f"{lat:.6f}"),
        longitude=Decimal(f"{lng:.6f}"),
        phone=f"0331 {rng.randint(200, 999)} {rng.randint(1000, 9999)}",
        email=f"kontakt@{slug[:40]}.example",
        website=f"https://{slug[:40]}.example",
        logo=logo,
        opening_hours=_opening_hours(rng),
        contact_persons=[
            {
                "type": "person",
                "value": {
                    "name": rng.choice(
                        [
                            "Sabine Krüger",
                            "Ahmad Haddad",
                            "Olena Kovalenko",
                            "Thomas Lehmann",
                            "Mai Nguyen",
                        ]
                    ),
                    "role": rng.choice(["Ausbildung", "Personal", "Geschäftsführung"]),
                    "phone": "",
                    "email": f"personal@{slug[:40]}.example",
                    "languages": firm_languages[:2],
                },
            }
        ],
        size_band=rng.choice(SizeBand.values),
        training_approval=rng.choice(TrainingApproval.values),
        offers_apprenticeships=rng.random() < 0.5,
        offers_internships=rng.random() < 0.6,
        offers_trial_work=rng.random() < 0.4,
        offers_career_changers=rng.random() < 0.5,
        offers_newcomers=rng.random() < 0.45,
        barrier_free=rng.random() < 0.4,
        member_since=rng.randint(2012, 2024),
        last_confirmed=timezone.localdate() - dt.timedelta(days=rng.randint(3, 200)),
    )
    company.tags.set(tags)
    company.languages.set(
        [languages[code] for code in firm_languages if code in languages]
    )
    company.save_revision().publish()
    demo.translation(
        company,
        "en",
        kind="companies",
        sector=sectors_en[sector_slug],
        quarter=quarter.get_translation_or_none(demo.locales["en"]) or quarter,
    )
    for position in range(rng.randint(1, 4)):
        _seed_vacancy(demo, company, number, position, languages)
    return company


def _seed_vacancy(demo, company, number, position, languages):
    rng = demo.rng
    title, title_en, offer_type, working_time = VACANCY_TYPES[
        (number + position * 5) % len(VACANCY_TYPES)
    ]
    hours_min = (
        40 if working_time == WorkingTime.FULL_TIME else rng.choice([10, 15, 20])
    )
    hours_max = (
        40 if working_time == WorkingTime.FULL_TIME else rng.choice([25, 30, 32])
    )
    pay = rng.random() < 0.6
    vacancy = demo.page(
        company,
        VacancyPage,
        slug=slugify(title)[:60] or f"stelle-{position}",
        kind="vacancies",
        title=title,
        summary=f"{company.title} sucht Verstärkung: {title}. Wir arbeiten Sie gründlich ein.",
        tasks="<ul><li>Mitarbeit im Team vor Ort</li><li>Kontakt mit Kundinnen und Kunden</li></ul>",
        requirements="<ul><li>Zuverlässigkeit und Freude an der Arbeit</li></ul>",
        what_we_offer="<ul><li>Feste Ansprechperson</li><li>Arbeit im eigenen Quartier</li></ul>",
        offer_type=offer_type,
        working_time=working_time,
        hours_min=hours_min,
        hours_max=hours_max,
        working_time_models=rng.sample(WorkingTimeModel.values, rng.randint(1, 2)),
        childcare_compatible=rng.random() < 0.4,
        starts_immediately=rng.random() < 0.6,
        start_date=timezone.localdate() + dt.timedelta(days=rng.randint(14, 90)),
        contract=rng.choice(Contract.values),
        openings=rng.randint(1, 3),
        pay_min=Decimal(rng.choice([13, 14, 15])) if pay else None,
        pay_max=Decimal(rng.choice([17, 19, 21])) if pay else None,
        pay_unit=PayUnit.HOUR if pay else "",
        german_level=rng.choice(GermanLevel.values),
        qualification=rng.choice(Qualification.values),
        foreign_qualifications_accepted=rng.random() < 0.5,
        career_changers=rng.random() < 0.5,
        barrier_free_workplace=rng.random() < 0.3,
        apply_email=company.email,
        apply_phone=company.phone if rng.random() < 0.5 else "",
        apply_walk_in=rng.random() < 0.3,
        no_cv_needed=rng.random() < 0.3,
        # A few end within the reminder window, so the reminder mail has work.
        apply_until=timezone.localdate()
        + dt.timedelta(days=rng.choice([5, 20, 45, 60, 90])),
    )
    if not vacancy.helpful_languages.exists():
        vacancy.helpful_languages.set(
            [languages[c] for c in rng.sample(LANGUAGE_POOL[1:], 2) if c in languages]
        )
        vacancy.save_revision().publish()
    demo.translation(vacancy, "en", kind="vacancies", title=title_en)


#: Slug of the demo's one ended vacancy, so its 410 page can be seen.
EXPIRED_VACANCY_SLUG = "aushilfe-sommerfest-beendet"


def _seed_expired_vacancy(demo, company) -> None:
    """A vacancy whose "apply until" has passed, ended the way
    `publish_scheduled` ends one: its URL answers 410 with similar ones."""
    if company is None:
        return
    vacancy = demo.page(
        company,
        VacancyPage,
        slug=EXPIRED_VACANCY_SLUG,
        kind="vacancies",
        title="Aushilfe Sommerfest",
        summary=f"{company.title} suchte Hilfe beim Sommerfest im Quartier.",
        offer_type=OfferType.JOB,
        working_time=WorkingTime.PART_TIME,
        apply_until=timezone.localdate() + dt.timedelta(days=1),
    )
    if vacancy.live:
        ended = timezone.localdate() - dt.timedelta(days=14)
        VacancyPage.objects.filter(pk=vacancy.pk).update(
            apply_until=ended, expire_at=VacancyPage.expiry_for(ended)
        )
        vacancy.refresh_from_db()
        UnpublishPageAction(vacancy, set_expired=True).execute(
            skip_permission_checks=True
        )


def _seed_firm_accounts(demo, companies):
    User = get_user_model()
    for username, company in (("firma-a", companies[0]), ("firma-b", companies[1])):
        user = User.objects.filter(username=username).first()
        if user is None or company is None:
            continue
        group = services.firm_access_sync(company=company)
        user.groups.add(group)
