#!/usr/bin/env bash
# End-to-end test of the local stack: `./tt up`, then the acceptance flow over HTTP with real
# Keycloak tokens, then `./tt up` again (idempotent) and `./tt down` (nothing of ours left running,
# ports free). Exits non-zero with a message at the first failed check. The stack is always stopped
# at the end unless TT_E2E_KEEP=1.
#
# In CI (CI set) the stack lives in its own TT_HOME under the clone (.tt/e2e) unless TT_HOME is set.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT" || exit 1
if [ -n "${CI:-}" ] && [ -z "${TT_HOME:-}" ]; then export TT_HOME="$ROOT/.tt/e2e"; fi
export TT_HOME=${TT_HOME:-$ROOT/.tt}
TT=("$ROOT/tt")

PG_PORT=${TT_PG_PORT:-55432}
KAFKA_PORT=${TT_KAFKA_PORT:-9092}
KAFKA_CONTROLLER_PORT=${TT_KAFKA_CONTROLLER_PORT:-9093}
KEYCLOAK_PORT=${TT_KEYCLOAK_PORT:-8180}
TIMER_PORT=${TT_PORT_TIMER_SERVICE:-8081}
GITHUB_PORT=${TT_PORT_CONNECTOR_GITHUB:-8082}
GATEWAY_PORT=${TT_PORT_INTEGRATION_GATEWAY:-8080}
TOKEN_URL="http://127.0.0.1:$KEYCLOAK_PORT/realms/timetracker/protocol/openid-connect/token"
API="http://127.0.0.1:$TIMER_PORT/api/v1"
PORTS=("$PG_PORT" "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT" "$KEYCLOAK_PORT" "$TIMER_PORT" "$GITHUB_PORT" "$GATEWAY_PORT")

WORK=$(mktemp -d)
CHECKS=0
STOPPED=0

cleanup() {
  local rc=$?
  if [ "$STOPPED" = 0 ]; then
    if [ "${TT_E2E_KEEP:-0}" = 1 ]; then
      echo "e2e: TT_E2E_KEEP=1, the stack keeps running (./tt down stops it)"
    else
      echo "e2e: stopping the stack"
      "${TT[@]}" down >/dev/null 2>&1 || true
    fi
  fi
  rm -rf "$WORK"
  exit $rc
}
trap cleanup EXIT

fail() {
  echo
  echo "E2E FAILED: $*" >&2
  [ -s "$WORK/body" ] && {
    echo "--- last response body:" >&2
    head -c 2000 "$WORK/body" >&2
    echo >&2
  }
  exit 1
}
pass() {
  CHECKS=$((CHECKS + 1))
  echo "  ✓ $*"
}

