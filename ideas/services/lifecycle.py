"""An idea's life: its photo, submission, status transitions (one or in
bulk) and the official response."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.models import Collection

from .. import rules
from ..choices import (
    NOTE_REQUIRED,
    PUBLIC_STATUSES,
    TRANSITIONS,
    EventKind,
    IdeaStatus,
)
from ..models import (
    Category,
    Idea,
    IdeaEvent,
)
from .base import (
    IdeaError,
    _lock_user,
    _mail,
    _moderator_ids,
    _supporter_ids,
    _today_start,
    idea_settings,
)

PHOTO_COLLECTION = "Ideen – Fotos von Bewohnerinnen und Bewohnern"


def _photo_collection() -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=PHOTO_COLLECTION).first()
    if existing is not None:
        return existing
    return root.add_child(name=PHOTO_COLLECTION)


def idea_photo_store(*, content: bytes, title: str, user) -> "object":
    """Store an already cleaned JPEG as a Wagtail image in the collection for
    residents' photos (kept apart from the editors' library)."""
    Image = get_image_model()
    image = Image(
        title=title[:255],
        file=ContentFile(content, name="idea-photo.jpg"),
        collection=_photo_collection(),
        uploaded_by_user=user,
        credit=_("Resident of the quarter"),
    )
    image.save()
    return image


# Ideas ------------------------------------------------------------------------


def idea_submit(
    *,
    author,
    title: str,
    description: str,
    category: Category,
    quarter,
    latitude=None,
    longitude=None,
    photo: bytes | None = None,
    photo_description: str = "",
    author_can_help: bool = False,
    language: str = "de",
) -> Idea:
    """Save a resident's idea for moderation and tell the author and the
    moderators."""
    if not rules.can_submit(author):
        raise IdeaError(_("Please confirm your e-mail address before you take part."))
    limit = idea_settings().ideas_per_day
    with transaction.atomic():
        _lock_user(author)
        today = Idea.objects.filter(author=author, created_at__gte=_today_start())
        if today.count() >= limit:
            raise IdeaError(
                _("You have reached today's limit of %(limit)d ideas.")
                % {"limit": limit}
            )
        image = None
        if photo:
            image = idea_photo_store(content=photo, title=title, user=author)
        idea = Idea.objects.create(
            title=title,
            description=description,
            category=category,
            quarter=quarter,
            latitude=latitude,
            longitude=longitude,
            photo=image,
            photo_description=photo_description if image else "",
            author=author,
            author_can_help=author_can_help,
            language=language,
        )
        idea.reference = f"I-{idea.created_at.year}-{idea.pk:04d}"
        idea.save(update_fields=["reference"])
        IdeaEvent.objects.create(
            idea=idea,
            kind=EventKind.STATUS,
            actor=author,
            to_status=IdeaStatus.SUBMITTED,
        )
        _mail("submitted", idea, [author.pk])
        _mail("to_moderate", idea, _moderator_ids())
    return idea


def idea_transition(
    *,
    idea: Idea,
    actor,
    to_status: str,
    public_note: str = "",
    internal_note: str = "",
    completion_photo=None,
) -> Idea:
    """Move an idea one step in its lifecycle, log it and tell the author
    (and, once public, the supporters)."""
    if not rules.can_moderate(actor):
        raise IdeaError(_("You may not moderate ideas."))
    public_note = public_note.strip()
    with transaction.atomic():
        idea = Idea.objects.select_for_update().get(pk=idea.pk)
        from_status = idea.status
        if to_status not in TRANSITIONS.get(from_status, ()):
            raise IdeaError(
                _("An idea that is “%(from)s” cannot become “%(to)s”.")
                % {
                    "from": IdeaStatus(from_status).label,
                    "to": IdeaStatus(to_status).label
                    if to_status in IdeaStatus.values
                    else to_status,
                }
            )
        if to_status in NOTE_REQUIRED and not public_note:
            raise IdeaError(_("Please give a reason or note for this step."))
        now = timezone.now()
        idea.status = to_status
        if to_status == IdeaStatus.PUBLISHED and idea.published_at is None:
            idea.published_at = now
            weeks = idea_settings().response_due_weeks
            idea.response_due_at = timezone.localdate(now) + timedelta(weeks=weeks)
        if to_status == IdeaStatus.IMPLEMENTED:
            idea.completion_note = public_note
            if completion_photo is not None:
                idea.completion_photo = completion_photo
        idea.save()
        IdeaEvent.objects.create(
            idea=idea,
            kind=EventKind.STATUS,
            actor=actor,
            from_status=from_status,
            to_status=to_status,
            public_note=public_note,
            internal_note=internal_note.strip(),
            # A rejection reason is for the author only.
            is_public=to_status != IdeaStatus.REJECTED,
        )
        if to_status == IdeaStatus.REJECTED:
            _mail("rejected", idea, [idea.author_id])
        elif to_status == IdeaStatus.PUBLISHED and from_status == IdeaStatus.SUBMITTED:
            _mail("published", idea, [idea.author_id])
        else:
            _mail("status", idea, [idea.author_id, *_supporter_ids(idea)])
    return idea


def ideas_bulk_transition(
    *, ideas, actor, to_status: str, public_note: str = ""
) -> tuple[int, list[str]]:
    """Apply one transition to many ideas; returns (done, refused messages)."""
    done, refused = 0, []
    for idea in ideas:
        try:
            idea_transition(
                idea=idea, actor=actor, to_status=to_status, public_note=public_note
            )
        except IdeaError as error:
            refused.append(f"{idea}: {error}")
        else:
            done += 1
    return done, refused


def idea_respond(*, idea: Idea, actor, text: str) -> Idea:
    """Give or update the official response; the first one stops the clock
    of the response due date."""
    if not rules.can_respond(actor):
        raise IdeaError(_("Only editors may give official responses."))
    text = text.strip()
    if not text:
        raise IdeaError(_("The response must not be empty."))
    with transaction.atomic():
        idea = Idea.objects.select_for_update().get(pk=idea.pk)
        if idea.status not in PUBLIC_STATUSES:
            raise IdeaError(_("Only published ideas get an official response."))
        idea.response = text
        idea.response_by = actor
        if idea.responded_at is None:
            idea.responded_at = timezone.now()
        idea.save()
        IdeaEvent.objects.create(
            idea=idea, kind=EventKind.RESPONSE, actor=actor, public_note=text
        )
        _mail("response", idea, [idea.author_id, *_supporter_ids(idea)])
    return idea
