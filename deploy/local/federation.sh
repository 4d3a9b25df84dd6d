#!/usr/bin/env bash
# The local federation without Docker: per country an nrm-node and a trm-gateway as background Java
# processes on loopback ports, with their own PostgreSQL databases, real certificates from deploy/pki
# and the country's realm on a local Keycloak.
#
#   deploy/local/federation.sh up      [--countries AT,BG,RO] [--fresh]   build what is missing, make
#                                       the PKI, start PostgreSQL, Keycloak, nodes and gateways, wait
#                                       until all are ready, print what runs where
#   deploy/local/federation.sh build                   only build what is missing (up does it first)
#   deploy/local/federation.sh status  [--json]        state, URLs, ports, PIDs, log files
#   deploy/local/federation.sh stop    [NAME ...]      stop everything started here (Keycloak too, if
#                                       this script started it), or only the named components (at-node)
#   deploy/local/federation.sh logs    [NAME ...] [-f] the last lines of the logs, or follow them
#   deploy/local/federation.sh signal  SIG NAME ...    send a signal to running components by name
#                                       (KILL: crash it; STOP and CONT: freeze and thaw it)
#
# Country i (0-based, in list order) gets its node on http://127.0.0.1:(8101+i) (users, JWT) and
# https://127.0.0.1:(8401+i) (mTLS, its gateway only), and its gateway on https://127.0.0.1:(8201+i);
# their management ports (plain HTTP: /q/health, /q/metrics) are http://127.0.0.1:(8501+i) for the
# node and http://127.0.0.1:(8601+i) for the gateway.
# `up` is idempotent: running components are left alone and only the missing ones are started, so it
# also restarts a component that was stopped or killed.
#
# Options and environment (a second federation beside the first, as the federation test runs one):
#   --countries LIST   TRM_LOCAL_COUNTRIES    comma- or space-separated ISO codes (default AT BG RO)
#   --run-dir DIR      TRM_LOCAL_RUN_DIR      pid files, logs, settings (default deploy/local/run)
#   --port-offset N    TRM_LOCAL_PORT_OFFSET  added to every node and gateway port (default 0)
#   --db-prefix P      TRM_LOCAL_DB_PREFIX    databases are P nrm_<cc> and P gw_<cc> (default none)
#   --pki-dir DIR      TRM_LOCAL_PKI_DIR      PKI output (default deploy/pki/out; RUN_DIR/pki with an offset)
#   --agreements LIST  TRM_LOCAL_AGREEMENTS   the directory's agreements, e.g. AT-BG,AT-RO or AT-BG-RO
#                                             (multilateral), or "all" (every pair of the countries);
#                                             default deploy/pki's: AT-BG only; each revision 1; a
#                                             changed list re-signs it
#   --gateway-replicas LIST  TRM_LOCAL_GATEWAY_REPLICAS  countries served by two gateway replicas on
#                      one database (CC or CC=N, N at most 3), behind a TCP balancer (haproxy, installed
#                      with apt if missing) on the country's gateway port, as a Kubernetes Service
#                      spreads connections over the chart's replicas. Replica r is <cc>-gateway (r=1)
#                      or <cc>-gateway-<r>, on https port 8301+i+30(r-1) and management port 8601+i
#                      (r=1) or 8701+i+30(r-2); the balancer is <cc>-gateway-lb
#   --fresh            drop and recreate the databases of stopped components before starting them
#   TRM_LOCAL_READY_TIMEOUT  seconds to wait for readiness (default 240)
#   TRM_LOCAL_DB_CONNECTIONS PostgreSQL connections shared by all pools of the federation (default 80)
#   TRM_LOCAL_JAVA_OPTS      JVM options of every component (default "-Xms64m -Xmx256m -XX:+UseSerialGC
#                            -XX:TieredStopAtLevel=1": small JVMs sharing few cores spend more on C2
#                            compiling than C2 saves them; with C1 alone a referral and its receipt
#                            cost 38 ms of CPU over all processes instead of 68 ms, 37/s instead of 27/s)
#   TRM_LOCAL_JAVA           the java of every component (default: the first JDK 25 or later of JAVA_HOME,
#                            PATH and /usr/lib/jvm, else JAVA_HOME's or PATH's java). On JDK 25 or later
#                            each starts from an AOT cache of its build, trained once (module/target/aot)
#   TRM_LOCAL_NODE_ENV, TRM_LOCAL_GATEWAY_ENV  extra settings of every node / gateway, space-separated
#                            NAME=VALUE pairs (e.g. "TRM_RELAY_MAX_BACKOFF=5s"); they win over the defaults
# `status`, `stop` and `logs` reuse the settings that `up` recorded in the run directory. The
# processes run a copy of the modules' builds (SERVICE_DIR/app), so that rebuilding never disturbs them.
#
# As root, the Java processes run as the unprivileged system user `trm` (the one deploy/keycloak uses).
# It may be unable to enter the clone (a private home or `mktemp -d`), so what it runs and reads is
# staged outside it, in a directory of its own per run directory, SERVICE_DIR =
# /var/lib/trm/federation/<hash of RUN_DIR> (TRM_STATE_DIR; deploy/lib/service-user.sh says why
# there): the application copies and a copy of only the key material it needs, removed by `stop`.
# The run directory (settings, pid files, logs, written by root) and the PKI with its private CA key
# stay in the clone.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck disable=SC1091
. "$ROOT/deploy/lib/service-user.sh"
# shellcheck disable=SC1091
. "$ROOT/deploy/lib/tools.sh"
DB_USER=trm
# DEMO values for a loopback-only federation (the trust auth of the local PostgreSQL ignores the
# password; deploy/pki's default keystore password).
DB_PASSWORD=trm
PKI_PASSWORD=${TRM_PKI_PASSWORD:-changeit}
KEYCLOAK_URL=http://127.0.0.1:8180
PG_URL=jdbc:postgresql://127.0.0.1:5432

usage() { sed -n '2,/^set -euo/p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'; }

# --- arguments ------------------------------------------------------------------------------------
cmd=""
names=()
opt_countries="" opt_run_dir="" opt_offset="" opt_prefix="" opt_pki="" opt_agreements="" opt_replicas=""
json=0 fresh=0 follow=0
while [ $# -gt 0 ]; do
  case "$1" in
    --countries) opt_countries=$2; shift 2 ;;
    --run-dir) opt_run_dir=$2; shift 2 ;;
    --port-offset) opt_offset=$2; shift 2 ;;
    --db-prefix) opt_prefix=$2; shift 2 ;;
    --pki-dir) opt_pki=$2; shift 2 ;;
    --agreements) opt_agreements=$2; shift 2 ;;
    --gateway-replicas) opt_replicas=$2; shift 2 ;;
    --json) json=1; shift ;;
    --fresh) fresh=1; shift ;;
    -f|--follow) follow=1; shift ;;
    -h|--help|help) usage; exit 0 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) if [ -z "$cmd" ]; then cmd=$1; else names+=("$1"); fi; shift ;;
  esac
done
[ -n "$cmd" ] || { usage >&2; exit 2; }

RUN_DIR=${opt_run_dir:-${TRM_LOCAL_RUN_DIR:-$HERE/run}}
mkdir -p "$RUN_DIR"
RUN_DIR=$(cd "$RUN_DIR" && pwd)
SETTINGS=$RUN_DIR/federation.env

