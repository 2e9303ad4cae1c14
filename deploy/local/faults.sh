#!/usr/bin/env bash
# Fault harness of the local stack (docs/RELIABILITY.md): under steady load — timer start/stop pairs
# of two demo users through timer-service's API, signed GitHub issues opened/assigned deliveries
# through integration-gateway — it stops Kafka for a while, restarts PostgreSQL, kills
# connector-github with kill -9, makes the Slack Web API (a WireMock fake) answer 500 and then
# 429 with Retry-After, makes GitHub's issues API (a WireMock fake) answer 429 and then 500
# while a sync of a repository is requested, and makes Google Calendar's events API (a WireMock
# fake, bob's finished entries exported to it and his calendar imported every 10 s) answer 500 and
# then 429 rateLimitExceeded. Afterwards it checks that no accepted work was lost and nothing
# happened twice:
#   - every acknowledged (202) webhook delivery is stored and done, one task per acknowledged issue
#   - every acknowledged timer start/stop is in the core's database
#   - every outbox row committed during the run is on Kafka exactly once (ce_id header), none parked
#   - every start/stop event of the Slack-linked user posted exactly once (the fake's journal and
#     connector-slack's post log), at most one GitHub-started entry per issue
#   - every open issue of the synced repository is one task once GitHub's API is back (the sync
#     requested in the outage fails visibly and the connection syncs again by itself)
#   - every entry of bob finished during the run is exactly one event the fake Google accepted
#     (its journal) and one row of connector-gcal's link table, no export failed; the import
#     met the outage and syncs successfully again
#   - readiness (/q/health/ready) of the service that lost its dependency reported the outage (DOWN;
#     for Kafka, timer-service's kafka check says the broker is unreachable while the pod stays
#     ready, as the outbox keeps the API serving) and came back UP
# and states each fault's recovery time. It prints a table and writes faults.csv / faults.json.
#
# Needs a running stack (./tt up) with its demo data. Runs alone: deploy/local/faults.sh
#   --long | TT_FAULTS_LONG=1   Kafka down 60 s and longer provider outages (default: 20 s, ~5 min)
#   --out DIR | TT_FAULTS_OUT   where the results go (default: $TT_HOME/faults/<UTC time>)
#   TT_FAULTS_RESTORE=0         leave connector-slack, connector-github and connector-gcal on their
#                               fakes afterwards (default: restore the real Slack, GitHub and
#                               Google URLs)
# Whatever it stopped is started again on every exit, failed or not. Exit code non-zero when a check
# failed.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export TT_HOME=${TT_HOME:-$ROOT/.tt}
LONG=${TT_FAULTS_LONG:-0}
OUT=${TT_FAULTS_OUT:-}
while [ $# -gt 0 ]; do
  case $1 in
    --long) LONG=1 ;;
    --out) OUT=${2:?--out DIR} && shift ;;
    -h | --help) sed -n '2,33p' "$0" | sed 's/^# \{0,1\}//' && exit 0 ;;
    *) echo "unknown argument $1 (--long, --out DIR)" >&2 && exit 2 ;;
  esac
  shift
