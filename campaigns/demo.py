"""Demo campaigns: three image series for the quarters, with generated
pictures, alt text, credits, consent records and a poster each, in German
and English. Looked up by slug first: seeding twice adds nothing."""

import io
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.documents import get_document_model
from wagtail.rich_text import RichText

from portal.models import Quarter

from .models import (
    CampaignImage,
    CampaignIndexPage,
    CampaignPage,
    CampaignPoster,
)

CAMPAIGNS = [
    {
        "slug": "wir-sind-stern",
        "slug_en": "we-are-stern",
        "title": "Wir sind Stern",
        "title_en": "We are Stern",
        "claim": "Hier arbeitet die Nachbarschaft.",
        "claim_en": "This is where the neighbourhood works.",
        "quarters": ["stern"],
        "starts": -30,
        "ends": 60,
        "story": "Zwölf Menschen aus dem Stern zeigen, wo sie arbeiten: in der "
        "Bäckerei, im Pflegedienst, in der Hausverwaltung.",
        "story_en": "Twelve people from Stern show where they work: at the "
        "bakery, in home care, in property management.",
        "images": [
            ("Bäckerei am Stern", "Bakery at Stern", True),
            ("Pflegedienst Drewitz", "Home care service", True),
            ("Hausmeisterin im Einsatz", "Caretaker at work", True),
            ("Der Stern von oben", "Stern from above", False),
        ],
    },
    {
        "slug": "drewitz-waechst",
        "slug_en": "drewitz-grows",
        "title": "Drewitz wächst",
        "title_en": "Drewitz grows",
        "claim": "Grün, gemeinsam, gleich nebenan.",
        "claim_en": "Green, together, right next door.",
        "quarters": ["drewitz"],
        "starts": -200,
        "ends": -40,
        "story": "Die Gartenstadt Drewitz und ihre Gärtnerinnen und Gärtner.",
        "story_en": "The garden city of Drewitz and its gardeners.",
        "images": [
            ("Konrad-Wolf-Park", "Konrad Wolf Park", False),
            ("Hochbeete im Hof", "Raised beds in the courtyard", True),
            ("Ernte im Gemeinschaftsgarten", "Harvest in the community garden", True),
        ],
    },
    {
        "slug": "schlaatz-spricht",
        "slug_en": "schlaatz-speaks",
        "title": "Der Schlaatz spricht viele Sprachen",
        "title_en": "Schlaatz speaks many languages",
        "claim": "Ein Quartier, vierzig Sprachen, eine Nachbarschaft.",
        "claim_en": "One quarter, forty languages, one neighbourhood.",
        "quarters": ["schlaatz", "stern"],
        "starts": 20,
        "ends": None,
        "story": "Porträts von Menschen, die im Schlaatz ein Zuhause und "
        "Arbeit gefunden haben.",
        "story_en": "Portraits of people who found a home and work in Schlaatz.",
        "images": [
            ("Sprachcafé im Bürgerhaus", "Language café", True),
            ("Markt am Schlaatz", "Market at Schlaatz", True),
            ("Nuthe-Ufer", "Banks of the Nuthe", False),
        ],
    },
]


def _poster(demo, title: str):
    """A one-page PDF poster drawn with Pillow (nothing is downloaded)."""
    Document = get_document_model()
    existing = Document.objects.filter(title=title).first()
    if existing is not None:
        demo.count("documents", created=False)
        return existing
    page = PILImage.new("RGB", (595, 842), (11, 93, 75))
    draw = ImageDraw.Draw(page)
    draw.rectangle([40, 40, 555, 802], outline=(255, 255, 255), width=6)
    draw.text((70, 380), title, fill=(255, 255, 255))
    buffer = io.BytesIO()
    page.save(buffer, format="PDF")
    document = Document(title=title)
    slug = title.lower().replace(" ", "-")[:40]
    document.file.save(f"plakat-{slug}.pdf", ContentFile(buffer.getvalue()), save=False)
    document.save()
    demo.count("documents", created=True)
    return document


def seed(demo) -> None:
    home_de = demo.home("de")
    index = demo.page(
        home_de,
        CampaignIndexPage,
        slug="kampagnen",
        kind="pages",
        title="Kampagnen",
        intro="Bilder aus den Quartieren: Menschen, Orte und Arbeit in Stern, "
        "Drewitz und Schlaatz.",
        show_in_menus=True,
    )
    demo.translation(
        index,
        "en",
        kind="pages",
        title="Campaigns",
        slug="campaigns",
        intro="Pictures from the quarters: people, places and work in Stern, "
        "Drewitz and Schlaatz.",
    )
    de = demo.locales["de"]
    quarters = {q.slug: q for q in Quarter.objects.filter(locale=de)}
    today = timezone.localdate()
    # The events section, found by its slug (campaigns must not import events).
    events_page = home_de.get_children().filter(slug="veranstaltungen").first()
    for data in demo.progress_bar(CAMPAIGNS, desc="Campaigns", total=len(CAMPAIGNS)):
        hero = demo.image(f"Kampagne {data['title']}", label=data["title"][:24])
        series = []
        for number, (title, _title_en, people) in enumerate(data["images"]):
            image = demo.image(
                f"{data['title']}: {title}",
                label=title[:24],
                seed=number,
                credit="Fotoprojekt Quartier (Demo)",
            )
            series.append(
                CampaignImage(
                    image=image,
                    alt_text=f"{title}: Szene aus dem Quartier",
                    caption=title,
                    licence="own",
                    people_recognisable=people,
                    consent_recorded=people,
                    consent_reference="Einwilligungsordner 2026" if people else "",
                    sort_order=number,
                )
            )
        page = demo.page(
            index,
            CampaignPage,
            slug=data["slug"],
            kind="campaigns",
            title=data["title"],
            claim=data["claim"],
            hero_image=hero,
            hero_alt_text=f"Plakatmotiv: {data['claim']}",
            quarters=[quarters[q] for q in data["quarters"] if q in quarters],
            period_start=today + timedelta(days=data["starts"]),
            period_end=today + timedelta(days=data["ends"])
            if data["ends"] is not None
            else None,
            story=[("paragraph", RichText(f"<p>{data['story']}</p>"))],
            images=series,
            posters=[
                CampaignPoster(
                    document=_poster(demo, f"Plakat {data['title']}"),
                    title=f"Plakat „{data['title']}“ (A1)",
                )
            ],
            cta_label="Zu den Veranstaltungen" if events_page else "",
            cta_page=events_page,
        )
        demo.translation(
            page,
            "en",
            kind="campaigns",
            title=data["title_en"],
            slug=data["slug_en"],
            claim=data["claim_en"],
            hero_alt_text=f"Poster motif: {data['claim_en']}",
            story=[("paragraph", RichText(f"<p>{data['story_en']}</p>"))],
            cta_label="See the events" if events_page else "",
        )
