#!/usr/bin/env bash
# End-to-end acceptance of connector-slack against the REAL local stack: Keycloak tokens, the real
# timer-service and Kafka, the connector on its own port. Only Slack's Web API is faked: a WireMock
# standalone server answers chat.postMessage and auth.test, and counts the posts. Slack's side of
# the slash command is played by this script: form bodies as Slack sends them, signed v0 with the
# workspace's signing secret (openssl dgst -sha256 -hmac).
#
# Needs a running stack with connector-slack (./tt up) and its demo data ($TT_HOME/demo.env).
# Called by e2e.sh; runs alone too: deploy/local/e2e-slack.sh
# Exit code non-zero with a message at the first failed check. Leaves the connector on the real
# Slack URL, unlinks alice, removes its workspace and archives the project it created.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export TT_HOME=${TT_HOME:-$ROOT/.tt}
KEYCLOAK_PORT=${TT_KEYCLOAK_PORT:-8180}
TIMER_PORT=${TT_PORT_TIMER_SERVICE:-8081}
SLACK_PORT=${TT_PORT_CONNECTOR_SLACK:-8084}
TOKEN_URL="http://127.0.0.1:$KEYCLOAK_PORT/realms/timetracker/protocol/openid-connect/token"
API="http://127.0.0.1:$TIMER_PORT/api/v1"
SL="http://127.0.0.1:$SLACK_PORT/api/integrations/slack"
WAIT_S=${TT_E2E_SLACK_WAIT:-40}
WM_PORT=${TT_E2E_SLACK_FAKE_PORT:-8097}
WM="http://127.0.0.1:$WM_PORT"

WORK=$(mktemp -d)
CHECKS=0
trap 'cleanup' EXIT

fail() {
  echo
  echo "E2E SLACK FAILED: $*" >&2
  [ -s "$WORK/body" ] && { echo "--- last response body:" >&2; head -c 2000 "$WORK/body" >&2; echo >&2; }
  exit 1
}
pass() { CHECKS=$((CHECKS + 1)); echo "  ✓ $*"; }

# http METHOD URL TOKEN [JSON]: sets CODE; body in $WORK/body
http() {
  local method=$1 url=$2 tok=$3 data=() auth=()
  [ -n "${4:-}" ] && data=(-H 'Content-Type: application/json' --data "$4")
  [ -n "$tok" ] && auth=(-H "Authorization: Bearer $tok")
  : >"$WORK/body"
  CODE=$(curl -s -o "$WORK/body" -w '%{http_code}' --max-time 30 -X "$method" "${auth[@]}" \
    -H 'Accept: application/json' "${data[@]}" "$url") || CODE=000
}
expect() { [ "$CODE" = "$1" ] || fail "$2: expected HTTP $1, got $CODE"; }
body() { jq -r "$1" <"$WORK/body"; }

user_token() {
  curl -sf --max-time 30 -d grant_type=password -d client_id=tt-cli -d "username=$1" -d "password=$1" \
    "$TOKEN_URL" | jq -er .access_token || fail "no token for $1 from Keycloak"
}

eventually() { # eventually DESCRIPTION COMMAND...: retries COMMAND each second for WAIT_S seconds
  local what=$1 i
  shift
  for ((i = 0; i < WAIT_S; i++)); do
    "$@" && return 0
    sleep 1
  done
  fail "$what (not within ${WAIT_S}s)"
}

# slash USER TEXT [TRIGGER] [TIMESTAMP] [EXTRA_HEADER]: /tt TEXT as Slack posts it, signed; sets CODE
slash() {
  local user=$1 text=$2 trigger=${3:-$RANDOM$RANDOM.$RANDOM} ts=${4:-$(date +%s)} extra=()
  [ -n "${5:-}" ] && extra=(-H "$5")
  jq -rn --arg team "$TEAM" --arg user "$user" --arg text "$text" --arg trigger "$trigger" \
    '{token: "e2e", team_id: $team, team_domain: "e2e", channel_id: "C0E2E", channel_name: "general",
      user_id: $user, user_name: "alice.slack", command: "/tt", text: $text, api_app_id: "A0E2E",
      response_url: ("https://hooks.slack.com/commands/T/" + $trigger), trigger_id: $trigger}
     | to_entries | map("\(.key|@uri)=\(.value|@uri)") | join("&")' | tr -d '\n' >"$WORK/form"
  local sig
  sig="v0=$( (printf 'v0:%s:' "$ts"; cat "$WORK/form") | openssl dgst -sha256 -hmac "$SIGNING_SECRET" -hex | sed 's/^.*= *//')"
  : >"$WORK/body"
  CODE=$(curl -s -o "$WORK/body" -w '%{http_code}' --max-time 30 -X POST \
    -H 'Content-Type: application/x-www-form-urlencoded' -H 'User-Agent: Slackbot 1.0 (+https://api.slack.com/robots)' \
    -H "X-Slack-Request-Timestamp: $ts" -H "X-Slack-Signature: $sig" "${extra[@]}" \
    --data-binary "@$WORK/form" "$SL/commands/$TEAM") || CODE=000
}
reply() { jq -r .text <"$WORK/body"; }

