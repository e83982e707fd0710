"""Demo pages: home, contact points, general pages and legal pages, in
German with English translations."""

from datetime import date, time

from wagtail.rich_text import RichText

from home.models import ContactPointPage, LegalPage, StandardPage
from portal.models import LegalSettings, Quarter

from .demo_languages import (
    seed_contact_points,
    seed_home_pages,
    seed_legal_pages,
)

HOME = {
    "de": {
        "title": "Willkommen in Stern, Drewitz und Schlaatz",
        "intro": "<p>Arbeit finden, Nachbarschaft gestalten, Unternehmen vernetzen: "
        "Das Quartiersportal zeigt, was in den Potsdamer Quartieren Stern, "
        "Drewitz und Schlaatz los ist – mit Anlaufstellen, Stellen aus der "
        "Nachbarschaft und Ihren Ideen für den Kiez.</p>",
        "quarters_heading": "Unsere Quartiere",
    },
    "en": {
        "title": "Welcome to Stern, Drewitz and Schlaatz",
        "intro": "<p>Find work, shape your neighbourhood, connect local firms: "
        "the quarters portal shows what is happening in Potsdam's quarters "
        "Stern, Drewitz and Schlaatz – with contact points, jobs from the "
        "neighbourhood and your ideas for the quarter.</p>",
        "quarters_heading": "Our quarters",
    },
}

WEEKDAY_HOURS = [
    ("1", "open", [(time(9), time(12)), (time(13), time(16))], ""),
    ("2", "open", [(time(9), time(12)), (time(13), time(18))], "PC-Café bis 18 Uhr"),
    ("3", "appointment", [], ""),
    ("4", "open", [(time(9), time(12)), (time(13), time(16))], ""),
    ("5", "open", [(time(9), time(13))], ""),
    ("6", "closed", [], ""),
    ("7", "closed", [], ""),
]

CONTACT_POINTS = [
    {
        "quarter": "stern",
        "slug": "anlaufstelle-stern",
        "title": "Quartiersanlaufstelle Stern",
        "title_en": "Contact point Stern",
        "street": "Johannes-Kepler-Platz 5",
        "postal_code": "14480",
        "latitude": "52.374800",
        "longitude": "13.124900",
        "phone": "0331 555 0110",
        "people": [("Aylin Demir", "Coaching und Bewerbung", ["de", "tr", "en"])],
    },
    {
        "quarter": "drewitz",
        "slug": "anlaufstelle-drewitz",
        "title": "Quartiersanlaufstelle Drewitz",
        "title_en": "Contact point Drewitz",
        "street": "Konrad-Wolf-Allee 26",
        "postal_code": "14480",
        "latitude": "52.365900",
        "longitude": "13.141800",
        "phone": "0331 555 0120",
        "people": [
            ("Olena Kovalenko", "Beratung für Zugewanderte", ["de", "uk", "ru"])
        ],
    },
    {
        "quarter": "schlaatz",
        "slug": "anlaufstelle-schlaatz",
        "title": "Quartiersanlaufstelle Schlaatz",
        "title_en": "Contact point Schlaatz",
        "street": "Bisamkiez 24",
        "postal_code": "14478",
        "latitude": "52.378600",
        "longitude": "13.087400",
        "phone": "0331 555 0130",
        "people": [("Samir Haddad", "Jobcoaching", ["de", "ar", "fr"])],
        "notice": "Wegen Renovierung ist das PC-Café bis Ende des Monats geschlossen.",
        "notice_en": "The PC-Café is closed for renovation until the end of the month.",
    },
]

