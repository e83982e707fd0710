"""Demo content of the idea board: categories, the board page in German and
English, demo residents with verified addresses, about 60 ideas (times
--scale) in every status with supports, comments, offers of help and
official responses, and a sheet of participation codes."""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from portal.models import Quarter
from residents.models import ParticipationCode, ParticipationCodeBatch
from residents.services import code_generate

from .choices import PUBLIC_STATUSES, IdeaStatus
from .models import Category, Comment, Idea, IdeaBoardPage, IdeaEvent, Pledge, Support

CATEGORIES = [
    ("gaertnern", "Urbanes Gärtnern", "Urban gardening"),
    ("spielplaetze", "Spielplätze", "Playgrounds"),
    ("gruen", "Grünflächen", "Green spaces"),
    ("wege", "Wege und Verkehr", "Paths and traffic"),
    ("treffpunkte", "Treffpunkte", "Meeting places"),
    ("sauberkeit", "Sauberkeit", "Cleanliness"),
]

RESIDENTS = [
    "Sonnenblume",
    "Kiezläufer",
    "Oma Ilse",
    "Radfahrerin",
    "Nachbar aus der 26",
    "Gartenfee",
    "Skater Jo",
    "Leyla",
    "Mama von drei",
    "Havelblick",
    "Schachfreund",
    "Nuthe-Spaziergänger",
]

IDEAS = [
    (
        "gaertnern",
        "Hochbeete am Johannes-Kepler-Platz",
        "Auf der Wiese neben dem Stern-Center ist viel Platz. Mit vier bis "
        "sechs Hochbeeten könnten Nachbarinnen und Nachbarn gemeinsam Kräuter "
        "und Gemüse ziehen.\n\nDie Anlaufstelle könnte Werkzeug verleihen, "
        "Wasser gibt es vom Hausmeister.",
    ),
    (
        "spielplaetze",
        "Schattensegel für den Spielplatz",
        "Im Sommer ist der Spielplatz mittags zu heiß. Ein Sonnensegel über "
        "dem Sandkasten würde Kindern und Eltern helfen.",
    ),
    (
        "gruen",
        "Blühwiese statt Rasen",
        "Ein Teil des Rasens könnte seltener gemäht werden und als Blühwiese "
        "Insekten helfen. Ein kleines Schild erklärt, warum.",
    ),
    (
        "wege",
        "Sichere Querung zur Schule",
        "Viele Kinder queren die Straße ohne Ampel. Ein Zebrastreifen oder "
        "eine Mittelinsel würde den Schulweg sicherer machen.",
    ),
    (
        "treffpunkte",
        "Bänke und Tische im Innenhof",
        "Im Innenhof fehlt ein Ort zum Sitzen. Ein paar Bänke und ein Tisch "
        "würden Begegnungen zwischen Jung und Alt ermöglichen.",
    ),
    (
        "sauberkeit",
        "Mehr Mülleimer am Weg zur Tram",
        "Auf dem Weg zur Haltestelle gibt es kaum Mülleimer, deshalb liegt "
        "viel auf dem Boden. Drei zusätzliche Eimer würden helfen.",
    ),
    (
        "gaertnern",
        "Gemeinschaftsgarten mit Kompost",
        "Ein Garten, in dem jede Hausgemeinschaft ein Beet pflegt, mit einem "
        "gemeinsamen Komposthaufen und Regentonnen.",
    ),
    (
        "spielplaetze",
        "Bolzplatz mit neuen Toren",
        "Die alten Tore sind kaputt. Neue Tore und ein Ballfangzaun würden "
        "den Platz wieder nutzbar machen.",
    ),
    (
        "treffpunkte",
        "Bücherschrank an der Haltestelle",
        "Ein offener Bücherschrank zum Tauschen – die Selbsthilfewerkstatt "
        "könnte ihn aus einer alten Telefonzelle bauen.",
    ),
    (
        "gruen",
        "Obstbäume für alle",
        "Apfel- und Kirschbäume entlang des Grünzugs, deren Früchte alle "
        "ernten dürfen. Siehe auch https://mundraub.org als Beispiel.",
    ),
    (
        "wege",
        "Fahrradbügel vor dem Einkaufszentrum",
        "Vor dem Eingang fehlen sichere Fahrradständer. Zehn Bügel würden reichen.",
    ),
    (
        "treffpunkte",
        "Sommerkino im Park",
        "Einmal im Monat ein Film unter freiem Himmel, mit Untertiteln in "
        "mehreren Sprachen.",
    ),
]

