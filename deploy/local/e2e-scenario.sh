#!/usr/bin/env bash
# The cross-service scenario against the REAL local stack (Keycloak, Kafka, PostgreSQL, all five
# services of services.conf): one person's day, every step asserted.
#
#   1. a new person signs in (a Keycloak account made for this run; timer-service creates the user
#      from the token) and gets a project of their own (projects are created by an admin)
#   2. their GitHub login is linked, and they connect a repository to the project through the
#      gateway (the public edge), which hands out its own webhook URL
#   3. Slack linked: an admin registers a workspace through the gateway; `/tt link` (signed, through
#      the gateway) hands out a one-time link to the gateway's page; the person completes it; their
#      start/stop posts go to a channel
#   4. Google connected through the gateway's OAuth routes (connect → consent with state and PKCE →
#      callback → code exchanged by connector-gcal), export on
#   5. a signed issues.opened delivery → a task in the project; issues.assigned to their login →
#      their timer runs on that task → a Slack post says so
#   6. `/tt stop` (signed, through the gateway) stops it → a Slack post, and the stopped entry is
#      exported as a Google event
#   7. issues.closed → the task is done
#   8. their report for today shows the time, on the project and on the task
#
# GitHub is played by lib/github-fake.sh, Slack's Web API by lib/slack-fake.sh, Google by
# lib/google-fake.sh (WireMock; connector-slack and connector-gcal are restarted against them in one
# ./tt up unless they already talk to them, and back to the real URLs at the end unless
# TT_E2E_SLACK_RESTORE=0 / TT_E2E_GCAL_RESTORE=0, which e2e.sh sets when it stops the stack anyway).
#
# Needs a running stack (./tt up). Called by e2e.sh; runs alone too: deploy/local/e2e-scenario.sh
# Exit code non-zero with a message at the first failed check. Removes the account it made.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export TT_HOME=${TT_HOME:-$ROOT/.tt}
KC="http://127.0.0.1:${TT_KEYCLOAK_PORT:-8180}"
TOKEN_URL="$KC/realms/timetracker/protocol/openid-connect/token"
CORE="http://127.0.0.1:${TT_PORT_TIMER_SERVICE:-8081}"
GITHUB="http://127.0.0.1:${TT_PORT_CONNECTOR_GITHUB:-8082}"
SLACK="http://127.0.0.1:${TT_PORT_CONNECTOR_SLACK:-8084}"
GCAL="http://127.0.0.1:${TT_PORT_CONNECTOR_GCAL:-8083}"
GW="http://127.0.0.1:${TT_PORT_INTEGRATION_GATEWAY:-8080}"
API="$CORE/api/v1"
GH="$GW/api/integrations/github"
SL="$GW/api/integrations/slack"
WAIT_S=${TT_E2E_SCENARIO_WAIT:-40}

WORK=$(mktemp -d)
CHECKS=0
trap 'cleanup' EXIT

