"""Demo registrations: a PC course for beginners (one registration for the
series, some places taken), the German course full with a waiting list (one
person to be called), and the PC-Café per date. The demo login
`anlaufstelle` serves the first contact point."""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Page

from events.models import EventIndexPage, EventPage

from .choices import Audience, Channel, Scope, Status
from .models import ContactPointStaff, Registration, RegistrationSettings, new_code
from .selectors import series_span, upcoming_dates

FIRST_NAMES = [
    "Amal", "Bernd", "Chiara", "Dmytro", "Elif", "Farid", "Greta", "Hanna",
    "Ilja", "Jana", "Karim", "Lena", "Mariam", "Nils", "Olena", "Paul",
    "Rania", "Sven", "Tarek", "Ute",
]  # fmt: skip


def _at(day, hour):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def seed(demo) -> None:
    index = EventIndexPage.objects.filter(locale__language_code="de").first()
    if index is None:
        return
    home_de = demo.home("de")
    points = list(
        Page.objects.filter(
            depth=home_de.depth + 1,
            path__startswith=home_de.path,
            content_type__model="contactpointpage",
        ).order_by("path")
    )
    stern = points[0] if points else None
    today = timezone.localdate()
    monday = today + timedelta(days=7 - today.weekday())
    pc_course = demo.page(
        index,
        EventPage,
        slug="pc-grundkurs",
        kind="events",
        title="PC-Grundkurs für Einsteiger",
        teaser="Maus, Tastatur, E-Mail und Online-Bewerbung: sechs Termine in "
        "kleiner Gruppe, mit Kinderbetreuung.",
        contact_point=stern,
        start=_at(monday, 10),
        end=_at(monday, 12),
        repeat="weekly",
        repeat_weekdays=[0, 2],
        repeat_count=6,
        registration="required",
        capacity=8,
        childcare=True,
        languages=["de", "ar", "uk"],
    )
    demo.translation(
        pc_course, "en", kind="events", slug="pc-course-beginners",
        title="PC course for beginners",
        teaser="Mouse, keyboard, e-mail and applying online: six dates in a "
        "small group, with childcare.",
    )  # fmt: skip
    # Arabic: the events section and the PC course (the browser journey).
    demo.translation(index, "ar", kind="pages", slug="events", title="الفعاليات")
    demo.translation(
        pc_course, "ar", kind="events", slug="pc-course-beginners",
        title="دورة الحاسوب للمبتدئين",
        teaser="الفأرة ولوحة المفاتيح والبريد الإلكتروني والتقديم عبر الإنترنت: "
        "ستة مواعيد في مجموعة صغيرة مع رعاية للأطفال.",
    )  # fmt: skip

    def settings_for(slug, **fields):
        event = EventPage.objects.filter(slug=slug, locale__language_code="de").first()
        if event is None:
            return None
        found, created = RegistrationSettings.objects.get_or_create(
            event=event, defaults=fields
        )
        demo.count("course registrations", created=created)
        return found if created else None

    questions = ["language", "childcare", "accessibility", "free_text"]
    names = iter(FIRST_NAMES * 3)

    def register(found, count, *, status=Status.CONFIRMED, when=None, **extra):
        start, end = when or series_span(event=found.event)
        for number in range(count):
            name = next(names)
            phone_only = number % 3 == 2
            Registration.objects.create(
                settings=found,
                starts_at=start,
                ends_at=end,
                status=status,
                channel=Channel.COUNTER if phone_only else Channel.ONLINE,
                code=new_code(),
                name=f"{name} {chr(65 + number)}.",
                email="" if phone_only else f"{name.lower()}@example.org",
                phone=f"0331 {200000 + number * 137}" if phone_only else "",
                language="de",
                **extra,
            )

    pc = settings_for(
        "pc-grundkurs", capacity=8, scope=Scope.SERIES, questions=questions
    )
    if pc:
        register(pc, 5)
    german = settings_for(
        "deutsch-fuer-den-beruf",
        capacity=15,
        scope=Scope.SERIES,
        audience=Audience.ANYONE,
        questions=questions,
    )
    if german:
        register(german, 14)
        register(
            german,
            1,
            status=Status.OFFERED,
            offered_until=timezone.now() + timedelta(hours=30),
            needs_call=True,
        )
        register(german, 3, status=Status.WAITING)
    if stern is not None:
        cafe = settings_for(
            f"pc-cafe-{stern.slug}",
            capacity=6,
            scope=Scope.PER_DATE,
            questions=["language"],
        )
        if cafe:
            for number, date in enumerate(upcoming_dates(event=cafe.event, limit=4)):
                register(cafe, [6, 3, 1, 0][number], when=(date.start, date.end))
            first = upcoming_dates(event=cafe.event, limit=1)
            if first:
                register(
                    cafe, 2, status=Status.WAITING, when=(first[0].start, first[0].end)
                )
        staff = get_user_model().objects.filter(username="anlaufstelle").first()
        if staff is not None:
            _assignment, created = ContactPointStaff.objects.get_or_create(
                user=staff, contact_point=stern
            )
            demo.count("contact-point staff", created=created)
