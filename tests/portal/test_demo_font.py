"""The demo images' labels are drawn with a font that has every German
letter: Pillow's default font drew a missing-glyph box ("B▯ckerei")."""

import pytest
from PIL import Image, ImageChops, ImageDraw

from portal.demo import DEMO_FONT_PATH, demo_font

#: A code point no font maps: it renders as the font's missing-glyph box.
UNMAPPED = "\U0010fffd"


def _render(font, text: str) -> Image.Image:
    picture = Image.new("L", (200, 120), 0)
    ImageDraw.Draw(picture).text((10, 10), text, font=font, fill=255)
    return picture


def test_font_is_shipped_with_its_licence():
    assert DEMO_FONT_PATH.is_file()
    assert (DEMO_FONT_PATH.parent / "DejaVu-LICENSE.txt").is_file()


@pytest.mark.parametrize("letter", list("äöüÄÖÜß"))
def test_every_german_letter_has_a_glyph(letter):
    font = demo_font(size=72)
    missing = _render(font, UNMAPPED)
    drawn = _render(font, letter)
    assert ImageChops.difference(drawn, missing).getbbox() is not None
    assert drawn.getbbox() is not None
