#!/usr/bin/env bash
# Starts a real Keycloak (the keycloak-quarkus-dist zip from Maven Central) on 127.0.0.1:8180 with the
# realms nrm-at, nrm-bg and nrm-ro imported, for the local federation and for the tests.
# Idempotent: if Keycloak already answers, it returns at once. Stop it with stop.sh.
#
# Environment (all optional):
#   KC_BOOTSTRAP_ADMIN_USERNAME / KC_BOOTSTRAP_ADMIN_PASSWORD  master-realm admin created on the first
#       start (demo defaults: admin / demo-only-change-me; only read when the H2 database is new)
#   KC_START_TIMEOUT  seconds to wait for the realms (default 240: a first start takes ~45 s on an idle
#       2-core machine and over 100 s when builds run beside it)
#   KC_PORT  the HTTP port (default 8180, which the local federation and the tests expect)
#   JAVA_OPTS_KC_HEAP  Keycloak's heap (default -Xms32m -Xmx256m: its own default, -Xmx512m, let an
#       idle Keycloak with ten realms hold 617 MB; 428 MB with a smaller heap; 150 logins left
#       100 MB of it in use)
#   TRM_STATE_DIR  as root, where Keycloak is installed and runs as the user trm (default /var/lib/trm;
#       see deploy/lib/service-user.sh)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck disable=SC1091
. "$here/../lib/service-user.sh"
# shellcheck disable=SC1091
. "$here/../lib/tools.sh"
version=26.7.3
port=${KC_PORT:-8180}
# The distribution and its database: deploy/keycloak/dist, or as root SERVICE_STATE_DIR/keycloak,
# where the service user can read it however private the clone is (deploy/lib/service-user.sh).
dist=$(keycloak_dir)
home="$dist/keycloak-$version"
run="$dist/run"
log="$run/keycloak.log"
pidfile="$run/keycloak.pid"
timeout=${KC_START_TIMEOUT:-240}
base="http://127.0.0.1:$port"

stamp="$home/data/realms.sha256"
realms=("$here/nrm-at.json" "$here/nrm-bg.json" "$here/nrm-ro.json")

answers() { curl -fsS -o /dev/null --max-time 3 "$base/realms/$1/.well-known/openid-configuration"; }
all_realms_answer() { answers nrm-at && answers nrm-bg && answers nrm-ro; } 2>/dev/null
realms_hash() { cat "${realms[@]}" | sha256sum | cut -d' ' -f1; }
# Keycloak imports a realm only if it does not exist yet, so a server whose database was built from
# older exports would keep serving the old realms: such a database is recreated.
current() { [ "$(cat "$stamp" 2>/dev/null)" = "$(realms_hash)" ]; }
running_pid() {
  local pid
  [ -f "$pidfile" ] || return 1
  pid=$(cat "$pidfile")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q keycloak || return 1
  echo "$pid"
}
# Up to date, or a server this script did not start (e.g. one from deploy/compose): use it as it is.
usable() { all_realms_answer && { current || ! running_pid >/dev/null; }; }

if usable; then
  echo "Keycloak already answers on $base"
  exit 0
fi

ensure_service_user
mkdir -p "$run"
# Two test runs starting at once must not both launch a server: the second waits here, then finds it up.
exec 9>"$dist/start.lock"
flock -w "$((timeout + 300))" 9 || { echo "Another start.sh holds $dist/start.lock" >&2; exit 1; }
if usable; then
  echo "Keycloak already answers on $base"
  exit 0
fi
if [ -d "$home/data" ] && ! current; then
  echo "Realm exports changed since this Keycloak's database was built: recreating it"
  "$here/stop.sh"
  rm -rf "$home/data/h2" "$stamp"
fi

if ! pid=$(running_pid); then
  if [ ! -x "$home/bin/kc.sh" ]; then
    echo "Fetching org.keycloak:keycloak-quarkus-dist:$version from Maven Central"
    mvn_plain -q dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$version:zip" -DoutputDirectory="$dist"
    # Unzip beside the target and rename, so an interrupted unzip never looks like a complete install.
    rm -rf "$dist/unzip.tmp"
    unzip -q "$dist/keycloak-quarkus-dist-$version.zip" -d "$dist/unzip.tmp"
    mv "$dist/unzip.tmp/keycloak-$version" "$home"
    rm -rf "$dist/unzip.tmp" "$dist/keycloak-quarkus-dist-$version.zip"
  fi

  # Keycloak 26 runs on Java 17 or later. Prefer the distribution's Java 17 (measured to work), then the
  # newest other JDK, so that the choice does not depend on the caller's PATH.
  java_home=""
  for candidate in /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/java-17-openjdk* /usr/lib/jvm/temurin-25-jdk* /usr/lib/jvm/temurin-21-jdk* "${JAVA_HOME:-}"; do
    if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ]; then java_home=$candidate; break; fi
  done
  [ -n "$java_home" ] || { echo "No JDK 17+ found under /usr/lib/jvm or JAVA_HOME" >&2; exit 1; }

  # Realm exports: imported once; on later starts Keycloak skips realms that already exist.
  mkdir -p "$home/data/import"
  cp "${realms[@]}" "$home/data/import/"

  # Nothing that need not run as root does: as root, Keycloak runs as the unprivileged service user,
  # which owns its distribution and database.
  if is_root; then chown -R "$SERVICE_USER:" "$dist"; fi

  echo "Starting Keycloak $version on $base (Java from $java_home, log $log)"
  # --hostname pins the issuer to http://127.0.0.1:8180/realms/<realm> however the server is reached,
  # so that it matches the node's mp.jwt.verify.issuer. Health and metrics stay off: they would open
  # Keycloak's management interface on port 9000, which Quarkus services use for theirs too.
  # It starts in its own directory: the caller's may be one the service user cannot enter.
  cd "$home"
  setsid ${RUN_AS[@]+"${RUN_AS[@]}"} env JAVA_HOME="$java_home" JAVA_OPTS_KC_HEAP="${JAVA_OPTS_KC_HEAP:--Xms32m -Xmx256m}" \
    KC_BOOTSTRAP_ADMIN_USERNAME="${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}" \
    KC_BOOTSTRAP_ADMIN_PASSWORD="${KC_BOOTSTRAP_ADMIN_PASSWORD:-demo-only-change-me}" \
    "$home/bin/kc.sh" start-dev --http-port="$port" --http-host=127.0.0.1 --hostname="$base" \
    --import-realm </dev/null >"$log" 2>&1 9>&- &
  pid=$!
  echo "$pid" >"$pidfile"
else
  echo "Keycloak (pid $pid) is starting; waiting for it"
fi

deadline=$((SECONDS + timeout))
until all_realms_answer; do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "Keycloak exited before answering. Last lines of $log:" >&2
    tail -n 40 "$log" >&2
    exit 1
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "Keycloak did not answer within ${timeout}s. Last lines of $log:" >&2
    tail -n 40 "$log" >&2
    exit 1
  fi
  sleep 1
done
# Only now: an import that failed half-way must not count as done.
realms_hash >"$stamp"
echo "Keycloak answers on $base (realms nrm-at, nrm-bg, nrm-ro) after ${SECONDS}s"
