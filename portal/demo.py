"""Demo content: the shared machinery and the portal's own part.

`seed_demo` calls `seed(demo)` in the `demo` module of every installed project
app, in INSTALLED_APPS order; each app adds its own content through the
helpers of `Demo` here. Everything is looked up by a natural key before it is
created, so running the command twice duplicates nothing.
"""

import functools
import io
import random
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.files.images import ImageFile
from django.core.management.base import OutputWrapper
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from tqdm import tqdm
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from . import roles
from .absolute import base_url_host_port
from .models import MapSettings, OrganisationSettings, Quarter

DEMO_PASSWORD = "demo-pass-2024"  # noqa: S105 - public by design, demo only

# username, role group, superuser, first name, last name
DEMO_ACCOUNTS = [
    ("admin", None, True, "Ada", "Admin"),
    ("editor", roles.EDITORS, False, "Elif", "Redakteurin"),
    ("moderator", roles.MODERATORS, False, "Malte", "Moderator"),
    ("firma-a", roles.FIRMS, False, "Frieda", "Firma-A"),
    ("firma-b", roles.FIRMS, False, "Friedrich", "Firma-B"),
    ("beraterin", roles.ADVISERS, False, "Berit", "Beraterin"),
    ("wirtschaft", roles.BUSINESS_ADVISERS, False, "Wiebke", "Wirtschaft"),
    ("bewohner", None, False, "Bernd", "Bewohner"),
    ("anlaufstelle", roles.CONTACT_POINT_STAFF, False, "Anke", "Anlaufstelle"),
]

PALETTES = [
    ((11, 93, 75), (120, 190, 160)),
    ((179, 64, 26), (250, 196, 120)),
    ((32, 73, 140), (150, 190, 235)),
    ((110, 60, 130), (220, 170, 210)),
    ((70, 90, 40), (200, 215, 120)),
]


#: DejaVu Sans Bold (licence beside it): Pillow's own default font has no
#: umlauts and drew "B▯ckerei" on the demo images.
DEMO_FONT_PATH = (
    Path(__file__).resolve().parent.parent
    / "static"
    / "fonts"
    / ("DejaVuSans-Bold.ttf")
)


def demo_font(*, size: int) -> ImageFont.FreeTypeFont:
    """The font of the demo images' labels, with every German letter."""
    return ImageFont.truetype(str(DEMO_FONT_PATH), size=size)


