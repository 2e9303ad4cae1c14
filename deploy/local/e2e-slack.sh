#!/usr/bin/env bash
# End-to-end acceptance of connector-slack against the REAL local stack: Keycloak tokens, the real
# timer-service and Kafka, Slack's requests through integration-gateway as Slack would send them.
# Only Slack's Web API is faked: lib/slack-fake.sh starts a WireMock server that answers
# chat.postMessage and auth.test and counts the posts, and restarts connector-slack against it.
# Slack's side of the slash command is played by lib/slack-fake.sh too: form bodies as Slack sends
# them, signed v0 with the workspace's signing secret (openssl dgst -sha256 -hmac).
#
# Needs a running stack with timer-service, integration-gateway and connector-slack (./tt up) and
# its demo data ($TT_HOME/demo.env). Called by e2e.sh; runs alone too: deploy/local/e2e-slack.sh
# Exit code non-zero with a message at the first failed check. Unlinks alice, removes its
# workspace, archives the project it created and (unless TT_E2E_SLACK_RESTORE=0) restarts the
# connector on the real Slack URL.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export TT_HOME=${TT_HOME:-$ROOT/.tt}
KEYCLOAK_PORT=${TT_KEYCLOAK_PORT:-8180}
TIMER_PORT=${TT_PORT_TIMER_SERVICE:-8081}
SLACK_PORT=${TT_PORT_CONNECTOR_SLACK:-8084}
GATEWAY_PORT=${TT_PORT_INTEGRATION_GATEWAY:-8080}
TOKEN_URL="http://127.0.0.1:$KEYCLOAK_PORT/realms/timetracker/protocol/openid-connect/token"
API="http://127.0.0.1:$TIMER_PORT/api/v1"
SL="http://127.0.0.1:$SLACK_PORT/api/integrations/slack"
# what Slack calls: the gateway's public URLs
GW="http://127.0.0.1:$GATEWAY_PORT/api/integrations/slack"
WAIT_S=${TT_E2E_SLACK_WAIT:-60}

WORK=$(mktemp -d)
CHECKS=0
trap 'cleanup' EXIT
trap 'exit 1' TERM INT
# shellcheck source=lib/slack-fake.sh
. "$ROOT/deploy/local/lib/slack-fake.sh"

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

eventually() { # eventually DESCRIPTION COMMAND...: retries COMMAND every half second for WAIT_S seconds
  local what=$1 deadline=$((SECONDS + WAIT_S))
  shift
  until "$@"; do
    [ "$SECONDS" -lt "$deadline" ] || fail "$what (not within ${WAIT_S}s)"
    sleep 0.5
  done
}

# slash USER TEXT [TRIGGER] [TIMESTAMP] [EXTRA_HEADER]: /tt TEXT through the gateway, signed; sets CODE
slash() { slack_command "$GW/commands/$TEAM" "$SIGNING_SECRET" "$TEAM" "$@"; }
reply() { jq -r .text <"$WORK/body"; }
posts_are() { [ "$(slack_posts "$1" "${2:-}")" = "$3" ]; }

restart_slack() { # restart_slack [SLACK_API_URL]
  slack_restart_connector "${1:-}" || fail "./tt up did not restart connector-slack"
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
  slack_fake_stop
  if [ "${SLACK_FAKED:-}" = 1 ] && [ "${TT_E2E_SLACK_RESTORE:-1}" = 1 ]; then
    slack_restart_connector >/dev/null 2>&1 # the stack's connector back on the real Slack URL
  fi
  rm -rf "$WORK"
  exit $rc
}

# the connector's consumer group (Kafka's own tool); caught_up: no lag left on tt.time-entries.v1
KAFKA_LIB=$(ls -d "${TT_CACHE:-$HOME/.cache/timetracker}"/kafka-*/lib 2>/dev/null | tail -1)
kafka_groups() {
  java -Xmx128m -cp "$KAFKA_LIB/*" org.apache.kafka.tools.consumer.group.ConsumerGroupCommand \
    --bootstrap-server "127.0.0.1:${TT_KAFKA_PORT:-9092}" --group connector-slack "$@" 2>/dev/null
}
caught_up() {
  kafka_groups --describe | awk '$2 == "tt.time-entries.v1" { if ($6 != "0") bad = 1; n++ } END { exit !(n > 0 && !bad) }'
}

[ -f "$TT_HOME/demo.env" ] || fail "no $TT_HOME/demo.env: run ./tt up first"
# shellcheck disable=SC1091
. "$TT_HOME/demo.env"
curl -sf -o /dev/null --max-time 5 "http://127.0.0.1:$SLACK_PORT/q/health/ready" ||
  fail "connector-slack is not ready on port $SLACK_PORT (./tt status, ./tt logs connector-slack)"
curl -sf -o /dev/null --max-time 5 "http://127.0.0.1:$GATEWAY_PORT/q/health/ready" ||
  fail "integration-gateway is not ready on port $GATEWAY_PORT (Slack's requests go through it)"

