"""Apply a dict of translations to a catalogue: `python scripts/translate.py
portal/locale/de/LC_MESSAGES/django.po translations.py`. The module defines DE
(msgid -> msgstr) and optionally PLURAL (msgid -> (singular, plural)).
Existing translations are kept unless the dict names the msgid."""

import runpy
import sys

import polib

catalogue = polib.pofile(sys.argv[1])
table = runpy.run_path(sys.argv[2])
singular, plural = table.get("DE", {}), table.get("PLURAL", {})
for entry in catalogue:
    if entry.msgid_plural and entry.msgid in plural:
        one, many = plural[entry.msgid]
        entry.msgstr_plural = {0: one, 1: many}
    elif entry.msgid in singular:
        entry.msgstr = singular[entry.msgid]
    else:
        continue
    if "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
catalogue.save()
missing = [e.msgid for e in catalogue if not e.translated()]
print(f"{len(missing)} untranslated", *missing[:50], sep="\n  ")
