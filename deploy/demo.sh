#!/usr/bin/env bash
# The demo: brings the local federation up if it is not (deploy/local/federation.sh), then walks a
# transnational referral through it using only the nodes' public REST APIs, with tokens of the demo
# users from Keycloak: Austria identifies a presumed victim of Bulgarian citizenship, records her
# consent to share the case with Bulgaria and refers it; Bulgaria's coordinator sees the referral,
# accepts it (opening a linked case); updates go both ways; every message is receipted. Then a
# child's case: Bulgaria is told of her return ahead, without personal data (a pre-notification, with
# the agreed notice); her return request is refused until a best-interests determination supports the
# return, and sent once it does. It ends with each country's statistics, the AT-BG agreement's
# follow-up figures as each node counts them, and the federation's statistics by secure aggregation
# (for which it links every two countries by an agreement: federation.sh up --agreements all; the
# round itself needs AT linked with BG and RO).
# Each run creates fresh cases, so it can be run again without cleaning up.
#
#   deploy/demo.sh              (environment: DEMO_TIMEOUT seconds per delivery, default 90)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
FEDERATION=$ROOT/deploy/local/federation.sh
TIMEOUT=${DEMO_TIMEOUT:-90}
# DEMO password of every demo user in the realm exports (deploy/keycloak).
PASSWORD=demo-only-change-me
CLIENT=nrm-web
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

if [ -t 1 ]; then BOLD=$'\033[1m' PLAIN=$'\033[0m'; else BOLD="" PLAIN=""; fi
say() { printf '\n%s== %s%s\n' "$BOLD" "$*" "$PLAIN"; }
info() { printf '   %s\n' "$*"; }

command -v jq >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq jq >/dev/null; }

# --- the federation -------------------------------------------------------------------------------
ready() {
  "$FEDERATION" status --json 2>/dev/null >"$TMP/status.json" &&
    jq -e '[.countries.AT, .countries.BG] | all(. != null and .nodeState == "ready" and .gatewayState == "ready")' \
      "$TMP/status.json" >/dev/null
}
if ready; then
  say "The local federation runs already"
else
  say "Starting the local federation (the first run builds, makes the PKI and starts Keycloak: a few minutes)"
  "$FEDERATION" up
  ready || { echo "the federation did not come up: see deploy/local/federation.sh status" >&2; exit 1; }
fi
AT=$(jq -r .countries.AT.nodeUrl "$TMP/status.json")
BG=$(jq -r .countries.BG.nodeUrl "$TMP/status.json")
AT_REALM=$(jq -r .countries.AT.realmUrl "$TMP/status.json")
BG_REALM=$(jq -r .countries.BG.realmUrl "$TMP/status.json")
PKI=$(jq -r .pkiDir "$TMP/status.json")

# --- HTTP -----------------------------------------------------------------------------------------
# token REALM_URL USER: a fresh access token (they live five minutes; the demo asks for one per call).
token() {
  curl -fsS --max-time 10 -d grant_type=password -d "client_id=$CLIENT" -d "username=$2" -d "password=$PASSWORD" \
    "$1/protocol/openid-connect/token" | jq -r .access_token
}

# call METHOD URL REALM_URL USER [JSON]: the response body; a non-2xx answer prints its problem and
# fails (which stops the demo, set -e, except where a caller expects it).
call() {
  local method=$1 url=$2 realm=$3 user=$4 body=${5:-} status args=()
  [ -n "$body" ] && args=(-H 'Content-Type: application/json' --data "$body")
  status=$(curl -sS --max-time 15 -o "$TMP/body" -w '%{http_code}' -X "$method" \
    -H "Authorization: Bearer $(token "$realm" "$user")" -H 'Accept: application/json' ${args[@]+"${args[@]}"} "$url")
  if [ "$status" -lt 200 ] || [ "$status" -ge 300 ]; then
    echo "   $method $url answered $status:" >&2
    jq . "$TMP/body" >&2 2>/dev/null || cat "$TMP/body" >&2
    return 1
  fi
  cat "$TMP/body"
}
at() { call "$1" "$AT$2" "$AT_REALM" coordinator "${3:-}"; }
# at_refused METHOD PATH [JSON]: a call AT must refuse; shows the problem it answers, fails if it does not.
at_refused() {
  if call "$1" "$AT$2" "$AT_REALM" coordinator "${3:-}" >/dev/null 2>&1; then
    echo "   $1 $2 was expected to be refused" >&2
    exit 1
  fi
  info "refused: $(jq -r '"\(.status) \(.type): \(.detail)"' "$TMP/body")"
}
bg() { call "$1" "$BG$2" "$BG_REALM" coordinator "${3:-}"; }

