# Sourced by the deploy scripts: installs with apt the command-line tools they use, when missing.

# ensure_commands CMD[:PACKAGE]...: each command missing from PATH is installed from its Debian
# package (of the same name unless given: node:nodejs), so that a new machine needs no manual step.
ensure_commands() {
  local missing=() spec
  for spec in "$@"; do
    command -v "${spec%%:*}" >/dev/null 2>&1 || missing+=("${spec#*:}")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing ${missing[*]} with apt"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# mvn_plain ARGS...: mvn in batch mode with its output free of colour codes (Maven 3.8 writes ANSI
# resets even with style.color=never), for output that ends up in logs; keeps mvn's exit status.
mvn_plain() {
  mvn -B -Dstyle.color=never "$@" 2>&1 | sed 's/\x1b\[[0-9;]*m//g'
  return "${PIPESTATUS[0]}"
}

# resolve_java [JAVA]: sets JAVA_BIN and JAVA_FEATURE (its version, 17, 25, ...) to the JVM that runs
# the services here: JAVA if given; else the first JDK 25 or later of JAVA_HOME, PATH and
# /usr/lib/jvm, for its AOT cache (JEP 483 and 514: a node's start-up 6 s -> 2 s on 2 cores); else
# JAVA_HOME's or PATH's java. The code is Java 17 (release 17) and runs on either.
JAVA_BIN="" JAVA_FEATURE=0
java_feature() { "$1" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ { print $2 }'; }
resolve_java() {
  local c v
  JAVA_BIN=""
  for c in ${1:-${JAVA_HOME:+$JAVA_HOME/bin/java} $(command -v java) /usr/lib/jvm/*/bin/java}; do
    [ -x "$c" ] || continue
    v=$(java_feature "$c")
    [[ $v =~ ^[0-9]+$ ]] || continue
    [ -n "$JAVA_BIN" ] || { JAVA_BIN=$c JAVA_FEATURE=$v; }
    [ -n "${1:-}" ] && break
    if [ "$v" -ge 25 ]; then JAVA_BIN=$c JAVA_FEATURE=$v; break; fi
  done
  [ -n "$JAVA_BIN" ] || { echo "no java found (${1:-JAVA_HOME, PATH, /usr/lib/jvm})" >&2; return 1; }
}
java_bin() { [ -n "$JAVA_BIN" ] || resolve_java; echo "$JAVA_BIN"; }

# free_port: a loopback port nobody listens on now (a training run or a benchmark's node beside a
# running federation).
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
