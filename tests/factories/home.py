"""Factories for the home app's pages and the StreamField blocks they use.

Pages need a `parent` (usually the `home_de` fixture). StreamFields take
wagtail-factories' syntax, e.g. ``body__0__heading__text="…"``.
"""

from datetime import date, time

import factory
import wagtail_factories
from wagtail import blocks
from wagtail.models import Locale, Page
from wagtail.rich_text import RichText

from home.models import ContactPointPage, LegalPage, StandardPage
from portal import blocks as portal_blocks

from .portal import ImageFactory

# Blocks ----------------------------------------------------------------------


class RichTextBlockFactory(wagtail_factories.blocks.BlockFactory):
    """``paragraph__value="<p>…</p>"`` (stored HTML)."""

    value = "<p>Ein Absatz.</p>"

    class Meta:
        model = blocks.RichTextBlock

    @classmethod
    def _construct_block(cls, block_class, *args, **kwargs):
        return RichText(kwargs["value"])


class HeadingBlockFactory(wagtail_factories.StructBlockFactory):
    text = factory.Sequence(lambda n: f"Überschrift {n}")
    level = "h2"

    class Meta:
        model = portal_blocks.HeadingBlock


class ImageBlockFactory(wagtail_factories.StructBlockFactory):
    image = factory.SubFactory(ImageFactory)
    alt_text = "Ein Platz mit Bäumen vor einem Wohnblock"
    caption = ""

    class Meta:
        model = portal_blocks.ImageBlock


class CallToActionBlockFactory(wagtail_factories.StructBlockFactory):
    title = "Mitmachen"
    text = ""
    label = "Mehr erfahren"
    page = None
    external_url = "https://www.potsdam.de/"

    class Meta:
        model = portal_blocks.CallToActionBlock


class AccordionItemBlockFactory(wagtail_factories.StructBlockFactory):
    question = factory.Sequence(lambda n: f"Frage {n}?")
    answer = factory.LazyFunction(lambda: RichText("<p>Ja.</p>"))

    class Meta:
        model = portal_blocks.AccordionItemBlock


class AccordionBlockFactory(wagtail_factories.StructBlockFactory):
    title = ""
    items = wagtail_factories.ListBlockFactory(AccordionItemBlockFactory)

    class Meta:
        model = portal_blocks.AccordionBlock


class QuoteBlockFactory(wagtail_factories.StructBlockFactory):
    quote = "Hier kennt man sich."
    attribution = ""

    class Meta:
        model = portal_blocks.QuoteBlock


class ContentStreamBlockFactory(wagtail_factories.StreamBlockFactory):
    heading = factory.SubFactory(HeadingBlockFactory)
    paragraph = factory.SubFactory(RichTextBlockFactory)
    image = factory.SubFactory(ImageBlockFactory)
    call_to_action = factory.SubFactory(CallToActionBlockFactory)
    accordion = factory.SubFactory(AccordionBlockFactory)
    quote = factory.SubFactory(QuoteBlockFactory)

    class Meta:
        model = portal_blocks.ContentStreamBlock


class TimeSlotBlockFactory(wagtail_factories.StructBlockFactory):
    opens = time(9)
    closes = time(12)

    class Meta:
        model = portal_blocks.TimeSlotBlock


class OpeningDayBlockFactory(wagtail_factories.StructBlockFactory):
    weekday = "1"
    status = portal_blocks.OpeningDayBlock.OPEN
    slots = wagtail_factories.ListBlockFactory(TimeSlotBlockFactory)
    note = ""

    class Meta:
        model = portal_blocks.OpeningDayBlock


class OpeningHoursBlockFactory(wagtail_factories.StreamBlockFactory):
    day = factory.SubFactory(OpeningDayBlockFactory)

    class Meta:
        model = portal_blocks.OpeningHoursBlock


# Pages -----------------------------------------------------------------------


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Seite {n}")
    intro = "Eine Einführung."
    body = wagtail_factories.StreamFieldFactory(ContentStreamBlockFactory)

    class Meta:
        model = StandardPage


class ContactPointPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Anlaufstelle {n}")
    street = "Johannes-Kepler-Platz 5"
    postal_code = "14480"
    city = "Potsdam"
    latitude = "52.374800"
    longitude = "13.124900"
    opening_hours = wagtail_factories.StreamFieldFactory(OpeningHoursBlockFactory)

    class Meta:
        model = ContactPointPage


class LegalPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Rechtliches {n}")
    body = "<p>Pflichtangaben.</p>"
    last_reviewed = date(2026, 11, 1)

    class Meta:
        model = LegalPage


def translate_page(page: Page, language_code: str = "en", **fields) -> Page:
    """Publish `page`'s translation into `language_code` with `fields` set.
    The parent must exist in that language already."""
    translated = page.copy_for_translation(
        Locale.objects.get(language_code=language_code)
    ).specific
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    translated.refresh_from_db()
    return translated