@dataclass
class Demo:
    """What every app's `seed()` gets: scale, output, counters and helpers."""

    scale: int
    stdout: OutputWrapper
    progress: bool = True
    #: The named bulk size (`--size`, portal.demo_bulk.SIZES) or None.
    size: object = None
    created: Counter = field(default_factory=Counter)
    existing: Counter = field(default_factory=Counter)
    rng: random.Random = field(default_factory=lambda: random.Random(2024))

    @functools.cached_property
    def password_hash(self) -> str:
        """DEMO_PASSWORD hashed once for every demo account: a hash takes a
        large part of a second by design, times dozens of accounts."""
        return make_password(DEMO_PASSWORD)

    # Locales and pages ---------------------------------------------------

    @property
    def locales(self) -> dict[str, Locale]:
        return {locale.language_code: locale for locale in Locale.objects.all()}

    def home(self, language_code: str = "de") -> Page:
        root = Site.objects.get(is_default_site=True).root_page
        return root.get_translation(self.locales[language_code]).specific

    def count(self, kind: str, created: bool) -> None:
        (self.created if created else self.existing)[kind] += 1

    def page(self, parent: Page, model, *, slug: str, kind: str, **fields) -> Page:
        """The child of `parent` with `slug`, created and published if missing."""
        existing = parent.get_children().filter(slug=slug).first()
        if existing is not None:
            self.count(kind, created=False)
            return existing.specific
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.count(kind, created=True)
        return page

    def translation(self, page: Page, language_code: str, *, kind: str, **fields):
        """The translation of `page` into `language_code`, created and published
        with `fields` if missing. The parent must be translated already."""
        locale = self.locales[language_code]
        existing = page.get_translation_or_none(locale)
        if existing is not None:
            self.count(kind, created=False)
            return existing.specific
        translated = page.copy_for_translation(locale)
        for name, value in fields.items():
            setattr(translated, name, value)
        translated.save_revision().publish()
        self.count(kind, created=True)
        return translated

    def snippet_translation(self, obj, language_code: str, **fields):
        locale = self.locales[language_code]
        existing = obj.get_translation_or_none(locale)
        if existing is not None:
            return existing
        translated = obj.copy_for_translation(locale)
        for name, value in fields.items():
            setattr(translated, name, value)
        translated.save()
        return translated

    # Images ----------------------------------------------------------------

    def image(self, title: str, *, label: str = "", seed: int = 0, credit: str = ""):
        """A generated picture (no download): sky, a row of buildings, a label."""
        Image = get_image_model()
        existing = Image.objects.filter(title=title).first()
        if existing is not None:
            self.count("images", created=False)
            return existing
        width, height = 1600, 900
        rng = random.Random(f"{title}-{seed}")
        dark, light = PALETTES[rng.randrange(len(PALETTES))]
        picture = PILImage.new("RGB", (width, height), light)
        draw = ImageDraw.Draw(picture)
        for y in range(height):
            t = y / height
            colour = tuple(int(light[i] * (1 - t) + 255 * t * 0.4) for i in range(3))
            draw.line([(0, y), (width, y)], fill=colour)
        x = 0
        while x < width:
            w = rng.randint(120, 260)
            h = rng.randint(260, 620)
            draw.rectangle([x, height - h, x + w - 8, height], fill=dark)
            for wy in range(height - h + 30, height - 40, 46):
                for wx in range(x + 18, x + w - 30, 38):
                    if rng.random() < 0.75:
                        draw.rectangle([wx, wy, wx + 18, wy + 24], fill=light)
            x += w
        draw.ellipse([width - 320, 80, width - 180, 220], fill=(255, 220, 120))
        if label:
            font = demo_font(size=72)
            left, top, right, bottom = draw.textbbox((90, 80), label, font=font)
            draw.rectangle([60, 60, right + 30, bottom + 24], fill=(255, 255, 255))
            draw.text((90, 80), label, font=font, fill=dark)
        buffer = io.BytesIO()
        picture.save(buffer, format="JPEG", quality=82)
        filename = f"demo-{title.lower().replace(' ', '-')[:40]}.jpg"
        image = Image(
            title=title,
            file=ImageFile(buffer, name=filename),
            credit=credit or "Quartiersprojekt (Demo)",
            description=label or title,
        )
        image.save()
        self.count("images", created=True)
        return image

    def progress_bar(self, iterable, *, desc: str, total: int | None = None):
        return tqdm(
            iterable,
            desc=desc,
            total=total,
            file=self.stdout._out,
            disable=not self.progress,
            leave=False,
        )


def seed(demo: Demo) -> None:
    """Site settings, quarters and the demo accounts."""
    site = Site.objects.get(is_default_site=True)
    # The demo is reached at BASE_URL (`make demo PORT=…` sets it), and so
    # are the links its mails, feeds and QR codes hand out.
    site.hostname, site.port = base_url_host_port()
    site.site_name = "Quartiersportal"
    site.save()

    organisation = OrganisationSettings.for_site(site)
    if not organisation.street:
        organisation.name = "Quartiersprojekt Stern · Drewitz · Schlaatz"
        organisation.street = "Galileistraße 37"
        organisation.postal_code = "14480"
        organisation.city = "Potsdam"
        organisation.phone = "0331 555 0100"
        organisation.email = "kontakt@quartiersportal.example"
        organisation.save()
    MapSettings.for_site(site)

    _seed_quarters(demo, Quarter)
    _seed_accounts(demo)


