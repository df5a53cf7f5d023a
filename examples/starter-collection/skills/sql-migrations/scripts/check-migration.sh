#!/usr/bin/env sh
# Flags PostgreSQL statements that take long locks. Usage: check-migration.sh migration.sql [...]
# Exit status 1 when something was flagged, so it can gate a commit hook or CI.
set -eu

status=0
for file in "$@"; do
  sql=$(tr '[:lower:]' '[:upper:]' < "$file")
  flag() {
    echo "$file: $1"
    status=1
  }
  if echo "$sql" | grep -E 'CREATE (UNIQUE )?INDEX' | grep -qv 'CONCURRENTLY'; then
    flag "CREATE INDEX without CONCURRENTLY blocks writes while the index builds"
  fi
  if echo "$sql" | grep -E 'ADD CONSTRAINT .*(FOREIGN KEY|CHECK)' | grep -qv 'NOT VALID'; then
    flag "ADD CONSTRAINT without NOT VALID scans the whole table under lock"
  fi
  if echo "$sql" | grep -qE 'ALTER COLUMN .* TYPE'; then
    flag "ALTER COLUMN ... TYPE rewrites the table"
  fi
  if ! echo "$sql" | grep -q 'LOCK_TIMEOUT'; then
    flag "no SET lock_timeout: a blocked ALTER would queue every other query"
  fi
done
exit "$status"