fail() {
  echo
  echo "E2E SCENARIO FAILED: $*" >&2
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
holds() { jq -e "$1" "$WORK/body" >/dev/null; }
# browse URL TOKEN: a GET as a browser makes it (HTML, redirects not followed); sets CODE, LOCATION
browse() {
  : >"$WORK/body"
  CODE=$(curl -s -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' --max-time 30 \
    -H "Authorization: Bearer $2" -H 'Accept: text/html' "$1") || CODE=000
  LOCATION=$(tr -d '\r' <"$WORK/headers" | sed -n 's/^[Ll]ocation: //p')
}
param() { sed -n "s/.*[?&]$1=\([^&]*\).*/\1/p" <<<"$2"; }

# eventually DESCRIPTION COMMAND...: retries COMMAND each second for WAIT_S seconds
eventually() {
  local what=$1 i
  shift
  for ((i = 0; i < WAIT_S; i++)); do
    "$@" && return 0
    sleep 1
  done
  fail "$what (not within ${WAIT_S}s)"
}

password_token() { # password_token CLIENT USER PASSWORD [REALM]
  curl -sf --max-time 30 -d grant_type=password -d "client_id=$1" -d "username=$2" \
    --data-urlencode "password=$3" "$KC/realms/${4:-timetracker}/protocol/openid-connect/token" |
    jq -er .access_token
}

cleanup() {
  local rc=$?
  [ -n "${CID:-}" ] && curl -s -o /dev/null --max-time 10 -X DELETE -H "Authorization: Bearer $USER_TOKEN" "$GH/connections/$CID"
  [ -n "${SLACK_LINKED:-}" ] && curl -s -o /dev/null --max-time 10 -X DELETE -H "Authorization: Bearer $USER_TOKEN" "$SL/config"
  [ -n "${TEAM:-}" ] && curl -s -o /dev/null --max-time 10 -X DELETE -H "Authorization: Bearer $ADMIN" "$SL/workspaces/$TEAM"
  [ -n "${GOOGLE_CONNECTED:-}" ] && curl -s -o /dev/null --max-time 10 -X DELETE -H "Authorization: Bearer $USER_TOKEN" \
    "$GW/api/integrations/google/config"
  [ -n "${KC_USER_ID:-}" ] && curl -s -o /dev/null --max-time 10 -X DELETE -H "Authorization: Bearer $KC_ADMIN" \
    "$KC/admin/realms/timetracker/users/$KC_USER_ID"
  if [ -n "${SLACK_FAKE_PID:-}" ]; then
    slack_fake_stop
    if [ "${SLACK_ATTACHED:-}" = 1 ] && [ "${TT_E2E_SLACK_RESTORE:-1}" != 0 ]; then
      slack_restart_connector >/dev/null 2>&1 # connector-slack back on Slack's real Web API
    fi
  fi
  [ -n "${GOOGLE_FAKE_PID:-}" ] && google_fake_stop
  rm -rf "$WORK"
  exit $rc
}

# shellcheck source=lib/github-fake.sh
. "$ROOT/deploy/local/lib/github-fake.sh"
# shellcheck source=lib/slack-fake.sh
. "$ROOT/deploy/local/lib/slack-fake.sh"
# shellcheck source=lib/google-fake.sh
. "$ROOT/deploy/local/lib/google-fake.sh"

# on_fake SERVICE VAR=VALUE: the running service of this stack was started with that environment
on_fake() {
  local pid
  pid=$(head -1 "$TT_HOME/run/$1.pid" 2>/dev/null)
  [ -n "$pid" ] && tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qxF "$2"
}

# connector-slack and connector-gcal onto the fakes with ONE ./tt up (TT_SLACK_API_URL and
# TT_GCAL_FAKE_URL of deploy/local/env/), only those not on them already: each restart is a JVM start
attach_fakes() {
  local restart=() s
  on_fake connector-slack "SLACK_API_URL=$SLACK_FAKE/api" || restart+=(connector-slack)
  on_fake connector-gcal "GCAL_API_URL=$GOOGLE_FAKE/calendar/v3" || restart+=(connector-gcal)
  SLACK_ATTACHED=1
  if [ ${#restart[@]} -gt 0 ]; then
    for s in "${restart[@]}"; do "$ROOT/tt" stop "$s" >/dev/null || fail "./tt stop $s"; done
    TT_SLACK_API_URL="$SLACK_FAKE/api" TT_GCAL_FAKE_URL="$GOOGLE_FAKE" "$ROOT/tt" up >"$WORK/up-fakes.log" 2>&1 || {
      tail -n 40 "$WORK/up-fakes.log" >&2
      fail "./tt up did not restart ${restart[*]} against the fakes"
    }
  fi
  google_fake_attach_gcal # finds it attached (no restart); google_fake_stop puts it back
  on_fake connector-slack "SLACK_API_URL=$SLACK_FAKE/api" || fail "connector-slack is not on $SLACK_FAKE"
  on_fake connector-gcal "GCAL_API_URL=$GOOGLE_FAKE/calendar/v3" || fail "connector-gcal is not on $GOOGLE_FAKE"
  ATTACHED_NOW="${restart[*]:-none}"
}

task_is() { # task_is REF JQ: the project's task with that external reference satisfies JQ ($WORK/task)
  http GET "$API/tasks?projectId=$PROJECT" "$USER_TOKEN"
  [ "$CODE" = 200 ] || return 1
  jq -e --arg ref "$1" '[.[] | select(.externalRef == $ref)] | length == 1' "$WORK/body" >/dev/null || return 1
  jq --arg ref "$1" '.[] | select(.externalRef == $ref)' "$WORK/body" >"$WORK/task"
  jq -e "$2" "$WORK/task" >/dev/null
}
timer_is() { http GET "$API/timer" "$USER_TOKEN" && [ "$CODE" = 200 ] && holds "$1"; }

for url in "$CORE/q/health/ready" "$GITHUB/q/health/ready" "$GW/q/health/ready" "$SLACK/q/health/ready" "$GCAL/q/health/ready"; do
  curl -sf -o /dev/null --max-time 5 "$url" || fail "not ready: $url (./tt status)"
done
RUN=$(date +%s)$RANDOM

echo "== e2e-scenario: Slack's Web API and Google played by WireMock"
slack_fake_start || fail "the fake Slack Web API did not start on $SLACK_FAKE"
google_fake_start
attach_fakes
pass "fake Slack on $SLACK_FAKE, fake Google on $GOOGLE_FAKE; restarted against them: $ATTACHED_NOW"

echo "== e2e-scenario: a new person signs in"
KC_ADMIN=$(password_token admin-cli admin "$(sed -n 's/^KEYCLOAK_ADMIN_PASSWORD=//p' "$TT_HOME/secrets.env")" master) ||
  fail "no Keycloak admin token"
PERSON="dana-$RUN"
PASSWORD="pw-$RUN"
http POST "$KC/admin/realms/timetracker/users" "$KC_ADMIN" "$(jq -nc --arg u "$PERSON" --arg p "$PASSWORD" \
  '{username: $u, enabled: true, email: "\($u)@example.test", emailVerified: true, firstName: "Dana",
    lastName: "Scenario", credentials: [{type: "password", value: $p, temporary: false}]}')"
expect 201 "creating $PERSON in Keycloak"
KC_USER_ID=$(curl -sf --max-time 30 -H "Authorization: Bearer $KC_ADMIN" \
  "$KC/admin/realms/timetracker/users?exact=true&username=$PERSON" | jq -er '.[0].id') || fail "no Keycloak id for $PERSON"
USER_TOKEN=$(password_token tt-cli "$PERSON" "$PASSWORD") || fail "$PERSON cannot sign in"
ADMIN=$(password_token tt-cli admin admin) || fail "admin cannot sign in"
http GET "$API/me" "$USER_TOKEN"
expect 200 "GET /me as $PERSON"
holds ".username == \"$PERSON\"" || fail "GET /me: username $(body .username)"
USER_ID=$(body .id)
pass "$PERSON signs in: timer-service made user $USER_ID from the token"

echo "== e2e-scenario: a project of their own"
http POST "$API/clients" "$ADMIN" "{\"name\": \"Scenario client $RUN\"}"
expect 201 "admin creates a client"
CLIENT=$(body .id)
http POST "$API/projects" "$ADMIN" "$(jq -nc --argjson c "$CLIENT" --arg n "Scenario $RUN" '{clientId: $c, name: $n}')"
expect 201 "admin creates the project"
PROJECT=$(body .id)
http POST "$API/projects/$PROJECT/members" "$ADMIN" "{\"userId\": $USER_ID}"
expect 204 "admin adds $PERSON to the project"
http GET "$API/projects" "$USER_TOKEN"
expect 200 "GET /projects as $PERSON"
holds "[.[] | .id] == [$PROJECT]" || fail "$PERSON sees projects $(body '[.[].id]'), expected only $PROJECT"
pass "project $PROJECT ('Scenario $RUN'), $PERSON its only member"

echo "== e2e-scenario: GitHub connected"
LOGIN="dana-gh-$RUN"
http PATCH "$API/users/$USER_ID" "$ADMIN" "{\"githubUsername\": \"$LOGIN\"}"
expect 200 "admin links $PERSON to GitHub login $LOGIN"
REPO="scenario-org/app-$RUN"
http POST "$GH/connections" "$USER_TOKEN" \
  "$(jq -nc --arg r "$REPO" --argjson p "$PROJECT" '{repository: $r, defaultProjectId: $p, autoStart: true}')"
expect 201 "$PERSON connects $REPO through the gateway"
CID=$(body .connection.id)
SECRET=$(body .webhookSecret)
HOOK=$(body .webhookUrl)
[ "$HOOK" = "$GH/webhook/$CID" ] || fail "webhook URL $HOOK is not the gateway's $GH/webhook/$CID"
pass "GitHub login $LOGIN linked; connection $CID to $REPO through the gateway, webhook $HOOK"

echo "== e2e-scenario: Slack linked through /tt link"
TEAM="T0SC$RUN"
SLACK_USER="U0DANA$RUN"
CHANNEL="C0SC$RUN"
SIGNING_SECRET="scenario-signing-$RUN-$RANDOM$RANDOM"
http POST "$SL/workspaces" "$ADMIN" "$(jq -nc --arg t "$TEAM" --arg b "xoxb""-scenario-$RUN-fakeTokenForWireMockOnly" \
  --arg s "$SIGNING_SECRET" '{teamId: $t, teamName: "Scenario", botToken: $b, signingSecret: $s}')"
expect 201 "admin registers Slack workspace $TEAM through the gateway"
COMMANDS=$(body .commandsUrl)
[ "$COMMANDS" = "$SL/commands/$TEAM" ] || fail "the /tt URL $COMMANDS is not the gateway's $SL/commands/$TEAM"
slack_command "$COMMANDS" "$SIGNING_SECRET" "$TEAM" "$SLACK_USER" "link"
expect 200 "/tt link through the gateway"
LINK=$(jq -r .text "$WORK/body" | grep -o "$GW/integrations/slack/link?token=[A-Za-z0-9_-]*" | head -1)
[ -n "$LINK" ] || fail "/tt link gave no link to the gateway's page: $(jq -r .text "$WORK/body")"
browse "$LINK" "$USER_TOKEN"
expect 200 "the link's page at the gateway, signed in as $PERSON"
LINK_TOKEN=$(param token "$LINK")
grep -q "$LINK_TOKEN" "$WORK/body" || fail "the link page does not carry the link's token"
http POST "$SL/link" "$USER_TOKEN" "{\"token\": \"$LINK_TOKEN\"}"
expect 200 "$PERSON completes the link through the gateway"
SLACK_LINKED=1
holds ".settings.slackUserId == \"$SLACK_USER\"" || fail "linked Slack user $(body .settings.slackUserId)"
http PUT "$SLACK/api/integrations/slack/config" "$USER_TOKEN" \
  "{\"channelId\": \"$CHANNEL\", \"notifyOnStart\": true, \"notifyOnStop\": true}"
expect 200 "$PERSON sends start/stop posts to $CHANNEL"
http GET "$SL/status" "$USER_TOKEN"
expect 200 "Slack status through the gateway"
holds '.connected == true' || fail "Slack status: $(jq -c . "$WORK/body")"
pass "workspace $TEAM; /tt link → $LINK → linked to Slack user $SLACK_USER; posts to $CHANNEL"

echo "== e2e-scenario: Google connected through the gateway's OAuth routes"
ACCESS="ya29"".scenario-$RUN"
google_fake_token_stub "scenario-code-$RUN" "$ACCESS" "1/""/scenario-refresh-$RUN" "sc-$RUN" "$PERSON@gmail.test"
google_fake_calendar_stubs "$ACCESS"
http PUT "$GCAL/api/integrations/google/config" "$USER_TOKEN" "{\"direction\": \"export\", \"defaultProjectId\": $PROJECT}"
expect 200 "$PERSON turns on the export to Google"
browse "$GW/integrations/google/connect" "$USER_TOKEN"
expect 302 "GET /integrations/google/connect through the gateway"
[[ "$LOCATION" == "$GOOGLE_FAKE/o/oauth2/v2/auth?"* ]] || fail "connect did not redirect to Google's consent: $LOCATION"
STATE=$(param state "$LOCATION")
[ -n "$STATE" ] && [ -n "$(param code_challenge "$LOCATION")" ] || fail "no state or PKCE challenge in $LOCATION"
browse "$GW/integrations/google/callback?state=$STATE&code=scenario-code-$RUN" "$USER_TOKEN"
[[ "$CODE" = 302 && "$LOCATION" == *"google=connected"* ]] || fail "callback through the gateway: HTTP $CODE $LOCATION"
GOOGLE_CONNECTED=1
http GET "$GW/api/integrations/google/status" "$USER_TOKEN"
expect 200 "Google status through the gateway"
holds '.connected == true' || fail "Google status: $(jq -c . "$WORK/body")"
pass "connect → Google's consent (state, PKCE) → callback → connected, export on"

echo "== e2e-scenario: issue opened, then assigned → task and running timer"
REF="github:$REPO#7"
TITLE="Scenario issue $RUN"
payload "$WORK/opened.json" opened "$REPO" 7 "$TITLE"
deliver "$HOOK" issues "$(cat /proc/sys/kernel/random/uuid)" "$WORK/opened.json" "$(sign "$SECRET" "$WORK/opened.json")"
expect 202 "signed issues.opened"
eventually "task $REF in project $PROJECT" task_is "$REF" '.status == "todo"'
TASK=$(jq -r .id "$WORK/task")
pass "issues.opened → task $TASK ($REF), todo"
payload "$WORK/assigned.json" assigned "$REPO" 7 "$TITLE" "$LOGIN"
deliver "$HOOK" issues "$(cat /proc/sys/kernel/random/uuid)" "$WORK/assigned.json" "$(sign "$SECRET" "$WORK/assigned.json")"
expect 202 "signed issues.assigned"
eventually "$PERSON's timer runs on task $TASK" timer_is \
  ".running and .entry.taskId == $TASK and .entry.projectId == $PROJECT and .entry.source == \"github\""
ENTRY=$(body .entry.id)
pass "issues.assigned to $LOGIN → timer running, entry $ENTRY on task $TASK"

posted() { [ "$(slack_posts "$CHANNEL" "$1")" = "$2" ]; }
eventually "a Slack post in $CHANNEL about the running timer" posted "started a timer" 1
pass "the running timer → one post in $CHANNEL at the fake Slack API (\"started a timer\")"

echo "== e2e-scenario: /tt stop in Slack stops the timer; the entry goes to Google"
sleep 2 # so the entry lasts whole seconds
slack_command "$COMMANDS" "$SIGNING_SECRET" "$TEAM" "$SLACK_USER" "stop"
expect 200 "/tt stop through the gateway"
STOP_REPLY=$(jq -r .text "$WORK/body")
[[ "$STOP_REPLY" == *"Timer stopped"* ]] || fail "/tt stop replied: $STOP_REPLY"
[ "$(jq -r .response_type "$WORK/body")" = ephemeral ] || fail "/tt stop reply is not ephemeral"
timer_is '.running == false' || fail "the timer still runs after /tt stop"
http GET "$API/time-entries/$ENTRY" "$USER_TOKEN"
expect 200 "the stopped entry"
holds '.running == false and .end != null and .durationSeconds >= 2' || fail "entry after /tt stop: $(jq -c . "$WORK/body")"
SECONDS_TRACKED=$(body .durationSeconds)
pass "/tt stop → ephemeral \"$STOP_REPLY\"; entry $ENTRY stopped after $SECONDS_TRACKED s"
eventually "a Slack post in $CHANNEL about the stop" posted "stopped a timer" 1
pass "the stop → one post in $CHANNEL (\"stopped a timer\")"
exported() { [ "$(google_fake_inserted "$ENTRY" | jq length)" = 1 ]; }
eventually "entry $ENTRY exported as a Google event" exported
EVENT=$(google_fake_inserted "$ENTRY" | jq -c '.[0]')
jq -e --arg id "$(printf 'tt%010d' "$ENTRY")" '.id == $id and (.summary | startswith("[TT] "))' <<<"$EVENT" >/dev/null ||
  fail "the Google event is not [TT] … with id tt<entry>: $EVENT"
pass "the stopped entry → Google event $(jq -r .id <<<"$EVENT") '$(jq -r .summary <<<"$EVENT")' at the fake Google API"

echo "== e2e-scenario: issue closed → task done"
payload "$WORK/closed.json" closed "$REPO" 7 "$TITLE"
deliver "$HOOK" issues "$(cat /proc/sys/kernel/random/uuid)" "$WORK/closed.json" "$(sign "$SECRET" "$WORK/closed.json")"
expect 202 "signed issues.closed"
eventually "task $TASK done" task_is "$REF" '.status == "done" and .completedAt != null'
pass "issues.closed → task $TASK done"

echo "== e2e-scenario: the report shows the time"
TODAY=$(TZ=$(jq -r '.timeZone // "UTC"' <<<"$(curl -sf -H "Authorization: Bearer $USER_TOKEN" "$API/me")") date +%F)
http GET "$API/reports/summary?from=$TODAY&to=$TODAY&groupBy=project" "$USER_TOKEN"
expect 200 "summary by project"
holds ".totalSeconds == $SECONDS_TRACKED and (.rows | length == 1) and .rows[0].key == \"$PROJECT\"
  and .rows[0].seconds == $SECONDS_TRACKED and .rows[0].entries == 1" ||
  fail "summary by project: $(jq -c . "$WORK/body")"
http GET "$API/reports/summary?from=$TODAY&to=$TODAY&groupBy=task" "$USER_TOKEN"
expect 200 "summary by task"
holds ".rows | length == 1 and .[0].key == \"$TASK\" and .[0].seconds == $SECONDS_TRACKED" ||
  fail "summary by task: $(jq -c . "$WORK/body")"
pass "report for $TODAY: $SECONDS_TRACKED s on project $PROJECT and on task $TASK"

echo
echo "E2E SCENARIO PASSED: $CHECKS checks"