done
OUT=${OUT:-$TT_HOME/faults/$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT" || exit 1

if [ "$LONG" = 1 ]; then
  KAFKA_DOWN=60 GITHUB_DOWN=15 SLACK_500=30 SLACK_429=30 GHAPI_500=30 GHAPI_429=30 GCAL_500=30 GCAL_429=30 WARMUP=20
else
  KAFKA_DOWN=20 GITHUB_DOWN=5 SLACK_500=8 SLACK_429=8 GHAPI_500=8 GHAPI_429=8 GCAL_500=8 GCAL_429=8 WARMUP=8
fi
DRAIN_MAX=${TT_FAULTS_DRAIN_MAX:-120}

KEYCLOAK_PORT=${TT_KEYCLOAK_PORT:-8180}
PG_PORT=${TT_PG_PORT:-55432}
KAFKA_PORT=${TT_KAFKA_PORT:-9092}
TIMER_PORT=${TT_PORT_TIMER_SERVICE:-8081}
GITHUB_PORT=${TT_PORT_CONNECTOR_GITHUB:-8082}
SLACK_PORT=${TT_PORT_CONNECTOR_SLACK:-8084}
GCAL_PORT=${TT_PORT_CONNECTOR_GCAL:-8083}
GATEWAY_PORT=${TT_PORT_INTEGRATION_GATEWAY:-8080}
TOKEN_URL="http://127.0.0.1:$KEYCLOAK_PORT/realms/timetracker/protocol/openid-connect/token"
API="http://127.0.0.1:$TIMER_PORT/api/v1"
GH="http://127.0.0.1:$GITHUB_PORT/api/integrations/github"
GW_HOOK="http://127.0.0.1:$GATEWAY_PORT/api/integrations/github/webhook"
SL="http://127.0.0.1:$SLACK_PORT/api/integrations/slack"
GW_SLACK="http://127.0.0.1:$GATEWAY_PORT/api/integrations/slack"
GC="http://127.0.0.1:$GCAL_PORT/api/integrations/google"
GW="http://127.0.0.1:$GATEWAY_PORT"
KAFKA_LIB=$(ls -d "${TT_CACHE:-$HOME/.cache/timetracker}"/kafka-*/lib 2>/dev/null | tail -1)

WORK=$(mktemp -d)
BG=()            # PIDs of this script's load generators and monitors
FAILS=()         # failed checks
CHECKS=0
T_START=$(date +%s)

# shellcheck source=lib/github-fake.sh
. "$ROOT/deploy/local/lib/github-fake.sh"
# shellcheck source=lib/slack-fake.sh
. "$ROOT/deploy/local/lib/slack-fake.sh"
# shellcheck source=lib/google-fake.sh
. "$ROOT/deploy/local/lib/google-fake.sh"

log() { echo "[faults $(date -u +%H:%M:%S)] $*"; }
die() {
  echo "FAULTS ABORTED: $*" >&2
  exit 1
}
fail() { die "$@"; } # what lib/google-fake.sh calls
check() { # check OK DESCRIPTION: records a check's outcome
  if [ "$1" = 0 ]; then
    CHECKS=$((CHECKS + 1))
    echo "  ✓ $2"
  else
    FAILS+=("$2")
    echo "  ✗ $2"
  fi
}
now_ms() { date +%s%3N; }
psql_db() { # psql_db DB SQL: one unaligned result, the database's owner (password = owner) over TCP
  PGPASSWORD=$1 psql -X -q -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U "$1" -d "$1" -c "$2" 2>/dev/null
}
ready() { [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$1/q/health/ready")" = 200 ]; }
user_token() {
  curl -sf --max-time 30 -d grant_type=password -d client_id=tt-cli -d "username=$1" -d "password=$1" \
    "$TOKEN_URL" | jq -er .access_token
}
# http METHOD URL TOKEN [JSON]: sets CODE; body in $WORK/body
http() {
  local method=$1 url=$2 tok=$3 data=() auth=()
  [ -n "${4:-}" ] && data=(-H 'Content-Type: application/json' --data "$4")
  [ -n "$tok" ] && auth=(-H "Authorization: Bearer $tok")
  : >"$WORK/body"
  CODE=$(curl -s -o "$WORK/body" -w '%{http_code}' --max-time 30 -X "$method" "${auth[@]}" \
    -H 'Accept: application/json' "${data[@]}" "$url") || CODE=000
}

# --- cleanup: whatever the run stopped is started again -------------------------------------------
cleanup() {
  local rc=$? p
  trap - EXIT INT TERM
  touch "$WORK/stop"
  for p in "${BG[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${BG[@]}"; do wait "$p" 2>/dev/null; done
  [ -n "${UP_PID:-}" ] && wait "$UP_PID" 2>/dev/null
  # ./tt up starts what is stopped (Kafka, PostgreSQL, a killed connector) and leaves the rest
  if ! ready "$TIMER_PORT" || ! ready "$GITHUB_PORT" || ! ready "$SLACK_PORT" || ! ready "$GATEWAY_PORT" ||
    ! ready "$GCAL_PORT"; then
    log "cleanup: starting what is stopped (./tt up)"
    TT_SLACK_API_URL=${SLACK_FAKED:+$SLACK_FAKE/api} TT_GCAL_FAKE_URL=${GCAL_FAKED:+$GOOGLE_FAKE} \
      "$ROOT/tt" up >"$OUT/cleanup-up.log" 2>&1 ||
      echo "cleanup: ./tt up failed, see $OUT/cleanup-up.log" >&2
  fi
  [ -n "${SLACK_FAKE_PID:-}" ] && curl -s -o /dev/null --max-time 5 -X POST "$SLACK_FAKE/__admin/mappings/reset"
  if [ -n "${ALICE:-}" ]; then
    curl -s -o /dev/null --max-time 10 -X POST -H "Authorization: Bearer $ALICE" "$API/timer/stop"
    curl -s -o /dev/null --max-time 10 -X DELETE -H "Authorization: Bearer $ALICE" "$SL/config"
  fi
  [ -n "${BOB:-}" ] && curl -s -o /dev/null --max-time 10 -X POST -H "Authorization: Bearer $BOB" "$API/timer/stop"
  if [ -n "${ADMIN:-}" ]; then
    curl -s -o /dev/null --max-time 10 -X POST -H "Authorization: Bearer $ADMIN" "$API/timer/stop"
    [ -n "${CID:-}" ] && curl -s -o /dev/null --max-time 10 -X DELETE -H "Authorization: Bearer $ADMIN" "$GH/connections/$CID"
    [ -n "${TEAM:-}" ] && curl -s -o /dev/null --max-time 10 -X DELETE -H "Authorization: Bearer $ADMIN" "$SL/workspaces/$TEAM"
  fi
  [ -n "${ADMIN:-}" ] && [ -n "${SCID:-}" ] &&
    curl -s -o /dev/null --max-time 10 -X DELETE -H "Authorization: Bearer $ADMIN" "$GH/connections/$SCID"
  # bob disconnected from Google (revoked at the fake, tokens wiped, settings kept): a fresh token,
  # the one from the start may have expired
  [ "${GOOGLE_CONNECTED:-}" = 1 ] && curl -s -o /dev/null --max-time 10 -X DELETE \
    -H "Authorization: Bearer $(user_token bob)" "$GC/config"
  slack_fake_stop
  github_fake_stop
  touch "$WORK/stop-google"
  [ -n "${GC_DUP_PID:-}" ] && kill "$GC_DUP_PID" 2>/dev/null && wait "$GC_DUP_PID" 2>/dev/null
  GOOGLE_FAKE_ATTACHED= # connector-gcal is restored below, by TT_FAULTS_RESTORE
  google_fake_stop
  if [ "${SLACK_FAKED:-}" = 1 ] && [ "${TT_FAULTS_RESTORE:-1}" = 1 ]; then
    log "cleanup: connector-slack back on the real Slack URL"
    slack_restart_connector >/dev/null 2>&1 || echo "cleanup: could not restart connector-slack" >&2
  fi
  if [ "${GITHUB_FAKED:-}" = 1 ] && [ "${TT_FAULTS_RESTORE:-1}" = 1 ]; then
    log "cleanup: connector-github back on the real GitHub URL and sync schedule"
    unset GITHUB_SYNC_EVERY GITHUB_SYNC_RETRY_AFTER_FAILURE TT_GITHUB_API_URL
    github_restart_connector "" >/dev/null 2>&1 || echo "cleanup: could not restart connector-github" >&2
  fi
  if [ "${GCAL_FAKED:-}" = 1 ] && [ "${TT_FAULTS_RESTORE:-1}" = 1 ]; then
    log "cleanup: connector-gcal back on Google's URLs and import schedule"
    unset GCAL_IMPORT_EVERY GCAL_IMPORT_INTERVAL
    (google_fake_restart_gcal "") >/dev/null 2>&1 || echo "cleanup: could not restart connector-gcal" >&2
  fi
  rm -rf "$WORK"
  log "done in $(($(date +%s) - T_START)) s; results in $OUT"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- preconditions ----------------------------------------------------------------------------------
[ -f "$TT_HOME/demo.env" ] || die "no $TT_HOME/demo.env: run ./tt up first"
# shellcheck disable=SC1091
. "$TT_HOME/demo.env"
for p in "$TIMER_PORT" "$GITHUB_PORT" "$SLACK_PORT" "$GATEWAY_PORT" "$GCAL_PORT"; do
  ready "$p" || die "the service on port $p is not ready (./tt status)"
done
[ -n "$KAFKA_LIB" ] || die "no Kafka install under \$TT_CACHE"
command -v psql >/dev/null || die "psql not found"

log "stack $TT_HOME, $( [ "$LONG" = 1 ] && echo long || echo short) variant: Kafka down ${KAFKA_DOWN}s, Slack 500 ${SLACK_500}s then 429 ${SLACK_429}s, GitHub API 429 ${GHAPI_429}s then 500 ${GHAPI_500}s, Google Calendar 500 ${GCAL_500}s then 429 ${GCAL_429}s; results in $OUT"
ALICE=$(user_token alice) && BOB=$(user_token bob) && ADMIN=$(user_token admin) || die "no tokens from Keycloak"
http GET "$API/me" "$ADMIN"
ADMIN_ID=$(jq -r .id "$WORK/body")
[ "$CODE" = 200 ] || die "GET /me as admin: HTTP $CODE"
RUN=$(date +%s)
REPO="octo-faults/load-$RUN"
LOGIN="tt-faults-$RUN"

# --- Slack: the fake, connector-slack against it, alice linked with start/stop posts ----------------
log "starting the fake Slack on $SLACK_FAKE, connector-slack against it"
slack_fake_start || die "the fake Slack did not start ($(tail -3 "$WORK/slack-fake.log" 2>/dev/null))"
BG+=("$SLACK_FAKE_PID")
slack_restart_connector "$SLACK_FAKE/api" || die "connector-slack did not restart against the fake"
SLACK_FAKED=1
TEAM="T0FLT$RUN"
SLACK_USER="U0FLT$RUN"
CHANNEL="C0FLT$RUN"
SIGNING_SECRET="faults-signing-secret-$RUN-$RANDOM$RANDOM"
http POST "$SL/workspaces" "$ADMIN" "$(jq -nc --arg t "$TEAM" --arg b "xoxb""-faults-$RUN-fakeTokenForWireMockOnly" \
  --arg s "$SIGNING_SECRET" '{teamId: $t, teamName: "Faults", botToken: $b, signingSecret: $s}')"
[ "$CODE" = 201 ] || die "registering Slack workspace $TEAM: HTTP $CODE"
slack_command "$GW_SLACK/commands/$TEAM" "$SIGNING_SECRET" "$TEAM" "$SLACK_USER" link
LINK_TOKEN=$(jq -r .text "$WORK/body" | sed -n 's/.*token=\([A-Za-z0-9_-]*\).*/\1/p')
[ -n "$LINK_TOKEN" ] || die "/tt link gave no link (HTTP $CODE)"
http POST "$SL/link" "$ALICE" "{\"token\":\"$LINK_TOKEN\"}"
[ "$CODE" = 200 ] || die "linking alice's Slack account: HTTP $CODE"
http PUT "$SL/config" "$ALICE" "{\"channelId\":\"$CHANNEL\",\"notifyOnStart\":true,\"notifyOnStop\":true}"
[ "$CODE" = 200 ] || die "alice's Slack posts to $CHANNEL: HTTP $CODE"

# --- Google Calendar: the fake, connector-gcal against it, bob connected exporting and importing ---
# connector-gcal imports every 10 s here (tick 1 s; 30 min by default), so the import meets the
# Google fault too; with direction "both" each of those syncs also queues bob's finished entries of
# the last day that have no event yet (the export's catch-up), beside the exports of the core's events
log "starting the fake Google on $GOOGLE_FAKE, connector-gcal against it (import every 10 s)"
google_fake_start
# as Google does, an insert of an event id the fake already accepted is answered 409 duplicate
google_fake_duplicates_refused "$WORK/stop-google" &
GC_DUP_PID=$!
export GCAL_IMPORT_EVERY=1s GCAL_IMPORT_INTERVAL=PT10S
gcal_on_fake() { # the running connector-gcal has the fake's URL and the short import interval
  local pid env
  pid=$(head -1 "$TT_HOME/run/connector-gcal.pid" 2>/dev/null)
  env=$(tr '\0' '\n' <"/proc/${pid:-none}/environ" 2>/dev/null) &&
    grep -qxF "GCAL_API_URL=$GOOGLE_FAKE/calendar/v3" <<<"$env" &&
    grep -qxF "GCAL_IMPORT_INTERVAL=$GCAL_IMPORT_INTERVAL" <<<"$env" && ready "$GCAL_PORT"
}
gcal_on_fake || google_fake_restart_gcal "$GOOGLE_FAKE"
GCAL_FAKED=1
GACCESS="ya29"".faults-access-$RUN" # split so it never looks like a committed token
google_fake_token_stub "faults-code-$RUN" "$GACCESS" "1/""/faults-refresh-$RUN" "faults-$RUN" "bob-faults@gmail.test"
google_fake_calendar_stubs "$GACCESS"
http PUT "$GC/config" "$BOB" "{\"direction\":\"both\",\"daysBack\":1,\"defaultProjectId\":$DEMO_PROJECT_ID}"
[ "$CODE" = 200 ] || die "bob's Google settings: HTTP $CODE $(cat "$WORK/body")"
# the consent as a browser makes it, through the gateway: its redirect to Google carries the state
# the callback must bring back; the fake's token endpoint exchanges this run's code
browser_get() { # browser_get URL: bob's GET without following the redirect; its Location printed
  curl -s -o /dev/null -D - --max-time 30 -H "Authorization: Bearer $BOB" -H 'Accept: text/html' "$1" |
    tr -d '\r' | sed -n 's/^[Ll]ocation: //p'
}
GSTATE=$(browser_get "$GW/integrations/google/connect" | sed -n 's/.*[?&]state=\([^&]*\).*/\1/p')
[ -n "$GSTATE" ] || die "the gateway's /integrations/google/connect gave no consent URL with a state"
GBACK=$(browser_get "$GW/integrations/google/callback?state=$GSTATE&code=faults-code-$RUN")
[[ "$GBACK" == *google=connected* ]] || die "connecting bob to the fake Google: callback sent the browser to '$GBACK'"
GOOGLE_CONNECTED=1
GCID=$(psql_db gcal "SELECT id FROM gcal_connection WHERE user_id = $DEMO_BOB_ID AND active") || true
[ -n "$GCID" ] || die "no active Google connection of bob in the gcal database"

# --- GitHub: admin's connection with auto-start, admin's GitHub login -----------------------------
http PATCH "$API/users/$ADMIN_ID" "$ADMIN" "{\"githubUsername\":\"$LOGIN\"}"
[ "$CODE" = 200 ] || die "linking admin to GitHub login $LOGIN: HTTP $CODE"
http POST "$GH/connections" "$ADMIN" \
  "{\"repository\":\"$REPO\",\"defaultProjectId\":$DEMO_PROJECT_ID,\"autoStart\":true,\"stopOnUnassign\":true}"
[ "$CODE" = 201 ] || die "creating the GitHub connection: HTTP $CODE"
CID=$(jq -r .connection.id "$WORK/body")
GH_SECRET=$(jq -r .webhookSecret "$WORK/body")

# --- GitHub's API: a WireMock fake with the open issues of a repository to sync ---------------------
# connector-github moves onto it when fault 3 starts it again; the sync settings are shortened so
# the harness sees a failed sync retried (the stack's tick is 1 min, the retry 2 min)
SYNC_REPO="octo-faults/sync-$RUN"
SYNC_ISSUES=250
SYNC_TOKEN="ghp_""faultsFakeTokenForWireMockOnly$RUN" # split so it never looks like a committed token
github_fake_open_issues "$SYNC_REPO" "$SYNC_ISSUES"
github_fake_start || die "the fake GitHub API did not start on $GITHUB_FAKE"
log "fake GitHub API on $GITHUB_FAKE: $SYNC_ISSUES open issues of $SYNC_REPO"

# the watermarks: rows after these belong to this run. The outbox one is taken before the running
# timers left from earlier use are stopped: alice's stop is posted to the channel set above, so it
# counts among her events
OUTBOX_WM=$(psql_db timer "SELECT coalesce(max(id), 0) FROM outbox") || die "cannot read timer.outbox"
for t in "$ALICE" "$BOB" "$ADMIN"; do curl -s -o /dev/null --max-time 10 -X POST -H "Authorization: Bearer $t" "$API/timer/stop"; done
LOAD_WM=$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ) # bob's entries finished after it are exported in this run

# --- monitors and load --------------------------------------------------------------------------
# readiness of each service twice a second: "<epoch ms> <service> <HTTP status>"; timer-service's
# status is "200-kafka-unreachable" while its readiness reports the broker unreachable (the kafka
# check reports a broker outage without failing: the API keeps serving into the outbox)
readiness_monitor() {
  local s p answer code
  while [ ! -f "$WORK/stop" ]; do
    for s in timer-service:$TIMER_PORT connector-github:$GITHUB_PORT connector-slack:$SLACK_PORT \
      integration-gateway:$GATEWAY_PORT connector-gcal:$GCAL_PORT; do
      p=${s#*:}
      answer=$(curl -s -w ' %{http_code}' --max-time 1 "http://127.0.0.1:$p/q/health/ready")
      code=${answer##* }
      if [ "$code" = 200 ] && grep -q '"broker" *: *"unreachable"' <<<"$answer"; then
        code=200-kafka-unreachable
      fi
      echo "$(now_ms) ${s%%:*} $code"
    done
    sleep 0.5
  done >>"$OUT/readiness.log"
}

# timer_load USER: start/stop pairs through the core's API: "<epoch ms> <user> start|stop <HTTP> <entry id>"
timer_load() {
  local user=$1 tok born=0 code id f="$WORK/t-$1"
  while [ ! -f "$WORK/stop" ]; do
    if [ $(($(date +%s) - born)) -gt 240 ]; then
      tok=$(user_token "$user") && born=$(date +%s) || { sleep 1 && continue; }
    fi
    for op in start stop; do
      : >"$f"
      if [ $op = start ]; then
        code=$(curl -s -o "$f" -w '%{http_code}' --max-time 10 -X POST -H "Authorization: Bearer $tok" \
          -H 'Content-Type: application/json' --data "{\"projectId\":$DEMO_PROJECT_ID}" "$API/timer/start") || code=000
      else
        code=$(curl -s -o "$f" -w '%{http_code}' --max-time 10 -X POST -H "Authorization: Bearer $tok" "$API/timer/stop") || code=000
      fi
      id=$(jq -r '.id // empty' "$f" 2>/dev/null)
      echo "$(now_ms) $user $op $code ${id:--}"
      [ "$code" = 000 ] || [ "${code:0:1}" = 5 ] && sleep 0.5
      sleep 0.2
    done
  done >>"$OUT/load-timer.log"
}

# github_load: issue n opened, then assigned to admin's login, each delivery with a new id, through
# the gateway: "<epoch ms> <issue> <action> <delivery id> <HTTP>"
github_load() {
  local n=0 id f="$WORK/gh.json" action
  while [ ! -f "$WORK/stop" ]; do
    n=$((n + 1))
    for action in opened assigned; do
      if [ $action = opened ]; then
        payload "$f" opened "$REPO" "$n" "Fault load issue $n"
      else
        payload "$f" assigned "$REPO" "$n" "Fault load issue $n" "$LOGIN"
      fi
      id=$(cat /proc/sys/kernel/random/uuid)
      deliver "$GW_HOOK/$CID" issues "$id" "$f" "$(sign "$GH_SECRET" "$f")"
      echo "$(now_ms) $n $action $id $CODE"
      # an issue whose opened was not acknowledged gets no assigned
      [ "$CODE" = 202 ] || break
      sleep 0.15
    done
    sleep 0.15
  done >>"$OUT/load-github.log"
}

: >"$OUT/readiness.log"
: >"$OUT/load-timer.log"
: >"$OUT/load-github.log"
: >"$OUT/phases.log"
: >"$WORK/rows.jsonl"
readiness_monitor &
BG+=($!)
timer_load alice &
BG+=($!)
timer_load bob &
BG+=($!)
github_load &
BG+=($!)
LOAD_T0=$(now_ms)
log "load running (alice and bob start/stop, GitHub opened/assigned through the gateway); warm-up ${WARMUP}s"
sleep "$WARMUP"

# --- helpers of the fault phases ------------------------------------------------------------------
outbox_pending() { psql_db timer "SELECT count(*) FROM outbox WHERE published_at IS NULL AND parked_at IS NULL" || echo err; }
inbox_open() { psql_db github "SELECT count(*) FROM inbox_delivery WHERE status <> 'done' AND connection_id = '$CID'" || echo err; }
# wait_until MAX_S COMMAND...: polls every 0.5 s; prints the epoch ms it became true (or nothing)
wait_until() {
  local deadline=$(($(date +%s) + $1))
  shift
  until "$@"; do
    [ "$(date +%s)" -lt "$deadline" ] || return 1
    sleep 0.5
  done
  now_ms
}
drained_outbox() { [ "$(outbox_pending)" = 0 ]; }
drained_inbox() { [ "$(inbox_open)" = 0 ]; }
phase() { echo "$(now_ms) $*" >>"$OUT/phases.log"; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "") print "n/a"; else printf "%.1f", (b - a) / 1000 }'; }

RESULTS=()   # fault|start ms|end ms|ready again ms|drained ms|readiness service[|drained counted from ms]

# bring_back COMPONENT PORT LOG: ./tt up starts the stopped component in the background (it also
# checks the rest, which takes a while; up_done waits for it); F1 is when the component's port
# accepts connections again, so readiness and drain are watched from then on
bring_back() {
  local comp=$1 port=$2
  UP_LOG=$3
  UP_WHAT=$comp
  "$ROOT/tt" up >>"$UP_LOG" 2>&1 &
  UP_PID=$!
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    kill -0 "$UP_PID" 2>/dev/null || break
    sleep 0.2
  done
  F1=$(now_ms)
}
up_done() {
  [ -n "${UP_PID:-}" ] || return 0
  wait "$UP_PID" || die "./tt up did not bring $UP_WHAT back (see $UP_LOG)"
  UP_PID=
}
result() { RESULTS+=("$1|$2|$3|$4|$5|$6|${7:-}"); } # [7]: drained counted from it instead of the end

# --- fault 1: Kafka stopped -------------------------------------------------------------------------
log "fault 1: Kafka stopped for ${KAFKA_DOWN}s"
F0=$(now_ms)
phase kafka-stop
"$ROOT/tt" stop kafka >"$OUT/fault-kafka.log" 2>&1 || die "./tt stop kafka failed"
sleep "$KAFKA_DOWN"
log "fault 1: Kafka starting again (./tt up)"
bring_back kafka "$KAFKA_PORT" "$OUT/fault-kafka.log"
phase kafka-up
R=$(wait_until "$DRAIN_MAX" ready "$TIMER_PORT")
D=$(wait_until "$DRAIN_MAX" drained_outbox)
up_done
result "Kafka stopped ${KAFKA_DOWN}s" "$F0" "$F1" "$R" "$D" timer-service
log "fault 1: outbox drained $(secs "$F1" "$D") s after Kafka was back"

# --- fault 2: PostgreSQL restarted ------------------------------------------------------------------
log "fault 2: PostgreSQL restarted"
F0=$(now_ms)
phase postgres-stop
"$ROOT/tt" stop postgres >"$OUT/fault-postgres.log" 2>&1 || die "./tt stop postgres failed"
bring_back postgres "$PG_PORT" "$OUT/fault-postgres.log"
phase postgres-up
R=$(wait_until "$DRAIN_MAX" ready "$TIMER_PORT")
D=$(wait_until "$DRAIN_MAX" drained_outbox)
D2=$(wait_until "$DRAIN_MAX" drained_inbox)
[ -n "$D" ] && [ -n "$D2" ] && [ "$D2" -gt "$D" ] && D=$D2
up_done
result "PostgreSQL restarted" "$F0" "$F1" "$R" "$D" timer-service
log "fault 2: PostgreSQL down $(secs "$F0" "$F1") s, outbox and inbox drained $(secs "$F1" "$D") s after"

# --- fault 3: kill -9 connector-github ------------------------------------------------------------
log "fault 3: kill -9 connector-github, ${GITHUB_DOWN}s down, ./tt start connector-github"
F0=$(now_ms)
phase github-kill
"$ROOT/tt" stop connector-github --kill >"$OUT/fault-github.log" 2>&1 || die "./tt stop connector-github --kill failed"
sleep "$GITHUB_DOWN"
# it comes back on the fake GitHub API (fault 5), with a sync tick of 1 s and failed syncs retried after 3 s
export TT_GITHUB_API_URL=$GITHUB_FAKE GITHUB_SYNC_EVERY=1s GITHUB_SYNC_RETRY_AFTER_FAILURE=PT3S
GITHUB_FAKED=1
"$ROOT/tt" start connector-github >>"$OUT/fault-github.log" 2>&1 || die "./tt start connector-github failed (see $OUT/fault-github.log)"
F1=$(now_ms)
phase github-started
R=$(wait_until "$DRAIN_MAX" ready "$GITHUB_PORT")
D=$(wait_until "$DRAIN_MAX" drained_inbox)
result "kill -9 connector-github" "$F0" "$F1" "$R" "$D" connector-github
log "fault 3: ready after $(secs "$F0" "$F1") s, inbox drained $(secs "$F1" "$D") s after the restart"

# --- fault 4: Slack answers 500, then 429 with Retry-After -------------------------------------
add_mapping() { curl -sf --max-time 5 -X POST --data-binary @- "$SLACK_FAKE/__admin/mappings" | jq -r .id; }
log "fault 4: Slack chat.postMessage answers 500 for ${SLACK_500}s, then 429 Retry-After: 2 for ${SLACK_429}s"
F0=$(now_ms)
phase slack-500
M500=$(jq -nc '{priority: 1, request: {method: "POST", url: "/api/chat.postMessage"},
  response: {status: 500, body: "oops"}}' | add_mapping) || die "could not add the 500 mapping"
sleep "$SLACK_500"
phase slack-429
M429=$(jq -nc '{priority: 1, request: {method: "POST", url: "/api/chat.postMessage"},
  response: {status: 429, headers: {"Retry-After": "2", "Content-Type": "application/json"},
             body: "{\"ok\":false,\"error\":\"ratelimited\"}"}}' | add_mapping) || die "could not add the 429 mapping"
curl -s -o /dev/null --max-time 5 -X DELETE "$SLACK_FAKE/__admin/mappings/$M500"
sleep "$SLACK_429"
curl -s -o /dev/null --max-time 5 -X DELETE "$SLACK_FAKE/__admin/mappings/$M429"
F1=$(now_ms)
phase slack-ok
# posts Slack accepted (200) at the channel, and the start/stop events of alice since the watermark
slack_ok_posts() {
  jq -nc --arg c "$CHANNEL" '{method: "POST", url: "/api/chat.postMessage",
      bodyPatterns: [{matchesJsonPath: {expression: "$.channel", equalTo: $c}}]}' |
    curl -s --max-time 10 -X POST --data-binary @- "$SLACK_FAKE/__admin/requests/find" >"$WORK/slack-find.json"
  curl -s --max-time 10 "$SLACK_FAKE/__admin/requests?limit=100000" |
    jq --slurpfile f "$WORK/slack-find.json" --arg c "$CHANNEL" '
      [.requests[] | select(.request.url == "/api/chat.postMessage")
       | select((.request.body | fromjson? | .channel) == $c) | .response.status] as $s
      | {ok: ($s | map(select(. == 200)) | length), refused: ($s | map(select(. != 200)) | length)}'
}
alice_events() {
  psql_db timer "SELECT count(*) FROM outbox WHERE id > $OUTBOX_WM AND ce_type IN
    ('timetracker.time-entry.started.v1', 'timetracker.time-entry.stopped.v1')
    AND (payload->>'userId')::bigint = $DEMO_ALICE_ID"
}
slack_caught_up() {
  [ "$(slack_ok_posts | jq .ok)" = "$(alice_events)" ]
}
R=$F1
D=$(wait_until "$DRAIN_MAX" slack_caught_up)
result "Slack 500 ${SLACK_500}s, then 429 ${SLACK_429}s" "$F0" "$F1" "$R" "$D" connector-slack
log "fault 4: Slack caught up $(secs "$F1" "$D") s after the outage"

# --- fault 5: GitHub's issues API answers 429 with Retry-After, then 500, while a sync is due -------
# (429 first: a rate limit never opens connector-github's breaker, repeated 500s do, and an open
# breaker would keep the sync from meeting the 429s)
gh_mapping() { curl -sf --max-time 5 -X POST --data-binary @- "$GITHUB_FAKE/__admin/mappings" | jq -r .id; }
log "fault 5: GitHub's issues API answers 429 Retry-After: 2 for ${GHAPI_429}s, then 500 for ${GHAPI_500}s; $SYNC_REPO connected and its sync requested in the outage"
F0=$(now_ms)
phase github-api-429
G429=$(jq -nc --arg url "/repos/$SYNC_REPO/issues" '{priority: 1, request: {method: "GET", urlPath: $url},
  response: {status: 429, headers: {"Retry-After": "2", "Content-Type": "application/json"},
             jsonBody: {message: "API rate limit exceeded"}}}' | gh_mapping) || die "could not add the GitHub 429 mapping"
# (not through http: the load's deliveries write $WORK/body meanwhile)
gh_admin() { # gh_admin METHOD URL [JSON]: as admin, the answer in $WORK/sync-body, the status printed
  local data=()
  [ -n "${3:-}" ] && data=(-H 'Content-Type: application/json' --data "$3")
  curl -s -o "$WORK/sync-body" -w '%{http_code}' --max-time 30 -X "$1" -H "Authorization: Bearer $ADMIN" \
    -H 'Accept: application/json' "${data[@]}" "$2" || echo 000
}
CODE=$(gh_admin POST "$GH/connections" "$(jq -nc --arg r "$SYNC_REPO" --arg t "$SYNC_TOKEN" --argjson p "$DEMO_PROJECT_ID" \
  '{repository: $r, defaultProjectId: $p, token: $t}')")
[ "$CODE" = 201 ] || die "connecting $SYNC_REPO with a token: HTTP $CODE $(cat "$WORK/sync-body")"
SCID=$(jq -r .connection.id "$WORK/sync-body")
CODE=$(gh_admin POST "$GH/connections/$SCID/sync")
[ "$CODE" = 202 ] || die "requesting a sync of $SYNC_REPO: HTTP $CODE $(cat "$WORK/sync-body")"
SYNC_STATUS_URL="http://127.0.0.1:$GITHUB_PORT$(jq -r .statusUrl "$WORK/sync-body")"
sleep "$GHAPI_429"
phase github-api-500
G500=$(jq -nc --arg url "/repos/$SYNC_REPO/issues" '{priority: 1, request: {method: "GET", urlPath: $url},
  response: {status: 500, headers: {"Content-Type": "application/json"}, jsonBody: {message: "Server Error"}}}' |
  gh_mapping) || die "could not add the GitHub 500 mapping"
