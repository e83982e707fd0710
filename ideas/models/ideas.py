from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from portal.models import OrderedTerm

from ..choices import (
    PUBLIC_STATUSES,
    EventKind,
    IdeaStatus,
    ReportReason,
)

TITLE_MAX = 120
DESCRIPTION_MAX = 5000
COMMENT_MAX = 2000
FORMER_MEMBER = _("former member")


def person_name(user, *, staff: bool = False) -> str:
    """How the portal names a person it stores as an actor or author.

    The person may have deleted their account (the foreign key is then
    None): every screen, public or admin, shows "former member" instead.
    Staff screens prefer the full name, which residents never see."""
    if user is None:
        return str(FORMER_MEMBER)
    if staff:
        return user.get_full_name() or user.public_name
    return user.public_name


class Category(OrderedTerm):
    """What an idea is about (urban gardening, playgrounds, green spaces …).
    Editors keep the list; each language has its own name."""

    class Meta(OrderedTerm.Meta):
        verbose_name = _("idea category")
        verbose_name_plural = _("idea categories")


class Idea(index.Indexed, models.Model):
    """A resident's proposal for their quarter. Residents submit it from the
    board; moderators publish or reject it and move it through the lifecycle
    in the Wagtail admin; editors give the official response."""

    reference = models.CharField(
        _("reference number"), max_length=20, unique=True, null=True, blank=True
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    description = models.TextField(_("description"), max_length=DESCRIPTION_MAX)
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="ideas",
    )
    quarter = models.ForeignKey(
        "portal.Quarter",
        verbose_name=_("quarter"),
        on_delete=models.PROTECT,
        related_name="ideas",
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    photo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photo_description = models.CharField(
        _("photo description"), max_length=200, blank=True
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ideas",
    )
    author_can_help = models.BooleanField(_("the author can help"), default=False)
    language = models.CharField(
        _("language"), max_length=10, default=settings.LANGUAGE_CODE
    )

    status = models.CharField(
        _("status"),
        max_length=20,
        choices=IdeaStatus.choices,
        default=IdeaStatus.SUBMITTED,
        db_index=True,
    )
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    response_due_at = models.DateField(_("response due"), null=True, blank=True)

    response = models.TextField(_("official response"), blank=True)
    responded_at = models.DateTimeField(
        _("first official response"), null=True, blank=True
    )
    response_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("response by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    completion_note = models.TextField(_("completion note"), blank=True)
    completion_photo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("completion photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    is_hidden = models.BooleanField(_("hidden"), default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    moderated_at = models.DateTimeField(
        _("reports last decided"), null=True, blank=True
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("category"),
        FieldPanel("quarter"),
        FieldPanel("latitude"),
        FieldPanel("longitude"),
        FieldPanel("photo"),
        FieldPanel("photo_description"),
    ]

    # Every idea is indexed: moderators search the queue and the choosers
    # through the backend; the site search (ideas.search) asks it for public
    # ideas only, filtering on status and is_hidden.
    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("description"),
        index.SearchField("response"),
        index.AutocompleteField("title"),
        index.FilterField("status"),
        index.FilterField("is_hidden"),
    ]

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        ordering = ["-created_at"]
        permissions = [
            ("moderate_idea", _("Can moderate ideas, comments and reports")),
            ("respond_idea", _("Can give official responses to ideas")),
        ]
        indexes = [models.Index(fields=["status", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="ideas_idea_point_complete",
            ),
            models.CheckConstraint(
                condition=Q(status__in=IdeaStatus.values),
                name="ideas_idea_status_valid",
            ),
        ]

    def __str__(self):
        if self.reference:
            return f"{self.reference} {self.title}"
        return self.title

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES and not self.is_hidden

    @property
    def author_name(self) -> str:
        """The author's public display name, or "former member"."""
        return person_name(self.author)

    @property
    def author_helps(self) -> bool:
        """The author offered to help, and is still a member to do so."""
        return self.author_can_help and self.author_id is not None

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class IdeaEvent(models.Model):
    """One entry of an idea's log: a status change, an official response, a
    hiding or restoring. Public entries form the idea's timeline; the
    internal note is for staff only."""

    idea = models.ForeignKey(
        Idea, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    from_status = models.CharField(
        _("from"), max_length=20, choices=IdeaStatus.choices, blank=True
    )
    to_status = models.CharField(
        _("to"), max_length=20, choices=IdeaStatus.choices, blank=True
    )
    public_note = models.TextField(_("note"), blank=True)
    internal_note = models.TextField(_("internal note"), blank=True)
    is_public = models.BooleanField(_("on the public timeline"), default=True)

    class Meta:
        verbose_name = _("idea log entry")
        verbose_name_plural = _("idea log entries")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.get_to_status_display()}".strip()


class Support(models.Model):
    """One verified resident backs one idea. The unique constraint is what
    keeps concurrent clicks from counting twice."""

    idea = models.ForeignKey(
        Idea, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="supports"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resident"),
        on_delete=models.CASCADE,
        related_name="idea_supports",
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(
                fields=["idea", "user"], name="ideas_support_once_per_user"
            )
        ]

    def __str__(self):
        return f"{self.user_id} → {self.idea_id}"


class Comment(models.Model):
    """A resident's or staff member's comment; replies go one level deep."""

    idea = models.ForeignKey(
        Idea, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reply to"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="idea_comments",
    )
    text = models.TextField(_("comment"), max_length=COMMENT_MAX)
    is_official = models.BooleanField(_("official"), default=False)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    moderated_at = models.DateTimeField(
        _("reports last decided"), null=True, blank=True
    )

    panels = [FieldPanel("text")]

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["idea", "created_at"])]

    def __str__(self):
        return self.text[:60]

    @property
    def author_name(self) -> str:
        return person_name(self.author)


class Report(models.Model):
    """A resident flags an idea or one of its comments. Three open reports
    hide the content until a moderator decides."""

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.CASCADE,
        related_name="idea_reports",
    )
    idea = models.ForeignKey(
        Idea, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="reports"
    )
    comment = models.ForeignKey(
        Comment,
        verbose_name=_("comment"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reports",
    )
    reason = models.CharField(_("reason"), max_length=20, choices=ReportReason.choices)
    note = models.CharField(_("details"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["resolved_at", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "idea"],
                condition=Q(comment__isnull=True),
                name="ideas_report_idea_once",
            ),
            models.UniqueConstraint(
                fields=["reporter", "comment"],
                condition=Q(comment__isnull=False),
                name="ideas_report_comment_once",
            ),
        ]

    def __str__(self):
        return f"{self.get_reason_display()}: {self.comment or self.idea}"


class Pledge(models.Model):
    """ "Ich helfe mit": a resident offers to help with a published idea."""

    idea = models.ForeignKey(
        Idea, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="pledges"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resident"),
        on_delete=models.CASCADE,
        related_name="idea_pledges",
    )
    message = models.CharField(_("how I can help"), max_length=300)
    share_email = models.BooleanField(
        _("share my e-mail address with the author and the editors"), default=False
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("offer of help")
        verbose_name_plural = _("offers of help")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["idea", "user"], name="ideas_pledge_once_per_user"
            )
        ]

    def __str__(self):
        return self.message