# gateway_status CC MESSAGE_ID: the gateway's record of a message its node sent (operator endpoint).
gateway_status() {
  local l
  l=$(echo "$1" | tr '[:upper:]' '[:lower:]')
  curl -fsS --max-time 10 --cacert "$PKI/ca/ca.crt" --cert "$PKI/$l/operator.crt" --key "$PKI/$l/operator.key" \
    "$(jq -r --arg cc "$1" '.countries[$cc].gatewayUrl' "$TMP/status.json")/local/v1/envelopes/$2"
}

# --- the thread on both sides ---------------------------------------------------------------------
state_of() { # JSON_FILE MESSAGE_ID
  jq -r --arg m "$2" '(.messages // [])[] | select(.messageId == $m) | .state' "$1"
}

# wait_for MESSAGE_ID SENDER: until the sender holds the receipt and the recipient has the message.
wait_for() {
  local message=$1 sender=$2 deadline=$((SECONDS + TIMEOUT)) out_state="" in_state="" last=""
  while :; do
    at GET "/api/v1/referrals/$CONVERSATION" >"$TMP/at.json"
    bg GET "/api/v1/referrals/$CONVERSATION" >"$TMP/bg.json" 2>/dev/null || echo '{}' >"$TMP/bg.json"
    if [ "$sender" = AT ]; then
      out_state=$(state_of "$TMP/at.json" "$message"); in_state=$(state_of "$TMP/bg.json" "$message")
    else
      out_state=$(state_of "$TMP/bg.json" "$message"); in_state=$(state_of "$TMP/at.json" "$message")
    fi
    local now="sender ${out_state:--}, recipient ${in_state:-not yet}"
    [ "$now" != "$last" ] && info "$(date +%T)  $now"
    last=$now
    [ "$out_state" = RECEIPTED ] && [ -n "$in_state" ] && return 0
    if [ "$out_state" = FAILED ] || [ "$SECONDS" -ge "$deadline" ]; then
      echo "   the message was not receipted within ${TIMEOUT}s; see deploy/local/federation.sh logs" >&2
      exit 1
    fi
    sleep 1
  done
}

show_thread() {
  local side file
  for side in AT BG; do
    file=$TMP/$(echo "$side" | tr '[:upper:]' '[:lower:]').json
    jq -r --arg side "$side" '
      "   \($side): conversation \(.status), local case \(.localCaseReference // "-"), partner case \(.partnerCaseReference // "-")",
      ((.messages // [])[] | select(.type != "RECEIPT") | "      \(.direction | if . == "OUTBOUND" then "out" else "in " end)  \(.type | .+ (" " * (18 - length)))\(.state | .+ (" " * (10 - length)))" +
        (if .receipt then " receipt sha256 \(.receipt.sha256[0:16])… at \(.receipt.receivedAt)" else "" end))' "$file"
  done
}

# --- the story ------------------------------------------------------------------------------------
say "1. AT: a coordinator identifies a presumed victim of trafficking (citizen of BG, labour exploitation in AT)"
# Led by the NRM's own organisation (registered by federation.sh), so that its case worker sees it too.
at POST /api/v1/cases '{"identificationStatus":"PRESUMED","formsOfExploitation":["Labour"],"citizenship":"BG",
  "countryOfExploitation":"AT","sex":"Female","ageAtIdentification":24,"leadOrganisationId":"at-org-nrm"}' >"$TMP/case.json"
