#!/usr/bin/env bash
# Makes the federation's trust material with openssl and keytool (TLS) and deploy/tools' Java
# program (JWKs and the signed directory): a federation CA; per country a gateway, a node and an operator
# certificate with PKCS12 keystores; one PKCS12 truststore; node signing and encryption JWKs; a gateway
# signing JWK (gateway-sig-1.jwk, kid <CC>-gw-sig-1: it signs the gateway's failure signals); the
# federation operator key; federation.json and its JWS, federation.jws.
#
#   deploy/pki/pki.sh [--out DIR] [--force] [--agreement AT-BG]... [--agreements-file FILE]
#                     [--no-agreements] [--gateway-url CC=URL]... [--bump] [CC ...]
#
# Countries default to AT BG RO; country i's gateway URL defaults to https://127.0.0.1:(8201+i).
# Agreements default to AT-BG (revision 1, all message types, three days to answer a referral, a
# focal point per party, 14 days' notice before a return, follow-ups 1, 3 and 6 months after it):
# RO participates without an agreement, so traffic with RO is refused.
# --agreement AT-BG-RO makes a multilateral one; --agreements-file adds agreements written in full
# (a JSON array as in docs/PROTOCOL.md section 12), each with every revision it has had. Existing material is kept (idempotent) unless --force; the directory is
# re-signed with version+1 whenever its content changes, or with --bump (for reload tests).
#
# Environment:
#   TRM_PKI_PASSWORD      keystore/truststore password. The default "changeit" is a DEMO value only.
#   TRM_PKI_GATEWAY_SANS  extra SANs for gateway certs, comma-separated, {cc} = lower-case country,
#                         e.g. "DNS:gateway-{cc},DNS:trm-gateway-{cc}.trm.svc"
#   TRM_PKI_NODE_SANS     the same for node certs, e.g. "DNS:node-{cc}"
#   TRM_PKI_DAYS          certificate validity in days (default 825)
#   TRM_PKI_CLASSPATH_FILE  a file holding the classpath of common-model and its dependencies, with
#                         or without deploy/tools' jar (the build passes both, so that no nested
#                         Maven runs; without the tool, its jar is built if need be)
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT=$HERE/out
FORCE=0
TOOL_ARGS=()
COUNTRIES=()

while [ $# -gt 0 ]; do
  case "$1" in
    --out) OUT=$2; shift 2 ;;
    --force) FORCE=1; TOOL_ARGS+=(--force); shift ;;
    --agreement|--gateway-url) TOOL_ARGS+=("$1" "$2"); shift 2 ;;
    --agreements-file) TOOL_ARGS+=("$1" "$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"); shift 2 ;;
    --no-agreements|--bump) TOOL_ARGS+=("$1"); shift ;;
    -h|--help) sed -n '2,27p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) COUNTRIES+=("$(echo "$1" | tr '[:lower:]' '[:upper:]')"); shift ;;
  esac