curl -s -o /dev/null --max-time 5 -X DELETE "$GITHUB_FAKE/__admin/mappings/$G429"
sleep "$GHAPI_500"
curl -s -o /dev/null --max-time 5 -X DELETE "$GITHUB_FAKE/__admin/mappings/$G500"
F1=$(now_ms)
phase github-api-ok
synced() { [ "$(psql_db github "SELECT last_sync_status FROM github_connection WHERE id = '$SCID'")" = success ]; }
D=$(wait_until "$DRAIN_MAX" synced)
result "GitHub API 429 ${GHAPI_429}s, then 500 ${GHAPI_500}s" "$F0" "$F1" "$F1" "$D" connector-github
log "fault 5: $SYNC_REPO synced $(secs "$F1" "$D") s after GitHub's API answered again"

# --- fault 6: Google Calendar answers 500, then 429 rateLimitExceeded -------------------------------
# every events call (the export's insert and patch, the import's listing) is refused with Google's
# error shapes (docs/connectors/google-calendar.md); the 429s come without Retry-After for the
# first half (Google documents exponential backoff) and with Retry-After: 2 for the second (which
# Google sometimes adds). Drained: from the fake's last refused answer until every entry of bob
# finished before the fault ended has its exported event linked in connector-gcal.
gc_refuse() { # gc_refuse STATUS DOMAIN REASON MESSAGE [RETRY_AFTER]: the mapping's id
  jq -nc --arg p "$GOOGLE_EVENTS_PATH(/[a-v0-9]+)?" --argjson s "$1" --arg d "$2" --arg r "$3" --arg m "$4" \
    --arg ra "${5:-}" '{priority: 1, request: {method: "ANY", urlPathPattern: $p},
      response: {status: $s, headers: ({"Content-Type": "application/json; charset=UTF-8"}
                                       + (if $ra == "" then {} else {"Retry-After": $ra} end)),
                 jsonBody: {error: {errors: [{domain: $d, reason: $r, message: $m}], code: $s, message: $m}}}}' |
    curl -sf --max-time 5 -X POST --data-binary @- "$GOOGLE_FAKE/__admin/mappings" | jq -r .id
}
gc_unmap() { curl -s -o /dev/null --max-time 5 -X DELETE "$GOOGLE_FAKE/__admin/mappings/$1"; }
log "fault 6: Google Calendar's events API answers 500 for ${GCAL_500}s, then 429 rateLimitExceeded for ${GCAL_429}s (Retry-After: 2 in the second half)"
F0=$(now_ms)
phase google-500
GM=$(gc_refuse 500 global backendError "Backend Error") || die "could not add the Google 500 mapping"
sleep "$GCAL_500"
phase google-429
GM2=$(gc_refuse 429 usageLimits rateLimitExceeded "Rate Limit Exceeded") || die "could not add the Google 429 mapping"
gc_unmap "$GM"
sleep $((GCAL_429 / 2))
phase google-429-retry-after
GM=$(gc_refuse 429 usageLimits rateLimitExceeded "Rate Limit Exceeded" 2) || die "could not add the Google 429 mapping"
gc_unmap "$GM2"
sleep $((GCAL_429 - GCAL_429 / 2))
gc_unmap "$GM"
F1=$(now_ms)
phase google-ok
google_journal() { curl -s --max-time 20 "$GOOGLE_FAKE/__admin/requests?limit=100000" >"$WORK/google-journal"; }
google_journal
GC_LAST_REFUSED=$(jq '[.requests[] | select(.request.url | startswith("/calendar/v3/calendars/"))
  | select(.response.status == 500 or .response.status == 429) | .request.loggedDate] | max // empty' "$WORK/google-journal")
