"""Languages people speak at a contact point, in a firm or at an event.

Codes are ISO 639-1 (639-3 where there is none), so they map directly to
schema.org `knowsLanguage`/`inLanguage`.
"""

from django.utils.translation import gettext_lazy as _

SPOKEN_LANGUAGES = [
    ("de", _("German")),
    ("en", _("English")),
    ("ar", _("Arabic")),
    ("fa", _("Persian (Farsi)")),
    ("uk", _("Ukrainian")),
    ("ru", _("Russian")),
    ("tr", _("Turkish")),
    ("pl", _("Polish")),
    ("ro", _("Romanian")),
    ("vi", _("Vietnamese")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("ku", _("Kurdish")),
    ("ps", _("Pashto")),
    ("ti", _("Tigrinya")),
    ("so", _("Somali")),
    ("sq", _("Albanian")),
    ("gsg", _("German Sign Language")),
]

SPOKEN_LANGUAGE_NAMES = dict(SPOKEN_LANGUAGES)
