#!/usr/bin/env bash
# The README's benchmark table, made from the benchmarks' JSON: `--take` first copies each
# benchmark's latest run (deploy/bench/<name>/out/<name>-latest.json) to docs/figures/<name>.json,
# which is committed; then the table between the README's figures markers is written anew from
# docs/figures/*.json. Nothing in the table is typed by hand.
#   deploy/bench/figures.sh [--take]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
FIG=$ROOT/docs/figures
README=$ROOT/README.md
mkdir -p "$FIG"
if [ "${1:-}" = --take ]; then
  for b in referral gateway node scale statistics; do
    latest=$ROOT/deploy/bench/$b/out/$b-latest.json
    [ -s "$latest" ] && cp "$latest" "$FIG/$b.json" && echo "took $latest"
  done
  # The fault suite's full run (deploy/faults/run.sh) writes its own file.
  latest=$ROOT/deploy/faults/target/fault-suite-full.json
  [ -s "$latest" ] && cp "$latest" "$FIG/faults.json" && echo "took $latest"
fi

# run FILE: "commit, date, load" of a run, for the table's last column.
run() { jq -r '"\(.commit[0:7])\(if (.commit | test("uncommitted")) then " with uncommitted changes" else "" end), \((.finished // .started)[0:10]), load \(.loadAverageAfter | split(" ")[0:3] | join(" "))"' "$1"; }
f() { printf "%.${2:-1}f" "$1"; }

