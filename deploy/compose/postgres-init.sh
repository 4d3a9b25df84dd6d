#!/usr/bin/env bash
# Run once by the postgres image on an empty data directory: one database per node and gateway,
# named in TRM_DATABASES (written by deploy/compose/generate.sh), owned by the compose user.
set -euo pipefail
for db in $TRM_DATABASES; do
  [[ $db =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "bad database name: $db" >&2; exit 1; }
  echo "trm: creating database $db"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -c "CREATE DATABASE $db OWNER \"$POSTGRES_USER\""
done
