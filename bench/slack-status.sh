#!/usr/bin/env bash
# Slack `/tt status` through integration-gateway → connector-slack → timer-service, and timer event
# → Slack post. Latency from each request's intended send time (open loop, HdrHistogram,
# bench/loadgen/LoadGen.java), beside the connector's own trivial endpoint in the same run:
#   1. ceiling: wrk -t2 -c8 on connector-slack's /q/health/live and, closed-model too, on /tt status
#      through the gateway (the most either answers);
#   2. /tt status at a fixed BENCH_SLACK_RATE (200) req/s for BENCH_SECONDS (30), signed as Slack
#      signs it, through the gateway: p50 / p99 / p99.9, and the CPU each request cost every hop
#      (gateway, connector, core, PostgreSQL; from /proc, bench/lib/cpu.sh, so it holds however busy
#      the machine is), and how many of its 200s were a "try again" (the connector's: the core call
#      timed out or its breaker was open; the gateway's: the connector took over 2.5 s) — an answer
#      for Slack, but not the status; with BENCH_JFR=1 also a
#      JFR profile of the gateway, connector-slack and timer-service during that run
#      ($BENCH_OUT/*.jfr, top frames in $BENCH_OUT/jfr-*-top.txt);
#   3. maximum rate (and CPU per request at each rate): BENCH_SLACK_RATES ("50 100 150 200 300
#      400") for 15 s each, stopping at the
#      first whose p99 is 500 ms or more, that completes under 95 % of the offered rate, answers
#      anything but 200 or answers "try again";
#   4. timer event → post: alice's timer started and stopped through the core's REST API at
#      BENCH_PAIRS (5) pairs/s for BENCH_SECONDS; per event, the fake Slack's receive time of its post
#      minus the event's time in the core's outbox (ce_time, just before the commit): p50 / p99 / max,
#      and the CPU per event of every hop (after 10 s of the same load as warm-up, so the figures are
#      not the JIT compiling a fresh path); with BENCH_JFR=1 profiled like step 2 ($BENCH_OUT/*-events.jfr).
# Sets itself up: a WireMock Slack Web API (deploy/local/lib/slack-fake.sh), connector-slack
# restarted against it, a workspace with its own signing secret, alice linked with `/tt link`; the
# gateway keeps its own per-source limit of Slack's routes (GATEWAY_SLACK_RATE_PER_MINUTE, sized for
# Slack's few sending addresses: one address sends it all here) unless BENCH_SLACK_RAISE_LIMIT=1
# restarts it with that limit lifted (for builds before Slack's routes had their own limit); 15 s of
# warm-up at 50 req/s first (fresh JVMs). At the end alice is unlinked, the workspace removed, and
# (unless BENCH_SLACK_RESTORE=0) the connector and a restarted gateway restarted as they were.
# Needs the stack with timer-service, integration-gateway and connector-slack (./tt up, the same
# TT_* port variables exported), wrk, jq, psql, java/javac.
# Usage: bench/slack-status.sh   (results also in $BENCH_OUT, default bench/results/slack-<time>)
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench
export TT_HOME=${TT_HOME:-$ROOT/.tt}
KEYCLOAK_PORT=${TT_KEYCLOAK_PORT:-8180}
TIMER_PORT=${TT_PORT_TIMER_SERVICE:-8081}
SLACK_PORT=${TT_PORT_CONNECTOR_SLACK:-8084}
GATEWAY_PORT=${TT_PORT_INTEGRATION_GATEWAY:-8080}
PG_PORT=${TT_PG_PORT:-55432}
RATE=${BENCH_SLACK_RATE:-200}
RATES=${BENCH_SLACK_RATES:-50 100 150 200 300 400}
SECS=${BENCH_SECONDS:-30}
PAIRS=${BENCH_PAIRS:-5}
TOKEN_URL="http://127.0.0.1:$KEYCLOAK_PORT/realms/timetracker/protocol/openid-connect/token"
API="http://127.0.0.1:$TIMER_PORT/api/v1"
SL="http://127.0.0.1:$SLACK_PORT/api/integrations/slack"
GW="http://127.0.0.1:$GATEWAY_PORT/api/integrations/slack"
HDR="$HOME/.m2/repository/org/hdrhistogram/HdrHistogram/2.2.2/HdrHistogram-2.2.2.jar"
BENCH_OUT=${BENCH_OUT:-$ROOT/bench/results/slack-$(date -u +%Y%m%dT%H%M%SZ)}
WORK=$(mktemp -d)
mkdir -p "$BENCH_OUT"
# shellcheck source=../deploy/local/lib/slack-fake.sh
. "$ROOT/deploy/local/lib/slack-fake.sh"

