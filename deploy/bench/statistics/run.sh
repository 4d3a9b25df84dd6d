#!/usr/bin/env bash
# A federation statistics round at scale (not a test): stops the local federation, brings up one of
# ten countries with an agreement between every two (federation.sh up --countries ... --agreements
# all), then deploy/bench's StatisticsBench registers victims in every country and times rounds
# asked by the first (POST /api/v1/statistics/federation-rounds to COMPLETE), prints the figures
# (target: under 5 s) and writes them as JSON (deploy/bench/statistics/out). The federation is
# stopped after.
#   deploy/bench/statistics/run.sh [--countries AT,BG,RO,...] [--cases 20] [--rounds 3]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
source "$ROOT/deploy/bench/lib.sh"
federation_at_scale "$HERE" "$@"
java -Dslf4j.internal.verbosity=ERROR -cp "$BENCH_CP" org.trm.bench.statistics.StatisticsBench --status "$STATUS" \
  --out "$HERE/out" ${BENCH_ARGS[@]+"${BENCH_ARGS[@]}"}
