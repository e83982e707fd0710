"""Fill the English catalogue: English is the source language, so every
msgstr equals its msgid. Run by `make messages` after makemessages."""

import sys
from pathlib import Path

import polib

for path in sys.argv[1:] or [str(Path("portal/locale/en/LC_MESSAGES/django.po"))]:
    catalogue = polib.pofile(path)
    for entry in catalogue:
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        else:
            entry.msgstr = entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    catalogue.save()