SERVICES = {
    "de": [
        (
            "pc_cafe",
            "PC-Café",
            "Computer, Drucker und Scanner zum Bewerbungen-"
            "Schreiben – mit Hilfe, wenn Sie sie brauchen.",
        ),
        ("hotspot", "Öffentlicher WLAN-Hotspot", "Kostenlos und ohne Anmeldung."),
        (
            "workshop",
            "Selbsthilfewerkstatt",
            "Fahrräder, kleine Möbel, "
            "Elektrogeräte: gemeinsam reparieren statt wegwerfen.",
        ),
        (
            "coaching",
            "Jobcoaching",
            "Persönliche Begleitung auf dem Weg in Arbeit oder Ausbildung.",
        ),
    ],
    "en": [
        (
            "pc_cafe",
            "PC-Café",
            "Computers, printer and scanner for writing "
            "applications – with help when you need it.",
        ),
        ("hotspot", "Public Wi-Fi hotspot", "Free and without registration."),
        (
            "workshop",
            "Self-help workshop",
            "Bicycles, small furniture, "
            "appliances: repair together instead of throwing away.",
        ),
        (
            "coaching",
            "Job coaching",
            "Personal support on your way into work or training.",
        ),
    ],
}

STANDARD_PAGES = [
    {
        "slug": "projekt",
        "menu": True,
        "de": {
            "title": "Über das Projekt",
            "intro": "Wir bringen Menschen in Arbeit, Unternehmen zusammen und "
            "Ideen der Bewohnerinnen und Bewohner in die Stadtplanung.",
            "body": [
                ("heading", {"text": "Was wir tun", "level": "h2"}),
                (
                    "paragraph",
                    RichText(
                        "<p>Das Quartiersprojekt betreibt Anlaufstellen mit PC-Café "
                        "und Selbsthilfewerkstatt, begleitet Menschen in Arbeit, "
                        "vernetzt die Betriebe der Quartiere und betreibt das "
                        "Ideencenter.</p>"
                    ),
                ),
                (
                    "quote",
                    {
                        "quote": "Hier kennt man sich – und hilft sich.",
                        "attribution": "Bewohnerin aus Drewitz",
                    },
                ),
            ],
        },
        "en": {
            "title": "About the project",
            "slug": "about-the-project",
            "intro": "We help people into work, bring firms together and carry "
            "residents' ideas into urban planning.",
            "body": [
                ("heading", {"text": "What we do", "level": "h2"}),
                (
                    "paragraph",
                    RichText(
                        "<p>The quarter project runs contact points with a PC-Café "
                        "and a self-help workshop, coaches people into work, "
                        "connects the quarters' firms and runs the idea centre.</p>"
                    ),
                ),
                (
                    "quote",
                    {
                        "quote": "People know each other here – and help each other.",
                        "attribution": "Resident of Drewitz",
                    },
                ),
            ],
        },
    },
    {
        "slug": "haeufige-fragen",
        "menu": False,
        "de": {
            "title": "Häufige Fragen",
            "intro": "Antworten auf das, was uns oft gefragt wird.",
            "body": [
                (
                    "accordion",
                    {
                        "title": "",
                        "items": [
                            {
                                "question": "Kostet die Beratung etwas?",
                                "answer": RichText(
                                    "<p>Nein, alle Angebote sind kostenlos.</p>"
                                ),
                            },
                            {
                                "question": "Brauche ich einen Termin?",
                                "answer": RichText(
                                    "<p>Ins PC-Café können Sie ohne Termin "
                                    "kommen. Für das Coaching vereinbaren "
                                    "wir gern einen Termin.</p>"
                                ),
                            },
                            {
                                "question": "In welchen Sprachen wird beraten?",
                                "answer": RichText(
                                    "<p>Deutsch, Englisch, Arabisch, "
                                    "Türkisch, Ukrainisch und Russisch.</p>"
                                ),
                            },
                        ],
                    },
                ),
            ],
        },
        "en": {
            "title": "Frequently asked questions",
            "slug": "faq",
            "intro": "Answers to what we are often asked.",
            "body": [
                (
                    "accordion",
                    {
                        "title": "",
                        "items": [
                            {
                                "question": "Does the advice cost anything?",
                                "answer": RichText(
                                    "<p>No, everything we offer is free.</p>"
                                ),
                            },
                            {
                                "question": "Do I need an appointment?",
                                "answer": RichText(
                                    "<p>You can come to the PC-Café without "
                                    "one. For coaching we are happy to "
                                    "arrange an appointment.</p>"
                                ),
                            },
                            {
                                "question": "Which languages do you advise in?",
                                "answer": RichText(
                                    "<p>German, English, Arabic, Turkish, "
                                    "Ukrainian and Russian.</p>"
                                ),
                            },
                        ],
                    },
                ),
            ],
        },
    },
]