rec_countries="" rec_offset="" rec_prefix="" rec_pki="" rec_agreements="" rec_replicas=""
if [ -f "$SETTINGS" ]; then
  # shellcheck disable=SC1090
  . "$SETTINGS"
fi
COUNTRIES_RAW=${opt_countries:-${TRM_LOCAL_COUNTRIES:-${rec_countries:-AT BG RO}}}
PORT_OFFSET=${opt_offset:-${TRM_LOCAL_PORT_OFFSET:-${rec_offset:-0}}}
DB_PREFIX=${opt_prefix:-${TRM_LOCAL_DB_PREFIX:-${rec_prefix:-}}}
if [ "$PORT_OFFSET" = 0 ]; then default_pki=$ROOT/deploy/pki/out; else default_pki=$RUN_DIR/pki; fi
PKI_DIR=${opt_pki:-${TRM_LOCAL_PKI_DIR:-${rec_pki:-$default_pki}}}
AGREEMENTS=$(echo "${opt_agreements:-${TRM_LOCAL_AGREEMENTS:-$rec_agreements}}" | tr ',[:lower:]' ' [:upper:]' | xargs)
REPLICAS=$(echo "${opt_replicas:-${TRM_LOCAL_GATEWAY_REPLICAS:-$rec_replicas}}" | tr ',[:lower:]' ' [:upper:]' | xargs)
READY_TIMEOUT=${TRM_LOCAL_READY_TIMEOUT:-240}
JAVA_OPTS=${TRM_LOCAL_JAVA_OPTS:--Xms64m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1}

read -r -a COUNTRIES <<<"$(echo "$COUNTRIES_RAW" | tr ',[:lower:]' ' [:upper:]')"
for cc in "${COUNTRIES[@]}"; do
  [[ $cc =~ ^[A-Z]{2}$ ]] || { echo "not an ISO 3166 alpha-2 code: $cc" >&2; exit 2; }
