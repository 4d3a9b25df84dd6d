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
# The start-up figure is the federation's, not the build's.
"$FEDERATION" build >&2
t0=$(date +%s%N)
"$FEDERATION" up --fresh --countries "$countries" --agreements all >"$HERE/federation-up.log" 2>&1 \
  || { tail -n 30 "$HERE/federation-up.log" >&2; exit 1; }
startup=$(awk -v t="$(( $(date +%s%N) - t0 ))" 'BEGIN { printf "%.1f", t / 1e9 }')
echo "federation of $countries up in $startup s (log deploy/bench/scale/federation-up.log)"
STATUS=$(mktemp)
"$FEDERATION" status --json >"$STATUS"
java -Dslf4j.internal.verbosity=ERROR -cp "$BENCH_CP" org.trm.bench.scale.ScaleBench --status "$STATUS" \
  --out "$HERE/out" --federation "$FEDERATION" --startup-seconds "$startup" ${args[@]+"${args[@]}"}
rm -f "$STATUS"
