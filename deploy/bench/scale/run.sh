#!/usr/bin/env bash
# The federation at scale (not a test): stops the local federation, brings up one of ten countries
# with an agreement between every two (federation.sh up --countries ... --agreements all), times the
# start-up, then deploy/bench's ScaleBench measures idle RSS and CPU, refers cases between every pair
# of countries at a fixed rate, kills one gateway (kill -9) under the load and times the recovery,
# prints the figures and writes them as JSON (deploy/bench/scale/out). The federation is stopped after.
#   deploy/bench/scale/run.sh [--countries AT,BG,RO,...] [--rate 20] [--seconds 300] [--kill BG]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
source "$ROOT/deploy/bench/lib.sh"
federation_at_scale "$HERE" "$@"
echo "federation of $COUNTRIES up in $STARTUP s (log deploy/bench/scale/federation-up.log)"
java -Dslf4j.internal.verbosity=ERROR -cp "$BENCH_CP" org.trm.bench.scale.ScaleBench --status "$STATUS" \
  --out "$HERE/out" --federation "$FEDERATION" --startup-seconds "$STARTUP" ${BENCH_ARGS[@]+"${BENCH_ARGS[@]}"}