die() { echo "slack-status: $*" >&2; exit 1; }
say() { echo "== $* (load $(cut -d' ' -f1-3 /proc/loadavg))"; }
restart() { # restart COMPONENT [ENV=VALUE]...: the stack's component stopped by PID file, ./tt up with ENV
  local comp=$1
  shift
  (TT_ROOT=$ROOT && . "$ROOT/deploy/local/lib/common.sh" && stop_group "$comp" 30) || return 1
  env "$@" "$ROOT/tt" up >"$WORK/up-$comp.log" 2>&1 || { cat "$WORK/up-$comp.log" >&2; return 1; }
}
cleanup() {
  [ -n "${ALICE:-}" ] && curl -s -o /dev/null --max-time 10 -X POST -H "Authorization: Bearer $ALICE" "$API/timer/stop"
  [ -n "${ALICE:-}" ] && curl -s -o /dev/null --max-time 10 -X DELETE -H "Authorization: Bearer $ALICE" "$SL/config"
  [ -n "${ADMIN:-}" ] && [ -n "${TEAM:-}" ] &&
    curl -s -o /dev/null --max-time 10 -X DELETE -H "Authorization: Bearer $ADMIN" "$SL/workspaces/$TEAM"
  slack_fake_stop
  if [ "${BENCH_SLACK_RESTORE:-1}" = 1 ]; then
    [ "${FAKED:-}" = 1 ] && restart connector-slack
    [ "${GATEWAY_RAISED:-}" = 1 ] && restart integration-gateway
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

for tool in wrk jq psql curl java javac openssl; do command -v $tool >/dev/null || die "$tool is missing"; done
[ -f "$TT_HOME/demo.env" ] || die "no $TT_HOME/demo.env: start the stack with ./tt up first"
# shellcheck disable=SC1091
. "$TT_HOME/demo.env"
for port in "$TIMER_PORT" "$SLACK_PORT" "$GATEWAY_PORT"; do
  curl -sf -o /dev/null --max-time 5 "http://127.0.0.1:$port/q/health/ready" || die "nothing ready on port $port"
done
[ -f "$HDR" ] || mvn -B -q dependency:get -Dartifact=org.hdrhistogram:HdrHistogram:2.2.2 >/dev/null || die "no HdrHistogram jar"
javac -d "$WORK/classes" -cp "$HDR" "$BENCH/loadgen/LoadGen.java" || die "LoadGen does not compile"
# every get/post run first sends BENCH_CLIENT_WARMUP (5) s of the same requests at its rate, not
# recorded: the load generator's own cold start (JIT, first connections) otherwise stalls it once
# for 100-250 ms, which alone set the p99 of a 10-30 s run (bench/loadgen/LoadGen.java)
loadgen() { java "-Dloadgen.warmup=${BENCH_CLIENT_WARMUP:-5}" -Xmx256m -cp "$WORK/classes:$HDR" LoadGen "$@"; }
# shellcheck source=lib/cpu.sh
. "$BENCH/lib/cpu.sh"
pid_of() { cat "$TT_HOME/run/$1.pid"; }
# try_again: "try again" replies so far, as "CONNECTOR GATEWAY": connector-slack's (the core did
# not answer in time, or its breaker was open) and the gateway's Slack fallback (the connector did
# not answer within the route's 2.5 s); both are HTTP 200 for Slack, neither is a status, and one
# request the gateway gave up on may still be counted by the connector too
try_again() {
  echo "$(grep -c "answered 'try again'" "$TT_HOME/logs/connector-slack.log" 2>/dev/null)" \
    "$(grep -c "slack-events: slack did not answer in time" "$TT_HOME/logs/integration-gateway.log" 2>/dev/null)"
}
# try_again_since "C0 G0" "C1 G1": the difference, as text
try_again_since() {
  local a b
  read -r -a a <<<"$1"
  read -r -a b <<<"$2"
  echo "'try again' connector $((b[0] - a[0])), gateway $((b[1] - a[1]))"
}
# CPU ms so far of gateway, connector, core and PostgreSQL; per unit of a count (bench/lib/cpu.sh)
cpu_now() { stack_cpu_now connector-slack; }
cpu_per() { cpu_per_unit "gateway connector core PostgreSQL" "$@"; }
# jfr_top FILE OUT: the 25 most sampled top frames (and their share) of a JFR recording
jfr_top() {
  jfr print --events jdk.ExecutionSample "$1" | awk '/stackTrace = \[/ {getline; sub(/^[ \t]+/, ""); sub(/line:.*/, ""); n[$0]++; t++}
    END {for (f in n) printf "%5.1f%%  %s\n", 100 * n[f] / t, f}' | sort -rn | head -25 >"$2"
}

say "set-up: fake Slack, connector-slack against it"
slack_fake_start || die "the fake Slack did not start"
FORCE=1 slack_restart_connector "$SLACK_FAKE/api" || die "connector-slack did not restart"
FAKED=1
if [ "${BENCH_SLACK_RAISE_LIMIT:-0}" = 1 ]; then
  restart integration-gateway TT_GATEWAY_WEBHOOK_RATE_PER_MINUTE=6000000 TT_GATEWAY_WEBHOOK_BURST=100000 \
    TT_GATEWAY_SLACK_RATE_PER_MINUTE=6000000 TT_GATEWAY_SLACK_BURST=100000 || die "integration-gateway did not restart"
  GATEWAY_RAISED=1
fi
ALICE=$(curl -sf -d grant_type=password -d client_id=tt-cli -d username=alice -d password=alice "$TOKEN_URL" | jq -er .access_token) ||
  die "no token for alice"
ADMIN=$(curl -sf -d grant_type=password -d client_id=tt-cli -d username=admin -d password=admin "$TOKEN_URL" | jq -er .access_token) ||
  die "no token for admin"
RUN=$(date +%s)
TEAM="T0BENCH$RUN"
SLACK_USER="U0BENCH$RUN"
CHANNEL="C0BENCH$RUN"
SECRET="bench-signing-secret-$RUN-$RANDOM$RANDOM"
jq -nc --arg t "$TEAM" --arg b "xoxb""-bench-$RUN-fakeTokenForWireMockOnly" --arg s "$SECRET" \
  '{teamId: $t, teamName: "Bench", botToken: $b, signingSecret: $s}' |
  curl -sf -o /dev/null -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' --data-binary @- \
    "$SL/workspaces" || die "registering workspace $TEAM"
slack_command "$GW/commands/$TEAM" "$SECRET" "$TEAM" "$SLACK_USER" link
LINK=$(jq -r .text "$WORK/body" | sed -n 's/.*token=\([A-Za-z0-9_-]*\).*/\1/p')
[ -n "$LINK" ] || die "no link in /tt link's reply: $(cat "$WORK/body")"
curl -sf -o /dev/null -H "Authorization: Bearer $ALICE" -H 'Content-Type: application/json' \
  --data "{\"token\":\"$LINK\"}" "$SL/link" || die "linking alice"
curl -sf -o /dev/null -X PUT -H "Authorization: Bearer $ALICE" -H 'Content-Type: application/json' \
  --data "{\"channelId\":\"$CHANNEL\",\"notifyOnStart\":true,\"notifyOnStop\":true}" "$SL/config" ||
  die "alice's notification settings"
curl -s -o /dev/null -X POST -H "Authorization: Bearer $ALICE" "$API/timer/stop"
curl -sf -o /dev/null -H "Authorization: Bearer $ALICE" -H 'Content-Type: application/json' \
  --data "{\"projectId\":$DEMO_PROJECT_ID}" "$API/timer/start" || die "starting alice's timer"
slack_command "$GW/commands/$TEAM" "$SECRET" "$TEAM" "$SLACK_USER" status
[[ "$(jq -r .text "$WORK/body")" == ":hourglass_flowing_sand: Active timer on"* ]] ||
  die "/tt status through the gateway answered $CODE $(cat "$WORK/body")"

# status_load FILE: a /tt status body signed now (valid 5 minutes) and its headers, for LoadGen/wrk
status_load() {
  local ts
  ts=$(date +%s)
  slack_form "$WORK/status.form" "$TEAM" "$SLACK_USER" status "bench.$ts"
  STATUS_HEADERS=("Content-Type: application/x-www-form-urlencoded" "X-Slack-Request-Timestamp: $ts"
    "X-Slack-Signature: $(slack_sign "$SECRET" "$ts" "$WORK/status.form")")
}
ROWS=$BENCH_OUT/slack.tsv
: >"$ROWS"
row() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" | tee -a "$ROWS"; }
pcts() { jq -r '"\(.achieved_per_s)/s, p50 \(.latency_ms.p50) ms, p99 \(.latency_ms.p99) ms, p99.9 \(.latency_ms.p99_9) ms, statuses \(.statuses|tojson), errors \(.errors)"' "$1"; }

say "warm-up: /tt status at 50 req/s for 15 s"
status_load
loadgen post "$GW/commands/$TEAM" "$WORK/status.form" 50 15 "${STATUS_HEADERS[@]}" >"$BENCH_OUT/warmup.json" ||
  die "load generator failed"

say "1. ceilings, closed model (wrk -t2 -c8 -d10s)"
wrk -t2 -c8 -d10s --latency "http://127.0.0.1:$SLACK_PORT/q/health/live" >"$BENCH_OUT/wrk-live.txt"
row ceiling "connector-slack /q/health/live" "$(awk '/Requests\/sec/ {print $2}' "$BENCH_OUT/wrk-live.txt") req/s, p99 $(awk '$1 == "99%" {print $2}' "$BENCH_OUT/wrk-live.txt")"
wrk -t2 -c8 -d10s --latency "http://127.0.0.1:$GATEWAY_PORT/q/health/live" >"$BENCH_OUT/wrk-gateway-live.txt"
row ceiling "integration-gateway /q/health/live" "$(awk '/Requests\/sec/ {print $2}' "$BENCH_OUT/wrk-gateway-live.txt") req/s, p99 $(awk '$1 == "99%" {print $2}' "$BENCH_OUT/wrk-gateway-live.txt")"
status_load
{
  echo 'wrk.method = "POST"'
  printf 'wrk.body = "%s"\n' "$(cat "$WORK/status.form")"
  for h in "${STATUS_HEADERS[@]}"; do printf 'wrk.headers["%s"] = "%s"\n' "${h%%: *}" "${h#*: }"; done
} >"$WORK/status.lua"
wrk -t2 -c8 -d10s --latency -s "$WORK/status.lua" "$GW/commands/$TEAM" >"$BENCH_OUT/wrk-status.txt"
row ceiling "/tt status via gateway" "$(awk '/Requests\/sec/ {print $2}' "$BENCH_OUT/wrk-status.txt") req/s, p99 $(awk '$1 == "99%" {print $2}' "$BENCH_OUT/wrk-status.txt") ($(awk '/Non-2xx/ {n = $NF} END {print (n ? n : 0) " non-2xx"}' "$BENCH_OUT/wrk-status.txt"))"

say "2. /tt status at $RATE req/s for ${SECS}s, open model"
status_load
if [ "${BENCH_JFR:-0}" = 1 ]; then
  for svc in integration-gateway connector-slack timer-service; do
    jcmd "$(pid_of $svc)" JFR.start name=slack-status settings=profile filename="$BENCH_OUT/$svc.jfr" >/dev/null
  done
fi
CPU0=$(cpu_now)
TA0=$(try_again)
loadgen post "$GW/commands/$TEAM" "$WORK/status.form" "$RATE" "$SECS" "${STATUS_HEADERS[@]}" >"$BENCH_OUT/status-$RATE.json" ||
  die "load generator failed"
CPU1=$(cpu_now)
TA1=$(try_again)
if [ "${BENCH_JFR:-0}" = 1 ]; then
  for svc in integration-gateway connector-slack timer-service; do
    jcmd "$(pid_of $svc)" JFR.stop name=slack-status >/dev/null
    jfr_top "$BENCH_OUT/$svc.jfr" "$BENCH_OUT/jfr-$svc-top.txt"
  done
fi
row "status @$RATE/s" "via gateway" "$(pcts "$BENCH_OUT/status-$RATE.json"), $(try_again_since "$TA0" "$TA1")"
row "status @$RATE/s" "CPU per request" "$(cpu_per "$CPU0" "$CPU1" "$(jq '[.statuses[]] | add // 0' "$BENCH_OUT/status-$RATE.json")")"
status_load
loadgen get "http://127.0.0.1:$SLACK_PORT/q/health/live" "$RATE" 10 >"$BENCH_OUT/live-$RATE.json"
row "live @$RATE/s" "connector-slack /q/health/live" "$(pcts "$BENCH_OUT/live-$RATE.json")"

say "3. maximum rate with p99 < 500 ms"
MAX="none"
for r in $RATES; do
  status_load
  TA0=$(try_again)
  CPU0=$(cpu_now)
  loadgen post "$GW/commands/$TEAM" "$WORK/status.form" "$r" 15 "${STATUS_HEADERS[@]}" >"$BENCH_OUT/status-$r.json" || break
  CPU1=$(cpu_now)
  TA1=$(try_again)
  row "status @$r/s" "via gateway" "$(pcts "$BENCH_OUT/status-$r.json"), $(try_again_since "$TA0" "$TA1")"
  row "status @$r/s" "CPU per request" "$(cpu_per "$CPU0" "$CPU1" "$(jq '[.statuses[]] | add // 0' "$BENCH_OUT/status-$r.json")")"
  [ "$TA1" = "$TA0" ] || break
  ok=$(jq --argjson r "$r" '(.latency_ms.p99 < 500) and (.achieved_per_s >= 0.95 * $r) and (.errors == 0)
    and ((.statuses | to_entries | map(select(.key != "200") | .value) | add // 0) == 0)' "$BENCH_OUT/status-$r.json")
  [ "$ok" = true ] || break
  MAX=$r
done
row "status max" "highest rate of ($RATES) with p99 < 500 ms, ≥ 95 % completed, all 200, no 'try again'" "$MAX req/s"

say "4. timer event → Slack post, $PAIRS pairs/s for ${SECS}s"
curl -s -o /dev/null -X POST -H "Authorization: Bearer $ALICE" "$API/timer/stop"
sleep 2
SINCE=$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)
BEFORE=$(slack_posts "$CHANNEL")
echo "$ALICE" >"$WORK/tokens.txt"
loadgen pairs "http://127.0.0.1:$TIMER_PORT" "$WORK/tokens.txt" "$DEMO_PROJECT_ID" "$PAIRS" 10 >"$BENCH_OUT/pairs-warmup.json" ||
  die "load generator failed"
curl -s -o /dev/null -X POST -H "Authorization: Bearer $ALICE" "$API/timer/stop"
# the warm-up's posts all in before the measured events start
last=-1
for ((i = 0; i < 60; i++)); do
  sleep 2
  now=$(slack_posts "$CHANNEL")
  [ "$now" = "$last" ] && break
  last=$now
done
SINCE=$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)
BEFORE=$(slack_posts "$CHANNEL")
if [ "${BENCH_JFR:-0}" = 1 ]; then
  for svc in connector-slack timer-service; do
    jcmd "$(pid_of $svc)" JFR.start name=slack-events settings=profile filename="$BENCH_OUT/$svc-events.jfr" >/dev/null
  done
fi
CPU0=$(cpu_now)
loadgen pairs "http://127.0.0.1:$TIMER_PORT" "$WORK/tokens.txt" "$DEMO_PROJECT_ID" "$PAIRS" "$SECS" >"$BENCH_OUT/pairs.json" ||
  die "load generator failed"
ALICE_EVENTS="ce_time >= '$SINCE' AND payload->>'userId' = '$DEMO_ALICE_ID'
  AND ce_type IN ('timetracker.time-entry.started.v1', 'timetracker.time-entry.stopped.v1')"
timer_sql() { PGPASSWORD=timer psql -h 127.0.0.1 -p "$PG_PORT" -U timer -d timer -qAtX -v ON_ERROR_STOP=1 -c "$1"; }
EVENTS=$(timer_sql "SELECT count(*) FROM outbox WHERE $ALICE_EVENTS") || die "reading the core's outbox"
for ((i = 0; i < 120; i++)); do
  [ "$(($(slack_posts "$CHANNEL") - BEFORE))" -ge "${EVENTS:-0}" ] && break
  sleep 1
done
timer_sql "SELECT (extract(epoch FROM ce_time) * 1000)::bigint FROM outbox WHERE $ALICE_EVENTS ORDER BY ce_time" \
  >"$WORK/events.txt" || die "reading the core's outbox"
slack_post_times "$CHANNEL" | tail -n +"$((BEFORE + 1))" >"$WORK/posts.txt"
CPU1=$(cpu_now)
if [ "${BENCH_JFR:-0}" = 1 ]; then
  for svc in connector-slack timer-service; do
    jcmd "$(pid_of $svc)" JFR.stop name=slack-events >/dev/null
    jfr_top "$BENCH_OUT/$svc-events.jfr" "$BENCH_OUT/jfr-$svc-events-top.txt"
  done
fi
paste "$WORK/events.txt" "$WORK/posts.txt" | awk -F'\t' 'NF == 2 && $2 != "" {print $2 - $1}' | sort -n >"$WORK/lag.txt"
awk '{a[NR] = $1} END {
  if (NR == 0) { print "no posts"; exit }
  p50 = a[int(NR * 0.5) > 0 ? int(NR * 0.5) : 1]; p99 = a[int(NR * 0.99) > 0 ? int(NR * 0.99) : 1]
  printf "%d events, %d posts matched: p50 %d ms, p99 %d ms, max %d ms\n", '"$(wc -l <"$WORK/events.txt")"', NR, p50, p99, a[NR] }' \
  "$WORK/lag.txt" >"$WORK/lag-summary.txt"
row "event → post" "alice's REST start/stop at $PAIRS pairs/s" "$(cat "$WORK/lag-summary.txt")"
row "event → post" "CPU per event (the core's REST start/stop included)" "$(cpu_per "$CPU0" "$CPU1" "$(wc -l <"$WORK/events.txt")")"
cp "$WORK/lag.txt" "$BENCH_OUT/event-to-post-ms.txt"
echo
echo "results: $BENCH_OUT"