done
[ ${#COUNTRIES[@]} -gt 0 ] || COUNTRIES=(AT BG RO)
for cc in "${COUNTRIES[@]}"; do
  [[ $cc =~ ^[A-Z]{2}$ ]] || { echo "not an ISO 3166 alpha-2 code: $cc" >&2; exit 2; }
done

# DEMO default: real deployments set TRM_PKI_PASSWORD (and keep out/ in a secret store).
PASSWORD=${TRM_PKI_PASSWORD:-changeit}
DAYS=${TRM_PKI_DAYS:-825}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
umask 077

# --- federation CA --------------------------------------------------------------------------------
CA=$OUT/ca
mkdir -p "$CA"
if [ $FORCE = 1 ] || [ ! -s "$CA/ca.crt" ]; then
  echo "pki: federation CA"
  openssl ecparam -name prime256v1 -genkey -noout -out "$CA/ca.key.tmp"
  openssl pkcs8 -topk8 -nocrypt -in "$CA/ca.key.tmp" -out "$CA/ca.key"
  rm -f "$CA/ca.key.tmp"
  openssl req -x509 -new -key "$CA/ca.key" -sha256 -days 3650 -subj "/C=EU/O=TRM federation/CN=TRM federation CA" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -addext "subjectKeyIdentifier=hash" -out "$CA/ca.crt"
  rm -f "$OUT/truststore.p12"
  FORCE_CERTS=1
else
  FORCE_CERTS=$FORCE
fi
if [ ! -s "$OUT/truststore.p12" ]; then
  keytool -importcert -noprompt -alias trm-federation-ca -file "$CA/ca.crt" \
    -keystore "$OUT/truststore.p12" -storetype PKCS12 -storepass "$PASSWORD" >/dev/null 2>&1
fi

# issue CC ROLE EKU EXTRA_SANS: a leaf certificate signed by the CA, with PEM and a PKCS12 keystore.
issue() {
  local cc=$1 role=$2 eku=$3 extra=$4
  local lc dir sans
  lc=$(echo "$cc" | tr '[:upper:]' '[:lower:]')
  dir=$OUT/$lc
  mkdir -p "$dir"
  if [ "$FORCE_CERTS" = 0 ] && [ -s "$dir/$role.p12" ]; then
    return
  fi
  echo "pki: $role certificate for $cc"
  sans="DNS:localhost,IP:127.0.0.1,DNS:$role.$lc"
  if [ -n "$extra" ]; then sans="$sans,${extra//\{cc\}/$lc}"; fi
  openssl ecparam -name prime256v1 -genkey -noout -out "$dir/$role.key.tmp"
  openssl pkcs8 -topk8 -nocrypt -in "$dir/$role.key.tmp" -out "$dir/$role.key"
  rm -f "$dir/$role.key.tmp"
  openssl req -new -key "$dir/$role.key" -subj "/C=$cc/OU=$role/CN=$role.$lc" -out "$dir/$role.csr"
  openssl x509 -req -in "$dir/$role.csr" -CA "$CA/ca.crt" -CAkey "$CA/ca.key" -CAcreateserial \
    -days "$DAYS" -sha256 -out "$dir/$role.crt" -extfile <(cat <<EOF
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyAgreement
extendedKeyUsage=$eku
subjectAltName=$sans
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
EOF
) 2>/dev/null
  rm -f "$dir/$role.csr"
  cat "$dir/$role.crt" "$CA/ca.crt" > "$dir/$role-chain.crt"
  openssl pkcs12 -export -name "$role" -inkey "$dir/$role.key" -in "$dir/$role.crt" -certfile "$CA/ca.crt" \
    -passout "pass:$PASSWORD" -out "$dir/$role.p12"
}

for cc in "${COUNTRIES[@]}"; do
  issue "$cc" gateway "serverAuth,clientAuth" "${TRM_PKI_GATEWAY_SANS:-}"
  issue "$cc" node "serverAuth,clientAuth" "${TRM_PKI_NODE_SANS:-}"
  # The operator of a gateway (dead letters, retries) is a person or tool with its own certificate.
  issue "$cc" operator "clientAuth" ""
done

# --- JOSE material: node and gateway JWKs, operator key, signed directory -------------------------------------
# FederationTool, from the deploy/tools module. The build passes a classpath with the tool and
# common-model from the reactor; without one the tool's jar is built here when missing or older than
# its sources (or common-model's), in the reactor, without installing anything.
TOOL_JAR=$ROOT/deploy/tools/target/trm-tools.jar
if [ -n "${TRM_PKI_CLASSPATH_FILE:-}" ] && [ -s "$TRM_PKI_CLASSPATH_FILE" ] && grep -qE 'trm-tools|deploy/tools/target/classes' "$TRM_PKI_CLASSPATH_FILE"; then
  CP=$(cat "$TRM_PKI_CLASSPATH_FILE")
else
  if [ ! -s "$TOOL_JAR" ] || [ -n "$(find "$ROOT/deploy/tools/src" "$ROOT/deploy/tools/pom.xml" "$ROOT/common-model/src/main" \
      "$ROOT/common-model/pom.xml" -newer "$TOOL_JAR" -print -quit 2>/dev/null)" ]; then
    echo "pki: building deploy/tools"
    (cd "$ROOT" && ./mvnw -B -q -Dstyle.color=never -pl deploy/tools -am package -DskipTests >/dev/null)
  fi
  CP=$TOOL_JAR
  # A classpath of common-model and its libraries from elsewhere (the node's fast-jar, in compose
  # and the local federation) comes after the tool's own.
  if [ -n "${TRM_PKI_CLASSPATH_FILE:-}" ] && [ -s "$TRM_PKI_CLASSPATH_FILE" ]; then
    CP="$CP:$(cat "$TRM_PKI_CLASSPATH_FILE")"
  fi
fi

URL_ARGS=()
i=0
for cc in "${COUNTRIES[@]}"; do
  URL_ARGS+=(--default-url "$cc=https://127.0.0.1:$((8201 + i))")
  i=$((i + 1))
done
java -Dslf4j.internal.verbosity=ERROR -cp "$CP" org.trm.tools.FederationTool --out "$OUT" "${URL_ARGS[@]}" ${TOOL_ARGS[@]+"${TOOL_ARGS[@]}"} "${COUNTRIES[@]}"
echo "pki: material in $OUT"