# bob's entries finished during the run up to the end of the fault (their exports are the backlog)
bob_finished() { # bob_finished [UNTIL_MS]: ids of bob's entries finished in the run (up to UNTIL)
  psql_db timer "SELECT id FROM time_entries WHERE user_id = $DEMO_BOB_ID AND end_time >= '$LOAD_WM'
    ${1:+AND end_time <= to_timestamp($1 / 1000.0)} ORDER BY id"
}
gcal_linked() { # gcal_linked IDS: how many of these entries have their exported event linked
  [ -n "$1" ] || { echo 0 && return; }
  psql_db gcal "SELECT count(*) FROM gcal_event_link WHERE connection_id = '$GCID' AND direction = 'export'
    AND entry_id IN ($1)"
}
GC_BACKLOG=$(bob_finished "$F1" | paste -sd,)
gcal_backlog_exported() {
  [ "$(gcal_linked "$GC_BACKLOG")" = "$(tr ',' '\n' <<<"$GC_BACKLOG" | grep -c .)" ]
}
D=$(wait_until "$DRAIN_MAX" gcal_backlog_exported)
result "Google 500 ${GCAL_500}s, then 429 ${GCAL_429}s" "$F0" "$F1" "$F1" "$D" connector-gcal "${GC_LAST_REFUSED:-$F1}"
log "fault 6: bob's $(tr ',' '\n' <<<"$GC_BACKLOG" | grep -c .) finished entries exported $(secs "${GC_LAST_REFUSED:-$F1}" "$D") s after Google's last refusal"