STATUS_PLAN = (
    ["submitted"] * 8
    + ["published"] * 18
    + ["in_review"] * 10
    + ["planned"] * 8
    + ["implemented"] * 6
    + ["declined"] * 5
    + ["rejected"] * 5
)

COMMENTS = [
    "Tolle Idee, da mache ich mit!",
    "Wer würde sich im Winter darum kümmern?",
    "Das fehlt hier wirklich schon lange.",
    "Vielleicht kann die Wohnungsgesellschaft das unterstützen?",
    "Ich wohne direkt daneben und fände das super.",
    "Bitte an Barrierefreiheit denken.",
]
REPLIES = [
    "Gute Frage – wir könnten einen Plan machen.",
    "Stimmt, das sollten wir mitdenken.",
]
RESPONSES = {
    "in_review": "Vielen Dank! Das Grünflächenamt prüft die Idee und meldet "
    "sich bis zum nächsten Quartalstreffen.",
    "planned": "Die Idee ist für das nächste Frühjahr eingeplant; die "
    "Umsetzung übernimmt die Wohnungsgesellschaft gemeinsam mit dem Quartiersprojekt.",
    "implemented": "Erledigt – danke an alle, die mitgeholfen haben!",
    "declined": "Leider liegt die Fläche nicht im öffentlichen Raum; wir "
    "suchen mit Ihnen nach einem anderen Ort.",
    "published": "Danke für den Vorschlag! Wir sammeln noch Rückmeldungen.",
}
PLEDGES = [
    "Ich kann am Wochenende gießen.",
    "Ich habe Werkzeug und helfe beim Aufbau.",
    "Ich kann Flyer verteilen.",
    "Ich übersetze ins Arabische.",
]


def seed(demo) -> None:
    categories = _seed_categories(demo, Category)
    _seed_board(demo)
    residents = _seed_residents(demo, EmailAddress)
    quarters = {
        q.slug: q
        for q in Quarter.objects.filter(locale=demo.locales["de"]).order_by(
            "sort_order"
        )
    }
    if not quarters:
        return
    _seed_ideas(demo, categories, quarters, residents)
    _seed_codes(demo)


def _seed_categories(demo, Category) -> dict:
    de = demo.locales["de"]
    result = {}
    for order, (slug, name_de, name_en) in enumerate(CATEGORIES):
        category = Category.objects.filter(locale=de, slug=slug).first()
        created = category is None
        if created:
            category = Category.objects.create(
                locale=de, slug=slug, name=name_de, sort_order=order
            )
        demo.count("idea categories", created=created)
        demo.snippet_translation(category, "en", name=name_en)
        result[slug] = category
    return result


def _seed_board(demo) -> None:
    board = demo.page(
        demo.home("de"),
        IdeaBoardPage,
        slug="ideen",
        kind="pages",
        title="Ideencenter",
        show_in_menus=True,
        intro="Was soll sich in Stern, Drewitz und Schlaatz ändern? Schlagen "
        "Sie Ideen vor, unterstützen Sie andere und diskutieren Sie mit. Jede "
        "Idee wird vor der Veröffentlichung geprüft und bekommt eine "
        "offizielle Antwort.",
    )
    demo.translation(
        board,
        "en",
        kind="pages",
        title="Idea centre",
        slug="ideas",
        intro="What should change in Stern, Drewitz and Schlaatz? Propose "
        "ideas, support others and join the discussion. Every idea is checked "
        "before it is published and gets an official response.",
    )


