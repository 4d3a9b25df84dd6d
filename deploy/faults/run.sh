#!/usr/bin/env bash
# The fault suite (not a unit test; deploy/faults/README.md): brings up its own local federation of AT, BG
# and RO (ports +20000, databases ft_*, run directory deploy/faults/target/federation), streams referrals
# and case updates between them while it injects one fault after another, prints the table
# `fault | sent | delivered | duplicates | lost | stuck | failed | recovery s` and the nodes' API error
# rates, writes the results as JSON (deploy/faults/target/fault-suite-*.json) and exits non-zero on any
# loss, duplicate, stuck or failed message. It restarts and crashes the machine's PostgreSQL: run it
# when nothing else uses that server.
#   deploy/faults/run.sh            the full run: at least 10,000 messages, every fault (about 20 min)
#   deploy/faults/run.sh --short    the short run of the build (a few minutes)
#   options: --messages N  --rate PER_SECOND  --faults NAME,...  --out FILE  --keep (leave the federation up)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck disable=SC1091
. "$ROOT/deploy/lib/tools.sh"
# shellcheck disable=SC1091
. "$ROOT/deploy/lib/postgres.sh"
ensure_commands curl jq
ensure_postgres
JAR=$HERE/target/trm-faults.jar
if [ ! -s "$JAR" ] || [ -n "$(find "$HERE/src/main" "$HERE/pom.xml" "$ROOT/deploy/testkit/src/main" "$ROOT/common-model/src/main" \
    -newer "$JAR" -print -quit 2>/dev/null)" ]; then
  (cd "$ROOT" && ./mvnw -B -q -Dstyle.color=never -pl deploy/faults -am package -DskipTests)
fi
cd "$HERE"
exec java -Dslf4j.internal.verbosity=ERROR -cp "$JAR:$HERE/target/lib/*" org.trm.faults.FaultSuite "$@"