CASE=$(jq -r .id "$TMP/case.json")
info "case $(jq -r .reference "$TMP/case.json") (id $CASE), phase $(jq -r .phase "$TMP/case.json")"
info "the case worker of at-org-nrm sees it: $(call GET "$AT/api/v1/cases/$CASE" "$AT_REALM" caseworker | jq -r .reference)"

say "2. AT: she consents, through an interpreter, to her case being shared with BG"
at POST "/api/v1/cases/$CASE/consents" '{"scope":"SHARE_WITH_COUNTRY","country":"BG","givenBy":"VICTIM",
  "interpreter":"court interpreter (Bulgarian)","language":"bg"}' >"$TMP/consent.json"
info "consent $(jq -r .scope "$TMP/consent.json") → $(jq -r .country "$TMP/consent.json"), valid: $(jq -r .valid "$TMP/consent.json")"

say "3. AT: the coordinator refers the case to BG (no personal data: only what the partner needs)"
at POST "/api/v1/cases/$CASE/referrals" '{"to":"BG","reason":"AdditionalServicesRequired",
  "details":"Wishes to return home; needs shelter and psychological support there","includePersonalData":false}' >"$TMP/queued.json"
CONVERSATION=$(jq -r .conversationId "$TMP/queued.json")
MESSAGE=$(jq -r .messageId "$TMP/queued.json")
info "REFERRAL $MESSAGE queued (conversation $CONVERSATION): signed by node AT, encrypted for node BG"
wait_for "$MESSAGE" AT
show_thread

say "4. BG: the coordinator sees the incoming referral"
bg GET "/api/v1/referrals?direction=INBOUND&status=PENDING" >"$TMP/incoming.json"
jq -r --arg c "$CONVERSATION" '.[] | select(.conversationId == $c) |
  "   from \(.partner): \(.referral.reason // "-"), citizenship \(.referral.citizenship // "-"), forms \((.referral.formsOfExploitation // []) | join(",")), status \(.status)"' \
  "$TMP/incoming.json"
info "$(jq 'length' "$TMP/incoming.json") pending incoming referral(s) in BG"

say "5. BG: the coordinator accepts; BG opens its own case, linked to AT's, and answers with its reference"
bg POST "/api/v1/referrals/$CONVERSATION/accept" >"$TMP/accepted.json"
MESSAGE=$(bg GET "/api/v1/referrals/$CONVERSATION" | jq -r '[.messages[] | select(.direction == "OUTBOUND" and .type == "REFERRAL_RESPONSE")][0].messageId')
wait_for "$MESSAGE" BG
show_thread

say "6. BG → AT: case update (first assistance: shelter and counselling)"
bg POST "/api/v1/referrals/$CONVERSATION/messages" '{"type":"CASE_UPDATE","phase":"FIRST_ASSISTANCE",
  "servicesProvided":["shelter","psychological support"],"note":"Met on arrival; placed in a shelter in Sofia"}' >"$TMP/queued.json"
wait_for "$(jq -r .messageId "$TMP/queued.json")" BG

say "7. AT → BG: case update (criminal proceedings opened in AT)"
at POST "/api/v1/referrals/$CONVERSATION/messages" '{"type":"CASE_UPDATE",
  "proceedings":"Criminal investigation opened against the employer; she may be heard as a witness by video link"}' >"$TMP/queued.json"
wait_for "$(jq -r .messageId "$TMP/queued.json")" AT

say "The thread on both sides: every message signed by its node, end-to-end encrypted, and receipted (the receipt
   names the SHA-256 of exactly what the recipient received; both sides keep it)"
show_thread

