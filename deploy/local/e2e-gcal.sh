#!/usr/bin/env bash
# End-to-end acceptance of connector-gcal against the REAL local stack (Keycloak tokens, the real
# timer-service, Kafka, the connector on its own port). Only Google is faked: a WireMock on
# $TT_E2E_GCAL_FAKE_PORT (default 8098) plays Google's OAuth endpoints and Calendar API with
# Google's JSON shapes; connector-gcal is restarted against it (TT_GCAL_FAKE_URL) and back after.
#
# connect (state + PKCE S256 checked here against the token request) → import (one page, one
# timed event and one all-day event) → export (a timer stopped through the core becomes one Google
# event with our private property) → disconnect (revocation in the POST body).
# Needs a running stack with connector-gcal (./tt up) and its demo data ($TT_HOME/demo.env).
# Called by e2e.sh; runs alone too: deploy/local/e2e-gcal.sh
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export TT_HOME=${TT_HOME:-$ROOT/.tt}
KEYCLOAK_PORT=${TT_KEYCLOAK_PORT:-8180}
TIMER_PORT=${TT_PORT_TIMER_SERVICE:-8081}
GCAL_PORT=${TT_PORT_CONNECTOR_GCAL:-8083}
TOKEN_URL="http://127.0.0.1:$KEYCLOAK_PORT/realms/timetracker/protocol/openid-connect/token"
API="http://127.0.0.1:$TIMER_PORT/api/v1"
GC="http://127.0.0.1:$GCAL_PORT"
WAIT_S=${TT_E2E_GCAL_WAIT:-60}
WM_PORT=${TT_E2E_GCAL_FAKE_PORT:-8098}
WM="http://127.0.0.1:$WM_PORT"

WORK=$(mktemp -d)
CHECKS=0
trap 'cleanup' EXIT

fail() {
  echo
  echo "E2E GCAL FAILED: $*" >&2
  [ -s "$WORK/body" ] && { echo "--- last response body:" >&2; head -c 2000 "$WORK/body" >&2; echo >&2; }
  exit 1
}
pass() { CHECKS=$((CHECKS + 1)); echo "  ✓ $*"; }

