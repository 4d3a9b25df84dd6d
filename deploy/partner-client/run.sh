#!/usr/bin/env bash
# Runs the partner client against a running federation: installs its one dependency from the
# lockfile when missing, then sends a REFERRAL through the sender's gateway and checks the receipt.
#
#   deploy/partner-client/run.sh PKI_DIR GATEWAY_URL [client options]
#   e.g. deploy/partner-client/run.sh deploy/pki/out https://127.0.0.1:8201 --from AT --to BG --inbox 127.0.0.1:8401
#
# The client stands in for the sender's node: its inbox listens where the sender's gateway delivers
# (--inbox, default 127.0.0.1:8401, the AT node's mTLS port in the local federation), so stop that
# node first (deploy/local/federation.sh stop at-node). Exits non-zero on any failure.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 2 ] || { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
PKI=$1 GATEWAY=$2
shift 2
if [ ! -d "$HERE/node_modules/jose" ]; then
  (cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
exec node "$HERE/client.mjs" --pki "$PKI" --gateway "$GATEWAY" "$@"
