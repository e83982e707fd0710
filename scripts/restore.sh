#!/usr/bin/env bash
# Restore a backup of scripts/backup.sh into a FRESH database and an empty
# media folder (it refuses to write over anything):
#
#   createdb portal_restored
#   DATABASE_URL=postgres://…/portal_restored MEDIA_ROOT=/srv/portal/media-restored \
#       scripts/restore.sh /var/backups/portal/portal-20261201T020000Z.dump \
#                          /var/backups/portal/portal-20261201T020000Z-media.tar.gz
#
# Then point the services at it (DATABASE_URL, MEDIA_ROOT), run
# `manage.py migrate` (a no-op for a dump of the same release) and start them.
set -euo pipefail

dump=${1:?usage: scripts/restore.sh DUMP MEDIA_TAR}
media=${2:?usage: scripts/restore.sh DUMP MEDIA_TAR}
: "${DATABASE_URL:?DATABASE_URL must name the new, empty PostgreSQL database}"
: "${MEDIA_ROOT:?MEDIA_ROOT must name an empty (or missing) media folder}"

manifest="${dump%.dump}.sha256"
if [ -f "$manifest" ]; then
    (cd "$(dirname "$dump")" && sha256sum --check --quiet "$(basename "$manifest")")
fi

tables=$(psql "$DATABASE_URL" --tuples-only --no-align --command \
    "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
if [ "$tables" != "0" ]; then
    echo "restore.sh: the database already has $tables tables; restore into a new one" >&2
    exit 3
fi
if [ -d "$MEDIA_ROOT" ] && [ -n "$(ls -A "$MEDIA_ROOT")" ]; then
    echo "restore.sh: $MEDIA_ROOT is not empty" >&2
    exit 3
fi

pg_restore --no-owner --no-privileges --exit-on-error --single-transaction \
    --dbname "$DATABASE_URL" "$dump"
mkdir -p "$MEDIA_ROOT"
tar --extract --gzip --file "$media" --directory "$MEDIA_ROOT"
echo "restored into $DATABASE_URL and $MEDIA_ROOT"
