#!/usr/bin/env bash
# Runs every test of the project on this machine: starts what the tests need (PostgreSQL, Keycloak),
# then `./mvnw verify` over all modules. Safe to run again.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. deploy/lib/tools.sh
. deploy/lib/postgres.sh
# node and npm: the partner client that the system tests run is written in JavaScript; chromium: the
# console tests (deploy/console-tests) drive Debian's Chromium with playwright-core.
ensure_commands curl jq unzip openssl node:nodejs npm chromium
ensure_postgres
ensure_db nrm_test gw_test_a gw_test_b
deploy/keycloak/start.sh
exec ./mvnw -B verify "$@"
