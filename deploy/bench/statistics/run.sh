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
FEDERATION=$ROOT/deploy/local/federation.sh
source "$ROOT/deploy/bench/lib.sh"
countries=AT,BG,RO,HU,SK,SI,HR,CZ,PL,DE
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --countries) countries=$2; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
if bench_stale; then bench_package deploy/bench >&2; fi
"$FEDERATION" stop >/dev/null 2>&1 || true
trap '"$FEDERATION" stop >/dev/null 2>&1 || true' EXIT
"$FEDERATION" build >&2
"$FEDERATION" up --fresh --countries "$countries" --agreements all >"$HERE/federation-up.log" 2>&1 \
  || { tail -n 30 "$HERE/federation-up.log" >&2; exit 1; }
STATUS=$(mktemp)
"$FEDERATION" status --json >"$STATUS"
java -Dslf4j.internal.verbosity=ERROR -cp "$BENCH_CP" org.trm.bench.statistics.StatisticsBench --status "$STATUS" \
  --out "$HERE/out" ${args[@]+"${args[@]}"}
rm -f "$STATUS"
