#!/usr/bin/env bash
# Benchmark of one nrm-node (not a test): builds the node, starts it in JVM mode against a fresh
# bench database on the local PostgreSQL, and loads it with a realistic mix (20% create case, 20%
# update with If-Match, 45% read, 15% search) through the deploy/bench module's NodeBench, which
# mints its own tokens with the test key that the node is told to trust. Prints start-up time to the
# first served request, idle RSS, the mix's maximum throughput with p50/p99, and p99 of reads and
# writes at a fixed rate measured from each request's scheduled send time (no coordinated omission).
#
# The node serves plain HTTP here (no federation TLS material): the benchmark is about the case API.
# Knobs (environment): BENCH_BUILD=0 reuses the built jar; BENCH_MAX_SECONDS, BENCH_CONCURRENCY,
# BENCH_WARMUP_SECONDS, BENCH_RATE, BENCH_RATE_SECONDS; NODE_JAVA_OPTS; NODE_DB_POOL (connection pool size);
# TRM_LOCAL_JAVA (the JVM; default as deploy/local/federation.sh's). On JDK 25 or later the first
# start, which migrates the schema, is also the training run of an AOT cache, and the measured start
# uses it, as the local federation's components do; BENCH_AOT=0 starts without it.
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
here="$root/deploy/bench/node"
. "$root/deploy/lib/postgres.sh"
ROOT=$root
. "$root/deploy/bench/lib.sh"

db=nrm_bench
max_seconds=${BENCH_MAX_SECONDS:-30}
concurrency=${BENCH_CONCURRENCY:-12}
rate=${BENCH_RATE:-200}
rate_seconds=${BENCH_RATE_SECONDS:-30}
node_java_opts=${NODE_JAVA_OPTS:--XX:+UseSerialGC -Xms32m -Xmx128m -Xss512k}
pool=${NODE_DB_POOL:-8}
key="$root/nrm-node/src/test/resources/jwt/privateKey.pem"
pub="$root/nrm-node/src/test/resources/jwt/publicKey.pem"
jar="$root/nrm-node/target/quarkus-app/quarkus-run.jar"
. "$root/deploy/lib/tools.sh"
port=$(free_port)
url="http://127.0.0.1:$port"
log=$(mktemp -t nrm-bench-XXXX.log)

ensure_postgres
ensure_db "$db"
# A fresh schema each run, so that runs compare (the node's Flyway migration recreates it).
PGOPTIONS='-c client_min_messages=warning' psql -X -q -h 127.0.0.1 -U trm -d "$db" -c 'DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;'

if [ "${BENCH_BUILD:-1}" = 1 ] || [ ! -f "$jar" ]; then
  bench_package nrm-node deploy/bench
elif bench_stale; then
  bench_package deploy/bench
fi
resolve_java "${TRM_LOCAL_JAVA:-}"
# The cache names the jar as the training run started it, relative (quarkus-run.jar): it is used only
# when the node starts from the jar's directory with that path.
# Beside, not inside, quarkus-app: the local federation copies that directory for its processes.
aot="$root/nrm-node/target/aot/bench.aot"
mkdir -p "$(dirname "$aot")"
rm -f "$aot"
aot_train=() aot_use=()
if [ "$JAVA_FEATURE" -ge 25 ] && [ "${BENCH_AOT:-1}" = 1 ]; then aot_train=("-XX:AOTCacheOutput=$aot") aot_use=("-XX:AOTCache=$aot"); fi

pid=
stop_node() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" 2>/dev/null || true; fi
  pid=
}
trap stop_node EXIT

# start_node: launches the node; sets pid, and startup_ms from launch to its first served request.
startup_ms=
start_node() {
  local t0 t1 extra=("$@")
  t0=$(date +%s%N)
  NRM_COUNTRY=AT QUARKUS_HTTP_PORT=$port QUARKUS_MANAGEMENT_PORT=$((port + 1)) \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$db" \
  QUARKUS_DATASOURCE_USERNAME=trm QUARKUS_DATASOURCE_PASSWORD=trm \
  QUARKUS_DATASOURCE_JDBC_MAX_SIZE=$pool QUARKUS_DATASOURCE_JDBC_MIN_SIZE=$pool \
  MP_JWT_VERIFY_PUBLICKEY_LOCATION="file:$pub" MP_JWT_VERIFY_ISSUER=https://test.trm.local/realms/nrm-at \
  QUARKUS_LOG_CATEGORY__ORG_TRM__LEVEL=WARN MALLOC_ARENA_MAX=2 \
  QUARKUS_HTTP_TLS_CONFIGURATION_NAME= QUARKUS_HTTP_SSL_PORT=0 \
    bash -c 'cd "$1" && shift && exec "$@" -jar quarkus-run.jar' _ "$(dirname "$jar")" "$JAVA_BIN" $node_java_opts \
    ${extra[@]+"${extra[@]}"} >>"$log" 2>&1 &
  pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$((port + 1))/q/health/ready"; do
    kill -0 "$pid" 2>/dev/null || { echo "the node died; see $log" >&2; tail -n 30 "$log" >&2; exit 1; }
    sleep 0.01
  done
  t1=$(date +%s%N)
  startup_ms=$(((t1 - t0) / 1000000))
}

