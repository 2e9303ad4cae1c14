#!/usr/bin/env bash
# End-to-end acceptance of connector-gcal against the REAL local stack (Keycloak tokens, the real
# timer-service, Kafka, PostgreSQL, integration-gateway in front). Only Google is faked
# (lib/google-fake.sh: a WireMock with Google's OAuth endpoints and Calendar API v3 in Google's
# JSON shapes); connector-gcal is restarted against it, and back at the end. Imports are requested
# through the uniform API (POST /api/integrations/google/sync, then its statusUrl); every entry is
# read back from the core's REST API as the person.
#
#   connect through the gateway (/integrations/google/connect → Google's consent URL with state and
#   PKCE S256 → the gateway's /integrations/google/callback: a wrong state is not exchanged, the
#   code is exchanged once with a verifier matching the challenge, a reused state is refused) →
#   tokens stored (write-only) → an access token expiring in 4 minutes is refreshed before the
#   first Google call, the refreshed one (10 minutes) is not → import over 3 pages (each timed event
#   one entry in the core; all-day, declined, running and our own events skipped) → a timer stopped
#   through the core becomes exactly one Google event with our private property, its edit patches
#   that event, its deletion deletes it; an insert refused with 429 then accepted makes one event →
#   the changes since the sync token (no window): a moved event moves its entry, a cancelled one
#   deletes it, our own event stays out → 410 Gone: full listing again, no duplicate entry → no
#   access or refresh token in plaintext in the gcal database or the logs → disconnect through the
#   gateway (revocation with the token in the POST body) → connected again, the refresh refused
#   with invalid_grant: "reconnect needed" in the status, no retry.
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
PG_PORT=${TT_PG_PORT:-55432}
WAIT_S=${TT_E2E_GCAL_WAIT:-60}

WORK=$(mktemp -d)
CHECKS=0
trap 'cleanup' EXIT

