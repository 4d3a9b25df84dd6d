#!/usr/bin/env bash
# End-to-end referral benchmark (not a test): brings the local federation up if needed, then refers
# cases from node AT to node BG and prints referrals/s, commit-to-receipt latency, the CPU per referral
# summed over every process and the crypto ceiling, and writes them as JSON (deploy/bench/referral/out),
# next to the gateway-only figures of deploy/bench/gateway/run.sh when that benchmark has been run.
#   deploy/bench/referral/run.sh [--count 300] [--concurrency 8] [--rate 100 --seconds 60]
#   (--count 0 --rate R: the open-loop phase alone, e.g. the first minute after a cold start)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
FEDERATION=$ROOT/deploy/local/federation.sh
source "$ROOT/deploy/bench/lib.sh"
STATUS=$(mktemp)
trap 'rm -f "$STATUS"' EXIT
"$FEDERATION" status --json >"$STATUS" 2>/dev/null && jq -e '.countries.AT.nodeState == "ready" and .countries.BG.nodeState == "ready"' "$STATUS" >/dev/null \
  || { "$FEDERATION" up >/dev/null && "$FEDERATION" status --json >"$STATUS"; }
if bench_stale; then bench_package deploy/bench >&2; fi
java -Dslf4j.internal.verbosity=ERROR -cp "$BENCH_CP" org.trm.bench.referral.ReferralBench \
  --status "$STATUS" --out "$HERE/out" "$@"
summary=$ROOT/deploy/bench/gateway/out/summary.txt
if [ -s "$summary" ]; then
  echo "gateway only (deploy/bench/gateway/run.sh, $(date -r "$summary" '+%F %H:%M')):"
  sed 's/^/  /' "$summary"
fi
