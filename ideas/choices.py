"""Fixed vocabularies of the idea board (not editable in the admin)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class IdeaStatus(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("idea status", "Submitted")
    PUBLISHED = "published", pgettext_lazy("idea status", "Published")
    IN_REVIEW = "in_review", pgettext_lazy("idea status", "In review")
    PLANNED = "planned", pgettext_lazy("idea status", "Planned")
    IMPLEMENTED = "implemented", pgettext_lazy("idea status", "Implemented")
    DECLINED = "declined", pgettext_lazy("idea status", "Declined")
    REJECTED = "rejected", pgettext_lazy("idea status", "Rejected")


#: Statuses in which an idea is visible to the public.
PUBLIC_STATUSES = (
    IdeaStatus.PUBLISHED,
    IdeaStatus.IN_REVIEW,
    IdeaStatus.PLANNED,
    IdeaStatus.IMPLEMENTED,
    IdeaStatus.DECLINED,
)

#: Statuses in which residents may still support an idea.
SUPPORTABLE_STATUSES = (IdeaStatus.PUBLISHED, IdeaStatus.IN_REVIEW)

#: Statuses in which residents may offer help ("Ich helfe mit").
PLEDGEABLE_STATUSES = (IdeaStatus.PUBLISHED, IdeaStatus.IN_REVIEW, IdeaStatus.PLANNED)

#: Allowed moves of the lifecycle; every other move is refused.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    IdeaStatus.SUBMITTED: (IdeaStatus.PUBLISHED, IdeaStatus.REJECTED),
    IdeaStatus.PUBLISHED: (IdeaStatus.IN_REVIEW, IdeaStatus.DECLINED),
    IdeaStatus.IN_REVIEW: (
        IdeaStatus.PLANNED,
        IdeaStatus.DECLINED,
        IdeaStatus.PUBLISHED,
    ),
    IdeaStatus.PLANNED: (IdeaStatus.IMPLEMENTED, IdeaStatus.DECLINED),
    IdeaStatus.IMPLEMENTED: (),
    IdeaStatus.DECLINED: (),
    IdeaStatus.REJECTED: (),
}

#: Moves that need a text for the public (or, for rejections, the author).
NOTE_REQUIRED = (IdeaStatus.REJECTED, IdeaStatus.DECLINED, IdeaStatus.IMPLEMENTED)

#: Order of the moderation queue: what waits for a decision comes first.
QUEUE_ORDER = (
    IdeaStatus.SUBMITTED,
    IdeaStatus.PUBLISHED,
    IdeaStatus.IN_REVIEW,
    IdeaStatus.PLANNED,
    IdeaStatus.IMPLEMENTED,
    IdeaStatus.DECLINED,
    IdeaStatus.REJECTED,
)


class EventKind(models.TextChoices):
    STATUS = "status", _("Status changed")
    RESPONSE = "response", _("Official response")
    HIDDEN = "hidden", _("Hidden")
    RESTORED = "restored", _("Restored")


class ReportReason(models.TextChoices):
    SPAM = "spam", _("Spam or advertising")
    OFFENSIVE = "offensive", _("Offensive or hateful")
    OTHER = "other", _("Something else")


class BoardSort(models.TextChoices):
    NEWEST = "newest", _("Newest")
    SUPPORTED = "supported", _("Most supported")
    DISCUSSED = "discussed", _("Most discussed")
    RANDOM = "random", _("Random")
