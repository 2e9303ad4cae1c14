#!/usr/bin/env bash
# The cross-service scenario against the REAL local stack (Keycloak, Kafka, PostgreSQL, the
# services of services.conf): one person's day, every step asserted.
#
#   1. a new person signs in (a Keycloak account made for this run; timer-service creates the user
#      from the token) and gets a project of their own (projects are created by an admin)
#   2. their GitHub login is linked, and they connect a repository to the project through the
#      gateway (the public edge), which hands out its own webhook URL
#   3. a signed issues.opened delivery → a task in the project; issues.assigned to their login →
#      their timer runs on that task
#   4. they stop the timer
#   5. issues.closed → the task is done
#   6. their report for today shows the time, on the project and on the task
#
# GitHub is played by lib/github-fake.sh; its deliveries go to the gateway's webhook URL. Not part
# of the scenario yet: Slack (link, the post about the running timer, `/tt stop` — here the timer is
# stopped through timer-service's API) and the Google Calendar export of the stopped entry.
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
GW="http://127.0.0.1:${TT_PORT_INTEGRATION_GATEWAY:-8080}"
API="$CORE/api/v1"
GH="$GW/api/integrations/github"
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
  [ -n "${KC_USER_ID:-}" ] && curl -s -o /dev/null --max-time 10 -X DELETE -H "Authorization: Bearer $KC_ADMIN" \
    "$KC/admin/realms/timetracker/users/$KC_USER_ID"
  rm -rf "$WORK"
  exit $rc
}

# shellcheck source=lib/github-fake.sh
. "$ROOT/deploy/local/lib/github-fake.sh"

task_is() { # task_is REF JQ: the project's task with that external reference satisfies JQ ($WORK/task)
  http GET "$API/tasks?projectId=$PROJECT" "$USER_TOKEN"
  [ "$CODE" = 200 ] || return 1
  jq -e --arg ref "$1" '[.[] | select(.externalRef == $ref)] | length == 1' "$WORK/body" >/dev/null || return 1
  jq --arg ref "$1" '.[] | select(.externalRef == $ref)' "$WORK/body" >"$WORK/task"
  jq -e "$2" "$WORK/task" >/dev/null
}
timer_is() { http GET "$API/timer" "$USER_TOKEN" && [ "$CODE" = 200 ] && holds "$1"; }

for url in "$CORE/q/health/ready" "$GITHUB/q/health/ready" "$GW/q/health/ready"; do
  curl -sf -o /dev/null --max-time 5 "$url" || fail "not ready: $url (./tt status)"
done
RUN=$(date +%s)$RANDOM

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

echo "== e2e-scenario: the timer is stopped"
sleep 2 # so the entry lasts whole seconds
http POST "$API/timer/stop" "$USER_TOKEN"
expect 200 "POST /timer/stop as $PERSON"
holds ".id == $ENTRY and .durationSeconds >= 2" || fail "stopped entry $(body .id), $(body .durationSeconds) s"
SECONDS_TRACKED=$(body .durationSeconds)
timer_is '.running == false' || fail "the timer still runs after stop"
pass "entry $ENTRY stopped after $SECONDS_TRACKED s"

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