QUARTERS = [
    {
        "slug": "stern",
        "name": "Stern",
        "en": "Stern",
        "sort_order": 1,
        "latitude": 52.3745,
        "longitude": 13.1235,
        "boundary": [
            [52.3815, 13.1100],
            [52.3820, 13.1370],
            [52.3680, 13.1390],
            [52.3670, 13.1110],
        ],
        "portrait": "Das Sternviertel ist der größte Plattenbau-Stadtteil Potsdams: "
        "viel Grün, der Stern-Center als Treffpunkt und eine Anlaufstelle mit "
        "PC-Café direkt am Johannes-Kepler-Platz.",
        "portrait_en": "Stern is Potsdam's largest prefab-housing quarter: plenty "
        "of green, the Stern-Center as a meeting point and a contact point with "
        "a PC-Café right on Johannes-Kepler-Platz.",
    },
    {
        "slug": "drewitz",
        "name": "Drewitz",
        "en": "Drewitz",
        "sort_order": 2,
        "latitude": 52.3660,
        "longitude": 13.1420,
        "boundary": [
            [52.3720, 13.1300],
            [52.3725, 13.1560],
            [52.3590, 13.1570],
            [52.3585, 13.1310],
        ],
        "portrait": "Drewitz ist die Gartenstadt im Wandel: Die Konrad-Wolf-Allee "
        "wurde zum Park, die Häuser wurden saniert, und Nachbarinnen und Nachbarn "
        "gestalten ihren Kiez mit.",
        "portrait_en": "Drewitz is a garden city in the making: Konrad-Wolf-Allee "
        "became a park, the blocks were renovated, and neighbours help shape "
        "their quarter.",
    },
    {
        "slug": "schlaatz",
        "name": "Schlaatz",
        "en": "Schlaatz",
        "sort_order": 3,
        "latitude": 52.3790,
        "longitude": 13.0870,
        "boundary": [
            [52.3860, 13.0750],
            [52.3870, 13.0990],
            [52.3720, 13.1000],
            [52.3710, 13.0760],
        ],
        "portrait": "Der Schlaatz liegt zwischen Nuthe und Havel: jung, "
        "vielsprachig und mit einem dichten Netz aus Initiativen, Werkstätten "
        "und Beratungsangeboten.",
        "portrait_en": "Schlaatz lies between the Nuthe and the Havel: young, "
        "many-languaged and with a dense network of initiatives, workshops and "
        "advice services.",
    },
    {
        "slug": "potsdam",
        "name": "Potsdam (weitere Stadtteile)",
        "en": "Potsdam (other districts)",
        "sort_order": 9,
        "latitude": 52.3906,
        "longitude": 13.0645,
        "boundary": [],
        "portrait": "",
        "portrait_en": "",
        "is_project_quarter": False,
    },
]


def _seed_quarters(demo: Demo, Quarter) -> None:
    de = demo.locales["de"]
    for data in QUARTERS:
        quarter = Quarter.objects.filter(locale=de, slug=data["slug"]).first()
        created = quarter is None
        if created:
            image = None
            if data.get("is_project_quarter", True):
                image = demo.image(f"Quartier {data['name']}", label=data["name"])
            quarter = Quarter.objects.create(
                locale=de,
                slug=data["slug"],
                name=data["name"],
                portrait=data["portrait"],
                image=image,
                is_project_quarter=data.get("is_project_quarter", True),
                sort_order=data["sort_order"],
                latitude=data["latitude"],
                longitude=data["longitude"],
                boundary=data["boundary"],
            )
        demo.count("quarters", created=created)
        demo.snippet_translation(
            quarter, "en", name=data["en"], portrait=data["portrait_en"]
        )


@transaction.atomic
def _seed_accounts(demo: Demo) -> None:
    User = get_user_model()
    groups = roles.roles_sync()
    for username, role, superuser, first_name, last_name in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "email": f"{username}@demo.quartiersportal.example",
                "first_name": first_name,
                "last_name": last_name,
                "display_name": first_name,
            },
        )
        user.is_superuser = user.is_staff = superuser
        # The demo contract: every demo account has the published password.
        user.password = demo.password_hash
        user.save()
        if role:
            user.groups.add(groups[role])
        demo.count("accounts", created=created)
