# Sourced by the deploy scripts that start services (deploy/keycloak, deploy/local). As root, nothing
# they start runs as root: Keycloak and the Java services run as the unprivileged system user `trm`.
# That user often cannot enter the clone (root's home, a `mktemp -d` directory: mode 0700), so what
# the services read is staged in SERVICE_STATE_DIR, /var/lib/trm by default (TRM_STATE_DIR): the
# place for the state of a system user's services, outside every user's home and readable whatever
# the clone's permissions. The clone keeps the sources, the logs and what only root reads (the CA's
# and the operator's private keys). Run as another user, the services run as that user, from the clone.
SERVICE_USER=trm
SERVICE_STATE_DIR=${TRM_STATE_DIR:-/var/lib/trm}
SERVICE_LIB_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

is_root() { [ "$(id -u)" = 0 ]; }

# RUN_AS: the command prefix that drops to the service user (empty when not root).
RUN_AS=()
if is_root; then
  RUN_AS=(setpriv --reuid="$SERVICE_USER" --regid="$SERVICE_USER" --init-groups --)
fi

# ensure_service_user: as root, the system user and the state directory, which it may enter but not
# change (each service's own directory below it is its own).
ensure_service_user() {
  is_root || return 0
  id -u "$SERVICE_USER" >/dev/null 2>&1 ||
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$SERVICE_USER"
  install -d -o root -g "$SERVICE_USER" -m 0750 "$SERVICE_STATE_DIR"
  if ! runuser -u "$SERVICE_USER" -- test -x "$SERVICE_STATE_DIR"; then
    echo "user $SERVICE_USER cannot enter $SERVICE_STATE_DIR (TRM_STATE_DIR): a parent directory is private" >&2
    return 1
  fi
}

# keycloak_dir: where deploy/keycloak keeps its distribution, database, pid file and log. As root one
# per machine (there is one Keycloak on port 8180), so that any clone finds and stops the same one.
keycloak_dir() {
  if is_root; then echo "$SERVICE_STATE_DIR/keycloak"; else echo "$SERVICE_LIB_ROOT/deploy/keycloak/dist"; fi
}