LEGAL_PAGES = [
    ("imprint_page", "impressum", "Impressum", "imprint", "Imprint"),
    (
        "privacy_page",
        "datenschutz",
        "Datenschutzerklärung",
        "privacy",
        "Privacy notice",
    ),
    (
        "accessibility_page",
        "barrierefreiheit",
        "Erklärung zur Barrierefreiheit",
        "accessibility",
        "Accessibility statement",
    ),
]

LEGAL_TEXT = {
    "imprint_page": (
        "<h2>Angaben gemäß § 5 DDG</h2><p>Quartiersprojekt Stern · Drewitz · "
        "Schlaatz (Demo)<br/>Galileistraße 37, 14480 Potsdam</p><p>Dies ist ein "
        "Demo-Inhalt mit fiktiven Angaben.</p>",
        "<h2>Information according to § 5 DDG</h2><p>Quartiersprojekt Stern · "
        "Drewitz · Schlaatz (demo)<br/>Galileistraße 37, 14480 Potsdam</p><p>This "
        "is demo content with fictional details.</p>",
    ),
    "privacy_page": (
        "<h2>Verantwortliche Stelle</h2><p>Quartiersprojekt (Demo), Galileistraße "
        "37, 14480 Potsdam.</p><h2>Cookies</h2><p>Wer das Portal nur liest, "
        "bekommt keine Cookies. Alle Cookies des Portals sind technisch "
        "notwendig, es gibt keine zur Analyse oder Werbung:</p><ul>"
        "<li><code>csrftoken</code>: Schutz gegen gefälschte Formulare; auf "
        "Seiten mit einem Formular, das ihn braucht (Anmelden, Registrieren, "
        "Idee einreichen, Unterstützen, Kommentieren). Gültig ein Jahr.</li>"
        "<li><code>sessionid</code>: hält Sie angemeldet; auch während der "
        "Registrierung und der Anmeldung mit Code. Gelöscht beim Abmelden, sonst "
        "nach höchstens zwei Wochen; ohne „Angemeldet bleiben“ schon beim "
        "Schließen des Browsers. Außerdem, wenn Sie im Stellenfinder eine Stelle "
        "auf die Merkliste setzen: Die Merkliste wird nur in dieser Sitzung "
        "gespeichert, bis Sie den Browser schließen, höchstens zwei "
        "Wochen.</li>"
        "<li><code>messages</code>: zeigt eine Bestätigung nach einer Aktion "
        "(z. B. „Danke für Ihre Unterstützung“) und wird danach gelöscht.</li>"
        "<li><code>wagtail_sidebar_collapsed</code>: nur für die Redaktion und "
        "Firmen im Verwaltungsbereich; merkt sich, ob das Menü eingeklappt "
        "ist.</li></ul><h2>Karten</h2><p>Kartenkacheln werden erst geladen, wenn "
        "Sie zustimmen; dabei sieht der Kachel-Server Ihre IP-Adresse. Ihre "
        "Zustimmung speichert nur Ihr Browser (<code>portal-map-consent</code> "
        "im lokalen Speicher), bis Sie die Website-Daten löschen.</p>",
        "<h2>Controller</h2><p>Quartiersprojekt (demo), Galileistraße 37, 14480 "
        "Potsdam.</p><h2>Cookies</h2><p>Reading the portal sets no cookies. "
        "Every cookie the portal sets is technically necessary; there are none "
        "for analytics or advertising:</p><ul>"
        "<li><code>csrftoken</code>: protects forms against forgery; set on "
        "pages with a form that needs it (log in, sign up, submit an idea, "
        "support, comment). Valid for one year.</li>"
        "<li><code>sessionid</code>: keeps you logged in; also during sign-up "
        "and login by code. Deleted when you log out, otherwise after two weeks "
        "at most; without “Remember me” when you close the browser. Also set "
        "when you put a vacancy on the vacancy finder's shortlist: the shortlist "
        "is kept only in this session, until you close the browser, two weeks "
        "at most.</li>"
        "<li><code>messages</code>: shows a confirmation after an action (e.g. "
        "“Thank you for your support!”) and is deleted once shown.</li>"
        "<li><code>wagtail_sidebar_collapsed</code>: only for editors and firms "
        "in the admin; remembers whether the menu is collapsed.</li></ul>"
        "<h2>Maps</h2><p>Map tiles load only after you agree; the tile server "
        "then sees your IP address. Only your browser stores your consent "
        "(<code>portal-map-consent</code> in local storage) until you clear "
        "the site's data.</p>",
    ),
    "accessibility_page": (
        "<h2>Stand der Vereinbarkeit</h2><p>Dieses Portal soll die Anforderungen "
        "der BITV 2.0 und der WCAG 2.1 auf Stufe AA erfüllen.</p><h2>Feedback"
        "</h2><p>Barrieren bitte an kontakt@quartiersportal.example melden.</p>",
        "<h2>Compliance status</h2><p>This portal aims to meet BITV 2.0 and WCAG "
        "2.1 level AA.</p><h2>Feedback</h2><p>Please report barriers to "
        "kontakt@quartiersportal.example.</p>",
    ),
}


