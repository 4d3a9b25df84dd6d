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

# mvn_plain ARGS...: mvn in batch mode with its output free of colour codes (Maven 3.8 writes ANSI
# resets even with style.color=never), for output that ends up in logs; keeps mvn's exit status.
mvn_plain() {
  mvn -B -Dstyle.color=never "$@" 2>&1 | sed 's/\x1b\[[0-9;]*m//g'
  return "${PIPESTATUS[0]}"
}