fail() {
  echo
  echo "E2E GCAL FAILED: $*" >&2
  [ -s "$WORK/body" ] && { echo "--- last response body:" >&2; head -c 2000 "$WORK/body" >&2; echo >&2; }
  if [ -n "${GOOGLE_FAKE_PID:-}" ] && curl -sf --max-time 10 "$GOOGLE_FAKE/__admin/requests" >"$WORK/google-journal.last"; then
    echo "--- the fake Google's last requests (oldest first):" >&2
    jq -r '.requests[:40] | reverse[] | "\(.request.loggedDateString) \(.responseDefinition.status) \(.request.method) \(.request.url)"' \
      "$WORK/google-journal.last" >&2
  fi
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
  # a run that stopped half-way leaves no connection behind for the scheduler to import with
  [ -n "${GOOGLE_CONNECTED:-}" ] && curl -s -o /dev/null --max-time 10 -X DELETE -H "Authorization: Bearer $ALICE" \
    "$GC/api/integrations/google/config"
  if [ -n "${ALICE:-}" ]; then
    for e in ${EXPORTED:-} ${LIMITED:-} ${IMPORTED:-}; do
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
GCAL_LOG="$TT_HOME/logs/connector-gcal.log"
REFUSALS_LOGGED=$(grep -c "Google refused the refresh token of connection" "$GCAL_LOG" 2>/dev/null)
pass "WireMock Google up and connector-gcal pointed at it in $(($(date +%s) - T0))s; health: OAuth configured"

ALICE=$(user_token alice) || exit 1
RUN=$(date +%s)
ACCESS="ya29"".e2e-access-$RUN"  # split so it never looks like a committed token
REFRESH="1/""/e2e-refresh-$RUN"
# the consent's access token expires in 4 minutes (inside the 5-minute refresh margin), the
# refreshed one in 10 minutes (outside it)
google_fake_token_stub "e2e-code-$RUN" "$ACCESS" "$REFRESH" "e2e-$RUN" "alice-e2e@gmail.test" 240
google_fake_refresh_stub "e2e-refresh-$RUN" "$ACCESS-r" 600
google_fake_calendar_stubs "$ACCESS"

# The calendar, in place before the connection exists (the scheduler may run the first import as
# soon as the callback has stored the tokens): four timed events of the last two days and four to
# skip, over three pages; the changes since its sync token are none yet.
at() { date -u -d "$1" +%Y-%m-%dT%H:%M:%SZ; }
E1="e2e${RUN}a" E2="e2e${RUN}b" E3="e2e${RUN}c" E4="e2e${RUN}d"
ALLDAY="allday$RUN" DECLINED="declined$RUN" RUNNING="running$RUN" OWN=tt9999999999
declare -A FROM=([$E1]=$(at '-2 day 09:00') [$E2]=$(at '-2 day 11:00') [$E3]=$(at '-1 day 14:00') [$E4]=$(at '-1 day 16:00'))
declare -A TO=([$E1]=$(at '-2 day 10:00') [$E2]=$(at '-2 day 11:30') [$E3]=$(at '-1 day 15:00') [$E4]=$(at '-1 day 16:45'))
declare -A TITLE=([$E1]="E2E design review" [$E2]="E2E standup" [$E3]="E2E one-on-one" [$E4]="E2E retro")
timed() { google_fake_event "$1" "${TITLE[$1]}" "${FROM[$1]}" "${TO[$1]}" | jq -c --arg etag "\"${2:-1}\"" '.etag = $etag'; }
SKIPPED_PAGE1=$(jq -nc --arg id "$ALLDAY" '{kind: "calendar#event", id: $id, etag: "\"1\"", status: "confirmed",
  summary: "Holiday", start: {date: "2026-12-24"}, "end": {date: "2026-12-25"}}')
SKIPPED_PAGE2_DECLINED=$(google_fake_event "$DECLINED" "Declined" "${FROM[$E1]}" "${TO[$E1]}" |
  jq -c '.attendees = [{email: "alice-e2e@gmail.test", self: true, responseStatus: "declined"}]')
SKIPPED_PAGE2_RUNNING=$(google_fake_event "$RUNNING" "Still going" "$(at '-10 min')" "$(at '+50 min')")
SKIPPED_PAGE3=$(google_fake_event "$OWN" "[TT] Demo — ours" "${FROM[$E1]}" "${TO[$E1]}" 9999999999)
google_fake_window_pages "$ACCESS" "e2e-s1-$RUN" "[$(timed "$E1"), $SKIPPED_PAGE1, $(timed "$E2")]" \
  "[$SKIPPED_PAGE2_DECLINED, $(timed "$E3"), $SKIPPED_PAGE2_RUNNING]" "[$SKIPPED_PAGE3, $(timed "$E4")]"
google_fake_events "$ACCESS" "e2e-s1-$RUN" '[]' "e2e-s1-$RUN"

echo "== e2e-gcal: settings, connect through the gateway (state + PKCE), callback"
http PUT "$GC/api/integrations/google/config" "$ALICE" \
  "{\"direction\":\"both\",\"daysBack\":99,\"defaultProjectId\":$DEMO_PROJECT_ID}"
expect 200 "save settings"
[ "$(body .settings.daysBack)" = 30 ] || fail "daysBack 99 saved as $(body .settings.daysBack), expected 30"
pass "settings saved (daysBack 99 → 30, project $DEMO_PROJECT_ID checked in the core)"
# consent CODE: the gateway's connect → Google's consent URL (CONSENT, STATE, CHALLENGE checked)
consent() {
  browse "$GW/integrations/google/connect" "$ALICE"
  expect 302 "GET /integrations/google/connect through the gateway"
  CONSENT=$(location)
  [[ "$CONSENT" == "$GOOGLE_FAKE/o/oauth2/v2/auth?"* ]] || fail "connect did not redirect to Google's consent: $CONSENT"
  STATE=$(param state "$CONSENT")
  CHALLENGE=$(param code_challenge "$CONSENT")
  [ -n "$STATE" ] && [ ${#CHALLENGE} = 43 ] || fail "no state or S256 challenge in $CONSENT"
  [ "$(param code_challenge_method "$CONSENT")" = S256 ] || fail "no PKCE S256 in $CONSENT"
}
token_calls() { # token_calls GRANT: the fake's /token requests of that grant type
  google_fake_requests '.' &&
    jq --arg g "grant_type=$1" '[.requests[] | select(.request.url == "/token" and (.request.body | contains($g)))] | length' \
      "$WORK/google-journal"
}
consent
[ "$(param access_type "$CONSENT")" = offline ] && [ "$(param prompt "$CONSENT")" = consent ] ||
  fail "no access_type=offline&prompt=consent in $CONSENT"
[ "$(urldecode "$(param redirect_uri "$CONSENT")")" = "$GW/integrations/google/callback" ] ||
  fail "redirect_uri $(urldecode "$(param redirect_uri "$CONSENT")") is not the gateway's callback"
urldecode "$(param scope "$CONSENT")" | grep -q 'https://www.googleapis.com/auth/calendar' || fail "no calendar scope in $CONSENT"
pass "gateway → 302 to Google's consent: state, S256 challenge, offline + consent, calendar scope, redirect_uri $GW/integrations/google/callback"

browse "$GW/integrations/google/callback?state=not-$STATE&code=e2e-code-$RUN" "$ALICE"
[[ "$(location)" == *"google=error&reason=invalid_state" ]] || fail "wrong state: HTTP $CODE $(location)"
[ "$(token_calls authorization_code)" = 0 ] || fail "a wrong state reached Google's token endpoint"
browse "$GW/integrations/google/callback?state=$STATE&code=e2e-code-$RUN" "$ALICE"
[[ "$(location)" == *"google=connected" ]] || fail "callback: HTTP $CODE $(location)"
GOOGLE_CONNECTED=1
google_fake_verifier_matches "$CHALLENGE" || fail "not exactly one code exchange, or its code_verifier does not hash to the consent's challenge"
browse "$GW/integrations/google/callback?state=$STATE&code=e2e-code-$RUN" "$ALICE"
[[ "$(location)" == *"reason=invalid_state" ]] || fail "a reused state was accepted: $(location)"
[ "$(token_calls authorization_code)" = 1 ] || fail "a reused state reached Google's token endpoint"
pass "wrong state → no exchange; callback → connected, one exchange whose verifier hashes to the challenge; reused state → refused, no exchange"

http GET "$GW/api/integrations/google/status" "$ALICE"
expect 200 "status through the gateway"
[ "$(body .connected)" = true ] || fail "status: not connected"
http GET "$GW/api/integrations/google/config" "$ALICE"
expect 200 "config through the gateway"
grep -q "e2e-access-$RUN\|e2e-refresh-$RUN" "$WORK/body" && fail "config shows a token"
[ "$(body .secrets.refreshTokenSet)" = true ] || fail "config: refreshTokenSet is not true"
pass "status through the gateway: connected; config shows only *TokenSet flags"

echo "== e2e-gcal: token refresh (expiring in 4 minutes → refreshed first; in 10 minutes → kept)"
expires_in() { # LEFT: seconds from now to the stored token expiry (connector-gcal's status details)
  http GET "$GC/api/integrations/google/status/details" "$ALICE"
  expect 200 "status details"
  LEFT=$(($(date -d "$(body .tokenExpiresAt)" +%s) - $(date +%s)))
}
calendar_calls() { # calendar_calls JQ_FILTER: the fake's Calendar API requests matching it
  google_fake_requests '.' &&
    jq "[.requests[] | select(.request.url | startswith(\"/calendar/v3/\")) | $1] | length" "$WORK/google-journal"
}
expires_in
[ "$(token_calls refresh_token)" != 0 ] || { [ "$LEFT" -gt 120 ] && [ "$LEFT" -le 240 ]; } ||
  fail "after the consent the stored token expires in ${LEFT}s, expected the 240 s Google granted"
http POST "$GW/api/integrations/google/test" "$ALICE"
expect 200 "test through the gateway"
[ "$(body .ok)" = true ] || fail "test: not ok"
REFRESHES=$(token_calls refresh_token)
[ "$REFRESHES" -ge 1 ] || fail "a token expiring within 4 minutes was used without a refresh_token grant"
[ "$(calendar_calls "select(.request.headers.Authorization == \"Bearer $ACCESS\")")" = 0 ] ||
  fail "Google was called with the access token about to expire"
[ "$(calendar_calls "select(.request.url == \"/calendar/v3/users/me/calendarList\" and .request.headers.Authorization == \"Bearer $ACCESS-r\")")" -ge 1 ] ||
  fail "test did not call the calendar list with the refreshed token"
jq -e '([.requests[] | select(.request.url == "/token" and (.request.body | contains("grant_type=refresh_token"))) | .request.loggedDate] | min) as $r
  | [.requests[] | select(.request.url | startswith("/calendar/v3/")) | .request.loggedDate] | min > $r' "$WORK/google-journal" >/dev/null ||
  fail "the first Calendar API call came before the refresh"
expires_in
[ "$LEFT" -gt 420 ] && [ "$LEFT" -le 600 ] || fail "the refreshed token's stored expiry is in ${LEFT}s, expected about 600"
http POST "$GW/api/integrations/google/test" "$ALICE"
[ "$CODE" = 200 ] && [ "$(body .ok)" = true ] || fail "second test: HTTP $CODE"
[ "$(token_calls refresh_token)" = "$REFRESHES" ] || fail "a token valid for 10 more minutes was refreshed"
[ "$(calendar_calls "select(.request.url == \"/calendar/v3/users/me/calendarList\")")" -ge 2 ] || fail "the second test made no Google call"
pass "expiry in 4 min → refresh_token grant before the first Calendar call, none with the old token; expiry in ${LEFT}s → the next call without a refresh"

echo "== e2e-gcal: import over 3 pages (4 timed events; all-day, declined, running and our own skipped)"
sync_done() { http GET "$GC$STATUS_URL" "$ALICE" && [ "$CODE" = 200 ] && [ "$(body .status)" = done ]; }
sync() {
  http POST "$GW/api/integrations/google/sync" "$ALICE"
  expect 202 "POST sync through the gateway"
  STATUS_URL=$(body .statusUrl)
  eventually "sync done ($STATUS_URL)" sync_done
  jq -c .result "$WORK/body" >"$WORK/result"
}
result() { jq -r "$1" "$WORK/result"; }
entries() { # alice's entries of the last 3 days in the core, every page ($WORK/entries: {"items": […]})
  local from page=0 total
  from=$(at '-3 day')
  echo '[]' >"$WORK/entries-all"
  while :; do
    http GET "$API/time-entries?from=$from&size=500&page=$page" "$ALICE" && [ "$CODE" = 200 ] || return 1
    jq -s '.[0] + .[1].items' "$WORK/entries-all" "$WORK/body" >"$WORK/entries-next" &&
      mv "$WORK/entries-next" "$WORK/entries-all" || return 1
    total=$(jq .total "$WORK/body")
    page=$((page + 1))
    [ $((page * 500)) -lt "$total" ] || break
  done
  jq '{items: .}' "$WORK/entries-all" >"$WORK/entries"
}
with_ref() { # with_ref REF: alice's entries in the core with that external reference (after entries)
  jq -c --arg ref "$1" '[.items[] | select(.externalRef == $ref)]' "$WORK/entries"
}
window_calls() { # window_calls [PAGE_TOKEN]: full listings (timeMin, no syncToken) of the first page, or of that page
  calendar_calls "select(.request.method == \"GET\" and .request.queryParams.timeMin != null and .request.queryParams.syncToken == null
    and .request.queryParams.singleEvents.values == [\"true\"] and .request.queryParams.pageToken.values == $(jq -nc --arg t "${1:-}" 'if $t == "" then null else [$t] end'))"
}
# each_once: every timed event still in the calendar is exactly one entry of source gcal with the
# event's times and title in the core; the skipped ones are none
each_once() {
  local e entry
  entries || fail "the core did not list alice's entries"
  for e in "$@"; do
    entry=$(with_ref "gcal:$e")
    jq -e --arg s "${FROM[$e]}" --arg t "${TO[$e]}" --arg n "${TITLE[$e]}" 'length == 1 and (.[0] | .source == "gcal"
      and .billable == false and .notes == $n and (.start | fromdateiso8601) == ($s | fromdateiso8601)
      and (."end" | fromdateiso8601) == ($t | fromdateiso8601))' <<<"$entry" >/dev/null ||
      fail "event $e is not exactly one entry gcal:$e from ${FROM[$e]} to ${TO[$e]} in the core: $entry"
    ENTRY[$e]=$(jq -r '.[0].id' <<<"$entry")
  done
  for e in "$ALLDAY" "$DECLINED" "$RUNNING" "$OWN"; do
    [ "$(with_ref "gcal:$e" | jq length)" = 0 ] || fail "the skipped event $e became an entry"
  done
}
declare -A ENTRY=()
sync
[ "$(result .ok)" = true ] && [ "$(result .status)" = success ] || fail "first sync: $(cat "$WORK/result")"
[ "$(window_calls)" = 1 ] && [ "$(window_calls "window-e2e-s1-$RUN-p2")" = 1 ] && [ "$(window_calls "window-e2e-s1-$RUN-p3")" = 1 ] ||
  fail "the window was not listed once, page by page (timeMin, singleEvents=true, pageToken of the previous page)"
each_once "$E1" "$E2" "$E3" "$E4"
IMPORTED="${ENTRY[$E1]} ${ENTRY[$E2]} ${ENTRY[$E3]} ${ENTRY[$E4]}"
pass "3 pages listed once each (pageToken chained) → entries $IMPORTED in the core, one per timed event (source gcal, times and title of the event); all-day, declined, running, ours: none (run: $(cat "$WORK/result"))"

echo "== e2e-gcal: export (stopped → one event; edited → that event patched; deleted → deleted; 429 then 200 → one event)"
http POST "$API/timer/stop" "$ALICE"
google_fake_insert_refused_once "e2e-rate-limited-$RUN"
http POST "$API/timer/start" "$ALICE" "{\"projectId\": $DEMO_PROJECT_ID, \"notes\": \"e2e export $RUN\"}"
expect 201 "start a timer"
EXPORTED=$(body .id)
http POST "$API/time-entries" "$ALICE" "{\"projectId\": $DEMO_PROJECT_ID, \"start\": \"$(at '-3 hour')\", \"end\": \"$(at '-2 hour')\",
  \"notes\": \"e2e-rate-limited-$RUN\"}"
expect 201 "record finished work"
LIMITED=$(body .id)
http POST "$API/timer/stop" "$ALICE"
expect 200 "stop the timer"
inserted_once() { [ "$(google_fake_inserted "$1" | jq length)" = 1 ]; }
eventually "entry $EXPORTED exported as a Google event" inserted_once "$EXPORTED"
EVENT_BODY=$(google_fake_inserted "$EXPORTED" | jq -c '.[0]')
EVENT_ID=$(printf 'tt%010d' "$EXPORTED")
jq -e --arg id "$EVENT_ID" --arg s "e2e export $RUN" --arg e "$EXPORTED" '.id == $id and (.summary | startswith("[TT] "))
  and (.summary | endswith(" — " + $s)) and .start.timeZone == "UTC" and (.description | contains("Duration"))
  and .extendedProperties.private.timetrackerEntryId == $e' <<<"$EVENT_BODY" >/dev/null ||
  fail "exported event is not '[TT] <project> — <notes>' with id tt<entry>, our private property, UTC times and the duration: $EVENT_BODY"
pass "timer stopped → one event $EVENT_ID '$(jq -r .summary <<<"$EVENT_BODY")' with extendedProperties.private.timetrackerEntryId=$EXPORTED"

eventually "entry $LIMITED exported after Google's 429" inserted_once "$LIMITED"
LIMITED_ID=$(printf 'tt%010d' "$LIMITED")
google_fake_requests "[.requests[] | select(.request.method == \"POST\" and (.request.body | contains(\"e2e-rate-limited-$RUN\")))
  | .responseDefinition.status] | sort == [200, 429]" || fail "not one 429 then one accepted insert of entry $LIMITED"
pass "insert answered 429 rateLimitExceeded, retried → exactly one event $LIMITED_ID"

http GET "$API/time-entries/$EXPORTED" "$ALICE"
expect 200 "read the exported entry"
http PATCH "$API/time-entries/$EXPORTED" "$ALICE" "{\"notes\": \"e2e export $RUN edited\", \"version\": $(body .version)}"
expect 200 "edit the exported entry through the core"
patched() {
  google_fake_requests "[.requests[] | select(.request.method == \"PATCH\" and .request.url == \"$GOOGLE_EVENTS_PATH/$EVENT_ID\")
    | .request.body | fromjson | select(.summary | endswith(\" — e2e export $RUN edited\"))] | length == 1"
}
eventually "the edit patched event $EVENT_ID" patched
inserted_once "$EXPORTED" || fail "the edit inserted another event"
[ "$(google_fake_calls PATCH "$GOOGLE_EVENTS_PATH/$EVENT_ID")" = 1 ] || fail "event $EVENT_ID patched more than once"
pass "entry edited through the core → the same event $EVENT_ID patched once with the new title, no insert"

http DELETE "$API/time-entries/$EXPORTED" "$ALICE"
expect 204 "delete the exported entry through the core"
deleted() { [ "$(google_fake_calls DELETE "$GOOGLE_EVENTS_PATH/$EVENT_ID")" = 1 ]; }
eventually "the deletion deleted event $EVENT_ID" deleted
inserted_once "$EXPORTED" || fail "the deletion inserted an event"
EXPORTED=
pass "entry deleted through the core → event $EVENT_ID deleted at Google"

for e in $IMPORTED; do
  [ "$(google_fake_inserted "$e" | jq length)" = 0 ] || fail "the imported entry $e was exported back to Google (loop)"
done
pass "none of the imported entries exported back to Google"

echo "== e2e-gcal: changes since the sync token (moved, cancelled, our own event) — no window"
LIMITED_EVENT=$(google_fake_inserted "$LIMITED" | jq -c '.[0] + {etag: "\"1\"", status: "confirmed"}')
FROM[$E2]=$(at '-2 day 13:00') TO[$E2]=$(at '-2 day 13:30')
google_fake_events "$ACCESS" "e2e-s2-$RUN" "[$(timed "$E2" 2), {\"kind\": \"calendar#event\", \"id\": \"$E3\", \"etag\": \"\\\"2\\\"\",
  \"status\": \"cancelled\"}, $LIMITED_EVENT]" "e2e-s1-$RUN"
sync
[ "$(result .imported)" = 0 ] && [ "$(result .updated)" = 1 ] && [ "$(result .deleted)" = 1 ] && [ "$(result .conflicts)" = 0 ] ||
  fail "changes: expected 0 imported, 1 updated, 1 deleted, no conflict: $(cat "$WORK/result")"
[ "$(window_calls)" = 1 ] || fail "the changes run listed the window again"
[ "$(calendar_calls "select(.request.queryParams.syncToken.values == [\"e2e-s1-$RUN\"] and .request.queryParams.timeMin == null)")" -ge 1 ] ||
  fail "no request for the changes with syncToken e2e-s1-$RUN"
MOVED=${ENTRY[$E2]}
each_once "$E1" "$E2" "$E4"
[ "${ENTRY[$E2]}" = "$MOVED" ] || fail "the moved event's entry was replaced ($MOVED → ${ENTRY[$E2]}), not moved"
[ "$(with_ref "gcal:$E3" | jq length)" = 0 ] || fail "the cancelled event's entry is still in the core"
[ "$(with_ref "gcal:$LIMITED_ID" | jq length)" = 0 ] || fail "our own event $LIMITED_ID came back as an entry"
jq -e --argjson id "$LIMITED" '[.items[] | select(.id == $id)] | length == 1' "$WORK/entries" >/dev/null || fail "entry $LIMITED is gone"
IMPORTED="${ENTRY[$E1]} ${ENTRY[$E2]} ${ENTRY[$E4]}"
pass "syncToken e2e-s1-$RUN, no timeMin → entry $MOVED moved to ${FROM[$E2]}, gcal:$E3 deleted, our event $LIMITED_ID not imported"

echo "== e2e-gcal: 410 Gone on the sync token → the window listed again, no duplicates"
google_fake_gone "e2e-s2-$RUN"
google_fake_window_pages "$ACCESS" "e2e-s3-$RUN" "[$(timed "$E1" 3), $SKIPPED_PAGE1, $(timed "$E2" 3)]" \
  "[$SKIPPED_PAGE2_DECLINED, $LIMITED_EVENT, $SKIPPED_PAGE2_RUNNING]" "[$SKIPPED_PAGE3, $(timed "$E4" 3)]"
sync
[ "$(calendar_calls "select(.request.queryParams.syncToken.values == [\"e2e-s2-$RUN\"]) | select(.responseDefinition.status == 410)")" -ge 1 ] ||
  fail "the sync did not meet Google's 410 on e2e-s2-$RUN"
[ "$(window_calls)" = 2 ] && [ "$(window_calls "window-e2e-s3-$RUN-p2")" = 1 ] && [ "$(window_calls "window-e2e-s3-$RUN-p3")" = 1 ] ||
  fail "after the 410 the window was not listed again page by page"
[ "$(result .imported)" = 0 ] && [ "$(result .updated)" = 3 ] && [ "$(result .status)" = success ] ||
  fail "full resync: expected 0 imported, 3 updated: $(cat "$WORK/result")"
each_once "$E1" "$E2" "$E4"
[ "$IMPORTED" = "${ENTRY[$E1]} ${ENTRY[$E2]} ${ENTRY[$E4]}" ] || fail "the full resync replaced entries ($IMPORTED → ${ENTRY[*]})"
[ "$(jq --arg run "$RUN" '[.items[] | select(.source == "gcal" and (.externalRef // "" | contains($run)))] | length' "$WORK/entries")" = 3 ] ||
  fail "the core holds other gcal entries of this run than the three events"
[ "$(with_ref "gcal:$LIMITED_ID" | jq length)" = 0 ] || fail "our own event $LIMITED_ID came back as an entry"
inserted_once "$LIMITED" || fail "entry $LIMITED was exported again"
pass "410 → window listed again (3 pages), 3 entries updated in place, none added; our event not imported, not exported again"
[ "$(token_calls refresh_token)" = "$REFRESHES" ] || fail "the 10-minute token was refreshed during the syncs"
pass "no refresh during $(calendar_calls '.') Calendar calls with the 10-minute token"

echo "== e2e-gcal: no token in plaintext in the gcal database or the logs"
PGBIN=$(dirname "$(printf '%s\n' /usr/lib/postgresql/*/bin/pg_dump | sort -V | tail -1)")
export PGPASSWORD=gcal
"$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U gcal -d gcal -qAt -c "SELECT count(*) FROM gcal_connection
  WHERE active AND access_token IS NOT NULL AND refresh_token IS NOT NULL AND token_expires_at > now()" >"$WORK/stored" ||
  fail "could not query the gcal database on port $PG_PORT"
[ "$(cat "$WORK/stored")" -ge 1 ] || fail "no connection with stored tokens: the scan would prove nothing"
"$PGBIN/pg_dump" -h 127.0.0.1 -p "$PG_PORT" -U gcal -d gcal --data-only >"$WORK/gcal.sql" || fail "pg_dump of gcal failed"
unset PGPASSWORD
grep -q "e2e-$RUN" "$WORK/gcal.sql" || fail "the dump does not hold this run's connection (google subject e2e-$RUN): the scan would prove nothing"
SECRETS="e2e-access-$RUN\|e2e-refresh-$RUN"
grep -q "$SECRETS" "$WORK/gcal.sql" && fail "a Google token in plaintext in the gcal database: $(grep -o ".\{0,40\}\($SECRETS\).\{0,10\}" "$WORK/gcal.sql" | head -3)"
pass "gcal database ($(wc -c <"$WORK/gcal.sql") bytes dumped, tokens stored): no access or refresh token in plaintext"

echo "== e2e-gcal: disconnect through the gateway (revocation in the body, tokens wiped, settings kept)"
http POST "$GW/integrations/google/disconnect" "$ALICE"
expect 204 "disconnect"
google_fake_requests "[.requests[] | select(.request.url == \"/revoke\") | select(.request.body | contains(\"1%2F%2Fe2e-refresh-$RUN\") or contains(\"$REFRESH\"))] | length == 1" ||
  fail "the refresh token was not revoked in the POST body"
http GET "$GW/api/integrations/google/config" "$ALICE"
[ "$(body .secrets.refreshTokenSet)" = false ] || fail "tokens still stored after disconnect"
[ "$(body .settings.direction)" = both ] || fail "settings lost on disconnect"
pass "revoked at Google (token in the body), tokens wiped, settings kept"

echo "== e2e-gcal: connected again, Google refuses the refresh (invalid_grant) → reconnect needed, no retry"
ACCESS2="ya29"".e2e-access2-$RUN" REFRESH2="1/""/e2e-refused-$RUN"
google_fake_token_stub "e2e-code2-$RUN" "$ACCESS2" "$REFRESH2" "e2e-$RUN" "alice-e2e@gmail.test" 60
google_fake_refresh_refused "e2e-refused-$RUN"
consent
browse "$GW/integrations/google/callback?state=$STATE&code=e2e-code2-$RUN" "$ALICE"
[[ "$(location)" == *"google=connected" ]] || fail "second callback: HTTP $CODE $(location)"
refused_calls() { google_fake_requests "[.requests[] | select(.request.url == \"/token\" and (.request.body | contains(\"e2e-refused-$RUN\")))] | length == $1"; }
http POST "$GW/api/integrations/google/test" "$ALICE"
expect 200 "test through the gateway"
[ "$(body .ok)" = false ] && body .message | grep -qi 'reconnect needed' || fail "test with a refused grant does not say reconnect needed"
refused_calls 1 || fail "not exactly one refresh with the refused token"
http GET "$GW/api/integrations/google/status" "$ALICE"
expect 200 "status through the gateway"
jq -e '(.health.state | ascii_downcase) == "down" and (.health.detail | test("reconnect needed"; "i"))' "$WORK/body" >/dev/null ||
  fail "the gateway's status does not show reconnect needed"
http GET "$GC/api/integrations/google/status/details" "$ALICE"
[ "$(body .reconnectNeeded)" = true ] || fail "status details: reconnectNeeded is not true"
sync
[ "$(result .ok)" = false ] && result '.errors[0]' | grep -qi 'reconnect needed' || fail "a sync with a refused grant: $(cat "$WORK/result")"
http POST "$GW/api/integrations/google/test" "$ALICE"
[ "$(body .ok)" = false ] || fail "second test: ok"
sleep 2
refused_calls 1 || fail "the refused refresh token was tried again (retry loop)"
[ "$(calendar_calls "select(.request.headers.Authorization == \"Bearer $ACCESS2\")")" = 0 ] || fail "Google was called with the expiring token"
pass "invalid_grant → test says reconnect needed, gateway status down 'reconnect needed', sync failed without a call; the refresh tried once only"

echo "== e2e-gcal: no token in plaintext in the logs"
LOGS=("$GCAL_LOG" "$TT_HOME/logs/integration-gateway.log")
[ "$(grep -c "Google refused the refresh token of connection" "$GCAL_LOG")" -gt "${REFUSALS_LOGGED:-0}" ] ||
  fail "$GCAL_LOG does not log this run's refused refresh: the scan would prove nothing"
SECRETS="e2e-access-$RUN\|e2e-refresh-$RUN\|e2e-access2-$RUN\|e2e-refused-$RUN"
for log in "${LOGS[@]}"; do
  [ -f "$log" ] || continue
  grep -q "$SECRETS" "$log" && fail "a Google token in plaintext in $log: $(grep -o ".\{0,40\}\($SECRETS\).\{0,10\}" "$log" | head -3)"
done
pass "no access or refresh token in $(for log in "${LOGS[@]}"; do [ -f "$log" ] && printf '%s (%s lines) ' "${log##*/}" "$(wc -l <"$log")"; done)"

http POST "$GW/integrations/google/disconnect" "$ALICE"
expect 204 "disconnect at the end"
GOOGLE_CONNECTED=

echo "e2e-gcal: $CHECKS checks passed in $(($(date +%s) - T0))s"
