#!/usr/bin/env bash
# Back up the portal: the database as a pg_dump custom-format archive and the
# media folder (uploads, documents, renditions) as a tar, into DEST (a
# folder), with a SHA-256 manifest. Reads DATABASE_URL and MEDIA_ROOT from the
# environment (on a server: `set -a; . /etc/portal/env; set +a`).
#
#   scripts/backup.sh /var/backups/portal
#
# The dump is consistent on its own (one transaction). Media written while
# tar runs may be missing from the tar; files are never changed in place, so
# a restore lacks at most an upload of the last seconds. docs/production.md
set -euo pipefail

dest=${1:?usage: scripts/backup.sh DEST}
: "${DATABASE_URL:?DATABASE_URL must name the PostgreSQL database}"
: "${MEDIA_ROOT:?MEDIA_ROOT must name the media folder}"
case "$DATABASE_URL" in
    postgres://* | postgresql://*) ;;
    *) echo "backup.sh: DATABASE_URL is not PostgreSQL" >&2; exit 2 ;;
esac

stamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$dest"
dump="$dest/portal-$stamp.dump"
media="$dest/portal-$stamp-media.tar.gz"

pg_dump --format=custom --no-owner --no-privileges --file "$dump" "$DATABASE_URL"
tar --create --gzip --file "$media" --directory "$MEDIA_ROOT" .
(cd "$dest" && sha256sum "$(basename "$dump")" "$(basename "$media")" > "portal-$stamp.sha256")

echo "$dump"
echo "$media"