rss_mb() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status"; }

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); node JVM: $JAVA_BIN $node_java_opts ${aot_use[*]-}; pool $pool"
start_node ${aot_train[@]+"${aot_train[@]}"}
first=$startup_ms
stop_node
[ ${#aot_use[@]} -eq 0 ] || [ -s "$aot" ] || { echo "the training run wrote no AOT cache; see $log" >&2; exit 1; }
start_node ${aot_use[@]+"${aot_use[@]}"}
echo "start-up to first served request: ${startup_ms} ms (${first} ms on the first start, which also migrated the schema${aot_use:+ and recorded the AOT cache})"
sleep 5
idle_rss=$(rss_mb)
echo "idle RSS after start-up: $idle_rss MB"

bench() { java -XX:+UseSerialGC -Xmx512m -Dslf4j.internal.verbosity=ERROR -cp "$BENCH_CP" org.trm.bench.node.NodeBench "$url" "$key" "$@"; }

# CPU milliseconds used so far by this script's finished children (the load generators); `times` must
# run in this shell, not in a command substitution's subshell.
client_ms() {
  times >"$log.times"
  awk 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%.0f", (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * 1000 }' "$log.times"
}
# CPU time (clock ticks) used so far by the node and by the PostgreSQL backends serving its pool: on a
# shared machine the throughput depends on what else runs, the CPU cost per request does not.
ticks_of() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
cpu_ticks() {  # prints "<node ticks> <backend ticks>"
  local total=0 p
  for p in $(psql -X -tA -h 127.0.0.1 -U trm -d "$db" -c \
      "SELECT pid FROM pg_stat_activity WHERE datname = '$db' AND pid <> pg_backend_pid()"); do
    total=$((total + $(ticks_of "$p")))
  done
  echo "$(ticks_of "$pid") $total"
}

# The maximum-throughput run uses wrk when installed (apt-get install wrk): it costs far less CPU per
# request than a JVM client, which matters when client and node share the same two cores.
bench max 3 4 0 >/dev/null   # creates the benchmark's organisation and first cases
BENCH_TOKEN=$(bench token 0)
export BENCH_TOKEN
if command -v wrk >/dev/null; then
  wrk -t "$concurrency" -c "$concurrency" -d "${BENCH_WARMUP_SECONDS:-30}s" \
    -s "$here/mix.lua" "$url" >/dev/null   # warm-up: JIT and pools
else
  bench max "${BENCH_WARMUP_SECONDS:-30}" "$concurrency" 0 >/dev/null
fi
read -r node0 pg0 <<<"$(cpu_ticks)"
client_ms >"$log.client0"
if command -v wrk >/dev/null; then
  wrk -t "$concurrency" -c "$concurrency" -d "${max_seconds}s" --latency \
    -s "$here/mix.lua" "$url" | grep -A2 '^max-throughput' | tee "$log.max"
else
  bench max "$max_seconds" "$concurrency" 0 | tee "$log.max"
fi
client_ms >"$log.client1"
read -r node1 pg1 <<<"$(cpu_ticks)"
requests=$(awk '/^max-throughput:/ { print $2 }' "$log.max")
awk -v node=$((node1 - node0)) -v pg=$((pg1 - pg0)) -v hz="$(getconf CLK_TCK)" -v n="$requests" \
    -v client=$(($(cat "$log.client1") - $(cat "$log.client0"))) -v cores="$(nproc)" 'BEGIN {
  per = 1000 / hz / n
  ms = (node + pg) * per
  printf "  CPU per request: node %.2f ms + its PostgreSQL backends %.2f ms = %.2f ms; load generator %.2f ms\n", node * per, pg * per, ms, client / n
  printf "  capacity from CPU cost on %d cores: %.0f req/s serving only the node, %.0f req/s with the generator on the same cores\n", cores, cores * 1000 / ms, cores * 1000 / (ms + client / n)
}' | tee "$log.cpu"
bench rate "$rate_seconds" "$rate" | tee "$log.rate"
sleep 5
rss_after=$(rss_mb)
echo "idle RSS after the load: $rss_after MB"
echo "node log: $log"

# The run as JSON (deploy/bench/node/out), from which the README's figures are made.
out="$here/out"
mkdir -p "$out"
started=$(date -u +%Y-%m-%dT%H%M%SZ)
# The last number of what matches (of "p99 7.6", 7.6, not the 99 of its name).
num() { grep -oE "$1" "$2" | head -1 | grep -oE '[0-9]+(\.[0-9]+)?' | tail -1; }
jq -n --arg commit "$TRM_COMMIT" --argjson cores "$(nproc)" --arg load "$(cat /proc/loadavg)" --arg at "$started" \
  --arg opts "$JAVA_BIN $node_java_opts ${aot_use[*]-}" --argjson pool "$pool" --argjson concurrency "$concurrency" --argjson rate "$rate" \
  --argjson startup "$startup_ms" --argjson first "$first" --argjson idle "$idle_rss" --argjson after "$rss_after" \
  --argjson max "$(num '= [0-9.]+ req/s' "$log.max")" --argjson cpu "$(num '= [0-9.]+ ms;' "$log.cpu")" \
  --argjson reads "$(grep -E '^  reads' "$log.rate" | num 'p99 [0-9.]+' /dev/stdin)" \
  --argjson writes "$(grep -E '^  writes' "$log.rate" | num 'p99 [0-9.]+' /dev/stdin)" \
  '{bench: "node", commit: $commit, cores: $cores, loadAverageAfter: $load, finished: $at,
    settings: {javaOptions: $opts, pool: $pool, concurrency: $concurrency, rate: $rate},
    figures: {startupMs: $startup, firstStartupMs: $first, idleRssMb: $idle, rssAfterLoadMb: $after,
      maxRequestsPerSecond: $max, cpuPerRequestMs: $cpu, rateReadsP99Ms: $reads, rateWritesP99Ms: $writes}}' \
  | tee "$out/node-$started.json" >"$out/node-latest.json"
echo "results in $out/node-$started.json"