posts() { # posts CHANNEL WORDS: how many chat.postMessage to CHANNEL whose text contains WORDS
  curl -s -X POST --data "$(jq -nc --arg c "$1" --arg w "$2" \
    '{method: "POST", url: "/api/chat.postMessage",
      bodyPatterns: [{matchesJsonPath: {expression: "$.channel", equalTo: $c}},
                     {matchesJsonPath: {expression: "$.text", contains: $w}}]}')" \
    "$WM/__admin/requests/count" | jq -r .count
}
posts_are() { [ "$(posts "$1" "$2")" = "$3" ]; }

restart_slack() { # restart_slack [SLACK_API_URL]: restarts the stack's connector-slack (by PID file)
  (TT_ROOT=$ROOT; . "$ROOT/deploy/local/lib/common.sh" && stop_group connector-slack 30) ||
    fail "could not stop connector-slack"
  TT_SLACK_API_URL=${1:-} "$ROOT/tt" up >"$WORK/up-slack.log" 2>&1 ||
    { cat "$WORK/up-slack.log"; fail "./tt up did not restart connector-slack"; }
  SLACK_FAKED=${1:+1}
}

cleanup() {
  local rc=$?
  if [ -n "${ALICE:-}" ]; then
    curl -s -o /dev/null --max-time 10 -X POST -H "Authorization: Bearer $ALICE" "$API/timer/stop"
    curl -s -o /dev/null --max-time 10 -X DELETE -H "Authorization: Bearer $ALICE" "$SL/config"
  fi
  [ -n "${ADMIN:-}" ] && [ -n "${TEAM:-}" ] &&
    curl -s -o /dev/null --max-time 10 -X DELETE -H "Authorization: Bearer $ADMIN" "$SL/workspaces/$TEAM"
  [ -n "${ADMIN:-}" ] && [ -n "${SHOP_ID:-}" ] &&
    curl -s -o /dev/null --max-time 10 -X PATCH -H "Authorization: Bearer $ADMIN" \
      -H 'Content-Type: application/json' --data '{"status":"archived"}' "$API/projects/$SHOP_ID"
  [ -n "${WM_PID:-}" ] && kill "$WM_PID" 2>/dev/null
  if [ "${SLACK_FAKED:-}" = 1 ]; then # leave the stack's connector on the real Slack URL
    (TT_ROOT=$ROOT; . "$ROOT/deploy/local/lib/common.sh" && stop_group connector-slack 30)
    "$ROOT/tt" up >/dev/null 2>&1
  fi
  rm -rf "$WORK"
  exit $rc
}

[ -f "$TT_HOME/demo.env" ] || fail "no $TT_HOME/demo.env: run ./tt up first"
# shellcheck disable=SC1091
. "$TT_HOME/demo.env"
curl -sf -o /dev/null --max-time 5 "http://127.0.0.1:$SLACK_PORT/q/health/ready" ||
  fail "connector-slack is not ready on port $SLACK_PORT (./tt status, ./tt logs connector-slack)"

echo "== e2e-slack: a WireMock Slack Web API, the connector pointed at it"
WM_JAR="$HOME/.m2/repository/org/wiremock/wiremock-standalone/3.13.2/wiremock-standalone-3.13.2.jar"
[ -f "$WM_JAR" ] || (cd "$ROOT" && mvn -B -q dependency:get -Dartifact=org.wiremock:wiremock-standalone:3.13.2) ||
  fail "no WireMock standalone jar"
mkdir -p "$WORK/wm/mappings" "$WORK/wm/__files"
jq -n '{request: {method: "POST", url: "/api/chat.postMessage"},
        response: {status: 200, headers: {"Content-Type": "application/json"},
                   body: "{\"ok\":true,\"channel\":\"C0E2E\",\"ts\":\"1700000000.000100\"}"}}' >"$WORK/wm/mappings/post.json"
jq -n '{request: {method: "POST", url: "/api/auth.test"},
        response: {status: 200, headers: {"Content-Type": "application/json"},
                   body: "{\"ok\":true,\"team\":\"E2E\",\"user\":\"timetracker\",\"team_id\":\"T0E2E\"}"}}' >"$WORK/wm/mappings/auth.json"
