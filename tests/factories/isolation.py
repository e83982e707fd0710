"""A small site in which every role has something the others must not read:
two firms, each with a draft company profile in German and English, an
unpublished vacancy, a private image and a private document; unmoderated
ideas, a hidden comment, a report, an offer of help, a code sheet and a
resident's photo. Every secret is an ASCII token (HTML and JSON escaping
leave it alone), so a response leaks it exactly when the token is in it.

Built with the project's own role helpers: `portal.roles.roles_sync()`,
`directory.services.firm_access_sync()` and the staff factories.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import factory
from django.core.files.base import ContentFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.models import Collection, Locale, Page

from directory import services as directory_services
from ideas.models import Pledge, Report
from ideas.services import lifecycle
from portal import roles
from residents.models import ParticipationCode, ParticipationCodeBatch

from .courses import (
    CourseEventFactory,
    RegistrationFactory,
    RegistrationSettingsFactory,
)
from .directory import CompanyPageFactory, DirectoryIndexPageFactory, VacancyPageFactory
from .economy import EnquiryFactory
from .events import EventIndexPageFactory
from .home import translate_page
from .ideas import (
    CommentFactory,
    IdeaFactory,
    ResidentFactory,
    StaffFactory,
    editor_create,
    moderator_create,
)
from .portal import ImageFactory

ROLES = ("firm_a", "firm_b", "adviser", "moderator", "editor")
#: A word every secret title and text also has, so a search finds them all
#: without the query (which search pages echo) being a secret itself.
SEARCH_WORD = "Geheimnis"


@dataclass
class Firm:
    key: str
    user: object
    company: Page
    company_en: Page
    vacancy: Page
    image: object
    document: object
    collection: Collection
    #: Tokens nobody but this firm and the editors may read.
    secrets: dict[str, str] = field(default_factory=dict)

    @property
    def pages(self) -> list[Page]:
        return [self.company, self.company_en, self.vacancy]


@dataclass
class World:
    firms: dict[str, Firm]
    users: dict[str, object]
    #: model label -> objects whose content is private
    objects: dict[str, list]
    #: Tokens of unmoderated or private idea-board content.
    idea_secrets: dict[str, str]
    #: Tokens of what only contact-point staff and business advisers read:
    #: course registrations and settlement enquiries (no role of the matrix).
    desk_secrets: dict[str, str]
    photo: object
    ideas: dict[str, object]

    def forbidden(self, role: str) -> dict[str, str]:
        """The tokens `role` must never read, token -> what it is."""
        firm_secrets = {
            token: what
            for firm in self.firms.values()
            if role != f"firm_{firm.key}"
            for token, what in firm.secrets.items()
        }
        if role == "editor":
            return {}
        if role == "moderator":
            return firm_secrets | self.desk_secrets
        return firm_secrets | self.idea_secrets | self.desk_secrets


def _jpeg(name: str) -> ContentFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), (30, 120, 80)).save(buffer, format="JPEG")
    return ContentFile(buffer.getvalue(), name=name)


def _firm(key: str, index: Page, firms_group) -> Firm:
    company = CompanyPageFactory(
        parent=index, title=f"Firma {key.upper()}", slug=f"firma-{key}"
    )
    company_en = translate_page(company, title=f"Company {key.upper()}")
    # Drafts the firm is still working on: not published, not for the others.
    company.title = f"{key}draftzq {SEARCH_WORD}"
    company.save_revision()
    company_en.title = f"{key}endraftzq {SEARCH_WORD}"
    company_en.save_revision()
    vacancy = VacancyPageFactory(
        parent=company,
        title=f"{key}vacancyzq {SEARCH_WORD}",
        slug=f"stelle-{key}",
        live=False,
        publish=False,
    )
    group = directory_services.firm_access_sync(company=company)
    user = StaffFactory(username=f"firma-{key}")
    user.groups.add(group, firms_group)
    collection = Collection.objects.get(name=group.name)
    image = ImageFactory(
        title=f"{key}imagezq {SEARCH_WORD}",
        collection=collection,
        file=factory.django.ImageField(filename=f"{key}imagefilezq.jpg", width=40),
    )
    document = get_document_model().objects.create(
        title=f"{key}documentzq {SEARCH_WORD}",
        collection=collection,
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name=f"{key}docfilezq.pdf"),
    )
    secrets = {
        f"{key}draftzq": "draft title",
        f"{key}endraftzq": "draft title of the translation",
        f"{key}vacancyzq": "unpublished vacancy",
        f"{key}imagezq": "private image title",
        f"{key}imagefilezq": "private image file name",
        f"{key}documentzq": "private document title",
        f"{key}docfilezq": "private document file name",
    }
    return Firm(
        key=key,
        user=user,
        company=company,
        company_en=company_en,
        vacancy=vacancy,
        image=image,
        document=document,
        collection=collection,
        secrets=secrets,
    )


def world_build() -> World:
    groups = roles.roles_sync()
    home = Page.objects.get(depth=2, locale=Locale.get_default())
    index = DirectoryIndexPageFactory(parent=home)
    directory_services.firm_workflow_ensure()
    translate_page(index, title="Companies", slug="companies")
    firms = {key: _firm(key, index, groups[roles.FIRMS]) for key in ("a", "b")}

    author = ResidentFactory(display_name="Ideengeberin")
    resident = ResidentFactory(display_name="Nachbarin")
    photo = lifecycle.idea_photo_store(
        content=_jpeg("x.jpg").read(), title=f"iotaphotozq {SEARCH_WORD}", user=author
    )
    submitted = IdeaFactory(
        author=author,
        status="submitted",
        title=f"gammaideazq {SEARCH_WORD}",
        description=f"gammatextzq {SEARCH_WORD}",
        photo=photo,
    )
    rejected = IdeaFactory(
        author=author, status="rejected", title=f"deltaideazq {SEARCH_WORD}"
    )
    published = IdeaFactory(author=author, title="Öffentliche Idee")
    comment = CommentFactory(
        idea=published,
        author=resident,
        text=f"epsiloncommentzq {SEARCH_WORD}",
        is_hidden=True,
    )
    report = Report.objects.create(
        reporter=resident,
        idea=published,
        comment=comment,
        reason="spam",
        note=f"zetareportzq {SEARCH_WORD}",
    )
    pledge = Pledge.objects.create(
        idea=published, user=resident, message=f"etapledgezq {SEARCH_WORD}"
    )
    batch = ParticipationCodeBatch.objects.create(label=f"thetasheetzq {SEARCH_WORD}")
    ParticipationCode.objects.create(batch=batch, code="THETACODEZQ")
    photo_stem = photo.file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    idea_secrets = {
        "gammaideazq": "title of a submitted idea",
        "gammatextzq": "description of a submitted idea",
        "deltaideazq": "title of a rejected idea",
        "epsiloncommentzq": "hidden comment",
        "zetareportzq": "report note",
        "etapledgezq": "offer of help",
        "thetasheetzq": "participation code sheet",
        "thetacodezq": "participation code",
        "iotaphotozq": "resident's photo title",
        photo_stem.lower(): "resident's photo file name",
    }
    course = CourseEventFactory(parent=EventIndexPageFactory(parent=home))
    registration = RegistrationFactory(
        settings=RegistrationSettingsFactory(event=course),
        name=f"kapparegistrationzq {SEARCH_WORD}",
        email="kappamailzq@example.org",
    )
    enquiry = EnquiryFactory(
        name=f"lambdaenquiryzq {SEARCH_WORD}",
        business=f"lambdabusinesszq {SEARCH_WORD}",
    )
    desk_secrets = {
        "kapparegistrationzq": "name of a course participant",
        "kappamailzq": "address of a course participant",
        "lambdaenquiryzq": "name of a founder's enquiry",
        "lambdabusinesszq": "business of a founder's enquiry",
    }
    users = {f"firm_{key}": firm.user for key, firm in firms.items()}
    users |= {
        "adviser": StaffFactory(role=roles.ADVISERS, username="beraterin"),
        "moderator": moderator_create(username="moderator"),
        "editor": editor_create(username="editor"),
    }
    objects = {
        "wagtailcore.page": [p for firm in firms.values() for p in firm.pages],
        "portal.customimage": [firm.image for firm in firms.values()] + [photo],
        "wagtaildocs.document": [firm.document for firm in firms.values()],
        "ideas.idea": [submitted, rejected],
        "ideas.comment": [comment],
        "ideas.report": [report],
        "ideas.pledge": [pledge],
        "residents.participationcodebatch": [batch],
        "courses.registration": [registration],
        "economy.enquiry": [enquiry],
    }
    return World(
        firms=firms,
        users=users,
        objects=objects,
        idea_secrets=idea_secrets,
        desk_secrets=desk_secrets,
        photo=photo,
        ideas={"submitted": submitted, "rejected": rejected, "published": published},
    )