echo "== e2e-slack: a WireMock Slack Web API, the connector pointed at it"
slack_fake_start || fail "the fake Slack Web API did not start on $SLACK_FAKE ($(tail -5 "$WORK/slack-fake.log" 2>/dev/null))"
restart_slack "$SLACK_FAKE/api"
pass "connector-slack restarted against the WireMock Slack on $SLACK_FAKE"

echo "== e2e-slack: workspace registered, alice links her Slack account"
ALICE=$(user_token alice) || exit 1
ADMIN=$(user_token admin) || exit 1
RUN=$(date +%s)
TEAM="T0E2E$RUN"
SLACK_USER="U0ALICE$RUN"
CHANNEL="C0E2E$RUN"
BOT_TOKEN="xoxb""-e2e-$RUN-fakeTokenForWireMockOnly"
SIGNING_SECRET="e2e-signing-secret-$RUN-$RANDOM$RANDOM"
http POST "$SL/workspaces" "$ADMIN" "$(jq -nc --arg t "$TEAM" --arg b "$BOT_TOKEN" --arg s "$SIGNING_SECRET" \
  '{teamId: $t, teamName: "E2E", botToken: $b, signingSecret: $s}')"
expect 201 "admin registers workspace $TEAM"
[[ "$(body .commandsUrl)" == */api/integrations/slack/commands/$TEAM ]] || fail "commands URL $(body .commandsUrl)"
http POST "$SL/workspaces" "$ALICE" '{"teamId":"T0NOPE","botToken":"xoxb""-x"}'
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

echo "== e2e-slack: /tt against the real core, through the gateway"
SHOP="Website shop $RUN"
http POST "$API/projects" "$ADMIN" "$(jq -nc --argjson c "$DEMO_CLIENT_ID" --arg n "$SHOP" --arg code "WS$RUN" \
  '{clientId: $c, name: $n, code: ($code | .[0:20])}')"
expect 201 "admin creates a second project matching 'web'"
SHOP_ID=$(body .id)
http POST "$API/projects/$SHOP_ID/members" "$ADMIN" "{\"userId\":$DEMO_ALICE_ID}"
[ "$CODE" = 204 ] || [ "$CODE" = 200 ] || [ "$CODE" = 201 ] || fail "adding alice to the second project: HTTP $CODE"
slash "$SLACK_USER" "start web"
expect 200 "/tt start web"
[[ "$(reply)" == "Several projects match"* ]] && [[ "$(reply)" == *"/tt start $DEMO_PROJECT_ID"* ]] &&
  [[ "$(reply)" == *"/tt start $SHOP_ID"* ]] || fail "/tt start web replied: $(reply)"
http GET "$API/timer" "$ALICE"
[ "$(body .running)" = false ] || fail "an ambiguous /tt start started a timer"
pass "/tt start web with two matching projects → both candidates listed, nothing started"

TRIGGER="$RUN.start"
slash "$SLACK_USER" "start shop $RUN" "$TRIGGER"
expect 200 "/tt start shop $RUN"
FIRST=$(reply)
[ "$FIRST" = ":stopwatch: Timer started for *$SHOP*." ] || fail "/tt start shop $RUN replied: $FIRST"
slash "$SLACK_USER" "start shop $RUN" "$TRIGGER" "" "X-Slack-Retry-Num: 1"
expect 200 "the same command retried"
[ "$(reply)" = "$FIRST" ] || fail "the retry replied $(reply)"
http GET "$API/timer" "$ALICE"
[ "$(body .running)" = true ] && [ "$(body .entry.projectId)" = "$SHOP_ID" ] && [ "$(body .entry.source)" = slack ] ||
  fail "timer after /tt start: $(cat "$WORK/body")"
pass "/tt start shop $RUN (one match) → timer on '$SHOP' (source slack), reply names it; the retry (X-Slack-Retry-Num: 1) got the same reply"

slash "$SLACK_USER" "status"
[[ "$(reply)" == ":hourglass_flowing_sand: Active timer on *$SHOP* (running "* ]] || fail "/tt status replied: $(reply)"
slash "$SLACK_USER" "today"
[[ "$(reply)" == ":bar_chart: Today: *"* ]] || fail "/tt today replied: $(reply)"
slash "$SLACK_USER" "help"
[[ "$(reply)" == *"/tt start <project>"* ]] && [[ "$(reply)" == *"/tt stop"* ]] || fail "/tt help replied: $(reply)"
slash "$SLACK_USER" "frobnicate"
[[ "$(reply)" == *"/tt status"* ]] || fail "/tt frobnicate replied: $(reply)"
pass "/tt status (project, elapsed), today, help and an unknown word (help)"

