"""StreamField blocks shared by every app's pages.

Templates live in `templates/components/blocks/<name>.html`.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

from .languages import SPOKEN_LANGUAGES

WEEKDAYS = [
    ("1", _("Monday")),
    ("2", _("Tuesday")),
    ("3", _("Wednesday")),
    ("4", _("Thursday")),
    ("5", _("Friday")),
    ("6", _("Saturday")),
    ("7", _("Sunday")),
]

# schema.org DayOfWeek names, keyed like WEEKDAYS.
SCHEMA_WEEKDAYS = {
    "1": "Monday",
    "2": "Tuesday",
    "3": "Wednesday",
    "4": "Thursday",
    "5": "Friday",
    "6": "Saturday",
    "7": "Sunday",
}


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section (H2)")), ("h3", _("Subsection (H3)"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "components/blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "components/blocks/image.html"


class LinkValueMixin:
    @property
    def url(self):
        page = self.get("page")
        if page:
            return page.localized.url
        return self.get("external_url") or ""


class LinkStructValue(LinkValueMixin, blocks.StructValue):
    pass


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False, max_length=400)
    label = blocks.CharBlock(label=_("Button label"), max_length=60)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    external_url = blocks.URLBlock(label=_("External link"), required=False)

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("external_url")):
            message = _("Choose either a page or an external link.")
            raise StructBlockValidationError(
                block_errors={
                    "page": ValidationError(message),
                    "external_url": ValidationError(message),
                }
            )
        return value

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "components/blocks/call_to_action.html"
        value_class = LinkStructValue


class AccordionItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question or title"), max_length=200)
    answer = blocks.RichTextBlock(
        label=_("Answer"), features=["bold", "italic", "link", "ol", "ul"]
    )


class AccordionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    items = blocks.ListBlock(AccordionItemBlock(), label=_("Entries"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Accordion / FAQ")
        template = "components/blocks/accordion.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"), max_length=600)
    attribution = blocks.CharBlock(label=_("Who said it"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "components/blocks/quote.html"


RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3"]


class ContentStreamBlock(blocks.StreamBlock):
    """The body of standard pages, campaign stories and other long texts."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Text"),
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        template="components/blocks/paragraph.html",
    )
    image = ImageBlock()
    call_to_action = CallToActionBlock()
    accordion = AccordionBlock()
    quote = QuoteBlock()


class TimeSlotBlock(blocks.StructBlock):
    opens = blocks.TimeBlock(label=_("Opens"))
    closes = blocks.TimeBlock(label=_("Closes"))

    def clean(self, value):
        value = super().clean(value)
        if value["opens"] >= value["closes"]:
            raise StructBlockValidationError(
                block_errors={
                    "closes": ValidationError(
                        _("The closing time must be after the opening time.")
                    )
                }
            )
        return value


class OpeningDayBlock(blocks.StructBlock):
    """One weekday: open in one or more slots, by appointment, or closed."""

    OPEN = "open"
    APPOINTMENT = "appointment"
    CLOSED = "closed"

    weekday = blocks.ChoiceBlock(label=_("Weekday"), choices=WEEKDAYS)
    status = blocks.ChoiceBlock(
        label=_("Status"),
        choices=[
            (OPEN, _("Open")),
            (APPOINTMENT, _("By appointment only")),
            (CLOSED, _("Closed")),
        ],
        default=OPEN,
    )
    slots = blocks.ListBlock(TimeSlotBlock(), label=_("Times"), default=[])
    note = blocks.CharBlock(label=_("Note"), required=False, max_length=120)

    def clean(self, value):
        value = super().clean(value)
        if value["status"] == self.OPEN and not value["slots"]:
            raise StructBlockValidationError(
                block_errors={
                    "slots": ValidationError(
                        _("Add at least one time slot for an open day.")
                    )
                }
            )
        return value

    class Meta:
        icon = "time"
        label = _("Opening day")


class OpeningHoursBlock(blocks.StreamBlock):
    day = OpeningDayBlock()

    def clean(self, value):
        value = super().clean(value)
        weekdays = [child.value["weekday"] for child in value]
        if len(weekdays) != len(set(weekdays)):
            raise blocks.StreamBlockValidationError(
                non_block_errors=[_("Each weekday may appear only once.")]
            )
        return value

    class Meta:
        template = "components/opening_hours.html"


class ContactPersonBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name"), max_length=120)
    role = blocks.CharBlock(
        label=_("Area of responsibility"), required=False, max_length=120
    )
    phone = blocks.CharBlock(label=_("Phone"), required=False, max_length=50)
    email = blocks.EmailBlock(label=_("E-mail"), required=False)
    languages = blocks.MultipleChoiceBlock(
        label=_("Languages spoken"), choices=SPOKEN_LANGUAGES, required=False
    )

    class Meta:
        icon = "user"
        label = _("Contact person")
        template = "components/contact_person.html"