# http METHOD URL TOKEN [JSON]: sets CODE; body in $WORK/body, headers in $WORK/headers
http() {
  local method=$1 url=$2 tok=$3 data=() auth=()
  [ -n "${4:-}" ] && data=(-H 'Content-Type: application/json' --data "$4")
  [ -n "$tok" ] && auth=(-H "Authorization: Bearer $tok")
  : >"$WORK/body"
  CODE=$(curl -s -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' --max-time 30 -X "$method" \
    "${auth[@]}" -H 'Accept: application/json' "${data[@]}" "$url") || CODE=000
}
expect() { [ "$CODE" = "$1" ] || fail "$2: expected HTTP $1, got $CODE"; }
body() { jq -r "$1" <"$WORK/body"; }
location() { tr -d '\r' <"$WORK/headers" | sed -n 's/^[Ll]ocation: //p'; }
param() { sed -n "s/.*[?&]$1=\([^&]*\).*/\1/p" <<<"$2"; }

user_token() {
  curl -sf --max-time 30 -d grant_type=password -d client_id=tt-cli -d "username=$1" -d "password=$1" \
    "$TOKEN_URL" | jq -er .access_token || fail "no token for $1 from Keycloak"
}

eventually() {
  local what=$1 i
  shift
  for ((i = 0; i < WAIT_S; i++)); do
    "$@" && return 0
    sleep 1
  done
  fail "$what (not within ${WAIT_S}s)"
}

stub() { curl -sf -o /dev/null -X POST -H 'Content-Type: application/json' --data "$1" "$WM/__admin/mappings" ||
  fail "WireMock refused a stub"; }
requests() { curl -sf "$WM/__admin/requests" >"$WORK/journal" && jq -e "$1" "$WORK/journal" >/dev/null; }

restart_gcal() { # restart_gcal [FAKE_URL]
  (TT_ROOT=$ROOT; . "$ROOT/deploy/local/lib/common.sh" && stop_group connector-gcal 30) ||
    fail "could not stop connector-gcal"
  TT_GCAL_FAKE_URL=${1:-} "$ROOT/tt" up >"$WORK/up-gcal.log" 2>&1 ||
    { cat "$WORK/up-gcal.log"; fail "./tt up did not restart connector-gcal"; }
}

cleanup() {
  local rc=$?
  [ -n "${ALICE:-}" ] && curl -s -o /dev/null --max-time 10 -X POST -H "Authorization: Bearer $ALICE" "$API/timer/stop"
  [ -n "${ALICE:-}" ] && [ -n "${EXPORTED:-}" ] &&
    curl -s -o /dev/null --max-time 10 -X DELETE -H "Authorization: Bearer $ALICE" "$API/time-entries/$EXPORTED"
  [ -n "${WM_PID:-}" ] && kill "$WM_PID" 2>/dev/null
  [ "${FAKED:-}" = 1 ] && restart_gcal ""
  rm -rf "$WORK"
  exit $rc
}

[ -f "$TT_HOME/demo.env" ] || fail "no $TT_HOME/demo.env: run ./tt up first"
# shellcheck disable=SC1091
. "$TT_HOME/demo.env"
curl -sf -o /dev/null --max-time 5 "$GC/q/health/ready" ||
  fail "connector-gcal is not ready on port $GCAL_PORT (./tt status, ./tt logs connector-gcal)"

echo "== e2e-gcal: a WireMock Google on $WM, connector-gcal pointed at it"
WM_JAR="$HOME/.m2/repository/org/wiremock/wiremock-standalone/3.13.2/wiremock-standalone-3.13.2.jar"
[ -f "$WM_JAR" ] || (cd "$ROOT" && mvn -B -q dependency:get -Dartifact=org.wiremock:wiremock-standalone:3.13.2) ||
  fail "no WireMock standalone jar"
mkdir -p "$WORK/wm"
java -jar "$WM_JAR" --port "$WM_PORT" --bind-address 127.0.0.1 --root-dir "$WORK/wm" --disable-banner \
  >"$WORK/wiremock.log" 2>&1 &
WM_PID=$!
eventually "WireMock Google on $WM" curl -sf -o /dev/null "$WM/__admin/mappings"
FAKED=1
restart_gcal "$WM"
curl -sf "$GC/q/health/ready" | jq -e '.checks[] | select(.name == "google-oauth") | .data.oauth == "configured"' \
  >/dev/null || fail "health does not say OAuth is configured"
pass "connector-gcal restarted against the fake; health: OAuth configured"

ALICE=$(user_token alice) || exit 1
RUN=$(date +%s)

echo "== e2e-gcal: settings, connect (state + PKCE), callback"
http PUT "$GC/api/integrations/google/config" "$ALICE" \
  "{\"direction\":\"both\",\"daysBack\":99,\"defaultProjectId\":$DEMO_PROJECT_ID}"
expect 200 "save settings"
[ "$(body .settings.daysBack)" = 30 ] || fail "daysBack 99 saved as $(body .settings.daysBack), expected 30"
pass "settings saved (daysBack 99 → 30, project $DEMO_PROJECT_ID checked in the core)"
curl -s -o /dev/null -D "$WORK/headers" --max-time 30 -H "Authorization: Bearer $ALICE" "$GC/integrations/google/connect"
CONSENT=$(location)
[[ "$CONSENT" == "$WM/o/oauth2/v2/auth?"* ]] || fail "connect did not redirect to Google: $CONSENT"
STATE=$(param state "$CONSENT")
CHALLENGE=$(param code_challenge "$CONSENT")
[ "$(param code_challenge_method "$CONSENT")" = S256 ] || fail "no PKCE S256 in $CONSENT"
[ "$(param access_type "$CONSENT")" = offline ] || fail "no offline access in $CONSENT"
ID_TOKEN="e30.$(printf '{"sub":"e2e-%s","email":"alice-e2e@gmail.test"}' "$RUN" | base64 -w0 | tr '+/' '-_' | tr -d '=').c2ln"
stub "{\"request\":{\"method\":\"POST\",\"urlPath\":\"/token\",\"bodyPatterns\":[{\"contains\":\"grant_type=authorization_code\"},{\"contains\":\"code=e2e-code-$RUN\"}]},
  \"response\":{\"status\":200,\"headers\":{\"Content-Type\":\"application/json\"},
  \"jsonBody\":{\"access_token\":\"ya29.e2e-access-$RUN\",\"expires_in\":3599,\"refresh_token\":\"1//e2e-refresh-$RUN\",
  \"scope\":\"https://www.googleapis.com/auth/calendar.events openid\",\"token_type\":\"Bearer\",\"id_token\":\"$ID_TOKEN\"}}}"
curl -s -o /dev/null -D "$WORK/headers" --max-time 30 "$GC/integrations/google/callback?state=not-$STATE&code=e2e-code-$RUN"
[[ "$(location)" == *"google=error&reason=invalid_state" ]] || fail "wrong state: $(location)"
requests '[.requests[] | select(.request.url == "/token")] | length == 0' || fail "a wrong state reached Google"
curl -s -o /dev/null -D "$WORK/headers" --max-time 30 "$GC/integrations/google/callback?state=$STATE&code=e2e-code-$RUN"
[[ "$(location)" == *"google=connected" ]] || fail "callback: $(location)"
requests '[.requests[] | select(.request.url == "/token")] | length == 1' || fail "not exactly one code exchange"
VERIFIER=$(jq -r '.requests[] | select(.request.url == "/token") | .request.body' "$WORK/journal" |
  tr '&' '\n' | sed -n 's/^code_verifier=//p')
[ "$(printf '%s' "$VERIFIER" | openssl dgst -sha256 -binary | base64 -w0 | tr '+/' '-_' | tr -d '=')" = "$CHALLENGE" ] ||
  fail "the code_verifier sent to Google does not match the challenge of the consent"
curl -s -o /dev/null -D "$WORK/headers" --max-time 30 "$GC/integrations/google/callback?state=$STATE&code=e2e-code-$RUN"
[[ "$(location)" == *"reason=invalid_state" ]] || fail "a reused state was accepted: $(location)"
pass "wrong state → no exchange; callback → connected; verifier matches the S256 challenge; reused state refused"
http GET "$GC/api/integrations/google/status" "$ALICE"
[ "$(body .connected)" = true ] || fail "status: not connected"
http GET "$GC/api/integrations/google/config" "$ALICE"
grep -q "ya29.e2e-access-$RUN" "$WORK/body" && fail "config shows the access token"
[ "$(body .secrets.refreshTokenSet)" = true ] || fail "config: refreshTokenSet is not true"
pass "status connected; config shows only accessTokenSet/refreshTokenSet"

echo "== e2e-gcal: import (a timed event, an all-day event, one of our own)"
START=$(date -u -d '-1 day 09:00' +%Y-%m-%dT%H:%M:%SZ)
END=$(date -u -d '-1 day 10:00' +%Y-%m-%dT%H:%M:%SZ)
EVENT="e2e$RUN"
stub "{\"request\":{\"method\":\"GET\",\"urlPath\":\"/calendar/v3/calendars/primary/events\",
  \"headers\":{\"Authorization\":{\"equalTo\":\"Bearer ya29.e2e-access-$RUN\"}}},
  \"response\":{\"status\":200,\"headers\":{\"Content-Type\":\"application/json\"},\"jsonBody\":{\"kind\":\"calendar#events\",
  \"nextSyncToken\":\"e2e-sync-$RUN\",\"items\":[
   {\"id\":\"$EVENT\",\"etag\":\"\\\"1\\\"\",\"status\":\"confirmed\",\"summary\":\"E2E design review\",
    \"start\":{\"dateTime\":\"$START\"},\"end\":{\"dateTime\":\"$END\"}},
   {\"id\":\"allday$RUN\",\"status\":\"confirmed\",\"summary\":\"Holiday\",\"start\":{\"date\":\"2026-12-24\"},\"end\":{\"date\":\"2026-12-25\"}},
   {\"id\":\"tt9999999999\",\"status\":\"confirmed\",\"summary\":\"[TT] Demo — ours\",
    \"start\":{\"dateTime\":\"$START\"},\"end\":{\"dateTime\":\"$END\"},
    \"extendedProperties\":{\"private\":{\"timetrackerEntryId\":\"9999999999\"}}}]}}}"
http POST "$GC/api/integrations/google/sync" "$ALICE"
expect 202 "POST sync"
STATUS_URL=$(body .statusUrl)
sync_done() { http GET "$GC$STATUS_URL" "$ALICE" && [ "$CODE" = 200 ] && [ "$(body .status)" = done ]; }
eventually "sync done" sync_done
[ "$(body .result.imported)" = 1 ] || fail "imported $(body .result.imported), expected 1"
entry_of() {
  http GET "$API/time-entries?from=$START&size=500" "$ALICE" && [ "$CODE" = 200 ] &&
    jq -e --arg ref "gcal:$EVENT" '[.items[] | select(.externalRef == $ref)] | length == 1' "$WORK/body" >/dev/null
}
eventually "entry gcal:$EVENT in the core" entry_of
jq -e --arg ref "gcal:$EVENT" '.items[] | select(.externalRef == $ref) | .source == "gcal" and .billable == false
  and .notes == "E2E design review"' "$WORK/body" >/dev/null || fail "imported entry has the wrong fields"
IMPORTED=$(jq -r --arg ref "gcal:$EVENT" '.items[] | select(.externalRef == $ref) | .id' "$WORK/body")
pass "sync → 1 imported (all-day and our own event skipped); entry $IMPORTED gcal:$EVENT, source gcal, not billable"

echo "== e2e-gcal: export (a timer stopped through the core → one Google event)"
stub "{\"request\":{\"method\":\"POST\",\"urlPath\":\"/calendar/v3/calendars/primary/events\"},
  \"response\":{\"status\":200,\"headers\":{\"Content-Type\":\"application/json\"},\"transformers\":[\"response-template\"],
  \"body\":\"{{{request.body}}}\"}}"
http POST "$API/timer/stop" "$ALICE"
http POST "$API/timer/start" "$ALICE" "{\"projectId\": $DEMO_PROJECT_ID, \"notes\": \"e2e export $RUN\"}"
expect 201 "start a timer"
EXPORTED=$(body .id)
http POST "$API/timer/stop" "$ALICE"
expect 200 "stop the timer"
exported() {
  requests "[.requests[] | select(.request.method == \"POST\" and .request.url == \"/calendar/v3/calendars/primary/events\")
    | .request.body | fromjson | select(.extendedProperties.private.timetrackerEntryId == \"$EXPORTED\")] | length == 1"
}
eventually "entry $EXPORTED exported as one Google event" exported
jq -r "[.requests[] | select(.request.method == \"POST\" and .request.url == \"/calendar/v3/calendars/primary/events\")
  | .request.body | fromjson | select(.extendedProperties.private.timetrackerEntryId == \"$EXPORTED\")][0].summary" \
  "$WORK/journal" | grep -q "^\[TT\] .* — e2e export $RUN$" || fail "exported summary is not '[TT] <project> — <notes>'"
requests "[.requests[] | select(.request.method == \"POST\" and (.request.body | fromjson | .extendedProperties.private.timetrackerEntryId) == \"$IMPORTED\")] | length == 0" ||
  fail "the imported entry was exported back (loop)"
pass "timer stopped → one event [TT] … — e2e export $RUN with our entry id; the imported entry was not exported"

echo "== e2e-gcal: disconnect (revocation in the body, tokens wiped, settings kept)"
stub '{"request":{"method":"POST","urlPath":"/revoke"},"response":{"status":200}}'
http POST "$GC/integrations/google/disconnect" "$ALICE"
expect 204 "disconnect"
requests "[.requests[] | select(.request.url == \"/revoke\") | select(.request.body | contains(\"1%2F%2Fe2e-refresh-$RUN\") or contains(\"1//e2e-refresh-$RUN\"))] | length == 1" ||
  fail "the refresh token was not revoked in the POST body"
http GET "$GC/api/integrations/google/config" "$ALICE"
[ "$(body .secrets.refreshTokenSet)" = false ] || fail "tokens still stored after disconnect"
[ "$(body .settings.direction)" = both ] || fail "settings lost on disconnect"
http DELETE "$API/time-entries/$IMPORTED" "$ALICE"
pass "revoked at Google (token in the body), tokens wiped, settings kept"

echo "e2e-gcal: $CHECKS checks passed"
