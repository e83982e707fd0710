"""Plain text from residents and firms, made safe to store, show and export.

One primitive, `text_clean`, and the form field that applies it,
`CleanTextField`. Cleaning happens in forms, where text enters the portal:
every resident form uses the field, and every Wagtail admin form (pages of
firms and editors, snippets, settings) gets it for its CharField and
TextField model fields through Wagtail's form field override registry
(`register_admin_form_fields`). Forms rather than model fields, because
the form is the one place every input passes and where an emptied value can
still be answered with "This field is required."; model fields would need
a migration in every app for a behaviour the database does not see, and
would still not run on `QuerySet.update()`.
"""

from __future__ import annotations

import re

from django import forms
from django.db import models
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.widgets import AdminAutoHeightTextInput

# Bidirectional embeddings, overrides and isolates (U+202A–U+202E,
# U+2066–U+2069) make text display in another order than it is stored: a
# name or title could pose as another ("Trojan Source"). Residents never need
# them in a title, a comment or a name.
BIDI_CONTROLS = [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]
# Invisible characters that carry no meaning in plain text and let one word
# pose as another or hide it from the moderators' search: zero-width space,
# word joiner, invisible operators, the byte-order mark inside text, the
# Mongolian vowel separator, soft hyphen, interlinear annotation marks and
# the non-characters U+FFFE/U+FFFF (invalid in XML, so in XLSX exports).
INVISIBLE = [
    0x00AD,
    0x180E,
    0x200B,
    *range(0x2060, 0x2065),
    0xFEFF,
    *range(0xFFF9, 0xFFFC),
    0xFFFE,
    0xFFFF,
]
# C0 controls other than tab and newline (carriage returns are turned into
# newlines first), DEL and the C1 controls: never typed, invisible, and
# refused by XML 1.0 (XLSX exports) and some mail clients.
CONTROLS = [
    *(c for c in range(0x00, 0x20) if c not in (0x09, 0x0A)),
    *range(0x7F, 0xA0),
]
# Kept on purpose: U+200C/U+200D (zero-width non-joiner and joiner; Persian
# writes "می‌خواهم" with a ZWNJ, emoji sequences need the ZWJ) and the marks
# U+200E/U+200F and U+061C, which only set the direction of the neutral
# characters beside them and which mixed Arabic/Persian–Latin text needs.
REMOVED = dict.fromkeys([*BIDI_CONTROLS, *INVISIBLE, *CONTROLS])
NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")
TRAILING_SPACE = re.compile(r"[ \t]+\n")
EMPTY_LINES = re.compile(r"\n{3,}")


def text_clean(value: str, *, multiline: bool = False) -> str:
    """`value` without control, invisible and bidirectional override
    characters. Multi-line text keeps its tabs and newlines (all kinds of
    line break become "\\n", at most one empty line in a row); single-line
    text has every run of white space turned into one space."""
    if multiline:
        value = NEWLINES.sub("\n", value).translate(REMOVED)
        value = EMPTY_LINES.sub("\n\n", TRAILING_SPACE.sub("\n", value))
        return value.strip()
    # Line breaks and tabs first become spaces, then the rest goes.
    return " ".join(NEWLINES.sub(" ", value).translate(REMOVED).split())


class CleanTextField(forms.CharField):
    """A CharField whose value is `text_clean`ed; multi-line when its
    widget is a textarea (unless told otherwise). A value of nothing but
    invisible characters counts as empty."""

    def __init__(self, *, multiline: bool | None = None, **kwargs):
        super().__init__(**kwargs)
        self.multiline = (
            isinstance(self.widget, forms.Textarea) if multiline is None else multiline
        )

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        value = text_clean(value, multiline=self.multiline)
        return value or self.empty_value


def register_admin_form_fields() -> None:
    """Make every Wagtail admin form clean its plain text fields: pages of
    firms and editors, snippets, settings. Exact classes only, so slugs,
    e-mail addresses, URLs and rich text keep their own fields."""
    register_form_field_override(
        models.CharField, override={"form_class": CleanTextField}, exact_class=True
    )
    register_form_field_override(
        models.TextField,
        # Wagtail's own override for TextField gives the widget; keep it.
        override={"form_class": CleanTextField, "widget": AdminAutoHeightTextInput},
        exact_class=True,
    )