java -jar "$WM_JAR" --port "$WM_PORT" --bind-address 127.0.0.1 --root-dir "$WORK/wm" --disable-banner \
  >"$WORK/wiremock.log" 2>&1 &
WM_PID=$!
eventually "WireMock Slack on $WM" curl -sf -o /dev/null "$WM/__admin/mappings"
restart_slack "$WM/api"
pass "connector-slack restarted against the WireMock Slack"

echo "== e2e-slack: workspace registered, alice links her Slack account"
ALICE=$(user_token alice) || exit 1
ADMIN=$(user_token admin) || exit 1
RUN=$(date +%s)
TEAM="T0E2E$RUN"
SLACK_USER="U0ALICE$RUN"
CHANNEL="C0E2E$RUN"
BOT_TOKEN="xoxb-e2e-$RUN-fakeTokenForWireMockOnly"
SIGNING_SECRET="e2e-signing-secret-$RUN-$RANDOM$RANDOM"
http POST "$SL/workspaces" "$ADMIN" "$(jq -nc --arg t "$TEAM" --arg b "$BOT_TOKEN" --arg s "$SIGNING_SECRET" \
  '{teamId: $t, teamName: "E2E", botToken: $b, signingSecret: $s}')"
expect 201 "admin registers workspace $TEAM"
[[ "$(body .commandsUrl)" == */api/integrations/slack/commands/$TEAM ]] || fail "commands URL $(body .commandsUrl)"
http POST "$SL/workspaces" "$ALICE" '{"teamId":"T0NOPE","botToken":"xoxb-x"}'
expect 403 "alice (no admin) registering a workspace"
pass "workspace registered by the admin (201, URLs), refused to alice (403)"

http POST "$API/timer/stop" "$ALICE"
slash "$SLACK_USER" "start Website"
expect 200 "/tt start before linking"
[[ "$(reply)" == *"not linked"* ]] || fail "unlinked /tt start replied: $(reply)"
http GET "$API/timer" "$ALICE"
[ "$(body .running)" = false ] || fail "an unlinked /tt start started a timer"
pass "unlinked Slack user → link instructions, no timer"

slash "$SLACK_USER" "link"
expect 200 "/tt link"
LINK_TOKEN=$(reply | sed -n 's/.*token=\([A-Za-z0-9_-]*\).*/\1/p')
[ -n "$LINK_TOKEN" ] || fail "no link in: $(reply)"
http POST "$SL/link" "$ALICE" "{\"token\":\"$LINK_TOKEN\"}"
expect 200 "alice completes the link"
[ "$(body .settings.slackUserId)" = "$SLACK_USER" ] || fail "linked $(body .settings.slackUserId)"
http POST "$SL/link" "$ALICE" "{\"token\":\"$LINK_TOKEN\"}"
expect 410 "the same link a second time"
http GET "$API/me/identities" "$ALICE"
if [ "$CODE" = 200 ]; then
  jq -e --arg id "$TEAM:$SLACK_USER" 'map(select(.provider == "slack" and .externalId == $id)) | length == 1' \
    "$WORK/body" >/dev/null || fail "the core has no slack identity $TEAM:$SLACK_USER for alice"
fi
http PUT "$SL/config" "$ALICE" "{\"channelId\":\"$CHANNEL\",\"notifyOnStart\":true,\"notifyOnStop\":true}"
expect 200 "alice turns on start/stop posts to $CHANNEL"
http POST "$SL/test" "$ALICE"
expect 200 "test (auth.test)"
[ "$(body .ok)" = true ] || fail "test: $(cat "$WORK/body")"
pass "/tt link → one-time link → linked (identity in the core), second use 410, settings saved, auth.test ok"

echo "== e2e-slack: /tt against the real core"
http POST "$API/projects" "$ADMIN" "$(jq -nc --argjson c "$DEMO_CLIENT_ID" --arg n "Website shop $RUN" --arg code "WS$RUN" \
  '{clientId: $c, name: $n, code: ($code | .[0:20])}')"
expect 201 "admin creates a second project matching 'web'"
SHOP_ID=$(body .id)
http POST "$API/projects/$SHOP_ID/members" "$ADMIN" "{\"userId\":$DEMO_ALICE_ID}"
[ "$CODE" = 204 ] || [ "$CODE" = 200 ] || fail "adding alice to the second project: HTTP $CODE"
slash "$SLACK_USER" "start web"
expect 200 "/tt start web"
[[ "$(reply)" == "Several projects match"* ]] && [[ "$(reply)" == *"/tt start $DEMO_PROJECT_ID"* ]] &&
  [[ "$(reply)" == *"/tt start $SHOP_ID"* ]] || fail "/tt start web replied: $(reply)"