def _opening_hours():
    return [
        (
            "day",
            {
                "weekday": weekday,
                "status": status,
                "slots": [
                    {"opens": opens, "closes": closes} for opens, closes in slots
                ],
                "note": note,
            },
        )
        for weekday, status, slots, note in WEEKDAY_HOURS
    ]


def _services(language: str):
    return [
        ("service", {"kind": kind, "title": title, "description": text})
        for kind, title, text in SERVICES[language]
    ]


def seed(demo) -> None:
    home_de = demo.home("de")
    home_en = demo.home("en")
    for home, language in ((home_de, "de"), (home_en, "en")):
        if home.intro:
            demo.count("pages", created=False)
            continue
        home.title = HOME[language]["title"]
        home.intro = HOME[language]["intro"]
        home.quarters_heading = HOME[language]["quarters_heading"]
        home.hero_image = demo.image(
            "Quartiere Potsdam", label="Stern · Drewitz · Schlaatz"
        )
        home.save_revision().publish()
        demo.count("pages", created=True)

    seed_home_pages(demo)
    contact_points = []

    for data in STANDARD_PAGES:
        page = demo.page(
            home_de,
            StandardPage,
            slug=data["slug"],
            kind="pages",
            show_in_menus=data["menu"],
            **data["de"],
        )
        demo.translation(page, "en", kind="pages", **data["en"])

    de = demo.locales["de"]
    for data in CONTACT_POINTS:
        quarter = Quarter.objects.get(locale=de, slug=data["quarter"])
        page = demo.page(
            home_de,
            ContactPointPage,
            slug=data["slug"],
            kind="contact points",
            title=data["title"],
            intro="Kommen Sie vorbei: Wir helfen bei Bewerbungen, Behördenpost "
            "und allem rund um Arbeit im Quartier.",
            quarter=quarter,
            image=demo.image(data["title"], label=quarter.name),
            street=data["street"],
            postal_code=data["postal_code"],
            latitude=data["latitude"],
            longitude=data["longitude"],
            phone=data["phone"],
            email=f"{data['slug']}@quartiersportal.example",
            opening_hours=_opening_hours(),
            services=_services("de"),
            contact_persons=[
                (
                    "person",
                    {
                        "name": name,
                        "role": role,
                        "phone": data["phone"],
                        "email": "",
                        "languages": languages,
                    },
                )
                for name, role, languages in data["people"]
            ],
            notice=data.get("notice", ""),
            step_free_access=True,
            accessible_toilet=data["quarter"] != "schlaatz",
            accessibility_notes="Eingang ebenerdig, Tür öffnet automatisch.",
            # The home page lists every contact point; the menu stays short.
            show_in_menus=False,
        )
        demo.translation(
            page,
            "en",
            kind="contact points",
            title=data["title_en"],
            slug=data["slug"].replace("anlaufstelle", "contact-point"),
            intro="Drop in: we help with applications, letters from the "
            "authorities and everything about work in the quarter.",
            quarter=quarter.get_translation_or_none(demo.locales["en"]) or quarter,
            services=_services("en"),
            notice=data.get("notice_en", ""),
            accessibility_notes="Step-free entrance, automatic door.",
        )
        contact_points.append(
            (page, data["slug"].replace("anlaufstelle", "contact-point"), quarter)
        )
    seed_contact_points(demo, contact_points)

    legal = LegalSettings.for_site(home_de.get_site())
    legal_pages = {}
    for setting, slug, title, slug_en, title_en in LEGAL_PAGES:
        text_de, text_en = LEGAL_TEXT[setting]
        page = demo.page(
            home_de,
            LegalPage,
            slug=slug,
            kind="legal pages",
            title=title,
            body=text_de,
            last_reviewed=date(2026, 11, 1),
        )
        demo.translation(
            page, "en", kind="legal pages", title=title_en, slug=slug_en, body=text_en
        )
        setattr(legal, setting, page)
        legal_pages[setting] = (page, slug_en)
    legal.save()
    seed_legal_pages(demo, legal_pages)

    _seed_scaled_pages(demo, home_de, StandardPage)