@transaction.atomic
def _seed_residents(demo, EmailAddress) -> list:
    User = get_user_model()
    wanted = len(RESIDENTS) * demo.scale
    residents = []
    for i in range(wanted):
        username = f"nachbar-{i + 1:03d}"
        name = RESIDENTS[i % len(RESIDENTS)]
        if i >= len(RESIDENTS):
            name = f"{name} {i // len(RESIDENTS) + 1}"
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "email": f"{username}@demo.quartiersportal.example",
                "display_name": name,
            },
        )
        if created:
            user.password = demo.password_hash
            user.save(update_fields=["password"])
        _verify(EmailAddress, user)
        demo.count("demo residents", created=created)
        residents.append(user)
    bewohner = User.objects.filter(username="bewohner").first()
    if bewohner is not None:
        _verify(EmailAddress, bewohner)
        residents.append(bewohner)
    return residents


def _verify(EmailAddress, user) -> None:
    EmailAddress.objects.update_or_create(
        user=user,
        email=user.email,
        defaults={"verified": True, "primary": True},
    )


def _point_in(demo, quarter):
    corners = quarter.boundary
    if not corners:
        return None, None
    lats = [c[0] for c in corners]
    lngs = [c[1] for c in corners]
    for _attempt in range(20):
        lat = demo.rng.uniform(min(lats), max(lats))
        lng = demo.rng.uniform(min(lngs), max(lngs))
        if quarter.contains(lat, lng):
            return round(lat, 6), round(lng, 6)
    return None, None