say "The same messages at the gateways (the operator's view, over mTLS with the country's operator certificate)"
for side in AT BG; do
  file=$TMP/$(echo "$side" | tr '[:upper:]' '[:lower:]').json
  for id in $(jq -r '(.messages // [])[] | select(.direction == "OUTBOUND" and .type != "RECEIPT") | .messageId' "$file"); do
    if gateway_status "$side" "$id" >"$TMP/gw.json" 2>/dev/null; then
      jq -r --arg side "$side" '"   \($side) gateway  \(.type | .+ (" " * (18 - length)))\(.state | .+ (" " * (10 - length))) accepted \(.acceptedAt[11:23]) → forwarded \((.forwardedAt // "-")[11:23]) → receipted \((.receiptedAt // "-")[11:23])"' "$TMP/gw.json"
    else
      info "$side gateway: message $id not readable (needs the operator key under $PKI)"
    fi
  done
done

say "8. AT: a child (16, citizen of BG) wishes to go home; her guardian consents to sharing her case with BG and to her return"
at POST /api/v1/cases '{"identificationStatus":"IDENTIFIED","formsOfExploitation":["ForcedBegging"],"citizenship":"BG",
  "countryOfExploitation":"AT","sex":"Female","ageAtIdentification":16,"leadOrganisationId":"at-org-nrm"}' >"$TMP/child.json"
CHILD=$(jq -r .id "$TMP/child.json")
info "case $(jq -r .reference "$TMP/child.json"), child: $(jq -r .child "$TMP/child.json")"
at POST "/api/v1/cases/$CHILD/protection/guardian-appointments" "{\"guardian\":\"Youth welfare office guardian\",
  \"authority\":\"District court Vienna\",\"appointedOn\":\"$(date -u +%F)\"}" >/dev/null
for scope in SHARE_WITH_COUNTRY RETURN; do
  country=$([ "$scope" = RETURN ] && echo null || echo '"BG"')
  at POST "/api/v1/cases/$CHILD/consents" "{\"scope\":\"$scope\",\"country\":$country,\"givenBy\":\"GUARDIAN\",
    \"guardian\":\"Youth welfare office guardian\",\"interpreter\":\"court interpreter (Bulgarian)\",\"language\":\"bg\"}" >/dev/null
done
at POST "/api/v1/cases/$CHILD/assessments" '{"kind":"RISK","riskLevel":"LOW","summary":"family traced; no link to the exploiters"}' >/dev/null
DEPARTURE=$(date -u -d '+21 days' +%F)

say "8a. AT → BG: a pre-notification of her return, before her case goes: one person, the departure, the support
   to prepare, the case's reference, and nothing about her; a departure in a week is refused (the agreement asks 14 days' notice)"
at_refused POST "/api/v1/cases/$CHILD/return-prenotifications" "{\"to\":\"BG\",\"persons\":1,
  \"plannedDeparture\":\"$(date -u -d '+7 days' +%F)\",\"supportNeeds\":[\"RECEPTION_ON_ARRIVAL\",\"CHILD_PROTECTION\"]}"
at POST "/api/v1/cases/$CHILD/return-prenotifications" "{\"to\":\"BG\",\"persons\":1,\"plannedDeparture\":\"$DEPARTURE\",
  \"supportNeeds\":[\"RECEPTION_ON_ARRIVAL\",\"CHILD_PROTECTION\"]}" >"$TMP/queued.json"
CONVERSATION=$(jq -r .conversationId "$TMP/queued.json")
wait_for "$(jq -r .messageId "$TMP/queued.json")" AT
jq -r '"   BG holds: \(.status) from \(.partner), reference \(.partnerCaseReference), " +
  (.messages[0].summary | "\(.persons) person(s) leaving on \(.plannedDeparture), to prepare: \(.supportNeeds | join(", "))")' \
  "$TMP/bg.json"

at POST "/api/v1/cases/$CHILD/referrals" '{"to":"BG","reason":"MigrationOrChangeOfLocation",
  "details":"A child who wishes to return to her family","includePersonalData":false}' >"$TMP/queued.json"
CONVERSATION=$(jq -r .conversationId "$TMP/queued.json")
wait_for "$(jq -r .messageId "$TMP/queued.json")" AT

