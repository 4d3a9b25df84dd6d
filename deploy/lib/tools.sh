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