http GET "$API/timer" "$ALICE"
[ "$(body .running)" = false ] || fail "an ambiguous /tt start started a timer"
pass "/tt start web with two matching projects → candidates listed, nothing started"

TRIGGER="$RUN.start"
slash "$SLACK_USER" "start $DEMO_PROJECT_ID" "$TRIGGER"
expect 200 "/tt start <id>"
FIRST=$(reply)
[[ "$FIRST" == ":stopwatch: Timer started for *"* ]] || fail "/tt start replied: $FIRST"
slash "$SLACK_USER" "start $DEMO_PROJECT_ID" "$TRIGGER" "" "X-Slack-Retry-Num: 1"
expect 200 "the same command retried"
[ "$(reply)" = "$FIRST" ] || fail "the retry replied $(reply)"
http GET "$API/timer" "$ALICE"
[ "$(body .running)" = true ] && [ "$(body .entry.projectId)" = "$DEMO_PROJECT_ID" ] && [ "$(body .entry.source)" = slack ] ||
  fail "timer after /tt start: $(cat "$WORK/body")"
pass "/tt start $DEMO_PROJECT_ID → timer running in the core (source slack); the retry (X-Slack-Retry-Num) acted once"

slash "$SLACK_USER" "status"
[[ "$(reply)" == ":hourglass_flowing_sand: Active timer on *"* ]] || fail "/tt status replied: $(reply)"
slash "$SLACK_USER" "today"
[[ "$(reply)" == ":bar_chart: Today: *"* ]] || fail "/tt today replied: $(reply)"
slash "$SLACK_USER" "help"
[[ "$(reply)" == *"/tt stop"* ]] || fail "/tt help replied: $(reply)"
pass "/tt status, today, help"

slash "$SLACK_USER" "status" "" "$(($(date +%s) - 301))"
expect 401 "a command signed 301 s ago"
SIGNING_SECRET_REAL=$SIGNING_SECRET
SIGNING_SECRET="wrong"
slash "$SLACK_USER" "status"
expect 401 "a command signed with another secret"
SIGNING_SECRET=$SIGNING_SECRET_REAL
pass "stale timestamp (301 s) and wrong secret → 401"

eventually "one start post in $CHANNEL (the /tt start, via Kafka)" posts_are "$CHANNEL" "started a timer" 1
slash "$SLACK_USER" "stop"
[[ "$(reply)" == ":white_check_mark: Timer stopped (duration "* ]] || fail "/tt stop replied: $(reply)"
eventually "one stop post in $CHANNEL" posts_are "$CHANNEL" "stopped a timer" 1
pass "/tt stop; the start and the stop each posted once to $CHANNEL"

echo "== e2e-slack: a timer started through the core's REST API is posted too"
http POST "$API/timer/start" "$ALICE" "{\"projectId\":$DEMO_PROJECT_ID}"
[ "$CODE" = 201 ] || [ "$CODE" = 200 ] || fail "start through the core's API: HTTP $CODE"
eventually "a second start post in $CHANNEL" posts_are "$CHANNEL" "started a timer" 2
http POST "$API/timer/stop" "$ALICE"
eventually "a second stop post in $CHANNEL" posts_are "$CHANNEL" "stopped a timer" 2
sleep 3
[ "$(posts "$CHANNEL" "started a timer")" = 2 ] || fail "more than one post for the REST start"
pass "REST start/stop → exactly one more start post and one more stop post"

echo "== e2e-slack: no secret in plaintext in the slack database or the connector's log"
PG_DUMP=$(command -v pg_dump || ls /usr/lib/postgresql/*/bin/pg_dump 2>/dev/null | tail -1)
[ -n "$PG_DUMP" ] || fail "pg_dump not found"
PGPASSWORD=slack "$PG_DUMP" -h 127.0.0.1 -p "${TT_PG_PORT:-55432}" -U slack --data-only slack >"$WORK/slack.sql" ||
  fail "pg_dump of database slack failed"
grep -q 'enc:v1:' "$WORK/slack.sql" || fail "no enc:v1: ciphertext in the slack database"
for s in "$BOT_TOKEN" "$SIGNING_SECRET"; do
  grep -qF -- "$s" "$WORK/slack.sql" && fail "a Slack secret is stored in plaintext in the slack database"
  grep -qF -- "$s" "$TT_HOME/logs/connector-slack.log" && fail "a Slack secret is in the connector-slack log"
done
pass "bot token and signing secret only as enc:v1: in the slack database, absent from the log"

echo
echo "E2E SLACK PASSED: $CHECKS checks"