slash "$SLACK_USER" "status" "" "$(($(date +%s) - 301))"
expect 401 "a command signed 301 s ago"
# Slack's timestamps are whole seconds: "301 s ahead" holds while the connector checks it in the
# second the request was signed in. A request sent just after a second boundary and answered
# within that second must be 401; one that crossed into the next second (a loaded machine) is
# sent again.
future_refused() {
  local attempt ts signed_in
  for attempt in 1 2 3 4 5; do
    while [ "$(date +%N | cut -c1)" -gt 1 ]; do sleep 0.02; done
    signed_in=$(date +%s)
    ts=$((signed_in + 301))
    slash "$SLACK_USER" "status" "" "$ts"
    [ "$CODE" = 401 ] && return 0
    [ "$(date +%s)" -gt "$signed_in" ] || fail "a command signed 301 s in the future: expected HTTP 401, got $CODE"
  done
  fail "a command signed 301 s in the future: never answered within its second (HTTP $CODE)"
}
future_refused
SIGNING_SECRET_REAL=$SIGNING_SECRET
SIGNING_SECRET="wrong-$RANDOM"
slash "$SLACK_USER" "stop"
expect 401 "a command signed with another secret"
SIGNING_SECRET=$SIGNING_SECRET_REAL
http GET "$API/timer" "$ALICE"
[ "$(body .running)" = true ] || fail "a /tt stop with a bad signature stopped the timer"
pass "timestamp 301 s old or 301 s ahead → 401; wrong signature → 401, no effect"

eventually "one start post in $CHANNEL (the /tt start, via Kafka)" posts_are "$CHANNEL" "started a timer" 1
slash "$SLACK_USER" "stop"
[[ "$(reply)" == ":white_check_mark: Timer stopped (duration "* ]] || fail "/tt stop replied: $(reply)"
eventually "one stop post in $CHANNEL" posts_are "$CHANNEL" "stopped a timer" 1
pass "/tt stop; the start (retried once by Slack) and the stop each posted once to $CHANNEL"

echo "== e2e-slack: a timer started through the core's REST API is posted exactly once"
REST_FROM=$(date -u +%Y-%m-%dT%H:%M:%S.000)
http POST "$API/timer/start" "$ALICE" "{\"projectId\":$DEMO_PROJECT_ID}"
[ "$CODE" = 201 ] || [ "$CODE" = 200 ] || fail "start through the core's API: HTTP $CODE"
eventually "a second start post in $CHANNEL" posts_are "$CHANNEL" "started a timer" 2
http POST "$API/timer/stop" "$ALICE"
eventually "a second stop post in $CHANNEL" posts_are "$CHANNEL" "stopped a timer" 2
pass "REST start/stop → exactly one more start post and one more stop post"

echo "== e2e-slack: the connector restarted and the events redelivered → still one post each"
[ -n "$KAFKA_LIB" ] || fail "no Kafka jars under ${TT_CACHE:-$HOME/.cache/timetracker}"
(TT_ROOT=$ROOT && . "$ROOT/deploy/local/lib/common.sh" && stop_group connector-slack 30) || fail "stopping connector-slack"
kafka_groups --topic tt.time-entries.v1 --reset-offsets --to-datetime "$REST_FROM" --execute >"$WORK/reset.txt" ||
  fail "resetting connector-slack's offsets: $(cat "$WORK/reset.txt")"
FORCE=1 restart_slack "$SLACK_FAKE/api"
eventually "connector-slack caught up on tt.time-entries.v1 after the reset" caught_up
[ "$(slack_posts "$CHANNEL" "started a timer")" = 2 ] && [ "$(slack_posts "$CHANNEL" "stopped a timer")" = 2 ] ||
  fail "after redelivery: $(slack_posts "$CHANNEL" "started a timer") start and $(slack_posts "$CHANNEL" "stopped a timer") stop posts, expected 2 and 2"
pass "offsets reset to before the REST start, connector restarted, events consumed again → still 2 start and 2 stop posts"

echo "== e2e-slack: Slack answers 429 with Retry-After: 2 → posted after the wait, once"
LIMITED="C0LIMIT$RUN"
http PUT "$SL/config" "$ALICE" "{\"channelId\":\"$LIMITED\",\"notifyOnStart\":true,\"notifyOnStop\":false}"
expect 200 "alice moves her posts to $LIMITED"
slack_fake_rate_limit_once "$LIMITED" 2 || fail "could not add the 429 scenario to the fake"
http POST "$API/timer/start" "$ALICE" "{\"projectId\":$DEMO_PROJECT_ID}"
[ "$CODE" = 201 ] || [ "$CODE" = 200 ] || fail "start through the core's API: HTTP $CODE"
eventually "the 429 and the post after it at $LIMITED" posts_are "$LIMITED" "" 2
mapfile -t AT < <(slack_post_times "$LIMITED")
[ "${#AT[@]}" = 2 ] || fail "posts at $LIMITED: ${AT[*]}"
T1=${AT[0]}
T2=${AT[1]}
[ $((T2 - T1)) -ge 1900 ] || fail "the second attempt came $((T2 - T1)) ms after the 429, expected ≥ 2 s (Retry-After)"
http POST "$API/timer/stop" "$ALICE"
sleep 3
[ "$(slack_posts "$LIMITED")" = 2 ] || fail "$(slack_posts "$LIMITED") requests at $LIMITED, expected the 429 and one post"
pass "429 Retry-After: 2 → one more attempt $((T2 - T1)) ms later, accepted, no third"

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
