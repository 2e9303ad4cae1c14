#!/usr/bin/env bash
# End-to-end acceptance of connector-gcal against the REAL local stack (Keycloak tokens, the real
# timer-service, Kafka, PostgreSQL, integration-gateway in front). Only Google is faked
# (lib/google-fake.sh: a WireMock with Google's OAuth endpoints and Calendar API v3 in Google's
# JSON shapes); connector-gcal is restarted against it, and back at the end.
#
#   connect through the gateway (/integrations/google/connect → Google's consent URL with state and
#   PKCE S256 → the gateway's /integrations/google/callback: a wrong state is not exchanged, the
#   code is exchanged once with a verifier matching the challenge, a reused state is refused) →
#   tokens stored (write-only) → import (a timed event → an entry; all-day, declined, running and
#   our own events skipped) → a timer stopped through the core becomes exactly one Google event
#   with our private property → importing again (syncToken) with that event in Google brings
#   nothing back → disconnect through the gateway (revocation with the token in the POST body).
# Needs a running stack with timer-service, connector-gcal and integration-gateway (./tt up) and its
# demo data ($TT_HOME/demo.env). Called by e2e.sh; runs alone too: deploy/local/e2e-gcal.sh
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export TT_HOME=${TT_HOME:-$ROOT/.tt}
KEYCLOAK_PORT=${TT_KEYCLOAK_PORT:-8180}
TOKEN_URL="http://127.0.0.1:$KEYCLOAK_PORT/realms/timetracker/protocol/openid-connect/token"
API="http://127.0.0.1:${TT_PORT_TIMER_SERVICE:-8081}/api/v1"
GC="http://127.0.0.1:${TT_PORT_CONNECTOR_GCAL:-8083}"
GW="http://127.0.0.1:${TT_PORT_INTEGRATION_GATEWAY:-8080}"
WAIT_S=${TT_E2E_GCAL_WAIT:-60}

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
# browse URL TOKEN: a GET as the browser makes it (no Accept: application/json), redirects not followed
browse() {
  : >"$WORK/body"
  CODE=$(curl -s -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' --max-time 30 \
    -H "Authorization: Bearer $2" -H 'Accept: text/html' "$1") || CODE=000
}
expect() { [ "$CODE" = "$1" ] || fail "$2: expected HTTP $1, got $CODE"; }
body() { jq -r "$1" <"$WORK/body"; }
location() { tr -d '\r' <"$WORK/headers" | sed -n 's/^[Ll]ocation: //p'; }
param() { sed -n "s/.*[?&]$1=\([^&]*\).*/\1/p" <<<"$2"; }
urldecode() { printf '%b' "${1//%/\\x}"; }

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

cleanup() {
  local rc=$? e
  if [ -n "${ALICE:-}" ]; then
    for e in ${EXPORTED:-} ${IMPORTED:-}; do
      curl -s -o /dev/null --max-time 10 -X DELETE -H "Authorization: Bearer $ALICE" "$API/time-entries/$e"
    done
  fi
  google_fake_stop
  rm -rf "$WORK"
  exit $rc
}

# shellcheck source=lib/google-fake.sh
. "$ROOT/deploy/local/lib/google-fake.sh"

[ -f "$TT_HOME/demo.env" ] || fail "no $TT_HOME/demo.env: run ./tt up first"
# shellcheck disable=SC1091
. "$TT_HOME/demo.env"
for url in "$GC/q/health/ready" "$GW/q/health/ready" "${API%/api/v1}/q/health/ready"; do
  curl -sf -o /dev/null --max-time 5 "$url" || fail "not ready: $url (./tt status)"
done
T0=$(date +%s)

echo "== e2e-gcal: a WireMock Google on $GOOGLE_FAKE, connector-gcal pointed at it"
google_fake_start
google_fake_attach_gcal
curl -sf "$GC/q/health/ready" | jq -e '.checks[] | select(.name == "google-oauth") | .data.oauth == "configured"' \
  >/dev/null || fail "health does not say OAuth is configured"
pass "WireMock Google up and connector-gcal pointed at it in $(($(date +%s) - T0))s; health: OAuth configured"

ALICE=$(user_token alice) || exit 1
RUN=$(date +%s)
ACCESS="ya29"".e2e-access-$RUN"  # split so it never looks like a committed token
REFRESH="1/""/e2e-refresh-$RUN"
google_fake_token_stub "e2e-code-$RUN" "$ACCESS" "$REFRESH" "e2e-$RUN" "alice-e2e@gmail.test"
google_fake_calendar_stubs "$ACCESS"

echo "== e2e-gcal: settings, connect through the gateway (state + PKCE), callback"
http PUT "$GC/api/integrations/google/config" "$ALICE" \
  "{\"direction\":\"both\",\"daysBack\":99,\"defaultProjectId\":$DEMO_PROJECT_ID}"
expect 200 "save settings"
[ "$(body .settings.daysBack)" = 30 ] || fail "daysBack 99 saved as $(body .settings.daysBack), expected 30"
pass "settings saved (daysBack 99 → 30, project $DEMO_PROJECT_ID checked in the core)"
browse "$GW/integrations/google/connect" "$ALICE"
expect 302 "GET /integrations/google/connect through the gateway"
CONSENT=$(location)
[[ "$CONSENT" == "$GOOGLE_FAKE/o/oauth2/v2/auth?"* ]] || fail "connect did not redirect to Google's consent: $CONSENT"
STATE=$(param state "$CONSENT")
CHALLENGE=$(param code_challenge "$CONSENT")
[ -n "$STATE" ] && [ ${#CHALLENGE} = 43 ] || fail "no state or S256 challenge in $CONSENT"
[ "$(param code_challenge_method "$CONSENT")" = S256 ] || fail "no PKCE S256 in $CONSENT"
[ "$(param access_type "$CONSENT")" = offline ] && [ "$(param prompt "$CONSENT")" = consent ] ||
  fail "no access_type=offline&prompt=consent in $CONSENT"
[ "$(urldecode "$(param redirect_uri "$CONSENT")")" = "$GW/integrations/google/callback" ] ||
  fail "redirect_uri $(urldecode "$(param redirect_uri "$CONSENT")") is not the gateway's callback"
urldecode "$(param scope "$CONSENT")" | grep -q 'https://www.googleapis.com/auth/calendar' || fail "no calendar scope in $CONSENT"
pass "gateway → 302 to Google's consent: state, S256 challenge, offline + consent, calendar scope, redirect_uri $GW/integrations/google/callback"

browse "$GW/integrations/google/callback?state=not-$STATE&code=e2e-code-$RUN" "$ALICE"
[[ "$(location)" == *"google=error&reason=invalid_state" ]] || fail "wrong state: HTTP $CODE $(location)"
google_fake_requests '[.requests[] | select(.request.url == "/token")] | length == 0' || fail "a wrong state reached Google's token endpoint"
browse "$GW/integrations/google/callback?state=$STATE&code=e2e-code-$RUN" "$ALICE"
[[ "$(location)" == *"google=connected" ]] || fail "callback: HTTP $CODE $(location)"
google_fake_verifier_matches "$CHALLENGE" || fail "not exactly one code exchange, or its code_verifier does not hash to the consent's challenge"
browse "$GW/integrations/google/callback?state=$STATE&code=e2e-code-$RUN" "$ALICE"
[[ "$(location)" == *"reason=invalid_state" ]] || fail "a reused state was accepted: $(location)"
google_fake_requests '[.requests[] | select(.request.url == "/token")] | length == 1' || fail "a reused state reached Google's token endpoint"
pass "wrong state → no exchange; callback → connected, one exchange whose verifier hashes to the challenge; reused state → refused, no exchange"

http GET "$GW/api/integrations/google/status" "$ALICE"
expect 200 "status through the gateway"
[ "$(body .connected)" = true ] || fail "status: not connected"
http GET "$GW/api/integrations/google/config" "$ALICE"
expect 200 "config through the gateway"
grep -q "e2e-access-$RUN\|e2e-refresh-$RUN" "$WORK/body" && fail "config shows a token"
[ "$(body .secrets.refreshTokenSet)" = true ] || fail "config: refreshTokenSet is not true"
http POST "$GW/api/integrations/google/test" "$ALICE"
expect 200 "test through the gateway"
[ "$(body .ok)" = true ] || fail "test: not ok"
google_fake_requests "[.requests[] | select(.request.url == \"/calendar/v3/users/me/calendarList\"
  and .request.headers.Authorization == \"Bearer $ACCESS\")] | length >= 1" || fail "test did not call the calendar list with the stored token"
pass "status connected, config shows only *TokenSet, test → calendar list called with the stored access token"

echo "== e2e-gcal: import (a timed event; all-day, declined, running and our own events skipped)"
START=$(date -u -d '-1 day 09:00' +%Y-%m-%dT%H:%M:%SZ)
END=$(date -u -d '-1 day 10:00' +%Y-%m-%dT%H:%M:%SZ)
NOW_START=$(date -u -d '-10 min' +%Y-%m-%dT%H:%M:%SZ)
NOW_END=$(date -u -d '+50 min' +%Y-%m-%dT%H:%M:%SZ)
EVENT="e2e$RUN"
ITEMS=$(jq -nc --argjson timed "$(google_fake_event "$EVENT" "E2E design review" "$START" "$END")" \
  --argjson own "$(google_fake_event tt9999999999 "[TT] Demo — ours" "$START" "$END" 9999999999)" \
  --argjson running "$(google_fake_event "running$RUN" "Still going" "$NOW_START" "$NOW_END")" \
  --argjson declined "$(google_fake_event "declined$RUN" "Declined" "$START" "$END")" \
  --arg allday "allday$RUN" '[$timed, $own, $running,
    $declined + {attendees: [{email: "alice-e2e@gmail.test", self: true, responseStatus: "declined"}]},
    {kind: "calendar#event", id: $allday, status: "confirmed", summary: "Holiday",
     start: {date: "2026-12-24"}, "end": {date: "2026-12-25"}}]')
google_fake_events "$ACCESS" "e2e-sync-$RUN" "$ITEMS"
sync_done() { http GET "$GC$STATUS_URL" "$ALICE" && [ "$CODE" = 200 ] && [ "$(body .status)" = done ]; }
sync() {
  http POST "$GW/api/integrations/google/sync" "$ALICE"
  expect 202 "POST sync through the gateway"
  STATUS_URL=$(body .statusUrl)
  eventually "sync done ($STATUS_URL)" sync_done
}
sync
[ "$(body .result.imported)" = 1 ] || fail "imported $(body .result.imported), expected 1"
[ "$(body .result.skipped)" = 4 ] || fail "skipped $(body .result.skipped), expected 4 (all-day, declined, running, ours)"
google_fake_requests '[.requests[] | select(.request.url | startswith("/calendar/v3/calendars/primary/events?"))
  | .request.queryParams | select(.singleEvents.values == ["true"] and .timeMin != null and .syncToken == null)] | length == 1' ||
  fail "the first import did not list the window (timeMin, singleEvents=true, no syncToken)"
entries_with_ref() { # entries_with_ref REF N: the core has N entries of alice with that external reference
  http GET "$API/time-entries?from=$(date -u -d '-3 day' +%Y-%m-%dT%H:%M:%SZ)&size=500" "$ALICE" && [ "$CODE" = 200 ] &&
    jq -e --arg ref "$1" --argjson n "$2" '[.items[] | select(.externalRef == $ref)] | length == $n' "$WORK/body" >/dev/null
}
entries_with_ref "gcal:$EVENT" 1 || fail "not exactly one entry gcal:$EVENT in the core"
jq -e --arg ref "gcal:$EVENT" --arg s "$START" '.items[] | select(.externalRef == $ref) | .source == "gcal" and .billable == false
  and .notes == "E2E design review" and (.start | fromdateiso8601) == ($s | fromdateiso8601)' "$WORK/body" >/dev/null ||
  fail "imported entry has the wrong fields: $(jq -c --arg ref "gcal:$EVENT" '.items[] | select(.externalRef == $ref)' "$WORK/body")"
IMPORTED=$(jq -r --arg ref "gcal:$EVENT" '.items[] | select(.externalRef == $ref) | .id' "$WORK/body")
for ref in "gcal:tt9999999999" "gcal:running$RUN" "gcal:declined$RUN" "gcal:allday$RUN"; do
  entries_with_ref "$ref" 0 || fail "an entry $ref was imported"
done
pass "window listed (timeMin, singleEvents) → 1 imported, 4 skipped; entry $IMPORTED gcal:$EVENT, source gcal, not billable, notes from the summary"

echo "== e2e-gcal: export (a timer stopped through the core → exactly one Google event)"
http POST "$API/timer/stop" "$ALICE"
http POST "$API/timer/start" "$ALICE" "{\"projectId\": $DEMO_PROJECT_ID, \"notes\": \"e2e export $RUN\"}"
expect 201 "start a timer"
EXPORTED=$(body .id)
http POST "$API/timer/stop" "$ALICE"
expect 200 "stop the timer"
exported_once() { [ "$(google_fake_inserted "$EXPORTED" | jq length)" = 1 ]; }
eventually "entry $EXPORTED exported as a Google event" exported_once
EVENT_BODY=$(google_fake_inserted "$EXPORTED" | jq -c '.[0]')
jq -e --arg id "$(printf 'tt%010d' "$EXPORTED")" --arg s "e2e export $RUN" '.id == $id and (.summary | startswith("[TT] "))
  and (.summary | endswith(" — " + $s)) and .start.timeZone == "UTC" and (.description | contains("Duration"))' <<<"$EVENT_BODY" >/dev/null ||
  fail "exported event is not '[TT] <project> — <notes>' with id tt<entry>, UTC times and the duration: $EVENT_BODY"
google_fake_requests "[.requests[] | select(.request.method == \"POST\" and .request.url == \"$GOOGLE_EVENTS_PATH\")
  | .request.body | fromjson | select(.extendedProperties.private.timetrackerEntryId == \"$IMPORTED\")] | length == 0" ||
  fail "the imported entry was exported back to Google (loop)"
pass "timer stopped → one event $(jq -r .id <<<"$EVENT_BODY") '$(jq -r .summary <<<"$EVENT_BODY")' with our entry id; the imported entry not exported"

echo "== e2e-gcal: import again (syncToken) with our event in Google → nothing comes back"
google_fake_events "$ACCESS" "e2e-sync2-$RUN" "[$(google_fake_event "$(jq -r .id <<<"$EVENT_BODY")" \
  "$(jq -r .summary <<<"$EVENT_BODY")" "$(jq -r .start.dateTime <<<"$EVENT_BODY")" "$(jq -r .end.dateTime <<<"$EVENT_BODY")" "$EXPORTED")]" \
  "e2e-sync-$RUN"
sync
[ "$(body .result.imported)" = 0 ] && [ "$(body .result.deleted)" = 0 ] ||
  fail "second import: imported $(body .result.imported), deleted $(body .result.deleted), expected 0 and 0"
google_fake_requests "[.requests[] | select(.request.queryParams.syncToken.values == [\"e2e-sync-$RUN\"])] | length == 1" ||
  fail "the second import did not ask for changes with the first run's syncToken"
entries_with_ref "gcal:$(jq -r .id <<<"$EVENT_BODY")" 0 || fail "our exported event came back as an entry (loop)"
entries_with_ref "gcal:$EVENT" 1 || fail "the imported entry is gone or doubled"
jq -e --argjson id "$EXPORTED" '[.items[] | select(.id == $id)] | length == 1' "$WORK/body" >/dev/null ||
  fail "the exported entry $EXPORTED is gone from the core"
exported_once || fail "entry $EXPORTED was inserted again"
pass "second run asked with syncToken e2e-sync-$RUN; our event skipped, no entry from it, the exported entry still one"

echo "== e2e-gcal: disconnect through the gateway (revocation in the body, tokens wiped, settings kept)"
http POST "$GW/integrations/google/disconnect" "$ALICE"
expect 204 "disconnect"
google_fake_requests "[.requests[] | select(.request.url == \"/revoke\") | select(.request.body | contains(\"1%2F%2Fe2e-refresh-$RUN\") or contains(\"$REFRESH\"))] | length == 1" ||
  fail "the refresh token was not revoked in the POST body"
http GET "$GW/api/integrations/google/config" "$ALICE"
[ "$(body .secrets.refreshTokenSet)" = false ] || fail "tokens still stored after disconnect"
[ "$(body .settings.direction)" = both ] || fail "settings lost on disconnect"
pass "revoked at Google (token in the body), tokens wiped, settings kept"

echo "e2e-gcal: $CHECKS checks passed in $(($(date +%s) - T0))s"
