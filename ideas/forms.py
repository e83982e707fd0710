"""Forms of the idea board: validation only; services do the writing."""

from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError
from wagtail.images import get_image_model
from wagtail.images.widgets import AdminImageChooser

from portal import geo
from portal.forms import HoneypotMixin
from portal.models import Quarter
from portal.query import QUERY_MAX_LENGTH, LenientFilterForm
from portal.text import CleanTextField
from portal.uploads import UNREADABLE, ImageUnreadable, image_clean
from portal.vocabulary import (
    VocabularyChoiceField,
    VocabularySelect,
    vocabularies_for,
)

from .choices import (
    NOTE_REQUIRED,
    PUBLIC_STATUSES,
    TRANSITIONS,
    BoardSort,
    IdeaStatus,
    ReportReason,
)
from .models import Category, Comment, Idea
from .models.ideas import COMMENT_MAX, DESCRIPTION_MAX, TITLE_MAX

PHOTO_MAX_BYTES = 8 * 1024 * 1024
PHOTO_MAX_PIXELS = 40_000_000
#: MPO is the JPEG with a second frame that phones save.
PHOTO_FORMATS = {"JPEG", "MPO", "PNG", "WEBP"}
PHOTO_LONG_EDGE = 2000
#: Enough for the largest rendition the idea page shows (1200 × 900).
PHOTO_QUALITY = 85


def photo_clean(upload) -> bytes:
    """Check an uploaded photo and return it as a fresh JPEG: rotated
    upright, at most PHOTO_LONG_EDGE pixels long, without any metadata
    (portal.uploads.image_clean)."""
    if upload.size > PHOTO_MAX_BYTES:
        raise forms.ValidationError(
            _("The photo is larger than 8 MB. Please choose a smaller one.")
        )
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            kind, (width, height) = image.format, image.size
    except UnidentifiedImageError:
        raise forms.ValidationError(
            _("This file is not a photo. Please upload a JPEG, PNG or WebP image.")
        ) from None
    except UNREADABLE:  # an image, but broken or a bomb (pixels, text chunks)
        raise forms.ValidationError(
            _("The photo could not be read. Please try another file.")
        ) from None
    if kind not in PHOTO_FORMATS:
        raise forms.ValidationError(
            _("Please upload a JPEG, PNG or WebP image (this one is %(kind)s).")
            % {"kind": kind or "?"}
        )
    if width * height > PHOTO_MAX_PIXELS:
        raise forms.ValidationError(
            _(
                "The photo has %(mp)d megapixels; at most 40 are accepted. "
                "Please make it smaller."
            )
            % {"mp": round(width * height / 1_000_000)}
        )
    try:
        # The site's one image pipeline: upright, scaled, a fresh JPEG with
        # no metadata at all (EXIF, GPS, XMP, IPTC, comments, text chunks).
        clean = image_clean(
            upload, long_edge=PHOTO_LONG_EDGE, as_jpeg=True, quality=PHOTO_QUALITY
        )
    except ImageUnreadable:
        raise forms.ValidationError(
            _("The photo could not be read. Please try another file.")
        ) from None
    return clean.content


def _vocabulary_choices(field, vocabulary) -> None:
    """Offer every term of `vocabulary` in a model choice field: the row in
    the visitor's language, or the German one (marked) where none exists."""
    field.queryset = field.queryset.model.objects.filter(
        pk__in=[entry.term.pk for entry in vocabulary]
    )
    field.widget = VocabularySelect(
        attrs=field.widget.attrs,
        langs={str(entry.term.pk): entry.lang for entry in vocabulary},
    )
    field.choices = [("", field.empty_label)] + [
        (entry.term.pk, entry.label) for entry in vocabulary
    ]


class FieldsetWidget(forms.Widget):
    """Renders nothing: the field stands for a fieldset the template draws
    (the map with its coordinates), so its errors have a place and an id."""

    def render(self, name, value, attrs=None, renderer=None):
        return ""

    def value_from_datadict(self, data, files, name):
        return None


def _quantise(value):
    if value is None:
        return None
    return Decimal(value).quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)


