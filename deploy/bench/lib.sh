# Sourced by the benchmarks' run.sh (ROOT set): the mains of the deploy/bench module, built in the
# reactor (nothing installed) when a source they compile from is newer than the module's jar.
BENCH_JAR=$ROOT/deploy/bench/target/trm-bench.jar
BENCH_CP="$BENCH_JAR:$ROOT/deploy/bench/target/lib/*"

# bench_stale: the module's jar is missing or older than its sources, the test kit's or common-model's.
bench_stale() {
  [ ! -s "$BENCH_JAR" ] || [ -n "$(find "$ROOT/deploy/bench/src" "$ROOT/deploy/testkit/src" "$ROOT/common-model/src/main" \
    "$ROOT/pom.xml" "$ROOT/deploy/pom.xml" "$ROOT/deploy/bench/pom.xml" "$ROOT/deploy/testkit/pom.xml" \
    "$ROOT/common-model/pom.xml" -newer "$BENCH_JAR" -print -quit 2>/dev/null)" ]
}

# bench_package MODULE... [-Dproperty...]: packages the modules (and what they need), tests skipped.
bench_package() {
  local modules=() options=()
  for arg in "$@"; do
    case "$arg" in -*) options+=("$arg") ;; *) modules+=("$arg") ;; esac
  done
  (cd "$ROOT" && ./mvnw -B -q -Dstyle.color=never -pl "$(IFS=,; echo "${modules[*]}")" -am package -DskipTests \
    ${options[@]+"${options[@]}"})
}

# The commit the benchmarks' JSON names.
TRM_COMMIT=$(git -C "$ROOT" rev-parse HEAD 2>/dev/null || echo unknown)
if [ -n "$(git -C "$ROOT" status --porcelain 2>/dev/null)" ]; then TRM_COMMIT="$TRM_COMMIT (uncommitted changes)"; fi
export TRM_COMMIT

# federation_at_scale HERE ARG...: for the benchmarks of a large federation. Packages the benchmarks
# if stale, stops the local federation (and again on exit), builds it, then brings up the countries
# of --countries (default ten), in HERE/run, with an agreement between every two, on fresh databases. Sets
# FEDERATION, COUNTRIES, STARTUP (seconds to up, the build not counted), STATUS (the federation's
# status JSON, a file) and BENCH_ARGS (the other arguments, for the benchmark's main).
federation_at_scale() {
  local here=$1 t0
  shift
  FEDERATION=$ROOT/deploy/local/federation.sh
  COUNTRIES=AT,BG,RO,HU,SK,SI,HR,CZ,PL,DE
  BENCH_ARGS=()
  while [ $# -gt 0 ]; do
    case "$1" in
      --countries) COUNTRIES=$2; shift 2 ;;
      *) BENCH_ARGS+=("$1"); shift ;;
    esac
  done
  if bench_stale; then bench_package deploy/bench >&2; fi
  "$FEDERATION" stop >/dev/null 2>&1 || true
  # A run directory of its own (the ports are the same, so the default federation is stopped first):
  # the default one remembers --countries, and the next `up` or demo would bring up ten countries.
  export TRM_LOCAL_RUN_DIR=$here/run
  "$FEDERATION" stop >/dev/null 2>&1 || true
  STATUS=$(mktemp)
  trap '"$FEDERATION" stop >/dev/null 2>&1 || true; rm -f "$STATUS"' EXIT
  "$FEDERATION" build >&2
  t0=$(date +%s%N)
  "$FEDERATION" up --fresh --countries "$COUNTRIES" --agreements all >"$here/federation-up.log" 2>&1 \
    || { tail -n 30 "$here/federation-up.log" >&2; exit 1; }
  # A new build's first `up` also trains the AOT cache: once per build, not part of a start-up.
  local trained
  trained=$(sed -n 's/.*AOT cache trained in \([0-9]*\) s.*/\1/p' "$here/federation-up.log")
  STARTUP=$(awk -v t="$(( $(date +%s%N) - t0 ))" -v trained="${trained:-0}" 'BEGIN { printf "%.1f", t / 1e9 - trained }')
  [ -z "$trained" ] || echo "(the AOT cache's training run, ${trained} s, is not counted in the start-up)" >&2
  "$FEDERATION" status --json >"$STATUS"
}
