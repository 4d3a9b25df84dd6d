#!/usr/bin/env bash
# Stops the Keycloak that start.sh started (by its pid file). Safe to run when nothing runs.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck disable=SC1091
. "$here/../lib/service-user.sh"
pidfile="$(keycloak_dir)/run/keycloak.pid"

if [ ! -f "$pidfile" ]; then
  echo "Keycloak is not running (no pid file)"
  exit 0
fi
pid=$(cat "$pidfile")
# The pid may have been reused since: only signal it if it still is this Keycloak.
if ! kill -0 "$pid" 2>/dev/null || ! tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q keycloak; then
  echo "Keycloak is not running (stale pid file)"
  rm -f "$pidfile"
  exit 0
fi

kill -TERM "$pid"
for _ in $(seq 1 30); do
  kill -0 "$pid" 2>/dev/null || { rm -f "$pidfile"; echo "Keycloak stopped"; exit 0; }
  sleep 1
done
echo "Keycloak did not stop within 30s; killing pid $pid" >&2
kill -KILL "$pid" 2>/dev/null || true
rm -f "$pidfile"
