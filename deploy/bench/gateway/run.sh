#!/usr/bin/env bash
# Gateway relay benchmark (not a test): two trm-gateway processes relaying signed, encrypted
# envelopes to a sink, next to a direct-HTTPS baseline with the same bytes.
#   deploy/bench/gateway/run.sh [--rate 200] [--seconds 20] [--count 20000] [--concurrency 128] [--warmup 20000] [--batch 32]
# Extra JVM/config options for both gateways ({cc} = country): TRM_BENCH_GATEWAY_OPTS="-Dtrm.relay.max-in-flight=512 ..."
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
OUT=$HERE/out
mkdir -p "$OUT"
source "$ROOT/deploy/lib/postgres.sh"
ensure_postgres
ensure_db gw_bench_a gw_bench_b

"$ROOT/deploy/pki/pki.sh" --out "$OUT/pki" AT BG RO >/dev/null
APP=$ROOT/trm-gateway/target/quarkus-app/quarkus-run.jar
source "$ROOT/deploy/bench/lib.sh"
modules=()
if [ ! -s "$APP" ] || [ -n "$(find "$ROOT/trm-gateway/src/main" -newer "$APP" -print -quit)" ]; then
  echo "bench: packaging trm-gateway"
  modules+=(trm-gateway)
fi
bench_stale && modules+=(deploy/bench)
[ ${#modules[@]} -eq 0 ] || bench_package "${modules[@]}"
# The table and the verdicts are kept in out/summary.txt for deploy/bench/referral/run.sh to show.
java -Xmx3g -Xlog:gc:file="$OUT/bench-gc.log" -Dslf4j.internal.verbosity=ERROR -cp "$BENCH_CP" org.trm.bench.gateway.GatewayBench \
  --pki "$OUT/pki" --out "$OUT" --app "$APP" "$@" | tee "$OUT/last-run.txt"
sed -n '/^scenario/,$p' "$OUT/last-run.txt" >"$OUT/summary.txt"