def _seed_scaled_pages(demo, home_de, StandardPage) -> None:
    """Project reports, five per scale step, for load tests of search and
    navigation."""
    section = demo.page(
        home_de,
        StandardPage,
        slug="aus-den-quartieren",
        kind="pages",
        title="Aus den Quartieren",
        intro="Berichte aus der Arbeit der Anlaufstellen.",
        show_in_menus=False,
    )
    demo.translation(
        section,
        "en",
        kind="pages",
        title="From the quarters",
        slug="from-the-quarters",
        intro="Reports from the work of the contact points.",
    )
    topics = [
        "Bewerbungstraining",
        "Reparaturcafé",
        "Nachbarschaftsfest",
        "Sprachcafé",
        "Ausbildungsmesse",
    ]
    topics_en = [
        "Application training",
        "Repair café",
        "Neighbourhood party",
        "Language café",
        "Apprenticeship fair",
    ]
    total = 5 * demo.scale
    for number in demo.progress_bar(range(1, total + 1), desc="Reports", total=total):
        topic = topics[number % len(topics)]
        page = demo.page(
            section,
            StandardPage,
            slug=f"bericht-{number}",
            kind="reports",
            title=f"{topic} im Quartier ({number})",
            intro=f"Ein Bericht über {topic.lower()} in der Anlaufstelle.",
            body=[
                (
                    "paragraph",
                    RichText(
                        f"<p>{topic}: Was wir gemacht haben und wie es weitergeht.</p>"
                    ),
                )
            ],
        )
        topic_en = topics_en[number % len(topics_en)]
        demo.translation(
            page,
            "en",
            kind="reports",
            title=f"{topic_en} in the quarter ({number})",
            slug=f"report-{number}",
            intro=f"A report about the {topic_en.lower()} at the contact point.",
            body=[
                (
                    "paragraph",
                    RichText(f"<p>{topic_en}: what we did and what comes next.</p>"),
                )
            ],
        )