say "9. AT: a return request for the child is refused: no best-interests determination supports her return yet"
at_refused POST "/api/v1/referrals/$CONVERSATION/messages" "{\"type\":\"RETURN_REQUEST\",\"plannedDate\":\"$DEPARTURE\",
  \"note\":\"return to her mother in Sofia\"}"

say "10. AT: the best-interests determination is recorded (return supports her best interests); the return request goes"
at POST "/api/v1/cases/$CHILD/protection/best-interests-determinations" "{\"supportsReturn\":true,
  \"authority\":\"Youth welfare office Vienna\",\"summary\":\"family assessed by the BG child protection service\",
  \"determinedOn\":\"$(date -u +%F)\"}" >/dev/null
at POST "/api/v1/referrals/$CONVERSATION/messages" "{\"type\":\"RETURN_REQUEST\",\"plannedDate\":\"$DEPARTURE\",
  \"note\":\"return to her mother in Sofia\"}" >"$TMP/queued.json"
wait_for "$(jq -r .messageId "$TMP/queued.json")" AT
show_thread

say "The console (each node serves its own; log in with the realm's demo users, password $PASSWORD)"
info "AT console:      $AT/console/   (German; English in the language menu)"
info "BG console:      $BG/console/   (this thread is in Referrals on both sides)"
info "Logins:          coordinator (cases, referrals), caseworker, ngo (cases of their organisation), auditor (audit trail, statistics), admin (operations)"

say "Where to look next"
info "Swagger UI:      $AT/q/swagger-ui   $BG/q/swagger-ui  (Authorize with a token from the realm)"
info "Health, metrics: curl $(jq -r .countries.AT.nodeManagementUrl "$TMP/status.json")/q/health   curl $(jq -r .countries.AT.gatewayManagementUrl "$TMP/status.json")/q/metrics  (the management ports; every port in: deploy/local/federation.sh status)"
info "A token:         curl -d grant_type=password -d client_id=$CLIENT -d username=coordinator -d password=$PASSWORD $AT_REALM/protocol/openid-connect/token"
info "This thread:     GET $AT/api/v1/referrals/$CONVERSATION  and  GET $BG/api/v1/referrals/$CONVERSATION"
info "Gateway (operator): curl --cacert $PKI/ca/ca.crt --cert $PKI/at/operator.crt --key $PKI/at/operator.key $(jq -r .countries.AT.gatewayUrl "$TMP/status.json")/local/v1/dead-letters"
info "What runs where: deploy/local/federation.sh status   (logs: deploy/local/federation.sh logs; stop: deploy/local/federation.sh stop)"
info "Keycloak:        http://127.0.0.1:8180/admin  (demo users coordinator, caseworker, ngo, auditor, admin; password $PASSWORD)"

# --- Statistics ----------------------------------------------------------------------------------
say "Each country's figures as the auditor sees them (GET /api/v1/statistics/tables): fixed tables, no
   filter, every cell below the threshold suppressed, with complements so that no margin gives it away"
for side in AT BG; do
  if [ "$side" = AT ]; then base=$AT realm=$AT_REALM; else base=$BG realm=$BG_REALM; fi
  call GET "$base/api/v1/statistics/tables" "$realm" auditor >"$TMP/stats.json"
  jq -r --arg side "$side" '
    def shown: if .suppressed then "suppressed" else (.count | tostring) end;
    .populations as $p
    | "   \($side): registered victims \($p.registeredVictims.total | shown) (threshold \(.minimumCellSize))",
      ($p.registeredVictims.tables[] | select(.dimensions == ["identification", "citizenshipClass"]) | .cells[]
        | "     \(.values[0] | .+ (" " * (12 - length)))\(.values[1] | .+ (" " * (10 - length))) \(shown)"),
      ($p.referrals.tables[] | select(.dimensions == ["direction", "partner"]) | .cells[]
        | "     referrals \(.values[0] | .+ (" " * (9 - length))) \(.values[1])  \(shown)")' "$TMP/stats.json"
done