# http METHOD URL TOKEN [JSON]: sets CODE, CTYPE; body in $WORK/body.
http() {
  local method=$1 url=$2 tok=$3 data=()
  [ -n "${4:-}" ] && data=(-H 'Content-Type: application/json' --data "$4")
  local auth=()
  [ -n "$tok" ] && auth=(-H "Authorization: Bearer $tok")
  : >"$WORK/body"
  CODE=$(curl -s -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' --max-time 30 -X "$method" \
    "${auth[@]}" -H 'Accept: application/json' "${data[@]}" "$url") || CODE=000
  CTYPE=$(sed -n 's/^[Cc]ontent-[Tt]ype: *//p' "$WORK/headers" | tr -d '\r' | tail -1)
}
expect() { # expect CODE WHAT
  [ "$CODE" = "$1" ] || fail "$2: expected HTTP $1, got $CODE"
}
body() { jq -r "$1" <"$WORK/body"; }

user_token() {
  curl -sf --max-time 30 -d grant_type=password -d client_id=tt-cli -d "username=$1" -d "password=$1" \
    "$TOKEN_URL" | jq -er .access_token || fail "no token for $1 from Keycloak (password grant on tt-cli)"
}

echo "== e2e: ./tt up (TT_HOME=$TT_HOME)"
"${TT[@]}" up || fail "./tt up exited non-zero"
pass "./tt up"

[ -f "$TT_HOME/demo.env" ] || fail "no $TT_HOME/demo.env: demo data was not seeded"
# shellcheck disable=SC1091
. "$TT_HOME/demo.env"
GITHUB_SECRET=$(sed -n 's/^CONNECTOR_GITHUB_SECRET=//p' "$TT_HOME/secrets.env")

echo "== e2e: tokens from Keycloak"
ALICE=$(user_token alice) || exit 1
BOB=$(user_token bob) || exit 1
ADMIN=$(user_token admin) || exit 1
GITHUB=$(curl -sf --max-time 30 -d grant_type=client_credentials -d client_id=connector-github \
  --data-urlencode "client_secret=$GITHUB_SECRET" "$TOKEN_URL" | jq -er .access_token) ||
  fail "no client-credentials token for connector-github"
claims() { cut -d. -f2 <<<"$1" | tr '_-' '/+' | awk '{while (length($0) % 4) $0 = $0 "="; print}' | base64 -d 2>/dev/null; }
claims "$ALICE" | jq -e '.realm_access.roles | index("user")' >/dev/null || fail "alice's token lacks realm_access.roles user"
claims "$ALICE" | jq -e '.preferred_username == "alice" and .email != null and .name != null' >/dev/null ||
  fail "alice's token lacks preferred_username/email/name"
claims "$ADMIN" | jq -e '.realm_access.roles | index("admin")' >/dev/null || fail "admin's token lacks role admin"
claims "$GITHUB" | jq -e '.realm_access.roles | index("service")' >/dev/null || fail "connector-github's token lacks role service"
pass "tokens for alice, bob, admin (password grant) and connector-github (client credentials), roles in realm_access.roles"
claims "$ALICE" | jq -e '.aud | if type == "array" then . else [.] end | index("timer-service")' >/dev/null ||
  fail "alice's token is not issued for timer-service (aud: $(claims "$ALICE" | jq -c .aud))"
claims "$GITHUB" | jq -e '(.aud | if type == "array" then . else [.] end | index("timer-service")) and
  (.resource_access["timer-service"].roles | index("timers") and index("tasks") and (index("summary") | not))' >/dev/null ||
  fail "connector-github's token: aud $(claims "$GITHUB" | jq -c .aud), timer-service roles $(claims "$GITHUB" | jq -c '.resource_access["timer-service"].roles')"
pass "aud timer-service in people's and connector tokens; connector-github holds timers/tasks, not summary"

echo "== e2e: timer flow as alice on project $DEMO_PROJECT_ID"
http GET "$API/timer" ""
expect 401 "GET /timer without a token"
pass "no token → 401"

http GET "$API/me" "$ALICE"
expect 200 "GET /me as alice"
[ "$(body .id)" = "$DEMO_ALICE_ID" ] || fail "GET /me as alice: id $(body .id), seeded as $DEMO_ALICE_ID"
pass "GET /me → alice ($DEMO_ALICE_ID)"

# rounding: 5-minute intervals, always up, so the stopped entry shows a rounded duration
http PATCH "$API/me" "$ALICE" '{"roundingMinutes": 5, "roundingMethod": "up"}'
expect 200 "PATCH /me (rounding 5 min up)"
pass "PATCH /me → rounding 5 min, up"

# a timer left running by an earlier run would make the start below a 409
http POST "$API/timer/stop" "$ALICE"
[ "$CODE" = 200 ] || [ "$CODE" = 404 ] || fail "POST /timer/stop (cleanup): HTTP $CODE"

http POST "$API/timer/start" "$ALICE" "{\"projectId\": $DEMO_PROJECT_ID}"
expect 201 "POST /timer/start"
ENTRY_ID=$(body .id)
[ "$(body .running)" = true ] || fail "started entry is not running"
pass "POST /timer/start → 201, entry $ENTRY_ID running"

http POST "$API/timer/start" "$ALICE" "{\"projectId\": $DEMO_PROJECT_ID}"
expect 409 "second POST /timer/start"
[[ "$CTYPE" == application/problem+json* ]] || fail "second start: content type '$CTYPE', expected application/problem+json"
[ "$(body .code)" = timer_already_running ] || fail "second start: code '$(body .code)', expected timer_already_running"
pass "second start → 409 application/problem+json, code timer_already_running"

http GET "$API/timer" "$ALICE"
expect 200 "GET /timer"
[ "$(body .running)" = true ] || fail "GET /timer: not running"
[ "$(body .entry.id)" = "$ENTRY_ID" ] || fail "GET /timer: entry $(body .entry.id), expected $ENTRY_ID"
pass "GET /timer → running, entry $ENTRY_ID"

sleep 1
http POST "$API/timer/stop" "$ALICE"
expect 200 "POST /timer/stop"
[ "$(body .id)" = "$ENTRY_ID" ] || fail "stop: entry $(body .id), expected $ENTRY_ID"
[ "$(body '.durationSeconds | type')" = number ] || fail "stopped entry has no durationSeconds"
[ "$(body '.durationSeconds % 300')" = 0 ] && [ "$(body .durationSeconds)" -ge 300 ] \
  || fail "stopped entry: durationSeconds $(body .durationSeconds), expected rounded up to 5 min"
pass "POST /timer/stop → 200, durationSeconds $(body .durationSeconds) (rounded up to 5 min)"

http GET "$API/timer" "$ALICE"
expect 200 "GET /timer after stop"
[ "$(body .running)" = false ] || fail "GET /timer after stop: still running"
pass "GET /timer → not running"

echo "== e2e: service API"
http GET "$API/service/users/$DEMO_ALICE_ID/timer" "$ALICE"
expect 403 "a user's token on the service API"
http GET "$API/service/users/$DEMO_ALICE_ID/timer" "$BOB"
expect 403 "another user's token on the service API"
pass "user tokens on /service/users/{id}/timer → 403"
http GET "$API/service/users/$DEMO_ALICE_ID/timer" "$GITHUB"
expect 200 "connector-github's token on the service API"
pass "connector-github (client credentials) on /service/users/{id}/timer → 200"
http GET "$API/service/users/$DEMO_ALICE_ID/summary/today" "$GITHUB"
expect 403 "connector-github on an operation outside its capabilities (summary)"
[ "$(body .code)" = capability_missing ] || fail "summary as connector-github: code '$(body .code)', expected capability_missing"
pass "connector-github on /service/users/{id}/summary/today → 403 capability_missing: $(body .detail)"
http POST "$API/service/users/$DEMO_ALICE_ID/timer/start" "$GITHUB" "{\"projectId\": $DEMO_PROJECT_ID, \"source\": \"slack\"}"
expect 403 "connector-github starting a timer with source slack"
[ "$(body .code)" = source_not_allowed ] || fail "start as connector-github with source slack: code '$(body .code)'"
pass "connector-github starting a timer with source slack → 403 source_not_allowed"
GATEWAY_SECRET=$(sed -n 's/^INTEGRATION_GATEWAY_SECRET=//p' "$TT_HOME/secrets.env")
GATEWAY=$(curl -sf --max-time 30 -d grant_type=client_credentials -d client_id=integration-gateway \
  --data-urlencode "client_secret=$GATEWAY_SECRET" "$TOKEN_URL" | jq -er .access_token) ||
  fail "no client-credentials token for integration-gateway"
claims "$GATEWAY" | jq -e '(.realm_access.roles // []) | index("service") | not' >/dev/null ||
  fail "integration-gateway's token still holds role service"
# The gateway's client carries the timer-service audience (people signed in through its page reach
# the core through the connectors with their own tokens), so its own token is authenticated and then
# refused for lacking the role service.
http GET "$API/service/users/$DEMO_ALICE_ID/timer" "$GATEWAY"
expect 403 "integration-gateway's own token (no role service) on the service API"
[ "$(body .code)" = forbidden ] || fail "service API as integration-gateway: code '$(body .code)', expected forbidden"
pass "integration-gateway: no role service, aud $(claims "$GATEWAY" | jq -c .aud) → 403 forbidden at timer-service"

echo "== e2e: a user newly added in Keycloak gets the default role user"
KC="http://127.0.0.1:$KEYCLOAK_PORT"
KC_ADMIN=$(curl -sf --max-time 30 -d grant_type=password -d client_id=admin-cli -d username=admin \
  --data-urlencode "password=$(sed -n 's/^KEYCLOAK_ADMIN_PASSWORD=//p' "$TT_HOME/secrets.env")" \
  "$KC/realms/master/protocol/openid-connect/token" | jq -er .access_token) || fail "no Keycloak admin token"
NEWCOMER="newcomer-$(date +%s)"
NEWCOMER_PW="pw-$RANDOM$RANDOM"
curl -sf --max-time 30 -H "Authorization: Bearer $KC_ADMIN" -H 'Content-Type: application/json' \
  --data "{\"username\": \"$NEWCOMER\", \"enabled\": true, \"email\": \"$NEWCOMER@example.test\",
    \"emailVerified\": true, \"firstName\": \"New\", \"lastName\": \"Comer\",
    \"credentials\": [{\"type\": \"password\", \"value\": \"$NEWCOMER_PW\", \"temporary\": false}]}" \
  "$KC/admin/realms/timetracker/users" || fail "creating user $NEWCOMER through Keycloak's admin API"
NEWCOMER_TOKEN=$(curl -sf --max-time 30 -d grant_type=password -d client_id=tt-cli -d "username=$NEWCOMER" \
  --data-urlencode "password=$NEWCOMER_PW" "$TOKEN_URL" | jq -er .access_token) || fail "no token for $NEWCOMER"
http GET "$API/me" "$NEWCOMER_TOKEN"
expect 200 "GET /me as a user just added in Keycloak (default role user)"
pass "user $NEWCOMER added in Keycloak (no roles assigned) → GET /me 200 (default realm role user)"
NEWCOMER_ID=$(curl -sf --max-time 30 -H "Authorization: Bearer $KC_ADMIN" \
  "$KC/admin/realms/timetracker/users?exact=true&username=$NEWCOMER" | jq -er '.[0].id') &&
  curl -sf --max-time 30 -X DELETE -H "Authorization: Bearer $KC_ADMIN" "$KC/admin/realms/timetracker/users/$NEWCOMER_ID" ||
  fail "removing $NEWCOMER from Keycloak"

echo "== e2e: connector-github against the real core (deploy/local/e2e-github.sh)"
"$ROOT/deploy/local/e2e-github.sh" || fail "GitHub connector e2e failed"
pass "connector-github acceptance (e2e-github.sh)"
TT_E2E_SLACK_RESTORE=${TT_E2E_KEEP:-0} TT_E2E_GCAL_RESTORE=${TT_E2E_KEEP:-0} "$ROOT/deploy/local/e2e-scenario.sh" || fail "cross-service scenario (e2e-scenario.sh) failed"
"$ROOT/deploy/local/e2e-gateway.sh" || fail "integration-gateway e2e (deploy/local/e2e-gateway.sh) failed"
TT_E2E_SLACK_RESTORE=${TT_E2E_KEEP:-0} "$ROOT/deploy/local/e2e-slack.sh" && pass "connector-slack acceptance (e2e-slack.sh)" || fail "Slack connector e2e (deploy/local/e2e-slack.sh) failed"
TT_E2E_GCAL_RESTORE=${TT_E2E_KEEP:-0} "$ROOT/deploy/local/e2e-gcal.sh" && pass "connector-gcal acceptance (e2e-gcal.sh)" || fail "Google Calendar connector e2e (deploy/local/e2e-gcal.sh) failed"
TT_FAULTS_RESTORE=${TT_E2E_KEEP:-0} "$ROOT/deploy/local/faults.sh" && pass "fault harness (faults.sh): nothing lost or done twice under Kafka/PostgreSQL/connector-github/Slack faults" || fail "fault harness (deploy/local/faults.sh) failed"

echo "== e2e: ./tt up again (everything already running)"
T0=$(date +%s)
"${TT[@]}" up >"$WORK/up2.log" 2>&1 || {
  cat "$WORK/up2.log"
  fail "second ./tt up exited non-zero"
}
grep -q 'already running' "$WORK/up2.log" || fail "second ./tt up did not reuse the running components"
pass "second ./tt up → exit 0 in $(($(date +%s) - T0))s, components reused"

if [ "${TT_E2E_KEEP:-0}" = 1 ]; then
  echo
  echo "E2E PASSED: $CHECKS checks (TT_E2E_KEEP=1: ./tt down and its checks skipped)"
  exit 0
fi

echo "== e2e: ./tt down"
"${TT[@]}" down || fail "./tt down exited non-zero"
STOPPED=1
# our daemons carry $TT_HOME/<component>/... or -Dtt.home=$TT_HOME on their command line
LEFT=$(ps -eo pid=,args= | H="$TT_HOME" awk 'index($0, ENVIRON["H"] "/") || index($0, "-Dtt.home=" ENVIRON["H"] " ")')
[ -z "$LEFT" ] || fail "processes of $TT_HOME still running after down:
$LEFT"
for p in "${PORTS[@]}"; do
  if ss -Hltn "sport = :$p" | grep -q .; then fail "port $p still in use after down: $(ss -Hltn "sport = :$p")"; fi
done
ls "$TT_HOME"/run/*.pid >/dev/null 2>&1 && fail "PID files left in $TT_HOME/run: $(ls "$TT_HOME"/run/*.pid)"
pass "./tt down → no process of $TT_HOME left, ports ${PORTS[*]} free (ss -ltn)"

echo
echo "E2E PASSED: $CHECKS checks"
