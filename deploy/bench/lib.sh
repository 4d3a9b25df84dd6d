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