# --- Agreement follow-up (docs/PROTOCOL.md section 16) ---------------------------------------------
say "The AT-BG agreement's follow-up this year, as each coordinator takes it to the agreement's review
   (GET /api/v1/agreements/AT-BG/follow-up: the referrals as the node counted them, their transport
   as its gateway did; ?format=csv, html or jws for a spreadsheet, a page to print, the report signed)"
for side in AT BG; do
  if [ "$side" = AT ]; then base=$AT realm=$AT_REALM; else base=$BG realm=$BG_REALM; fi
  call GET "$base/api/v1/agreements/AT-BG/follow-up" "$realm" coordinator >"$TMP/follow-up.json"
  jq -r '
    def t: if . == null then "-" elif . < 120 then "\(.) s" elif . < 7200 then "\(. / 60 | floor) min" else "\(. / 3600 | floor) h" end;
    .country as $c
    | "   \($c), \(.from) to \(.to) (agreed response time \([.revisions[] | "revision \(.revision): \(.responseTime)"] | join(", ")))",
      (.legs[] | select(.referrals > 0)
        | "     revision \(.revision) \(.from) -> \(.to) (\(if .direction == "OUTBOUND" then "sent" else "received" end)): \(.referrals) referrals, \(.accepted) accepted, \(.declined) declined, \(.unanswered) unanswered; time to answer median \(.medianAnswerSeconds | t), p90 \(.p90AnswerSeconds | t); answered late \(.answeredLate), unanswered past the agreed time \(.unansweredPastAgreed)",
          (if .transport then "       gateway \($c): \(.transport.messages.REFERRAL // 0) referrals carried, \(.transport.deadLetterCount) dead letters, \(.transport.failureSignals) failure signals" else empty end)),
      (if .gatewayReached then empty else "     (the gateway could not be asked: no transport figures)" end)' "$TMP/follow-up.json"
done

# --- Federation statistics (docs/PROTOCOL.md section 17) ----------------------------------------
say "The federation's figures (POST /api/v1/statistics/federation-rounds): every country masks its counts
   with random shares it agrees with each other country, AT adds the partial sums up, exact, and
   suppresses small cells of the sum"
# A round needs the requester linked with every participant by an agreement covering it (AT-RO here):
# the demo's directory gets one between every two countries (AT-BG stays as it is; a changed list is
# signed anew).
before=$(jq -c '[.agreements[].id] | sort' "$PKI/federation.json")
"$FEDERATION" up --agreements all >"$TMP/agreements.log" 2>&1 || { tail -n 20 "$TMP/agreements.log" >&2; exit 1; }
if [ "$before" != "$(jq -c '[.agreements[].id] | sort' "$PKI/federation.json")" ]; then
  info "the directory now links every two countries; the nodes read it within seconds"
  sleep 8
fi
round=$(call POST "$AT/api/v1/statistics/federation-rounds" "$AT_REALM" auditor '{}' | jq -r .id)
for _ in $(seq 1 "$TIMEOUT"); do
  call GET "$AT/api/v1/statistics/federation-rounds/$round" "$AT_REALM" auditor >"$TMP/round.json"
  [ "$(jq -r .state "$TMP/round.json")" = RUNNING ] || break
  sleep 1
done
jq -r '
  def shown: if . == null then "0" elif .suppressed then "suppressed" else (.count | tostring) end;
  if .state == "COMPLETE" then
    .tables as $t
    | "   round \(.id) over \(.participants | join(", ")): \(.state); registered victims \($t.total | shown) (threshold \($t.minimumCellSize))",
      ($t.tables[] | select(.dimensions == ["citizenship", "identification"]) | .cells[]
        | "     \(.values[0] | .+ (" " * (10 - length)))\(.values[1] | .+ (" " * (12 - length))) \(shown)"),
      ($t.tables[] | select(.dimensions == ["formOfExploitation"]) | .cells[]
        | "     exploitation \(.values[0] | .+ (" " * (20 - length))) \(shown)")
  else "   round \(.id): \(.state) \(.problem.type // "") \(.problem.countries // [] | join(", ")): \(.problem.detail // "")" end' "$TMP/round.json"
