"""Every shipped UI catalogue is complete, compiled and in step with the
code: no untranslated or fuzzy entry, a .mo that matches its .po, and no
string in the code that the catalogues lack."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE_DIR = Path(settings.BASE_DIR) / "portal" / "locale"
CATALOGUES = sorted(LOCALE_DIR.glob("*/LC_MESSAGES/django.po"))


def test_every_configured_language_has_a_catalogue():
    shipped = {path.parts[-3] for path in CATALOGUES}

    assert {code for code, _name in settings.LANGUAGES} <= shipped


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-3])
def test_catalogue_has_no_untranslated_or_fuzzy_entry(path):
    catalogue = polib.pofile(str(path))

    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]

    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-3])
def test_catalogue_header_is_in_force(path):
    """A fuzzy header is ignored by msgfmt: the plural rule would be lost."""
    catalogue = polib.pofile(str(path))

    assert not catalogue.metadata_is_fuzzy
    assert catalogue.metadata["Language"] == path.parts[-3]
    assert catalogue.metadata["Plural-Forms"].startswith("nplurals=")


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-3])
def test_compiled_catalogue_matches_its_source(path):
    source = polib.pofile(str(path))
    compiled = polib.mofile(str(path.with_suffix(".mo")))

    def table(entries):
        return {
            (entry.msgctxt, entry.msgid): entry.msgstr or entry.msgstr_plural
            for entry in entries
            if entry.msgid
        }

    assert table(compiled) == table(source.translated_entries())


@pytest.mark.skipif(
    shutil.which("xgettext") is None,
    reason="xgettext (GNU gettext) is not installed: cannot extract strings",
)
def test_no_string_in_the_code_is_missing_from_the_catalogues(tmp_path):
    """Extract the strings as `make messages` does, into a copy of the tree,
    and compare the msgids with the committed German catalogue."""
    root = Path(settings.BASE_DIR)
    copy = tmp_path / "tree"
    ignore = shutil.ignore_patterns(
        ".venv",
        ".git",
        "media",
        "staticfiles",
        "node_modules",
        "test-artifacts",
        "*.pyc",
        "__pycache__",
        "*.sqlite3",
    )
    shutil.copytree(root, copy, ignore=ignore)
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "de",
            "--no-obsolete",
            "--ignore=tests",
            "--ignore=staticfiles",
            "--ignore=media",
            "--ignore=node_modules",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
    )

    def msgids(path):
        return {(e.msgctxt, e.msgid) for e in polib.pofile(str(path)) if e.msgid}

    extracted = msgids(copy / "portal/locale/de/LC_MESSAGES/django.po")
    committed = msgids(LOCALE_DIR / "de/LC_MESSAGES/django.po")
    assert extracted - committed == set(), "run `make messages` and translate"
