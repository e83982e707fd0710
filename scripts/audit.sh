#!/usr/bin/env bash
# `make audit`: pip-audit over the locked runtime and development packages.
# pip-audit asks a vulnerability service (PyPI's JSON API, or OSV) about every
# package. Where neither is reachable (a machine that sees only a package
# index mirror) it cannot audit anything; this script then says so and exits
# 2 instead of reporting "no known vulnerabilities" for packages it never saw.
set -uo pipefail
cd "$(dirname "$0")/.."
audit=.venv/bin/pip-audit
service=${AUDIT_SERVICE:-pypi}   # or osv
status=0
for lock in requirements.lock requirements-dev.lock; do
    out=$("$audit" --strict --disable-pip --no-deps --progress-spinner off \
        --vulnerability-service "$service" -r "$lock" 2>&1)
    rc=$?
    if [ $rc -ne 0 ] && grep -q -e "could not be audited" -e "ConnectionError" \
        -e "Max retries exceeded" -e "Name or service not known" <<<"$out"; then
        echo "make audit: $lock NOT audited: the vulnerability service ($service)"
        echo "cannot be reached from here, or knows none of the packages (this"
        echo "machine reaches only a package index mirror, whose JSON API answers"
        echo "'not found'). Run it where pypi.org or api.osv.dev is reachable:"
        echo "  AUDIT_SERVICE=osv make audit"
        exit 2
    fi
    echo "$out"
    [ $rc -ne 0 ] && status=$rc
done
exit $status