class IdeaForm(HoneypotMixin, forms.ModelForm):
    photo_file = forms.FileField(
        label=_("Photo (optional)"),
        required=False,
        help_text=_(
            "JPEG, PNG or WebP, up to 8 MB. We remove location and camera data."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp"}
        ),
    )

    class Meta:
        model = Idea
        fields = [
            "title",
            "description",
            "category",
            "quarter",
            "latitude",
            "longitude",
            "photo_description",
            "author_can_help",
        ]
        # Text from residents: no control, invisible or bidi override
        # characters (portal.text).
        field_classes = {
            "title": CleanTextField,
            "description": CleanTextField,
            "photo_description": CleanTextField,
        }
        labels = {
            "title": _("Title"),
            "description": _("Describe your idea"),
            "category": _("Topic"),
            "quarter": _("Quarter"),
            "latitude": _("Latitude (optional)"),
            "longitude": _("Longitude (optional)"),
            "photo_description": _("What does the photo show?"),
            "author_can_help": _("I can help to make this happen"),
        }
        help_texts = {
            "title": _("At most 120 characters."),
            "description": _(
                "What should change, where, and who would benefit? Plain text; "
                "an empty line starts a new paragraph."
            ),
            "latitude": _(
                "Optional map point, e.g. 52.3745. Use the map or leave empty."
            ),
            "longitude": _("Optional map point, e.g. 13.1235."),
            "photo_description": _("For people who cannot see the photo."),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "latitude": forms.NumberInput(attrs={"step": "0.000001"}),
            "longitude": forms.NumberInput(attrs={"step": "0.000001"}),
        }

    location = forms.Field(
        label=_("Place on the map"), required=False, widget=FieldsetWidget
    )

    photo_bytes: bytes | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _vocabulary_choices(self.fields["category"], Category.vocabulary())
        _vocabulary_choices(self.fields["quarter"], Quarter.vocabulary())
        self.fields["title"].widget.attrs["maxlength"] = TITLE_MAX
        self.fields["description"].widget.attrs["maxlength"] = DESCRIPTION_MAX
        self.add_honeypot()

    def map_shapes(self) -> list[dict]:
        """The quarters' boundaries the map draws, from portal.geo."""
        return geo.quarter_shapes(self.fields["quarter"].queryset)

    def clean_title(self):
        title = self.cleaned_data["title"]
        if len(title) < 5:
            raise forms.ValidationError(_("Please give a title of at least 5 letters."))
        return title

    def clean_description(self):
        text = self.cleaned_data["description"]
        if len(text) < 20:
            raise forms.ValidationError(
                _("Please describe your idea in at least 20 characters.")
            )
        return text

    def clean_photo_file(self):
        upload = self.cleaned_data.get("photo_file")
        if upload:
            self.photo_bytes = photo_clean(upload)
        return upload

    def clean(self):
        data = super().clean()
        latitude, longitude = data.get("latitude"), data.get("longitude")
        # Every error about the point belongs to the map field (the fieldset
        # with the map and both coordinates), not to one coordinate.
        if (latitude is None) != (longitude is None):
            if "latitude" not in self.errors and "longitude" not in self.errors:
                self.add_error(
                    "location",
                    _("Enter both latitude and longitude, or leave both empty."),
                )
        elif latitude is not None:
            data["latitude"], data["longitude"] = (
                _quantise(latitude),
                _quantise(longitude),
            )
            quarter = data.get("quarter")
            if not geo.in_potsdam(latitude, longitude):
                self.add_error("location", _("This point does not lie in Potsdam."))
            elif (
                quarter is not None
                and quarter.boundary
                and not quarter.contains(latitude, longitude)
            ):
                self.add_error(
                    "location",
                    _("This point lies outside the quarter %(quarter)s.")
                    % {"quarter": quarter.name},
                )
        if self.photo_bytes and not data.get("photo_description", "").strip():
            self.add_error(
                "photo_description", _("Please describe the photo in a few words.")
            )
        return data