# --- stop the load, let everything drain ------------------------------------------------------------
sleep 3
touch "$WORK/stop"
LOAD_T1=$(now_ms)
for p in "${BG[@]:1}"; do [ "$p" = "${SLACK_FAKE_PID:-}" ] || wait "$p" 2>/dev/null; done
log "load stopped after $(secs "$LOAD_T0" "$LOAD_T1") s; waiting for the last work to drain"
wait_until "$DRAIN_MAX" drained_inbox >/dev/null || true
wait_until "$DRAIN_MAX" drained_outbox >/dev/null || true
wait_until 60 slack_caught_up >/dev/null || true
gcal_caught_up() {
  local ids
  ids=$(bob_finished | paste -sd,)
  [ "$(gcal_linked "$ids")" = "$(tr ',' '\n' <<<"$ids" | grep -c .)" ]
}
wait_until 60 gcal_caught_up >/dev/null || true

# --- checks ---------------------------------------------------------------------------------------
echo "== checks"
T_ACK=$(awk '$4 ~ /^2/' "$OUT/load-timer.log" | wc -l)
T_ALL=$(wc -l <"$OUT/load-timer.log")
G_ACK=$(awk '$5 == 202' "$OUT/load-github.log" | wc -l)
G_ALL=$(wc -l <"$OUT/load-github.log")

