"""Demo content of the local economy: the premises listing and the network
board in every language the demo has, vacant units of the demo housing
companies (shops in Schlaatz among them), settlement enquiries in several
statuses and board posts of several firms. Idempotent: everything is looked
up by slug or address first."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from wagtail.models import Page

from directory.models import CompanyPage, Sector
from portal.models import Quarter

from .choices import Audience, EnquiryStatus, PostType, PremisesType
from .models import (
    BoardPostPage,
    Enquiry,
    NetworkBoardPage,
    PremisesIndexPage,
    PremisesPage,
)
from .models.expiring import expiry_for

# language: (title, slug, intro)
LISTING = {
    "de": (
        "Gewerbeflächen",
        "gewerbeflaechen",
        "Freie Läden, Büros, Werkstätten und Praxen in Stern, Drewitz und Schlaatz – direkt von den Wohnungsunternehmen und Eigentümern im Quartier.",
    ),
    "en": (
        "Commercial premises",
        "premises",
        "Vacant shops, offices, workshops and practices in Stern, Drewitz and Schlaatz – straight from the quarters' housing companies and owners.",
    ),
    "ar": (
        "محلات تجارية",
        "mahallat",
        "محلات ومكاتب وورش وعيادات شاغرة في شتيرن ودريفيتس وشلاتس.",
    ),
    "fa": (
        "فضاهای تجاری",
        "fazaha-ye-tejari",
        "مغازه، دفتر، کارگاه و مطب خالی در اشترن، درویتس و شلاتس.",
    ),
    "uk": (
        "Комерційні приміщення",
        "prymishchennia",
        "Вільні магазини, офіси, майстерні та кабінети у Штерні, Древіці та Шлаці.",
    ),
    "ru": (
        "Коммерческие помещения",
        "pomeshcheniya",
        "Свободные магазины, офисы, мастерские и кабинеты в Штерне, Древице и Шлаце.",
    ),
    "tr": (
        "Ticari alanlar",
        "ticari-alanlar",
        "Stern, Drewitz ve Schlaatz'da boş dükkânlar, ofisler, atölyeler ve muayenehaneler.",
    ),
}
BOARD = {
    "de": (
        "Netzwerk-Pinnwand",
        "netzwerk",
        "Die Betriebe des Netzwerks bieten einander an, was sie haben, und suchen, was sie brauchen: Praktikumsplätze, Partner für die Jobmesse, geteilte Räume.",
    ),
    "en": (
        "Network board",
        "network",
        "The network's firms offer each other what they have and look for what they need: internships, partners for the job fair, shared rooms.",
    ),
    "ar": ("لوحة الشبكة", "lawhat-alshabaka", ""),
    "fa": ("تابلوی شبکه", "tablo-ye-shabake", ""),
    "uk": ("Дошка мережі", "doshka-merezhi", ""),
    "ru": ("Доска сети", "doska-seti", ""),
    "tr": ("Ağ panosu", "ag-panosu", ""),
}

# slug, quarter, type, title, summary, area, rent, charges, floor, step-free, window, uses, lat, lng, days until available
UNITS = [
    (
        "laden-erlenhof",
        "schlaatz",
        PremisesType.SHOP,
        "Laden am Erlenhof",
        "Heller Eckladen mit großem Schaufenster am Bürgerpark, Lager im Keller.",
        "78",
        "8.90",
        "2.40",
        0,
        True,
        True,
        "Bäckerei, Café, kleiner Einzelhandel",
        "52.3786",
        "13.0879",
        0,
    ),
    (
        "laden-magnus-zeller-platz",
        "schlaatz",
        PremisesType.SHOP,
        "Ladenfläche Magnus-Zeller-Platz",
        "Laden im Zentrum des Schlaatz, Nachbarn: Apotheke und Bäckerei.",
        "55",
        "7.80",
        "2.10",
        0,
        True,
        True,
        "Friseur, Kiosk, Reparaturdienst",
        "52.3779",
        "13.0893",
        0,
    ),
    (
        "gastro-schlaatz",
        "schlaatz",
        PremisesType.GASTRONOMY,
        "Gastronomiefläche am Schilfhof",
        "Ehemaliges Bistro mit Küche und Terrasse zum Hof.",
        "120",
        "9.50",
        "3.10",
        0,
        True,
        True,
        "Restaurant, Imbiss, Café",
        "52.3771",
        "13.0862",
        20,
    ),
    (
        "buero-stern-center",
        "stern",
        PremisesType.OFFICE,
        "Büro am Stern-Center",
        "Drei Büroräume mit Teeküche im ersten Obergeschoss, Aufzug.",
        "95",
        "10.50",
        "2.80",
        1,
        True,
        False,
        "Beratung, Agentur, Praxisverwaltung",
        "52.3744",
        "13.1240",
        0,
    ),
    (
        "praxis-keplerplatz",
        "stern",
        PremisesType.PRACTICE,
        "Praxisräume am Keplerplatz",
        "Barrierefreie Praxisräume mit Wartebereich, bisher Physiotherapie.",
        "140",
        None,
        "3.00",
        0,
        True,
        False,
        "Arztpraxis, Therapie, Pflegedienst",
        "52.3752",
        "13.1218",
        30,
    ),
    (
        "werkstatt-drewitz",
        "drewitz",
        PremisesType.WORKSHOP,
        "Werkstatt an der Konrad-Wolf-Allee",
        "Ebenerdige Werkstatt mit Rolltor und Starkstrom.",
        "210",
        "6.20",
        "1.60",
        0,
        True,
        False,
        "Handwerk, Fahrradwerkstatt, Manufaktur",
        "52.3655",
        "13.1425",
        0,
    ),
    (
        "lager-drewitz",
        "drewitz",
        PremisesType.STORAGE,
        "Lagerraum Drewitz",
        "Trockener Lagerraum im Souterrain, Zugang über Rampe.",
        "40",
        "4.50",
        "1.00",
        -1,
        False,
        False,
        "Lager, Archiv",
        "52.3662",
        "13.1410",
        0,
    ),
]

POSTS = [
    (
        "praktikum-hausmeister",
        PostType.PLACEMENT,
        "Praktikum im Hausmeisterservice",
        "Wir bieten zwei Plätze für ein Schnupperpraktikum im Hausmeisterservice, auch für Menschen mit wenig Deutsch.",
        Audience.PUBLIC,
        "stern",
    ),
    (
        "partner-jobmesse",
        PostType.JOB_FAIR,
        "Partner für die Jobmesse im Frühjahr gesucht",
        "Wer stellt mit uns auf der Jobmesse im Bürgerhaus aus? Wir teilen Stand und Kosten.",
        Audience.MEMBERS,
        "schlaatz",
    ),
    (
        "transporter-teilen",
        PostType.SHARING,
        "Transporter tageweise zu teilen",
        "Unser Transporter steht freitags meist still – Nachbarbetriebe können ihn gegen Kostenbeteiligung nutzen.",
        Audience.PUBLIC,
        "drewitz",
    ),
    (
        "ausbildung-verbund",
        PostType.TRAINING,
        "Ausbildungsplatz im Verbund",
        "Wir suchen einen Partnerbetrieb, um gemeinsam einen Ausbildungsplatz Kaufleute für Büromanagement zu besetzen.",
        Audience.MEMBERS,
        "",
    ),
]

ENQUIRIES = [
    (
        "demo-cafe@example.org",
        "en",
        "Ayla Demir",
        "Café Ayla",
        "A small café with breakfast and lunch for the neighbourhood.",
        [PremisesType.SHOP, PremisesType.GASTRONOMY],
        50,
        110,
        1100,
        "schlaatz",
        "3m",
        3,
        ["premises", "funding"],
        EnquiryStatus.NEW,
    ),
    (
        "demo-physio@example.org",
        "de",
        "Jonas Weber",
        "Physiotherapie Weber",
        "Physiotherapiepraxis mit zwei Behandlungsräumen.",
        [PremisesType.PRACTICE],
        100,
        160,
        1800,
        "stern",
        "6m",
        4,
        ["premises", "staff"],
        EnquiryStatus.IN_CONTACT,
    ),
    (
        "demo-bikes@example.org",
        "uk",
        "Olena Koval",
        "Velo-Service",
        "Fahrradwerkstatt mit Verkauf gebrauchter Räder.",
        [PremisesType.WORKSHOP],
        120,
        250,
        1500,
        "drewitz",
        "now",
        2,
        ["premises", "network"],
        EnquiryStatus.PREMISES_SHOWN,
    ),
    (
        "demo-it@example.org",
        "de",
        "Mehmet Yilmaz",
        "",
        "IT-Service für kleine Betriebe.",
        [PremisesType.OFFICE],
        30,
        80,
        700,
        "",
        "later",
        1,
        ["funding"],
        EnquiryStatus.NOT_PURSUED,
    ),
]


def _home_exists(demo, code: str) -> bool:
    root = demo.home("de")
    return Page.objects.filter(
        translation_key=root.translation_key, locale=demo.locales[code]
    ).exists()


def _section(demo, model, texts, kind):
    title, slug, intro = texts["de"]
    page = demo.page(
        demo.home("de"), model, slug=slug, kind=kind, title=title, intro=intro,
        show_in_menus=True,
    )  # fmt: skip
    for code, (title, slug, intro) in texts.items():
        if code == "de" or code not in demo.locales or not _home_exists(demo, code):
            continue
        demo.translation(page, code, kind=kind, title=title, slug=slug, intro=intro)
    return page


def seed(demo) -> None:
    if not Quarter.objects.exists() or not CompanyPage.objects.exists():
        return
    _section(demo, PremisesIndexPage, LISTING, "premises listings")
    _section(demo, NetworkBoardPage, BOARD, "network boards")
    de = demo.locales["de"]
    quarters = {q.slug: q for q in Quarter.objects.filter(locale=de)}
    housing = Sector.objects.filter(locale=de, slug="wohnen").first()
    owners = list(
        CompanyPage.objects.live()
        .filter(locale=de, sector__translation_key=housing.translation_key)
        .order_by("path")
        if housing
        else []
    ) or list(CompanyPage.objects.live().filter(locale=de).order_by("path")[:2])
    today = timezone.localdate()
    units = []
    for number, row in enumerate(UNITS):
        (slug, quarter, kind, title, summary, area, rent, charges, floor, step_free,
         window, uses, lat, lng, later) = row  # fmt: skip
        owner = owners[number % len(owners)]
        listed_until = today + dt.timedelta(days=5 if number == 3 else 45 + number * 7)
        units.append(
            demo.page(
                owner,
                PremisesPage,
                slug=slug,
                kind="premises",
                title=title,
                premises_type=kind,
                summary=summary,
                area=Decimal(area),
                rent_per_m2=Decimal(rent) if rent else None,
                service_charges_per_m2=Decimal(charges),
                floor=floor,
                step_free=step_free,
                shop_window=window,
                suitable_uses=uses,
                quarter=quarters[quarter],
                street=f"{title.split(' ')[-1]} {number + 3}",
                postal_code="14478" if quarter == "schlaatz" else "14480",
                latitude=Decimal(lat),
                longitude=Decimal(lng),
                available_from=today + dt.timedelta(days=later) if later else None,
                listed_until=listed_until,
                expire_at=expiry_for(listed_until),
            )
        )
    _seed_english_unit(demo, units[0])

    firms = list(CompanyPage.objects.live().filter(locale=de).order_by("path")[:6])
    for number, (slug, kind, title, text, audience, quarter) in enumerate(POSTS):
        ends_on = today + dt.timedelta(days=20 + number * 10)
        demo.page(
            firms[number % len(firms)],
            BoardPostPage,
            slug=slug,
            kind="board posts",
            title=title,
            post_type=kind,
            text=text,
            audience=audience,
            quarter=quarters.get(quarter),
            ends_on=ends_on,
            expire_at=expiry_for(ends_on),
        )

    for row in ENQUIRIES:
        (email, language, name, organisation, business, types, area_min, area_max,
         budget, quarter, timeframe, employees, support, status) = row  # fmt: skip
        enquiry, created = Enquiry.objects.get_or_create(
            email=email,
            defaults={
                "language": language, "name": name, "organisation": organisation,
                "business": business, "premises_types": list(types),
                "area_min": area_min, "area_max": area_max, "budget": budget,
                "quarter": quarters.get(quarter), "timeframe": timeframe,
                "employees": employees, "support": support, "status": status,
                "consent_at": timezone.now(),
                "closed_at": timezone.now() if status == EnquiryStatus.NOT_PURSUED else None,
            },
        )  # fmt: skip
        if created and status == EnquiryStatus.PREMISES_SHOWN:
            enquiry.suggested.set([units[5]])
        demo.count("settlement enquiries", created=created)


def _seed_english_unit(demo, unit) -> None:
    """The first unit also in English, where its firm has an English page."""
    company = unit.get_parent()
    if (
        "en" not in demo.locales
        or company.get_translation_or_none(demo.locales["en"]) is None
    ):
        return
    demo.translation(
        unit,
        "en",
        kind="premises",
        title="Shop at Erlenhof",
        summary="Bright corner shop with a large shop window by the Bürgerpark, storage in the basement.",
        suitable_uses="bakery, café, small shop",
    )
