# Sourced by the deploy scripts: make sure a PostgreSQL 15 answers on 127.0.0.1:5432 and that the
# project's role and databases exist. Installs it with apt when absent; it always runs as `postgres`.
PG_HOST=${PG_HOST:-127.0.0.1}
PG_PORT=${PG_PORT:-5432}
PG_ROLE=${PG_ROLE:-trm}

pg_ready() {
  pg_isready -q -h "$PG_HOST" -p "$PG_PORT" 2>/dev/null
}

ensure_postgres() {
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    echo "installing PostgreSQL with apt"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  if ! pg_ready; then
    pg_cluster start
    for _ in $(seq 1 30); do pg_ready && break; sleep 1; done
  fi
  pg_ready || { echo "PostgreSQL does not answer on $PG_HOST:$PG_PORT" >&2; return 1; }
  psql_admin -tAc "SELECT 1 FROM pg_roles WHERE rolname='$PG_ROLE'" | grep -q 1 \
    || psql_admin -qc "CREATE ROLE $PG_ROLE LOGIN PASSWORD '$PG_ROLE'"
}

# as_postgres CMD...: runs a command as the server's owner, postgres, whoever calls (root drops to it).
# From /: the postgres user often cannot enter the clone (a private directory), and psql says so on
# every call otherwise.
as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"; else (cd / && runuser -u postgres -- "$@"); fi
}

psql_admin() { as_postgres psql -X -q "$@"; }

# pg_cluster ACTION [OPTIONS]: pg_ctlcluster of the newest local cluster, as postgres (restart;
# stop -m immediate, a crash; start), as the fault suite uses it.
pg_cluster() {
  as_postgres pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -n | tail -n 1)" main "$@"
}

# ensure_db NAME...: creates each database, owned by the project role, if it is missing.
ensure_db() {
  local db
  for db in "$@"; do
    if psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1; then
      # One made by hand (as postgres) leaves the role without rights on its public schema, which
      # PostgreSQL 15 gives to the database's owner only.
      psql_admin -tAc "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname='$db'" | grep -qx "$PG_ROLE" \
        || psql_admin -qc "ALTER DATABASE $db OWNER TO $PG_ROLE"
    else
      psql_admin -qc "CREATE DATABASE $db OWNER $PG_ROLE"
    fi
  done
}