# webhooks: every acknowledged delivery stored once and done
awk '$5 == 202 {print $4}' "$OUT/load-github.log" | sort >"$WORK/acked-deliveries"
psql_db github "SELECT delivery_id, status FROM inbox_delivery WHERE connection_id = '$CID'" | sort >"$WORK/inbox"
STORED_DONE=$(join -t'|' <(sed 's/$/|/' "$WORK/acked-deliveries" | cut -d'|' -f1) <(awk -F'|' '$2 == "done" {print $1}' "$WORK/inbox") | wc -l)
NOT_DONE=$(awk -F'|' '$2 != "done"' "$WORK/inbox" | wc -l)
check $([ "$STORED_DONE" = "$G_ACK" ] && [ "$NOT_DONE" = 0 ] && echo 0 || echo 1) \
  "webhooks: $G_ACK of $G_ALL deliveries acknowledged (202), $STORED_DONE of them stored and done, $NOT_DONE stored not done"

# tasks: one per acknowledged opened issue, none twice
# (from the core's database: a stack in use has thousands of tasks in its demo project, which the
# task list API hands out a page of at most 1,000 at a time)
task_issues() { # task_issues REPO: the issue number of each task of the repository, one per task
  psql_db timer "SELECT split_part(external_ref, '#', 2) FROM tasks WHERE external_ref LIKE 'github:$1#%'"
}
task_issues "$REPO" | sort -n >"$WORK/task-issues"
awk '$5 == 202 && $3 == "opened" {print $2}' "$OUT/load-github.log" | sort -n >"$WORK/acked-issues"
TASKS=$(wc -l <"$WORK/task-issues")
TASK_DUPS=$(uniq -d "$WORK/task-issues" | wc -l)
MISSING_TASKS=$(comm -23 <(sort "$WORK/acked-issues") <(sort -u "$WORK/task-issues") | wc -l)
check $([ "$TASK_DUPS" = 0 ] && [ "$MISSING_TASKS" = 0 ] && echo 0 || echo 1) \
  "tasks: $(wc -l <"$WORK/acked-issues") issues acknowledged as opened → $TASKS tasks, $MISSING_TASKS missing, $TASK_DUPS twice"

# timer changes: every acknowledged start/stop in the core's database
awk '$4 ~ /^2/ && $5 != "-" {print $5}' "$OUT/load-timer.log" | sort -u >"$WORK/acked-entries"
IDS=$(paste -sd, "$WORK/acked-entries")
FOUND=$( [ -n "$IDS" ] && psql_db timer "SELECT count(*) FROM time_entries WHERE id IN ($IDS)" || echo 0)
STOPPED_ACK=$(awk '$3 == "stop" && $4 == 200 {print $5}' "$OUT/load-timer.log" | sort -u)
SIDS=$(paste -sd, <<<"$STOPPED_ACK")
UNSTOPPED=$( [ -n "$SIDS" ] && psql_db timer "SELECT count(*) FROM time_entries WHERE id IN ($SIDS) AND end_time IS NULL" || echo 0)
check $([ "$FOUND" = "$(wc -l <"$WORK/acked-entries")" ] && [ "$UNSTOPPED" = 0 ] && echo 0 || echo 1) \
  "timer API: $T_ACK of $T_ALL requests acknowledged, $(wc -l <"$WORK/acked-entries") entries → $FOUND in the database, $UNSTOPPED acknowledged stops not stopped"

# GitHub-started entries: at most one per issue
GH_ENTRY_DUPS=$(psql_db timer "SELECT count(*) FROM (SELECT notes FROM time_entries WHERE user_id = $ADMIN_ID
  AND notes LIKE 'GitHub issue #%: Fault load issue %' AND created_at >= to_timestamp($RUN) GROUP BY notes HAVING count(*) > 1) d")