table=$(mktemp)
trap 'rm -f "$table"' EXIT
{
  echo "| Benchmark | Figure | Target | Run (commit, day, load after) |"
  echo "| --- | --- | --- | --- |"
  if [ -s "$FIG/referral.json" ]; then
    j=$FIG/referral.json
    jq -r --arg run "$(run "$j")" '
      (.figures) as $f | (.settings) as $s |
      (if $f.referralsPerSecond then
        "| `deploy/bench/referral/run.sh`: referrals AT → BG, receipt back, \($s.concurrency) in flight | \($f.referralsPerSecond * 10 | round / 10) referrals/s; CPU per referral \($f.cpuPerReferralMs.total * 10 | round / 10) ms (nodes \($f.cpuPerReferralMs.nodes * 10 | round / 10), gateways \($f.cpuPerReferralMs.gateways * 10 | round / 10), of which JIT \($f.cpuPerReferralMs.jitCompilers * 10 | round / 10), PostgreSQL \($f.cpuPerReferralMs.postgres * 10 | round / 10)); \($f.shareOfCryptoCeilingPercent * 10 | round / 10) % of the crypto ceiling (\($f.cryptoCeilingPerSecond | round)/s) | ≥ 300/s; ≤ 6 ms; ≥ 50 % | \($run) |"
       else empty end),
      (if $f.openLoopRate then
        "| same, open loop at \($f.openLoopRate)/s, from the intended send time | p99 \($f.openLoopP99Ms) ms | ≤ 250 ms | \($run) |"
       else empty end)' "$j"
  fi
  if [ -s "$FIG/gateway.json" ]; then
    j=$FIG/gateway.json
    jq -r --arg run "$(run "$j")" '(.figures) as $f |
      "| `deploy/bench/gateway/run.sh`: relay gateway → gateway → node stand-in, batched, receipts back | \($f.relayPerSecond | round) envelopes/s; at \(.settings.rate)/s p99 \($f.relayP99AtRateMs * 10 | round / 10) ms; CPU per envelope: gateways \($f.cpuPerEnvelopeMs.gateways * 100 | round / 100) ms, PostgreSQL \($f.cpuPerEnvelopeMs.postgres * 100 | round / 100) ms | ≥ 2,000/s; p99 ≤ 20 ms | \($run) |"' "$j"
  fi
  if [ -s "$FIG/node.json" ]; then
    j=$FIG/node.json
    jq -r --arg run "$(run "$j")" '(.figures) as $f |
      "| `deploy/bench/node/run.sh`: case mix against one node | \($f.maxRequestsPerSecond | round) requests/s at \($f.cpuPerRequestMs) ms of CPU per request (node and PostgreSQL); start-up to the first served request \($f.startupMs) ms; idle RSS \($f.idleRssMb) MB | ≥ 1,500/s, ≤ 1 ms; ≤ 2 s; ≤ 200 MB | \($run) |"' "$j"
  fi
  if [ -s "$FIG/scale.json" ]; then
    j=$FIG/scale.json
    jq -r --arg run "$(run "$j")" '(.figures) as $f | (.rows[0]) as $r |
      "| `deploy/bench/scale/run.sh`: \(.settings.countries | length) countries, every pair, \(.settings.rate)/s for \(.settings.seconds) s, \(.settings.killed)'"'"'s gateway killed under load | start-up \($f.startupSeconds) s; RSS \($f.totalRssMb / 1024 * 10 | round / 10) GiB over \($f.processes) processes\(if $f.totalPssMb then " (PSS \($f.totalPssMb / 1024 * 10 | round / 10) GiB: shared pages counted once)" else "" end); idle CPU \($f.idleCpuPercent * 10 | round / 10) %\(if $f.startupTailCpuPercent then " (\($f.startupTailCpuPercent * 10 | round / 10) % in the 30 s after start-up)" else "" end); \($r.receipted) of \($r.sent) receipted; recovery \($f.recoverySeconds // "not within the wait") s | ≤ 90 s; ≤ 4 GiB; ≤ 5 %; all; ≤ 10 s | \($run) |"' "$j"
  fi
  if [ -s "$FIG/statistics.json" ]; then
    j=$FIG/statistics.json
    jq -r --arg run "$(run "$j")" '(.figures) as $f |
      "| `deploy/bench/statistics/run.sh`: a federation statistics round over \(.settings.countries | length) countries, every pair | median \($f.medianRoundSeconds) s, max \($f.maxRoundSeconds) s from the request to the released tables | < 5 s | \($run) |"' "$j"
  fi
} >"$table"

# between MARKER:start and MARKER:end of the README, the contents of FILE.
put() {
  local marker=$1 file=$2
  grep -q "^<!-- $marker:start -->\$" "$README" || { echo "README.md has no <!-- $marker:start --> marker" >&2; exit 1; }
  awk -v table="$file" -v start="<!-- $marker:start -->" -v end="<!-- $marker:end -->" '
    $0 == start { print; while ((getline line < table) > 0) print line; skip = 1; next }
    $0 == end { skip = 0 }
    !skip { print }' "$README" >"$README.tmp" && mv "$README.tmp" "$README"
}
put figures "$table"

# The fault suite's table: every fault of its full run, as FaultSuite printed it.
if [ -s "$FIG/faults.json" ]; then
  j=$FIG/faults.json
  jq -r '
    def n: tostring | if test("^[0-9]{4,}$") then (.[0:-3] + "," + .[-3:]) else . end;
    "The full run of commit \(.commit[0:7]) on \(.started[0:10]), \(.cores) cores: \([.faults[].sent] | add | n) referrals and case updates between AT, BG and RO, all six ways, \(.rate) per second; load average \(.loadAverageBefore | split(" ")[0:3] | join(" ")) before and \(.loadAverageAfter | split(" ")[0:3] | join(" ")) after (`docs/figures/faults.json`).",
    "",
    "| fault | sent | delivered | duplicates | lost | stuck | failed | recovery s | node API errors during the fault |",
    "| --- | --: | --: | --: | --: | --: | --: | --: | --- |",
    (.faults[] | "| \(.fault) | \(.sent | n) | \(.delivered | n) | \(.duplicates) | \(.lost) | \(.stuck) | \(.failed) | \(if .recoverySeconds == null then "not within the limit" else (.recoverySeconds * 10 | round) as $r | "\($r / 10 | floor).\($r % 10)" end) | \(.nodeApiDuringFault.errors | n)/\(.nodeApiDuringFault.requests | n) |"),
    "",
    (if .passed then "Verdict: every message delivered exactly once, every receipt back, nothing stuck, no failure." else "Verdict: FAILED: \(.problems | join("; "))" end)' "$j" >"$table"
  put faults "$table"
fi
echo "README.md: figures written from $(ls "$FIG"/*.json 2>/dev/null | wc -l) run(s) in docs/figures"
