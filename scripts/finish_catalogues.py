"""Put every catalogue's header in force (gettext ignores a fuzzy header and
with it the plural rule) and name its language. Run by `make messages`."""

from pathlib import Path

import polib

for path in sorted(Path("portal/locale").glob("*/LC_MESSAGES/django.po")):
    catalogue = polib.pofile(str(path))
    catalogue.metadata_is_fuzzy = []
    catalogue.metadata["Language"] = path.parts[-3]
    catalogue.save()