GH_ENTRIES=$(psql_db timer "SELECT count(*) FROM time_entries WHERE user_id = $ADMIN_ID
  AND notes LIKE 'GitHub issue #%: Fault load issue %' AND created_at >= to_timestamp($RUN)")
ASSIGNED=$(awk '$5 == 202 && $3 == "assigned"' "$OUT/load-github.log" | wc -l)
# (while admin's timer runs, a later assignment starts no other one, so most assignments start
# nothing; what counts is that no issue started two entries)
check $([ "$GH_ENTRY_DUPS" = 0 ] && [ "$GH_ENTRIES" -ge 1 ] && [ "$GH_ENTRIES" -le "$ASSIGNED" ] && echo 0 || echo 1) \
  "GitHub timers: $ASSIGNED assigned deliveries acknowledged → $GH_ENTRIES entries started, ${GH_ENTRY_DUPS:-?} issues with two"

# outbox → Kafka: each committed event exactly once on its topic, nothing pending or parked
psql_db timer "SELECT event_id FROM outbox WHERE id > $OUTBOX_WM ORDER BY 1" >"$WORK/events"
PENDING=$(psql_db timer "SELECT count(*) FROM outbox WHERE id > $OUTBOX_WM AND published_at IS NULL")
PARKED=$(psql_db timer "SELECT count(*) FROM outbox WHERE id > $OUTBOX_WM AND parked_at IS NOT NULL")
for topic in tt.time-entries.v1 tt.tasks.v1; do
  java -Xmx256m -cp "$KAFKA_LIB/*" org.apache.kafka.tools.consumer.ConsoleConsumer \
    --bootstrap-server "127.0.0.1:$KAFKA_PORT" --topic "$topic" --from-beginning --timeout-ms 8000 \
    --property print.headers=true --property print.value=false --property print.key=false \
    --property headers.separator='|' 2>>"$OUT/consumer.err"
done | grep -o 'ce_id:[0-9a-f-]*' | cut -d: -f2 | sort >"$WORK/on-kafka"
EVENTS=$(wc -l <"$WORK/events")
ON_KAFKA=$(join "$WORK/events" "$WORK/on-kafka" | wc -l)
KAFKA_DUPS=$(join "$WORK/events" <(uniq -d "$WORK/on-kafka") | wc -l)
KAFKA_MISSING=$(comm -23 "$WORK/events" <(uniq "$WORK/on-kafka") | wc -l)
check $([ "$EVENTS" -gt 0 ] && [ "$KAFKA_MISSING" = 0 ] && [ "$KAFKA_DUPS" = 0 ] && [ "$PENDING" = 0 ] && [ "$PARKED" = 0 ] && echo 0 || echo 1) \
  "events: $EVENTS committed outbox rows → $ON_KAFKA records on Kafka, $KAFKA_MISSING missing, $KAFKA_DUPS twice, $PENDING pending, $PARKED parked"
# outbox lag over time: every event of the run, commit → broker acknowledgement, the faults shaded
psql_db timer "SELECT round(extract(epoch FROM ce_time) * 1000), round(extract(epoch FROM published_at) * 1000)
  FROM outbox WHERE id > $OUTBOX_WM ORDER BY id" | tr '|' '\t' >"$OUT/outbox-lag.tsv" &&
  python3 "$ROOT/deploy/local/lib/outbox-lag.py" "$OUT/outbox-lag.tsv" "$OUT/phases.log" "$OUT/outbox-lag.svg" "$LOAD_T0" |
  tee "$OUT/outbox-lag.txt" | sed 's/^/  /' || log "outbox lag plot not written"

# Slack: one accepted post per start/stop event of alice, one post-log row per event
SLACK=$(slack_ok_posts)
WANT=$(alice_events)
POSTLOG=$(psql_db slack "SELECT count(*), count(DISTINCT event_id) FROM slack_post WHERE channel_id = '$CHANNEL'")
check $([ "$(jq .ok <<<"$SLACK")" = "$WANT" ] && [ "${POSTLOG%|*}" = "$WANT" ] && [ "${POSTLOG#*|}" = "$WANT" ] && echo 0 || echo 1) \
  "Slack: $WANT start/stop events of alice → $(jq .ok <<<"$SLACK") posts accepted ($(jq .refused <<<"$SLACK") refused 500/429 attempts), post log ${POSTLOG%|*} rows / ${POSTLOG#*|} events"

# GitHub sync: every open issue of the synced repository one task, after the API outage; the outage
# was really met (the fake answered 500 and 429), and what the requested sync reported
task_issues "$SYNC_REPO" | sort >"$WORK/synced-issues"
SYNCED=$(wc -l <"$WORK/synced-issues")
SYNC_DUPS=$(uniq -d "$WORK/synced-issues" | wc -l)
SYNC_MISSING=$(comm -23 <(seq 1 "$SYNC_ISSUES" | sort) <(uniq "$WORK/synced-issues") | wc -l)
GH_REFUSED=$(curl -s --max-time 10 "$GITHUB_FAKE/__admin/requests?limit=100000" |
  jq -c --arg url "/repos/$SYNC_REPO/issues" '[.requests[] | select(.request.url | startswith($url)) | .response.status]
    | {http500: (map(select(. == 500)) | length), http429: (map(select(. == 429)) | length), http200: (map(select(. == 200)) | length)}')
curl -s --max-time 10 -H "Authorization: Bearer $ADMIN" "$SYNC_STATUS_URL" >"$WORK/sync-run.json"
REQUESTED=$(jq -r '"\(.status)\(if (.errors // []) | length > 0 then ": " + .errors[0] else "" end)"' "$WORK/sync-run.json" 2>/dev/null)
check $([ "$SYNC_MISSING" = 0 ] && [ "$SYNC_DUPS" = 0 ] && [ "$(jq .http500 <<<"$GH_REFUSED")" -gt 0 ] &&
  [ "$(jq .http429 <<<"$GH_REFUSED")" -gt 0 ] && echo 0 || echo 1) \
  "GitHub sync: $SYNC_ISSUES open issues → $SYNCED tasks, $SYNC_MISSING missing, $SYNC_DUPS twice; GitHub answered $(jq .http500 <<<"$GH_REFUSED") × 500, $(jq .http429 <<<"$GH_REFUSED") × 429, $(jq .http200 <<<"$GH_REFUSED") × 200; the sync requested in the outage: ${REQUESTED:-?}"

# Google Calendar: each entry of bob finished during the run is one insert the fake accepted (its
# journal; the event carries the entry in our private property and its id is derived from it) and
# one row of connector-gcal's link table; the fake really refused (500 and 429), no export failed,
# nothing waits; and the import met the outage and synced successfully again
bob_finished | sort >"$WORK/bob-finished"
google_journal
jq -r --arg p "$GOOGLE_EVENTS_PATH" '.requests[] | select(.request.method == "POST" and (.request.url | split("?")[0]) == $p
  and .response.status < 300) | .request.body | fromjson | "\(.extendedProperties.private.timetrackerEntryId) \(.id)"' \
  "$WORK/google-journal" | sort >"$WORK/google-inserted"
GC_FINISHED=$(wc -l <"$WORK/bob-finished")
cut -d' ' -f1 "$WORK/google-inserted" | sort | uniq -c | awk '{print $2, $1}' >"$WORK/google-per-entry"
GC_EVENTS=$(join "$WORK/bob-finished" "$WORK/google-per-entry" | wc -l)
GC_TWICE=$(join "$WORK/bob-finished" "$WORK/google-per-entry" | awk '$2 > 1' | wc -l)
GC_MISSING=$(comm -23 "$WORK/bob-finished" <(cut -d' ' -f1 "$WORK/google-per-entry") | wc -l)
GC_WRONG_ID=$(awk '$2 != sprintf("tt%010d", $1)' "$WORK/google-inserted" | wc -l)
GC_REFUSED=$(jq -c '[.requests[] | select(.request.url | startswith("/calendar/v3/calendars/")) | select(.response.status >= 400)
  | {m: .request.method, s: .response.status, ra: (.response.headers["Retry-After"] != null)}]
  | (map(select(.s == 409)) | length) as $dup | map(select(.s == 500 or .s == 429))
  | {insert500: map(select(.m == "POST" and .s == 500)) | length, insert429: map(select(.m == "POST" and .s == 429)) | length,
     retryAfter: map(select(.ra)) | length, patch: map(select(.m == "PATCH")) | length,
     list: map(select(.m == "GET")) | length, all: length, duplicate409: $dup}' "$WORK/google-journal")
IDS=$(paste -sd, "$WORK/bob-finished")
GC_LINKS=$( [ -n "$IDS" ] && psql_db gcal "SELECT count(*), count(DISTINCT entry_id) FROM gcal_event_link
  WHERE connection_id = '$GCID' AND direction = 'export' AND entry_id IN ($IDS)" || echo "0|0")
GC_QUEUE=$(psql_db gcal "SELECT count(*) FILTER (WHERE status = 'dead'), count(*) FILTER (WHERE status <> 'done')
  FROM inbox_delivery WHERE provider = 'gcal-export' AND connection_id = '$GCID'")
# the sync's catch-up (delivery ids sync:<entry>:<version>) would export an entry whose core event
# connector-gcal failed to take; each entry must have been queued from its event too
GC_FROM_EVENTS=$( [ -n "$IDS" ] && psql_db gcal "SELECT count(DISTINCT delivery_key) FROM inbox_delivery
  WHERE provider = 'gcal-export' AND connection_id = '$GCID' AND delivery_id NOT LIKE 'sync:%'
  AND delivery_key IN ($(sed "s/^/'entry:/; s/\$/'/" "$WORK/bob-finished" | paste -sd,))" || echo 0)
gj() { jq ".$1" <<<"$GC_REFUSED"; }
check $([ "$GC_FINISHED" -gt 0 ] && [ "$GC_MISSING" = 0 ] && [ "$GC_TWICE" = 0 ] && [ "$GC_WRONG_ID" = 0 ] &&
  [ "$GC_EVENTS" = "$GC_FINISHED" ] && [ "$GC_LINKS" = "$GC_FINISHED|$GC_FINISHED" ] && [ "$GC_QUEUE" = "0|0" ] && [ "$GC_FROM_EVENTS" = "$GC_FINISHED" ] &&
  [ "$(gj insert500)" -gt 0 ] && [ "$(gj insert429)" -gt 0 ] && echo 0 || echo 1) \
  "Google export: $GC_FINISHED entries of bob finished → $GC_EVENTS with an accepted event, $GC_MISSING missing, $GC_TWICE twice, $GC_WRONG_ID under another id; link table ${GC_LINKS%|*} rows / ${GC_LINKS#*|} entries; exports failed / not done ${GC_QUEUE%|*} / ${GC_QUEUE#*|}, $((GC_FINISHED - GC_FROM_EVENTS)) queued by the sync's catch-up only; Google refused $(gj insert500) inserts with 500, $(gj insert429) with 429 ($(gj retryAfter) answers with Retry-After), $(gj patch) patches; $(gj duplicate409) repeated inserts answered 409"
GC_SYNC=$(psql_db gcal "SELECT last_sync_status FROM gcal_connection WHERE id = '$GCID'")
check $([ "$(gj list)" -gt 0 ] && [ "$GC_SYNC" = success ] && echo 0 || echo 1) \
  "Google import: Google refused $(gj list) listings of bob's calendar in the outage; the last sync: ${GC_SYNC:-?}"

# readiness: DOWN (not 200) seen for the service during its dependency's outage, UP at the end
down_between() { # down_between SERVICE FROM_MS TO_MS: first not-200 in the window, or nothing
  awk -v s="$1" -v a="$2" -v b="$3" '$2 == s && $1 >= a && $1 <= b && $3 != 200 {print $1; exit}' "$OUT/readiness.log"
}
up_after() { # up_after SERVICE FROM_MS: first 200 at or after it
  awk -v s="$1" -v a="$2" '$2 == s && $1 >= a && $3 == 200 {print $1; exit}' "$OUT/readiness.log"
}

# --- the table ---------------------------------------------------------------------------------------
echo
echo "fault,service,outage_s,readiness_down_seen,ready_again_s,backlog_drained_s" >"$OUT/faults.csv"
printf '%-32s %-20s %9s %13s %13s %16s\n' fault "readiness of" "outage s" "outage seen" "ready again s" "drained after s"
for r in "${RESULTS[@]}"; do
  IFS='|' read -r name f0 f1 rdy drained svc from <<<"$r"
  downat=$(down_between "$svc" "$f0" "$((f1 + 5000))")
  upat=$( [ -n "$downat" ] && up_after "$svc" "$downat")
  seen=$([ -n "$downat" ] && echo yes || echo no)
  case $name in Slack* | GitHub* | Google*) seen="n/a" ;; esac
  ready_s=$( [ -n "$upat" ] && secs "$f1" "$upat" || secs "$f1" "$rdy")
  [ "${ready_s:0:1}" = - ] && ready_s=0.0
  drained_s=$(secs "${from:-$f1}" "$drained")
  printf '%-32s %-20s %9s %13s %13s %16s\n' "$name" "$svc" "$(secs "$f0" "$f1")" "$seen" "$ready_s" "$drained_s"
  echo "\"$name\",$svc,$(secs "$f0" "$f1"),$seen,$ready_s,$drained_s" >>"$OUT/faults.csv"
  jq -nc --arg fault "$name" --arg service "$svc" --arg outage "$(secs "$f0" "$f1")" --arg seen "$seen" \
    --arg ready "$ready_s" --arg drained "$drained_s" \
    '{fault: $fault, service: $service, outageSeconds: ($outage | tonumber? // null), readinessDownSeen: $seen,
      readyAgainSeconds: ($ready | tonumber? // null), drainedSeconds: ($drained | tonumber? // null)}' >>"$WORK/rows.jsonl"
  case $name in
    Kafka* | PostgreSQL* | kill*) check $([ "$seen" = yes ] && echo 0 || echo 1) "readiness of $svc reported '$name' (DOWN, or for Kafka the kafka check's broker unreachable) and came back UP" ;;
  esac
  [ "$drained" != "" ] || FAILS+=("'$name': backlog not drained within ${DRAIN_MAX}s")
done
echo
LOAD_S=$(secs "$LOAD_T0" "$LOAD_T1")
echo "load: $T_ALL timer requests ($T_ACK acknowledged) and $G_ALL GitHub deliveries ($G_ACK acknowledged) in $LOAD_S s; $GC_FINISHED entries of bob exported to Google"
jq -n --slurpfile rows "$WORK/rows.jsonl" --arg load_s "$LOAD_S" --argjson timer_requests "$T_ALL" --argjson timer_acked "$T_ACK" \
  --argjson deliveries "$G_ALL" --argjson deliveries_acked "$G_ACK" --argjson events "$EVENTS" \
  --argjson google_entries "$GC_FINISHED" --argjson google_events "$GC_EVENTS" --argjson google_refused "${GC_REFUSED:-null}" \
  --argjson checks "$CHECKS" --argjson failed "$(printf '%s\n' "${FAILS[@]}" | jq -R . | jq -s 'map(select(. != ""))')" \
  --arg variant "$([ "$LONG" = 1 ] && echo long || echo short)" '
  {variant: $variant, load: {seconds: ($load_s | tonumber), timerRequests: $timer_requests, timerAcknowledged: $timer_acked,
   deliveries: $deliveries, deliveriesAcknowledged: $deliveries_acked, outboxEvents: $events,
   googleExport: {entriesFinished: $google_entries, withAcceptedEvent: $google_events, refused: $google_refused}},
   faults: $rows,
   checksPassed: $checks, failed: $failed}' >"$OUT/faults.json"

if [ "${#FAILS[@]}" -gt 0 ]; then
  echo "FAULTS FAILED: ${#FAILS[@]} check(s): ${FAILS[*]}" >&2
  exit 1
fi
echo "FAULTS PASSED: $CHECKS checks (results in $OUT)"
