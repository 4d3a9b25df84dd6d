# Sourced by the deploy scripts: installs with apt the command-line tools they use, when missing.

# ensure_commands CMD...: each command missing from PATH is installed from the Debian package of the
# same name (openssl, curl, jq, unzip), so that a new machine needs no manual step.
ensure_commands() {
  local missing=() cmd
  for cmd in "$@"; do
    command -v "$cmd" >/dev/null 2>&1 || missing+=("$cmd")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing ${missing[*]} with apt"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}