done
[[ $PORT_OFFSET =~ ^[0-9]+$ ]] || { echo "--port-offset must be a number" >&2; exit 2; }
[[ $DB_PREFIX =~ ^[a-z0-9_]*$ ]] || { echo "--db-prefix: lower-case letters, digits and _ only" >&2; exit 2; }
if [ "$AGREEMENTS" = ALL ]; then
  AGREEMENTS=$(for ((i = 0; i < ${#COUNTRIES[@]}; i++)); do for ((j = i + 1; j < ${#COUNTRIES[@]}; j++)); do
    echo "${COUNTRIES[i]}-${COUNTRIES[j]}"; done; done | xargs)
fi
for a in $AGREEMENTS; do
  [[ $a =~ ^[A-Z]{2}(-[A-Z]{2})+$ ]] ||
    { echo "--agreements: ISO codes joined by -, such as AT-BG (or AT-BG-RO, multilateral), not $a" >&2; exit 2; }
done
for r in $REPLICAS; do
  [[ $r =~ ^[A-Z]{2}(=[1-3])?$ ]] || { echo "--gateway-replicas: CC or CC=N (N at most 3), not $r" >&2; exit 2; }
done
# Every process of the federation draws on one PostgreSQL's connections (max_connections, 100 by
# default, three kept for superusers): each node and gateway pool gets an equal share of
# TRM_LOCAL_DB_CONNECTIONS (default 80), never more than its own default (16 and 32), so that ten
# countries under load do not run the server out (SQL state 53300) while three keep ample pools.
DB_CONNECTIONS=${TRM_LOCAL_DB_CONNECTIONS:-80}
[[ $DB_CONNECTIONS =~ ^[0-9]+$ ]] || { echo "TRM_LOCAL_DB_CONNECTIONS must be a number" >&2; exit 2; }
pool_processes=$(( ${#COUNTRIES[@]} * 2 ))
for r in $REPLICAS; do [[ $r == *=* ]] && pool_processes=$(( pool_processes + ${r#*=} - 1 )) || pool_processes=$(( pool_processes + 1 )); done
POOL_SHARE=$(( DB_CONNECTIONS / pool_processes ))
[ "$POOL_SHARE" -ge 2 ] || POOL_SHARE=2
pool() { echo $(( $1 < POOL_SHARE ? $1 : POOL_SHARE )); }

lc() { echo "$1" | tr '[:upper:]' '[:lower:]'; }
index_of() { local i; for i in "${!COUNTRIES[@]}"; do [ "${COUNTRIES[$i]}" = "$1" ] && echo "$i" && return; done; return 1; }
node_port() { echo $((8101 + $(index_of "$1") + PORT_OFFSET)); }
node_tls_port() { echo $((8401 + $(index_of "$1") + PORT_OFFSET)); }
gateway_port() { echo $((8201 + $(index_of "$1") + PORT_OFFSET)); }
# Management interfaces (plain HTTP, health and metrics): Quarkus's default 9000 may be Keycloak's.
node_mgmt_port() { echo $((8501 + $(index_of "$1") + PORT_OFFSET)); }
gateway_mgmt_port() { echo $((8601 + $(index_of "$1") + PORT_OFFSET)); }
node_url() { echo "http://127.0.0.1:$(node_port "$1")"; }
node_tls_url() { echo "https://127.0.0.1:$(node_tls_port "$1")"; }
gateway_url() { echo "https://127.0.0.1:$(gateway_port "$1")"; }
node_mgmt_url() { echo "http://127.0.0.1:$(node_mgmt_port "$1")"; }
gateway_mgmt_url() { echo "http://127.0.0.1:$(gateway_mgmt_port "$1")"; }
realm_url() { echo "$KEYCLOAK_URL/realms/nrm-$(lc "$1")"; }
# replicas CC: how many gateway replicas serve the country (1 unless --gateway-replicas names it).
replicas() {
  local r
  for r in $REPLICAS; do
    if [ "${r%%=*}" = "$1" ]; then
      if [ "$r" = "$1" ]; then echo 2; else echo "${r#*=}"; fi
      return
    fi
  done
  echo 1
}
# replica_name CC R: cc-gateway for the first (or only) replica, cc-gateway-R for the others.
replica_name() { if [ "$2" = 1 ]; then echo "$(lc "$1")-gateway"; else echo "$(lc "$1")-gateway-$2"; fi; }
# A replicated country's gateway port belongs to its balancer; each replica listens on its own.
replica_port() {
  if [ "$(replicas "$1")" = 1 ]; then gateway_port "$1"; else echo $((8301 + $(index_of "$1") + 30 * ($2 - 1) + PORT_OFFSET)); fi
}
replica_mgmt_port() {
  if [ "$2" = 1 ]; then gateway_mgmt_port "$1"; else echo $((8701 + $(index_of "$1") + 30 * ($2 - 2) + PORT_OFFSET)); fi
}
gateway_names() {
  local r n
  n=$(replicas "$1")
  for r in $(seq 1 "$n"); do replica_name "$1" "$r"; done
  [ "$n" = 1 ] || echo "$(lc "$1")-gateway-lb"
}
all_names() { local cc; for cc in "${COUNTRIES[@]}"; do echo "$(lc "$cc")-node $(gateway_names "$cc" | xargs)"; done; }

# What the services run and read: the run directory itself, or as root a directory the service user
# can enter whatever the clone's permissions (see the top).
if is_root; then
  SERVICE_DIR=$SERVICE_STATE_DIR/federation/$(echo "$RUN_DIR" | sha256sum | cut -c1-16)
  SERVICE_PKI=$SERVICE_DIR/pki
else
  SERVICE_DIR=$RUN_DIR
  SERVICE_PKI=$PKI_DIR
fi

NODE_JAR=$ROOT/nrm-node/target/quarkus-app/quarkus-run.jar
GATEWAY_JAR=$ROOT/trm-gateway/target/quarkus-app/quarkus-run.jar
# Relative to SERVICE_DIR, the processes' working directory: an AOT cache (below) is used only with
# the class path it was trained with, and the same relative path holds in every run directory.
NODE_RUN_JAR=app/nrm-node/quarkus-run.jar
GATEWAY_RUN_JAR=app/trm-gateway/quarkus-run.jar

# --- processes ------------------------------------------------------------------------------------
# Each process carries a marker naming its run directory and component, so that a pid file whose pid
# was reused by another process is never mistaken for ours.
marker() {
  case "$1" in
    *-gateway-lb) echo "-f $(lb_config "$1")" ;;
    *) echo "-Dlocalfederation.component=$RUN_DIR/$1" ;;
  esac
}
lb_config() { echo "$SERVICE_DIR/$1.cfg"; }
pid_file() { echo "$RUN_DIR/$1.pid"; }
log_file() { echo "$RUN_DIR/$1.log"; }

running_pid() {
  local f pid
  f=$(pid_file "$1")
  [ -f "$f" ] || return 1
  pid=$(cat "$f")
  [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$(marker "$1") " || return 1
  echo "$pid"
}

keycloak_pid() {
  local f pid
  f=$(keycloak_dir)/run/keycloak.pid
  [ -f "$f" ] && pid=$(cat "$f") && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

# service_dir: as root, SERVICE_DIR belongs to the service user (its working directory), the
# application copies in it to root.
service_dir() {
  is_root || return 0
  ensure_service_user
  install -d -m 0755 "$SERVICE_STATE_DIR/federation"
  install -d -o "$SERVICE_USER" -g "$SERVICE_USER" -m 0750 "$SERVICE_DIR"
}

# --- AOT cache ------------------------------------------------------------------------------------
# On JDK 25 or later each component starts from an AOT cache of its module (JEP 483 and 514: classes
# loaded and linked ahead of time, with their method profiles), made once per build by a training
# run. Measured on 2 cores: a node took 5.7-6.4 s and 6.2-7.1 s of CPU to its first served request
# without, 2.0-2.5 s and 2.7-3.5 s with it. The modules are packaged as aot-jar (every class on the
# JVM's own class path, where the cache can hold it). On an older JVM nothing changes.
aot_enabled() { [ "$JAVA_FEATURE" -ge 25 ]; }

# aot_key MODULE: what a cache depends on: the JVM, its options and every jar of the snapshot.
aot_key() {
  { "$(java_bin)" -version 2>&1; echo "$JAVA_OPTS"
    (cd "$SERVICE_DIR/app/$1" && find . -name '*.jar' -printf '%P %s %T@\n' | sort); } | sha256sum | cut -c1-16
}

# aot_opts MODULE: the JVM options that start MODULE from its cache, if it has one. The cache is
# mapped where it was made rather than at a random address (ArchiveRelocationMode=0; JDK 20 and later
# relocate by default, for address-space randomisation): relocating writes a pointer into most of its
# pages, so that every process held a private copy. Measured with ten countries: the twenty JVMs'
# PSS 3.8 GB with relocation, 3.0 GB without (about 45 MB of each cache stays private: what the JVM
# writes). A trade of the local federation on one machine only; the chart and compose run without.
aot_opts() {
  local cache=$SERVICE_DIR/app/$1/app.aot
  [ -s "$cache" ] && echo "-XX:AOTCache=$cache -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0"
  return 0
}

# prepare_aot: each snapshot gets the cache of its build, kept in the module's target/aot; one missing
# is trained: node and gateway of the first country started on databases of their own and free ports,
# until ready and a few requests answered, then stopped (the JVM writes the cache as it exits).
prepare_aot() {
  aot_enabled || { echo "  $(java_bin) is older than JDK 25: no AOT cache"; return 0; }
  local module todo=() key
  for module in nrm-node trm-gateway; do
    [ -s "$SERVICE_DIR/app/$module/app.aot" ] && continue
    key=$(aot_key "$module")
    if [ ! -s "$ROOT/$module/target/aot/$key.aot" ]; then todo+=("$module"); fi
  done
  [ ${#todo[@]} -eq 0 ] || aot_train "${todo[@]}"
  for module in nrm-node trm-gateway; do
    [ -s "$SERVICE_DIR/app/$module/app.aot" ] && continue
    key=$(aot_key "$module")
    if [ -s "$ROOT/$module/target/aot/$key.aot" ]; then
      install -m 0644 "$ROOT/$module/target/aot/$key.aot" "$SERVICE_DIR/app/$module/app.aot"
      echo "  $module starts from its AOT cache ($(rel "$ROOT/$module/target/aot/$key.aot"))"
    else
      echo "  warning: $module has no AOT cache: it starts without" >&2
    fi
  done
}

# aot_train MODULE...: the training runs, in parallel; each cache lands in target/aot under its key.
aot_train() {
  local cc=${COUNTRIES[0]} module pids=() names=() logs=() outs=() env_lines i port mgmt db name
  . "$ROOT/deploy/lib/postgres.sh"
  for module in "$@"; do
    port=$(free_port) mgmt=$(free_port)
    name=aot-training-$module db=${DB_PREFIX}aot_training_${module//-/_}
    psql_admin -q -c "SET client_min_messages TO warning" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
    ensure_db "$db"
    if [ "$module" = nrm-node ]; then
      mapfile -t env_lines < <(node_env "$cc"; echo "QUARKUS_HTTP_PORT=$port"; echo "QUARKUS_HTTP_SSL_PORT=$(free_port)"
        echo "NRM_FEDERATION_GATEWAY_URL=https://127.0.0.1:9"; echo "QUARKUS_DATASOURCE_JDBC_URL=$PG_URL/$db")
    else
      mapfile -t env_lines < <(gateway_env "$cc"; echo "QUARKUS_HTTP_SSL_PORT=$port"; echo "TRM_NODE_URL=https://127.0.0.1:9"
        echo "QUARKUS_DATASOURCE_JDBC_URL=$PG_URL/$db")
    fi
    env_lines+=("QUARKUS_MANAGEMENT_PORT=$mgmt")
    outs+=("$SERVICE_DIR/$module.aot") logs+=("$(log_file "$name")") names+=("$name:$mgmt:$port:$db")
    rm -f "$SERVICE_DIR/$module.aot"
    # shellcheck disable=SC2086
    (cd "$SERVICE_DIR" && exec setsid ${RUN_AS[@]+"${RUN_AS[@]}"} env "${env_lines[@]}" "$(java_bin)" $JAVA_OPTS \
      -XX:AOTCacheOutput="$module.aot" -jar "app/$module/quarkus-run.jar" </dev/null >"$(log_file "$name")" 2>&1) &
    pids+=($!)
  done
  echo "  training run for the AOT cache of $*"
  local t0=$SECONDS deadline=$((SECONDS + READY_TIMEOUT)) entry
  for i in "${!pids[@]}"; do
    IFS=: read -r name mgmt port db <<<"${names[$i]}"
    until probe "http://127.0.0.1:$mgmt/q/health/ready"; do
      if ! kill -0 "${pids[$i]}" 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; then
        echo "  warning: the training run $name did not get ready (log ${logs[$i]})" >&2
        break
      fi
      sleep 0.5
    done
    # A few requests, so that the request path is in the cache too: health, metrics, an anonymous call.
    for entry in $(seq 1 20); do
      probe "http://127.0.0.1:$mgmt/q/health" || true
      probe "http://127.0.0.1:$mgmt/q/metrics" || true
      curl -sk -o /dev/null --max-time 3 "http://127.0.0.1:$port/api/v1/cases" "https://127.0.0.1:$port/" || true
    done
  done
  for i in "${!pids[@]}"; do kill -TERM "${pids[$i]}" 2>/dev/null || true; done
  for i in "${!pids[@]}"; do wait "${pids[$i]}" 2>/dev/null || true; done
  i=0
  for module in "$@"; do
    IFS=: read -r name mgmt port db <<<"${names[$i]}"
    psql_admin -q -c "SET client_min_messages TO warning" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
    if [ -s "${outs[$i]}" ]; then
      mkdir -p "$ROOT/$module/target/aot"
      mv -f "${outs[$i]}" "$ROOT/$module/target/aot/$(aot_key "$module").aot"
    fi
    i=$((i + 1))
  done
  echo "  AOT cache trained in $((SECONDS - t0)) s"
}

# start NAME JAR PORTS ENV...: a detached Java process with its own session, stdout and stderr to its
# log; PORTS (space-separated) must be free.
start() {
  local name=$1 jar=$2 log pid ports
  read -r -a ports <<<"$3"
  shift 3
  if pid=$(running_pid "$name"); then
    echo "  $name already runs (pid $pid)"
    return 0
  fi
  local port
  for port in "${ports[@]}"; do
    if ss -Hltn "sport = :$port" 2>/dev/null | grep -q .; then
      echo "port $port, which $name needs, is taken by another process (ss -ltnp 'sport = :$port')" >&2
      return 1
    fi
  done
  log=$(log_file "$name")
  [ -f "$log" ] && mv -f "$log" "$log.1"
  : >"$log"
  # The log is opened here, by the caller: the service user needs no access to the run directory.
  # Everything is resolved before the subshell: until it execs, its command line is not the marked
  # one, and running_pid would take it for a process that exited.
  local java aot mark
  java=$(java_bin) aot=$(aot_opts "$(basename "$(dirname "$jar")")") mark=$(marker "$name")
  # shellcheck disable=SC2086
  (cd "$SERVICE_DIR" && exec setsid ${RUN_AS[@]+"${RUN_AS[@]}"} env "$@" "$java" $JAVA_OPTS $aot "$mark" \
    -jar "$jar" </dev/null >>"$log" 2>&1) &
  echo $! >"$(pid_file "$name")"
  echo "  $name started (pid $!, log $log)"
}

stop_one() {
  local name=$1 pid
  if ! pid=$(running_pid "$name"); then
    rm -f "$(pid_file "$name")"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "  $name did not stop within 30s; killing pid $pid" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$(pid_file "$name")"
  echo "  $name stopped (pid $pid)"
}

# --- readiness ------------------------------------------------------------------------------------
# Both services answer their probes on their management port only (plain HTTP, loopback).
probe() { curl -fsS -o /dev/null --max-time 3 "$@" 2>/dev/null; }

node_ready() { probe "$(node_mgmt_url "$1")/q/health/ready"; }

gateway_ready() { probe "$(gateway_mgmt_url "$1")/q/health/ready"; }

component_ready() {
  local cc=${1%%-*} kind=${1#*-}
  cc=$(echo "$cc" | tr '[:lower:]' '[:upper:]')
  case "$kind" in
    node) node_ready "$cc" ;;
    gateway) gateway_ready "$cc" ;;
    gateway-lb) ss -Hltn "sport = :$(gateway_port "$cc")" 2>/dev/null | grep -q . ;;
    gateway-*) probe "http://127.0.0.1:$(replica_mgmt_port "$cc" "${kind#gateway-}")/q/health/ready" ;;
  esac
}

wait_ready() {
  local deadline=$((SECONDS + READY_TIMEOUT)) pending name
  pending=$(all_names)
  while [ -n "$pending" ]; do
    local still=""
    for name in $pending; do
      if ! running_pid "$name" >/dev/null; then
        echo "$name exited before it was ready. Last lines of $(log_file "$name"):" >&2
        tail -n 40 "$(log_file "$name")" >&2
        if grep -q "Migrations have failed validation\|Validate failed" "$(log_file "$name")"; then
          echo "Its database was made by another version of its schema: 'federation.sh stop', then 'up --fresh' recreates the databases (their data is lost)." >&2
        fi
        return 1
      elif component_ready "$name"; then
        echo "  $name ready"
      else
        still="$still $name"
      fi
    done
    pending=${still# }
    [ -z "$pending" ] && break
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "Not ready within ${READY_TIMEOUT}s:$still" >&2
      for name in $pending; do
        echo "--- last lines of $(log_file "$name")" >&2
        tail -n 20 "$(log_file "$name")" >&2
      done
      return 1
    fi
    sleep 1
  done
}

# --- up -------------------------------------------------------------------------------------------
# A module is rebuilt when its fast-jar is missing or older than its sources, its pom or the
# common-model it bundles, unless one of its processes runs: a federation keeps one version of each
# service until it is stopped, so that a restarted component matches the others.
stale() {
  local module=$1 jar=$2
  [ -f "$jar" ] || return 0
  [ -n "$(find "$ROOT/$module/src/main" "$ROOT/$module/pom.xml" "$ROOT/pom.xml" "$ROOT/common-model/src/main" \
    "$ROOT/common-model/pom.xml" -newer "$jar" -print -quit 2>/dev/null)" ] && return 0
  return 1
}

any_replica_running() { local n; for n in $(gateway_names "$1"); do running_pid "$n" >/dev/null && return 0; done; return 1; }

any_running() {
  local kind=$1 cc
  for cc in "${COUNTRIES[@]}"; do
    if [ "$kind" = gateway ]; then any_replica_running "$cc" && return 0
    else running_pid "$(lc "$cc")-$kind" >/dev/null && return 0; fi
  done
  return 1
}

build() {
  local modules=() module kind jar
  for module in nrm-node trm-gateway; do
    if [ "$module" = nrm-node ]; then kind=node jar=$NODE_JAR; else kind=gateway jar=$GATEWAY_JAR; fi
    stale "$module" "$jar" || continue
    if [ -f "$jar" ] && any_running "$kind"; then
      echo "  $module changed since its build, but it runs: stop and up again to rebuild it"
      continue
    fi
    modules+=("$module")
  done
  [ ${#modules[@]} -gt 0 ] || { echo "  nrm-node and trm-gateway are up to date"; return 0; }
  echo "  building $(IFS=,; echo "${modules[*]}") (mvn package, tests skipped)"
  # maven.test.skip also skips compiling the tests, skipTests the test material the modules make
  # (PKI for their tests): starting the federation needs only the main code. -am builds the parent
  # and common-model of this clone with them, never one another build left in the local repository,
  # and Maven resolves the modules' test-scoped dependencies (deploy/testkit, deploy/tools) from it.
  (cd "$ROOT" && mvn_plain -q -DskipTests -Dmaven.test.skip=true -pl "$(IFS=,; echo "${modules[*]}")" -am package)
}

# The processes run a copy of the module's fast-jar in the run directory, taken when none of them
# runs: a later build in target/ (tests, another developer) never changes files under a running JVM.
snapshot() {
  local module=$1 kind=$2 src dst
  src=$ROOT/$module/target/quarkus-app
  dst=$SERVICE_DIR/app/$module
  if [ -f "$dst/quarkus-run.jar" ] && { any_running "$kind" || ! [ "$src/quarkus-run.jar" -nt "$dst/quarkus-run.jar" ]; }; then
    return 0
  fi
  [ -f "$src/quarkus-run.jar" ] || { echo "$src/quarkus-run.jar is missing: the build did not make it" >&2; return 1; }
  rm -rf "$dst" "$dst.tmp"
  mkdir -p "$SERVICE_DIR/app"
  # Owned by whoever runs this script (root included): the service user reads it, never changes it.
  cp -r --preserve=timestamps "$src" "$dst.tmp"
  chmod -R a+rX,go-w "$dst.tmp"
  mv "$dst.tmp" "$dst"
  echo "  $module: running a copy of its build in $(rel "$dst")"
}

# pki.sh is idempotent but signs a new directory on every run: it is skipped when every file a component
# reads exists and the signed directory names each country with its gateway URL (and the agreements
# asked for, if any were).
pki_complete() {
  local cc dir f
  [ -s "$PKI_DIR/federation.jws" ] && [ -s "$PKI_DIR/truststore.p12" ] && [ -s "$PKI_DIR/operator/operator-public.jwk" ] || return 1
  for cc in "${COUNTRIES[@]}"; do
    dir=$PKI_DIR/$(lc "$cc")
    for f in gateway.p12 node.p12 operator.crt operator.key node-sig-1.jwk node-enc-1.jwk gateway-sig-1.jwk; do
      [ -s "$dir/$f" ] || return 1
    done
    jq -e --arg cc "$cc" --arg url "$(gateway_url "$cc")" \
      'any(.participants[]; .country == $cc and .gatewayUrl == $url)' "$PKI_DIR/federation.json" >/dev/null 2>&1 || return 1
  done
  [ -z "$AGREEMENTS" ] || jq -e --arg want "$AGREEMENTS" '([.agreements[].id] | unique) == ($want | split(" ") | sort)' \
    "$PKI_DIR/federation.json" >/dev/null 2>&1
}

make_pki() {
  if pki_complete; then
    echo "  PKI in $PKI_DIR is complete"
  else
    local args=(--out "$PKI_DIR") cc
    for cc in "${COUNTRIES[@]}"; do args+=(--gateway-url "$cc=$(gateway_url "$cc")"); done
    for a in $AGREEMENTS; do args+=(--agreement "$a"); done
    # pki.sh needs common-model and jose4j on a classpath: the node's fast-jar has both, so no nested
    # Maven dependency resolution is needed.
    local cp_file=$RUN_DIR/pki.classpath
    echo "$ROOT/nrm-node/target/quarkus-app/lib/main/*" >"$cp_file"
    # (That classpath has a logging provider the tool cannot start; the notice about it is dropped.)
    TRM_PKI_CLASSPATH_FILE=$cp_file "$ROOT/deploy/pki/pki.sh" "${args[@]}" "${COUNTRIES[@]}" 2>&1 |
      { grep -v -e '^SLF4J' -e '^org.slf4j.spi' || true; }
  fi
  stage_pki
}

# As root, the services read a copy of only what they need in SERVICE_PKI (root's, readable by the
# service user's group): keystores, truststore, the nodes' and gateways' JWKs, the operator's public key and the
# directory. The CA's and the operator's private keys stay in PKI_DIR. A file is copied only when it
# changed, so that a running service sees a new directory as the change it is, and nothing else.
stage_pki() {
  is_root || return 0
  local cc rel files=(truststore.p12 federation.jws operator/operator-public.jwk)
  for cc in "${COUNTRIES[@]}"; do
    for rel in gateway.p12 node.p12 node-sig-1.jwk node-enc-1.jwk gateway-sig-1.jwk; do files+=("$(lc "$cc")/$rel"); done
  done
  for rel in "${files[@]}"; do
    install -d -o root -g "$SERVICE_USER" -m 0750 "$SERVICE_PKI/$(dirname "$rel")"
    if ! cmp -s "$PKI_DIR/$rel" "$SERVICE_PKI/$rel"; then
      install -o root -g "$SERVICE_USER" -m 0640 "$PKI_DIR/$rel" "$SERVICE_PKI/$rel.tmp"
      mv -f "$SERVICE_PKI/$rel.tmp" "$SERVICE_PKI/$rel"
    fi
  done
  echo "  the services read a copy of their key material in $SERVICE_PKI"
}

databases() {
  local cc
  for cc in "${COUNTRIES[@]}"; do echo "${DB_PREFIX}nrm_$(lc "$cc") ${DB_PREFIX}gw_$(lc "$cc")"; done
}

prepare_databases() {
  # shellcheck disable=SC1091
  . "$ROOT/deploy/lib/postgres.sh"
  ensure_postgres
  if [ "$fresh" = 1 ]; then
    local cc name db
    for cc in "${COUNTRIES[@]}"; do
      for name in node gateway; do
        if running_pid "$(lc "$cc")-$name" >/dev/null; then continue; fi
        if [ "$name" = gateway ] && any_replica_running "$cc"; then continue; fi
        if [ "$name" = node ]; then db=${DB_PREFIX}nrm_$(lc "$cc"); else db=${DB_PREFIX}gw_$(lc "$cc"); fi
        psql_admin -q -c "SET client_min_messages TO warning" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
      done
    done
  fi
  # shellcheck disable=SC2046
  ensure_db $(databases)
  echo "  PostgreSQL on 127.0.0.1:5432 with databases $(databases | tr '\n' ' ')"
}

realms_answer() {
  local cc
  for cc in "${COUNTRIES[@]}"; do
    curl -fsS -o /dev/null --max-time 3 "$(realm_url "$cc")/.well-known/openid-configuration" 2>/dev/null || return 1
  done
}

start_keycloak() {
  # A Keycloak that already serves every realm is used as it is (whoever started it).
  if realms_answer; then
    echo "  Keycloak answers on $KEYCLOAK_URL"
    return 0
  fi
  local before=0
  curl -fsS -o /dev/null --max-time 3 "$KEYCLOAK_URL/realms/master" 2>/dev/null && before=1
  "$ROOT/deploy/keycloak/start.sh" 2>&1 | sed 's/^/  /'
  # Only a Keycloak started here is stopped by `stop`; one that ran before belongs to someone else.
  [ "$before" = 1 ] || touch "$RUN_DIR/keycloak.started-here"
  realms_answer || import_missing_realms
}

# import_missing_realms: a country beyond deploy/keycloak's three exports gets the same realm (its demo
# users, clients and organisations), made from the template and created through Keycloak's admin API.
import_missing_realms() {
  local cc l token profile
  token=$(curl -fsS --max-time 30 -d grant_type=password -d client_id=admin-cli \
    -d username="${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}" -d password="${KC_BOOTSTRAP_ADMIN_PASSWORD:-demo-only-change-me}" \
    "$KEYCLOAK_URL/realms/master/protocol/openid-connect/token" | jq -r .access_token) \
    || { echo "  warning: no admin token from Keycloak's master realm: realms of ${COUNTRIES[*]} not all imported" >&2; return 0; }
  profile=$(jq -c . "$ROOT/deploy/keycloak/user-profile.json")
  for cc in "${COUNTRIES[@]}"; do
    curl -fsS -o /dev/null --max-time 3 "$(realm_url "$cc")/.well-known/openid-configuration" 2>/dev/null && continue
    l=$(lc "$cc")
    jq -n --arg cc "$l" --arg profile "$profile" -f "$ROOT/deploy/keycloak/realm.jq" \
      | curl -fsS -o /dev/null --max-time 120 -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        --data-binary @- "$KEYCLOAK_URL/admin/realms" \
      && echo "  realm nrm-$l created from deploy/keycloak/realm.jq" \
      || echo "  warning: realm nrm-$l could not be created" >&2
  done
}

node_env() {
  local cc=$1 l dir
  l=$(lc "$cc")
  dir=$SERVICE_PKI/$l
  echo "NRM_COUNTRY=$cc"
  echo "QUARKUS_HTTP_HOST=127.0.0.1"
  echo "QUARKUS_HTTP_PORT=$(node_port "$cc")"
  echo "QUARKUS_HTTP_SSL_PORT=$(node_tls_port "$cc")"
  echo "QUARKUS_MANAGEMENT_HOST=127.0.0.1"
  echo "QUARKUS_MANAGEMENT_PORT=$(node_mgmt_port "$cc")"
  echo "QUARKUS_DATASOURCE_JDBC_URL=$PG_URL/${DB_PREFIX}nrm_$l"
  echo "QUARKUS_DATASOURCE_USERNAME=$DB_USER"
  echo "QUARKUS_DATASOURCE_PASSWORD=$DB_PASSWORD"
  echo "QUARKUS_DATASOURCE_JDBC_MAX_SIZE=$(pool 16)"
  echo "MP_JWT_VERIFY_PUBLICKEY_LOCATION=$(realm_url "$cc")/protocol/openid-connect/certs"
  echo "MP_JWT_VERIFY_ISSUER=$(realm_url "$cc")"
  echo "NRM_FEDERATION_ENABLED=true"
  echo "NRM_FEDERATION_GATEWAY_URL=$(gateway_url "$cc")"
  echo "NRM_FEDERATION_SIGNING_KEY=$dir/node-sig-1.jwk"
  echo "NRM_FEDERATION_ENCRYPTION_KEYS=$dir/node-enc-1.jwk"
  echo "NRM_FEDERATION_DIRECTORY=$SERVICE_PKI/federation.jws"
  echo "NRM_FEDERATION_OPERATOR_KEY=$SERVICE_PKI/operator/operator-public.jwk"
  echo "QUARKUS_TLS_FEDERATION_KEY_STORE_P12_PATH=$dir/node.p12"
  echo "QUARKUS_TLS_FEDERATION_KEY_STORE_P12_PASSWORD=$PKI_PASSWORD"
  echo "QUARKUS_TLS_FEDERATION_TRUST_STORE_P12_PATH=$SERVICE_PKI/truststore.p12"
  echo "QUARKUS_TLS_FEDERATION_TRUST_STORE_P12_PASSWORD=$PKI_PASSWORD"
}

# gateway_env CC [R]: the settings of the country's gateway replica R (default 1); replicas share the
# database and the certificates, and differ only in their ports.
gateway_env() {
  local cc=$1 r=${2:-1} l dir
  l=$(lc "$cc")
  dir=$SERVICE_PKI/$l
  echo "TRM_COUNTRY=$cc"
  echo "TRM_NODE_URL=$(node_tls_url "$cc")"
  echo "TRM_DIRECTORY_LOCATION=$SERVICE_PKI/federation.jws"
  echo "TRM_DIRECTORY_OPERATOR_KEY=$SERVICE_PKI/operator/operator-public.jwk"
  echo "TRM_SIGNING_KEY=$dir/gateway-sig-1.jwk"
  echo "QUARKUS_HTTP_HOST=127.0.0.1"
  # HTTPS only: no plain port is opened (three gateways would otherwise all claim the default 8080).
  echo "QUARKUS_HTTP_INSECURE_REQUESTS=disabled"
  echo "QUARKUS_HTTP_SSL_PORT=$(replica_port "$cc" "$r")"
  echo "QUARKUS_MANAGEMENT_HOST=127.0.0.1"
  echo "QUARKUS_MANAGEMENT_PORT=$(replica_mgmt_port "$cc" "$r")"
  echo "QUARKUS_DATASOURCE_JDBC_URL=$PG_URL/${DB_PREFIX}gw_$l"
  echo "QUARKUS_DATASOURCE_USERNAME=$DB_USER"
  echo "QUARKUS_DATASOURCE_PASSWORD=$DB_PASSWORD"
  echo "QUARKUS_DATASOURCE_JDBC_MAX_SIZE=$(pool 32)"
  # Both services name their TLS configuration "federation", so that the default one stays unset and
  # the management port stays plain HTTP.
  echo "QUARKUS_TLS_FEDERATION_KEY_STORE_P12_PATH=$dir/gateway.p12"
  echo "QUARKUS_TLS_FEDERATION_KEY_STORE_P12_PASSWORD=$PKI_PASSWORD"
  echo "QUARKUS_TLS_FEDERATION_TRUST_STORE_P12_PATH=$SERVICE_PKI/truststore.p12"
  echo "QUARKUS_TLS_FEDERATION_TRUST_STORE_P12_PASSWORD=$PKI_PASSWORD"
}

# extra_env "A=1 B=2": one NAME=VALUE per line; env(1) takes the last of a repeated name.
extra_env() {
  local pair
  for pair in $1; do
    [[ $pair =~ ^[A-Z_][A-Z0-9_]*= ]] || { echo "not a NAME=VALUE setting: $pair" >&2; return 1; }
    echo "$pair"
  done
}

record_settings() {
  cat >"$SETTINGS" <<EOF
# Written by federation.sh up: the settings status, stop and logs reuse.
rec_countries="${COUNTRIES[*]}"
rec_offset="$PORT_OFFSET"
rec_prefix="$DB_PREFIX"
rec_pki="$PKI_DIR"
rec_agreements="$AGREEMENTS"
rec_replicas="$REPLICAS"
EOF
}

up() {
  echo "Local federation: ${COUNTRIES[*]} (run directory $RUN_DIR)"
  ensure_commands jq
  [ -z "$REPLICAS" ] || ensure_commands haproxy
  service_dir
  record_settings
  resolve_java "${TRM_LOCAL_JAVA:-}"
  echo "Build"
  build
  snapshot nrm-node node
  snapshot trm-gateway gateway
  echo "PKI"
  make_pki
  echo "PostgreSQL"
  prepare_databases
  echo "Keycloak"
  start_keycloak
  echo "AOT cache"
  prepare_aot
  echo "Nodes and gateways"
  local cc env_lines
  for cc in "${COUNTRIES[@]}"; do
    mapfile -t env_lines < <(node_env "$cc"; extra_env "${TRM_LOCAL_NODE_ENV:-}")
    start "$(lc "$cc")-node" "$NODE_RUN_JAR" "$(node_port "$cc") $(node_tls_port "$cc") $(node_mgmt_port "$cc")" "${env_lines[@]}"
    local r n
    n=$(replicas "$cc")
    for r in $(seq 1 "$n"); do
      mapfile -t env_lines < <(gateway_env "$cc" "$r"; extra_env "${TRM_LOCAL_GATEWAY_ENV:-}")
      start "$(replica_name "$cc" "$r")" "$GATEWAY_RUN_JAR" "$(replica_port "$cc" "$r") $(replica_mgmt_port "$cc" "$r")" "${env_lines[@]}"
    done
    [ "$n" = 1 ] || start_balancer "$cc"
  done
  echo "Waiting until all are ready (at most ${READY_TIMEOUT}s)"
  wait_ready
  echo "Organisations"
  for cc in "${COUNTRIES[@]}"; do register_organisations "$cc"; done
  echo
  table
}

# start_balancer CC: haproxy in TCP mode on the country's gateway port, in front of its replicas (TLS
# passes through: the gateways' mutual TLS is end to end). A replica is used while its readiness probe
# answers (three misses of 5 s take it out: a loaded machine answers slowly, and with both replicas out
# nothing is served); a connection it refuses is tried on another, as a Service's endpoints follow
# readiness.
start_balancer() {
  local cc=$1 name cfg pid r
  name="$(lc "$cc")-gateway-lb"
  if pid=$(running_pid "$name"); then
    echo "  $name already runs (pid $pid)"
    return 0
  fi
  cfg=$(lb_config "$name")
  {
    printf 'global\n  maxconn 2048\ndefaults\n  mode tcp\n  timeout connect 2s\n  timeout client 120s\n'
    printf '  timeout server 120s\n  timeout check 5s\n  retries 3\n  option redispatch\n'
    printf 'frontend gateway\n  bind 127.0.0.1:%s\n  default_backend replicas\n' "$(gateway_port "$cc")"
    printf 'backend replicas\n  balance roundrobin\n  option httpchk GET /q/health/ready\n'
    for r in $(seq 1 "$(replicas "$cc")"); do
      printf '  server r%s 127.0.0.1:%s check port %s inter 2s fall 3 rise 1\n' "$r" "$(replica_port "$cc" "$r")" \
        "$(replica_mgmt_port "$cc" "$r")"
    done
  } >"$cfg.tmp"
  mv -f "$cfg.tmp" "$cfg"
  is_root && chmod 0644 "$cfg"
  if ss -Hltn "sport = :$(gateway_port "$cc")" 2>/dev/null | grep -q .; then
    echo "port $(gateway_port "$cc"), which $name needs, is taken by another process" >&2
    return 1
  fi
  local log
  log=$(log_file "$name")
  [ -f "$log" ] && mv -f "$log" "$log.1"
  : >"$log"
  # -db: stay in the foreground, one process, whose pid is the pid file's.
  (cd "$SERVICE_DIR" && exec setsid ${RUN_AS[@]+"${RUN_AS[@]}"} haproxy -db -f "$cfg" </dev/null >>"$log" 2>&1) &
  echo $! >"$(pid_file "$name")"
  echo "  $name started (pid $!, log $log)"
}

# register_organisations CC: the organisations the realm's demo users and NGO client belong to
# (deploy/keycloak), registered on the country's node by its demo admin; already registered is fine.
register_organisations() {
  local cc=$1 l token org status
  l=$(lc "$cc")
  # DEMO credentials of the realm exports in deploy/keycloak.
  token=$(curl -fsS --max-time 10 -d grant_type=password -d client_id=nrm-web -d username=admin \
    -d password=demo-only-change-me "$(realm_url "$cc")/protocol/openid-connect/token" | jq -r .access_token) \
    || { echo "  $cc: no admin token from $(realm_url "$cc"); organisations not registered" >&2; return 0; }
  for org in "$l-org-nrm|National Referral Mechanism $cc|CentralGovernmentOrganisation" \
             "$l-org-ngo-1|Partner NGO 1 ($cc)|NGO" "$l-org-audit|NRM audit office $cc|CentralGovernmentOrganisation"; do
    IFS='|' read -r id name type <<<"$org"
    status=$(curl -sS --max-time 10 -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" \
      -H 'Content-Type: application/json' -d "{\"id\":\"$id\",\"name\":\"$name\",\"type\":\"$type\",\"country\":\"$cc\"}" \
      "$(node_url "$cc")/api/v1/organisations")
    case "$status" in
      201|409) ;;
      *) echo "  $cc: registering $id answered $status" >&2 ;;
    esac
  done
  echo "  $cc: $l-org-nrm, $l-org-ngo-1, $l-org-audit"
}

# --- status ---------------------------------------------------------------------------------------
state_of() {
  local name=$1
  if ! running_pid "$name" >/dev/null; then echo stopped
  elif component_ready "$name"; then echo ready
  else echo starting
  fi
}

rel() { case "$1" in "$ROOT"/*) echo "${1#"$ROOT"/}" ;; *) echo "$1" ;; esac; }

table() {
  local cc l fmt="%-8s %-11s %-36s %-6s %-8s %-9s %s\n"
  # shellcheck disable=SC2059
  printf "$fmt" COUNTRY COMPONENT URL PORT PID STATE LOG
  for cc in "${COUNTRIES[@]}"; do
    l=$(lc "$cc")
    # shellcheck disable=SC2059
    printf "$fmt" "$cc" node "$(node_url "$cc")" "$(node_port "$cc")" "$(running_pid "$l-node" || echo -)" \
      "$(state_of "$l-node")" "$(rel "$(log_file "$l-node")")"
    # shellcheck disable=SC2059
    printf "$fmt" "$cc" "node mTLS" "$(node_tls_url "$cc")" "$(node_tls_port "$cc")" "$(running_pid "$l-node" || echo -)" \
      "" "(same process)"
    # shellcheck disable=SC2059
    printf "$fmt" "$cc" "node mgmt" "$(node_mgmt_url "$cc")" "$(node_mgmt_port "$cc")" "$(running_pid "$l-node" || echo -)" \
      "" "(same process) /q/health, /q/metrics"
    # shellcheck disable=SC2059
    printf "$fmt" "$cc" gateway "https://127.0.0.1:$(replica_port "$cc" 1)" "$(replica_port "$cc" 1)" "$(running_pid "$l-gateway" || echo -)" \
      "$(state_of "$l-gateway")" "$(rel "$(log_file "$l-gateway")")"
    # shellcheck disable=SC2059
    printf "$fmt" "$cc" "gw mgmt" "$(gateway_mgmt_url "$cc")" "$(gateway_mgmt_port "$cc")" "$(running_pid "$l-gateway" || echo -)" \
      "" "(same process) /q/health, /q/metrics"
    local r name
    for r in $(seq 2 "$(replicas "$cc")"); do
      name=$(replica_name "$cc" "$r")
      # shellcheck disable=SC2059
      printf "$fmt" "$cc" "gateway $r" "https://127.0.0.1:$(replica_port "$cc" "$r")" "$(replica_port "$cc" "$r")" \
        "$(running_pid "$name" || echo -)" "$(state_of "$name")" "$(rel "$(log_file "$name")")"
      # shellcheck disable=SC2059
      printf "$fmt" "$cc" "gw $r mgmt" "http://127.0.0.1:$(replica_mgmt_port "$cc" "$r")" "$(replica_mgmt_port "$cc" "$r")" \
        "$(running_pid "$name" || echo -)" "" "(same process)"
    done
    if [ "$(replicas "$cc")" != 1 ]; then
      # shellcheck disable=SC2059
      printf "$fmt" "$cc" "gw balancer" "$(gateway_url "$cc")" "$(gateway_port "$cc")" "$(running_pid "$l-gateway-lb" || echo -)" \
        "$(state_of "$l-gateway-lb")" "$(rel "$(log_file "$l-gateway-lb")")"
    fi
    # shellcheck disable=SC2059
    printf "$fmt" "$cc" realm "$(realm_url "$cc")" 8180 "$(keycloak_pid || echo -)" "" ""
  done
  # shellcheck disable=SC2059
  printf "$fmt" - keycloak "$KEYCLOAK_URL" 8180 "$(keycloak_pid || echo -)" "" "$(rel "$(keycloak_dir)/run/keycloak.log")"
  # shellcheck disable=SC2059
  printf "$fmt" - postgresql "127.0.0.1:5432" 5432 - "" "databases: $(databases | tr '\n' ' ')"
  echo
  echo "Swagger UI: $(node_url "${COUNTRIES[0]}")/q/swagger-ui   PKI: $(rel "$PKI_DIR")   Demo users (password demo-only-change-me): coordinator, caseworker, ngo, auditor, admin (client nrm-web)"
  echo "Health and metrics on the management ports (mgmt): curl $(node_mgmt_url "${COUNTRIES[0]}")/q/health   curl $(gateway_mgmt_url "${COUNTRIES[0]}")/q/metrics"
  if [ "$SERVICE_DIR" != "$RUN_DIR" ]; then echo "The services run as user $SERVICE_USER from $SERVICE_DIR"; fi
}

# replicas_json CC: the country's gateway replicas, each with its name, URLs, pid, state and log.
replicas_json() {
  local cc=$1 r name items=()
  for r in $(seq 1 "$(replicas "$cc")"); do
    name=$(replica_name "$cc" "$r")
    items+=("$(jq -n --arg name "$name" --arg url "https://127.0.0.1:$(replica_port "$cc" "$r")" \
      --arg mgmt "http://127.0.0.1:$(replica_mgmt_port "$cc" "$r")" --arg pid "$(running_pid "$name" || true)" \
      --arg state "$(state_of "$name")" --arg log "$(log_file "$name")" \
      '{name: $name, url: $url, managementUrl: $mgmt, pid: ($pid | if . == "" then null else tonumber end),
        state: $state, log: $log}')")
  done
  printf '%s\n' "${items[@]}" | jq -s .
}

status_json() {
  local cc l items=()
  for cc in "${COUNTRIES[@]}"; do
    l=$(lc "$cc")
    items+=("$(jq -n --arg cc "$cc" --arg node "$(node_url "$cc")" --arg nodeTls "$(node_tls_url "$cc")" \
      --arg gw "$(gateway_url "$cc")" --arg realm "$(realm_url "$cc")" \
      --arg nodeMgmt "$(node_mgmt_url "$cc")" --arg gwMgmt "$(gateway_mgmt_url "$cc")" \
      --arg nodePid "$(running_pid "$l-node" || true)" --arg gwPid "$(running_pid "$l-gateway" || true)" \
      --arg nodeState "$(state_of "$l-node")" --arg gwState "$(state_of "$l-gateway")" \
      --arg nodeLog "$(log_file "$l-node")" --arg gwLog "$(log_file "$l-gateway")" \
      --arg nodeDb "${DB_PREFIX}nrm_$l" --arg gwDb "${DB_PREFIX}gw_$l" --argjson replicas "$(replicas_json "$cc")" \
      --arg lbPid "$(running_pid "$l-gateway-lb" || true)" \
      '{($cc): {nodeUrl: $node, nodeFederationUrl: $nodeTls, gatewayUrl: $gw, realmUrl: $realm,
          nodeManagementUrl: $nodeMgmt, gatewayManagementUrl: $gwMgmt,
          nodePid: ($nodePid | if . == "" then null else tonumber end),
          gatewayPid: ($gwPid | if . == "" then null else tonumber end),
          nodeState: $nodeState, gatewayState: $gwState, nodeLog: $nodeLog, gatewayLog: $gwLog,
          nodeDatabase: $nodeDb, gatewayDatabase: $gwDb, gatewayReplicas: $replicas,
          balancerPid: ($lbPid | if . == "" then null else tonumber end)}}')")
  done
  printf '%s\n' "${items[@]}" | jq -s --arg kc "$KEYCLOAK_URL" --arg kcPid "$(keycloak_pid || true)" \
    --arg run "$RUN_DIR" --arg pki "$PKI_DIR" --arg svc "$SERVICE_DIR" --argjson off "$PORT_OFFSET" \
    '{runDir: $run, pkiDir: $pki, serviceDir: $svc, portOffset: $off,
      keycloak: {url: $kc, pid: ($kcPid | if . == "" then null else tonumber end)},
      countries: add}'
}

# --- stop and logs --------------------------------------------------------------------------------
stop_all() {
  local name
  if [ ${#names[@]} -gt 0 ]; then
    for name in "${names[@]}"; do stop_one "$name"; done
    return 0
  fi
  # Gateways first, so that no delivery to a node that is going away is attempted.
  for name in $(all_names | tr ' ' '\n' | sort -t- -k2,2); do stop_one "$name"; done
  # The staged copies go with the processes (the next `up` makes them again): no key material is
  # left outside the clone.
  if [ "$SERVICE_DIR" != "$RUN_DIR" ] && [ -d "$SERVICE_DIR" ]; then
    rm -rf "$SERVICE_DIR"
    echo "  removed the services' copies in $SERVICE_DIR"
  fi
  if [ -f "$RUN_DIR/keycloak.started-here" ]; then
    if [ -x "$ROOT/deploy/keycloak/stop.sh" ]; then "$ROOT/deploy/keycloak/stop.sh" | sed 's/^/  /'; fi
    rm -f "$RUN_DIR/keycloak.started-here"
  else
    echo "  Keycloak left running (it was running before this federation started)"
  fi
}

logs() {
  local files=() name
  if [ ${#names[@]} -eq 0 ]; then read -r -a names <<<"$(all_names | tr '\n' ' ')"; fi
  for name in "${names[@]}"; do [ -f "$(log_file "$name")" ] && files+=("$(log_file "$name")"); done
  [ ${#files[@]} -gt 0 ] || { echo "no logs in $RUN_DIR" >&2; return 1; }
  if [ "$follow" = 1 ]; then exec tail -n 20 -F "${files[@]}"; else tail -n 40 "${files[@]}"; fi
}

# signal SIG NAME...: e.g. KILL (a crash: nothing is flushed), STOP and CONT (a hung process and its
# recovery); a component that does not run is an error.
signal_components() {
  local sig=${names[0]:-} name pid
  [ -n "$sig" ] && [ ${#names[@]} -gt 1 ] || { echo "usage: federation.sh signal SIG NAME..." >&2; return 2; }
  for name in "${names[@]:1}"; do
    pid=$(running_pid "$name") || { echo "$name does not run" >&2; return 1; }
    kill -s "$sig" "$pid"
    echo "  $name (pid $pid): SIG$sig"
  done
}

case "$cmd" in
  up) up ;;
  build) build ;;
  signal) signal_components ;;
  status) if [ "$json" = 1 ]; then status_json; else table; fi ;;
  stop) stop_all ;;
  logs) logs ;;
  *) echo "unknown command $cmd" >&2; usage >&2; exit 2 ;;
esac