@transaction.atomic
def _seed_ideas(demo, categories, quarters, residents) -> None:
    User = get_user_model()
    editor = User.objects.filter(username="editor").first()
    moderator = User.objects.filter(username="moderator").first() or editor
    bewohner = User.objects.filter(username="bewohner").first()
    project_quarters = [q for q in quarters.values() if q.is_project_quarter]
    other = quarters.get("potsdam")
    now = timezone.now()
    total = len(STATUS_PLAN) * demo.scale
    photos_left = 6
    supports = []
    for n in demo.progress_bar(range(total), desc="ideas", total=total):
        slug, base_title, description = IDEAS[n % len(IDEAS)]
        quarter = project_quarters[(n // len(IDEAS)) % len(project_quarters)]
        if other is not None and n % 11 == 10:
            quarter = other
        title = f"{base_title} ({quarter.name})"
        if n >= len(IDEAS) * len(project_quarters):
            title = f"{title} #{n + 1}"
        title = title[:120]
        if Idea.objects.filter(title=title).exists():
            demo.count("ideas", created=False)
            continue
        status = STATUS_PLAN[n % len(STATUS_PLAN)]
        author = residents[n % len(residents)]
        if bewohner is not None and n in (3, 5):
            author = bewohner
        lat, lng = (None, None)
        if n % 5 != 4:
            lat, lng = _point_in(demo, quarter)
        photo = None
        if photos_left and n % 9 == 0:
            photo = demo.image(f"Idee {base_title}", label=base_title[:18])
            photos_left -= 1
        created = now - timedelta(days=demo.rng.randint(3, 170))
        idea = Idea.objects.create(
            title=title,
            description=description,
            category=categories[slug],
            quarter=quarter,
            latitude=lat,
            longitude=lng,
            photo=photo,
            photo_description=f"Skizze: {base_title}" if photo else "",
            author=author,
            author_can_help=n % 3 == 0,
            language="de",
        )
        reference = f"I-{created.year}-{idea.pk:04d}"
        fields = {"created_at": created, "reference": reference, "status": status}
        events = [
            IdeaEvent(
                idea=idea,
                kind="status",
                actor=author,
                to_status=IdeaStatus.SUBMITTED,
            )
        ]
        stamps = [created]
        if status != IdeaStatus.SUBMITTED:
            decided = created + timedelta(days=demo.rng.randint(1, 3))
            first = (
                IdeaStatus.REJECTED
                if status == IdeaStatus.REJECTED
                else IdeaStatus.PUBLISHED
            )
            events.append(
                IdeaEvent(
                    idea=idea,
                    kind="status",
                    actor=moderator,
                    from_status=IdeaStatus.SUBMITTED,
                    to_status=first,
                    public_note="Die Idee betrifft private Flächen und kann "
                    "hier nicht veröffentlicht werden."
                    if first == IdeaStatus.REJECTED
                    else "",
                    is_public=first != IdeaStatus.REJECTED,
                )
            )
            stamps.append(decided)
            if first == IdeaStatus.PUBLISHED:
                fields["published_at"] = decided
                fields["response_due_at"] = timezone.localdate(decided) + timedelta(
                    weeks=8
                )
        path = {
            "in_review": ["in_review"],
            "planned": ["in_review", "planned"],
            "implemented": ["in_review", "planned", "implemented"],
            "declined": ["in_review", "declined"],
        }.get(status, [])
        previous = IdeaStatus.PUBLISHED
        moment = stamps[-1]
        for step in path:
            moment = moment + timedelta(days=demo.rng.randint(5, 20))
            note = ""
            if step == "declined":
                note = RESPONSES["declined"]
            if step == "implemented":
                note = "Im Herbst gemeinsam umgesetzt – danke an alle Helfenden!"
                fields["completion_note"] = note
            events.append(
                IdeaEvent(
                    idea=idea,
                    kind="status",
                    actor=moderator,
                    from_status=previous,
                    to_status=step,
                    public_note=note,
                )
            )
            stamps.append(moment)
            previous = step
        if (
            status in RESPONSES
            and editor is not None
            and (status != "published" or n % 3 == 0)
        ):
            answered = fields["published_at"] + timedelta(days=demo.rng.randint(5, 70))
            answered = min(answered, now)
            fields.update(
                response=RESPONSES[status], responded_at=answered, response_by=editor
            )
            events.append(
                IdeaEvent(
                    idea=idea,
                    kind="response",
                    actor=editor,
                    public_note=RESPONSES[status],
                )
            )
            stamps.append(answered)
        Idea.objects.filter(pk=idea.pk).update(**fields)
        saved = IdeaEvent.objects.bulk_create(events)
        for event, stamp in zip(saved, stamps, strict=False):
            IdeaEvent.objects.filter(pk=event.pk).update(created_at=min(stamp, now))
        demo.count("ideas", created=True)

        if status not in PUBLIC_STATUSES:
            continue
        others = [r for r in residents if r.pk != author.pk]
        backers = demo.rng.sample(others, demo.rng.randint(0, min(len(others), 14)))
        start = fields.get("published_at") or created
        for backer in backers:
            span = max(int((now - start).total_seconds()), 1)
            supports.append(
                (
                    Support(idea=idea, user=backer),
                    start + timedelta(seconds=demo.rng.randint(0, span)),
                )
            )
        for k in range(demo.rng.randint(0, 4)):
            writer = demo.rng.choice(others)
            comment = Comment.objects.create(
                idea=idea, author=writer, text=COMMENTS[(n + k) % len(COMMENTS)]
            )
            if k == 0 and n % 2 == 0:
                Comment.objects.create(
                    idea=idea,
                    parent=comment,
                    author=author,
                    text=REPLIES[n % len(REPLIES)],
                )
        if editor is not None and n % 7 == 0:
            Comment.objects.create(
                idea=idea,
                author=editor,
                is_official=True,
                text="Das Quartiersmanagement nimmt die Idee ins nächste "
                "Stadtteilgespräch mit.",
            )
        if status in ("published", "in_review", "planned"):
            for k in range(demo.rng.randint(0, 3)):
                helper = others[(n + k) % len(others)]
                Pledge.objects.get_or_create(
                    idea=idea,
                    user=helper,
                    defaults={
                        "message": PLEDGES[(n + k) % len(PLEDGES)],
                        "share_email": k % 2 == 0,
                    },
                )
    created_supports = Support.objects.bulk_create(
        [support for support, _when in supports], ignore_conflicts=False
    )
    for support, (_row, when) in zip(created_supports, supports, strict=True):
        Support.objects.filter(pk=support.pk).update(created_at=when)
    demo.created["supports"] += len(created_supports)


def _seed_codes(demo) -> None:
    label = "Anlaufstelle Stern (Demo)"
    batch = ParticipationCodeBatch.objects.filter(label=label).first()
    created = batch is None
    if created:
        batch = ParticipationCodeBatch.objects.create(label=label)
        ParticipationCode.objects.bulk_create(
            ParticipationCode(batch=batch, code=code_generate()) for _i in range(10)
        )
    demo.count("participation code sheets", created=created)
