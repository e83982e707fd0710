"""Plain text from residents and firms, made safe to show to others."""

# Bidirectional embeddings, overrides and isolates (U+202A–U+202E,
# U+2066–U+2069) make text display in another order than it is stored: a
# name or title could pose as another ("Trojan Source"). Residents never need
# them in a title, a comment or a name; the marks U+200E/U+200F and the
# zero-width joiners that Arabic and Persian use are kept.
BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)], None)


def bidi_controls_strip(value: str) -> str:
    """`value` without bidirectional override and isolate characters."""
    return value.translate(BIDI_CONTROLS)