class CommentForm(HoneypotMixin, forms.Form):
    text = CleanTextField(
        label=_("Your comment"),
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": COMMENT_MAX}),
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, idea: Idea, **kwargs):
        super().__init__(*args, **kwargs)
        self.idea = idea
        self.add_honeypot()

    def clean_text(self):
        text = self.cleaned_data["text"]
        if not text:
            raise forms.ValidationError(_("The comment must not be empty."))
        return text

    def clean_parent(self):
        pk = self.cleaned_data.get("parent")
        if pk is None:
            return None
        parent = Comment.objects.filter(pk=pk, idea=self.idea, is_hidden=False).first()
        if parent is None:
            raise forms.ValidationError(_("You cannot reply to this comment."))
        return parent


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why are you reporting this?"),
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
    )
    note = CleanTextField(
        label=_("Details (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
    )
    comment = forms.IntegerField(required=False, widget=forms.HiddenInput)


class PledgeForm(forms.Form):
    message = CleanTextField(
        label=_("How can you help?"),
        max_length=300,
        help_text=_("E.g. “I can water the beds on weekends.”"),
        widget=forms.TextInput(attrs={"maxlength": 300}),
    )
    share_email = forms.BooleanField(
        label=_("The author and the editors may see my e-mail address"),
        required=False,
    )


class BoardFilterForm(LenientFilterForm):
    """The board's filter state, read from (and kept in) the URL; invalid
    fields are ignored (`portal.query`)."""

    q = CleanTextField(
        label=_("Search ideas"), max_length=QUERY_MAX_LENGTH, required=False
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"), required=False, choices=BoardSort.choices
    )

    field_order = ["q", "category", "quarter", "status", "sort"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        # The German terms' slugs are the values in every language (older
        # links with translation keys still work): portal.vocabulary.
        self.vocabularies = vocabularies_for(category=Category, quarter=Quarter)
        self.fields["category"] = VocabularyChoiceField(
            vocabulary=self.vocabularies["category"],
            empty_label=_("All"),
            label=_("Topic"),
        )
        self.fields["quarter"] = VocabularyChoiceField(
            vocabulary=self.vocabularies["quarter"],
            empty_label=_("All"),
            label=_("Quarter"),
        )
        self.order_fields(self.field_order)
        self.fields["status"].choices = everything + [
            (status.value, status.label) for status in PUBLIC_STATUSES
        ]

    def filters(self) -> dict:
        """The valid filters; anything invalid in the URL is ignored."""
        if not self.is_bound:
            return {"sort": BoardSort.NEWEST}
        valid = self.valid_data()
        data = {
            name: valid[name] or ""
            for name in ("q", "category", "quarter", "status", "sort")
            if name in valid
        }
        data["sort"] = data.get("sort") or BoardSort.NEWEST
        return data

    def keys(self) -> dict:
        """The chosen category's and quarter's translation keys (the board's
        selector filters by them), or "" when not chosen."""
        data = self.filters()
        return {
            name: self.vocabularies[name].key_of(data.get(name, "")) or ""
            for name in ("category", "quarter")
        }


class TransitionForm(forms.Form):
    """A moderator moves an idea one step (admin)."""

    to_status = forms.ChoiceField(label=_("New status"))
    public_note = CleanTextField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Required for rejecting (the reason goes to the author only), "
            "declining (shown in public) and completing (the completion note)."
        ),
    )
    internal_note = CleanTextField(
        label=_("Internal note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only staff see this."),
    )

    def __init__(self, *args, idea: Idea, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [
            (status, IdeaStatus(status).label) for status in TRANSITIONS[idea.status]
        ]

        self.fields["completion_photo"] = forms.ModelChoiceField(
            label=_("Completion photo"),
            queryset=get_image_model().objects.all(),
            required=False,
            widget=AdminImageChooser(),
            help_text=_("Only when the idea is implemented."),
        )

    def clean(self):
        data = super().clean()
        if (
            data.get("to_status") in NOTE_REQUIRED
            and not data.get("public_note", "").strip()
        ):
            self.add_error("public_note", _("Please give a reason or note."))
        return data


class BulkRejectForm(forms.Form):
    public_note = CleanTextField(
        label=_("Reason (sent to each author)"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ResponseForm(forms.Form):
    response = CleanTextField(
        label=_("Official response"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Shown on the idea's page and sent to the author and supporters."),
    )


class HideForm(forms.Form):
    reason = CleanTextField(label=_("Reason"), max_length=300)
