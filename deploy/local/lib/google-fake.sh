# shellcheck shell=bash
# Google played by the end-to-end scripts (e2e-gcal.sh, e2e-scenario.sh): a WireMock standalone
# answering Google's OAuth 2.0 endpoints (token: code exchange and refresh, revoke) and the Calendar
# API v3 with Google's JSON shapes (docs/connectors/google-calendar.md), and connector-gcal of the
# running stack restarted against it and back.
#
# The caller defines WORK (a scratch folder), ROOT (the clone) and fail MESSAGE (exits). Typical use:
#   . "$ROOT/deploy/local/lib/google-fake.sh"
#   google_fake_start                      # WireMock on TT_E2E_GCAL_FAKE_PORT: its URL is GOOGLE_FAKE
#   google_fake_attach_gcal                # connector-gcal now talks to it (demo OAuth client)
#   google_fake_token_stub CODE ACCESS REFRESH SUB EMAIL [EXPIRES_IN]
#   google_fake_refresh_stub NEEDLE ACCESS EXPIRES_IN   # or google_fake_refresh_refused NEEDLE
#   google_fake_calendar_stubs ACCESS      # calendar list, insert/patch/delete echo, empty events list
#   google_fake_events ACCESS SYNC_TOKEN ITEMS_JSON [AFTER_SYNC_TOKEN]
#   google_fake_window_pages ACCESS NEXT_SYNC_TOKEN PAGE1_JSON PAGE2_JSON ...  # pages in a scenario
#   google_fake_gone SYNC_TOKEN            # 410 fullSyncRequired for that sync token
#   google_fake_insert_refused_once NEEDLE # an insert containing NEEDLE: 429 rateLimitExceeded, then accepted
#   google_fake_duplicates_refused STOP &  # from now on an insert of an id already inserted: 409 (a loop)
#   google_fake_requests JQ                # the fake's journal ($WORK/google-journal) satisfies JQ
#   google_fake_inserted ENTRY_ID          # the events inserted with our private property for that entry
#   google_fake_calls METHOD PATH [STATUS] # how many such requests the fake answered (with STATUS)
#   google_fake_stop                       # in the caller's cleanup: detaches connector-gcal too

# shellcheck source=wiremock.sh
. "$ROOT/deploy/local/lib/wiremock.sh"

# default: connector-gcal's port + 15 (8098 on the default ports), so stacks on other port blocks do not collide
GOOGLE_FAKE_PORT=${TT_E2E_GCAL_FAKE_PORT:-$((${TT_PORT_CONNECTOR_GCAL:-8083} + 15))}
GOOGLE_FAKE="http://127.0.0.1:$GOOGLE_FAKE_PORT"
GOOGLE_EVENTS_PATH=/calendar/v3/calendars/primary/events

google_fake_start() {
  wiremock_start "$GOOGLE_FAKE_PORT" "$WORK/google-fake" "$WORK/google-fake.log" ||
    fail "WireMock Google on $GOOGLE_FAKE did not start (set TT_E2E_GCAL_FAKE_PORT if the port is taken)"
  GOOGLE_FAKE_PID=$WIREMOCK_PID
}

# Restarts connector-gcal of the running stack (./tt up, same TT_HOME and TT_SERVICES) with every
# Google URL on the fake (TT_GCAL_FAKE_URL, deploy/local/env/connector-gcal.env), or, with an empty
# argument, back on Google's real URLs.
google_fake_restart_gcal() {
  (TT_ROOT=$ROOT && . "$ROOT/deploy/local/lib/common.sh" && stop_group connector-gcal 30) ||
    fail "could not stop connector-gcal"
  TT_GCAL_FAKE_URL=${1:-} "$ROOT/tt" up >"$WORK/google-fake-up.log" 2>&1 || {
    cat "$WORK/google-fake-up.log"
    fail "./tt up did not restart connector-gcal"
  }
}
# Points connector-gcal at the fake; no restart when it already runs against this fake's URL.
google_fake_attach_gcal() {
  local pid
  GOOGLE_FAKE_ATTACHED=1
  pid=$(head -1 "$TT_HOME/run/connector-gcal.pid" 2>/dev/null)
  if [ -n "$pid" ] && tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qx "GCAL_API_URL=$GOOGLE_FAKE/calendar/v3"; then
    return 0
  fi
  google_fake_restart_gcal "$GOOGLE_FAKE"
}

# Stops the fake and restarts connector-gcal on Google's URLs, unless TT_E2E_GCAL_RESTORE=0 (e2e.sh
# sets it when it stops the whole stack afterwards anyway).
google_fake_stop() {
  [ -n "${GOOGLE_FAKE_PID:-}" ] && kill "$GOOGLE_FAKE_PID" 2>/dev/null && wait "$GOOGLE_FAKE_PID" 2>/dev/null
  GOOGLE_FAKE_PID=
  if [ "${GOOGLE_FAKE_ATTACHED:-}" = 1 ] && [ "${TT_E2E_GCAL_RESTORE:-1}" != 0 ]; then
    GOOGLE_FAKE_ATTACHED=
    google_fake_restart_gcal ""
  fi
}

# google_fake_stub JSON: adds a WireMock mapping
google_fake_stub() {
  curl -sf -o /dev/null --max-time 10 -X POST -H 'Content-Type: application/json' --data "$1" \
    "$GOOGLE_FAKE/__admin/mappings" || fail "WireMock Google refused a stub: $1"
}

# google_fake_requests JQ: the journal of every request the fake got ($WORK/google-journal) satisfies JQ
google_fake_requests() {
  curl -sf --max-time 10 "$GOOGLE_FAKE/__admin/requests" >"$WORK/google-journal" &&
    jq -e "$1" "$WORK/google-journal" >/dev/null
}

# google_fake_token_stub CODE ACCESS REFRESH SUB EMAIL [EXPIRES_IN]: the authorization-code exchange
# answers tokens (the access token valid EXPIRES_IN seconds, default 3599) only for that code, with a
# PKCE verifier of RFC 7636's alphabet and length (whether it matches the consent's S256 challenge:
# google_fake_verifier_matches); every refresh_token grant answers a fresh ACCESS-r token
# (google_fake_refresh_stub and google_fake_refresh_refused answer one refresh token otherwise).
google_fake_token_stub() {
  local code=$1 access=$2 refresh=$3 sub=$4 email=$5 expires=${6:-3599} id_token
  id_token="e30.$(jq -nc --arg s "$sub" --arg e "$email" '{sub: $s, email: $e}' | base64 -w0 | tr '+/' '-_' | tr -d '=').c2ln"
  google_fake_stub "$(jq -nc --arg code "$code" --arg a "$access" --arg r "$refresh" --arg id "$id_token" --argjson exp "$expires" '
    {request: {method: "POST", urlPath: "/token", bodyPatterns: [
       {contains: "grant_type=authorization_code"}, {contains: "code=\($code)"},
       {matches: ".*code_verifier=[A-Za-z0-9._~-]{43,128}(&.*)?$"}]},
     response: {status: 200, headers: {"Content-Type": "application/json"},
       jsonBody: {access_token: $a, expires_in: $exp, refresh_token: $r, token_type: "Bearer",
         scope: "https://www.googleapis.com/auth/calendar.events openid", id_token: $id}}}')"
  google_fake_stub "$(jq -nc --arg a "$access" '
    {request: {method: "POST", urlPath: "/token", bodyPatterns: [{contains: "grant_type=refresh_token"}]},
     response: {status: 200, headers: {"Content-Type": "application/json"},
       jsonBody: {access_token: "\($a)-r", expires_in: 3599, token_type: "Bearer",
         scope: "https://www.googleapis.com/auth/calendar.events"}}}')"
  google_fake_stub '{"request": {"method": "POST", "urlPath": "/revoke"}, "response": {"status": 200}}'
}

# google_fake_verifier_matches CHALLENGE: the code_verifier of the (only) code exchange the fake got
# hashes (S256) to CHALLENGE
google_fake_verifier_matches() {
  local verifier
  google_fake_requests '[.requests[] | select(.request.url == "/token" and (.request.body | contains("grant_type=authorization_code")))]
    | length == 1' || return 1
  verifier=$(jq -r '.requests[] | select(.request.url == "/token" and (.request.body | contains("grant_type=authorization_code")))
    | .request.body' "$WORK/google-journal" |
    tr '&' '\n' | sed -n 's/^code_verifier=//p')
  [ -n "$verifier" ] &&
    [ "$(printf '%s' "$verifier" | openssl dgst -sha256 -binary | base64 -w0 | tr '+/' '-_' | tr -d '=')" = "$1" ]
}

# google_fake_calendar_stubs ACCESS: for requests with that bearer (or its refreshed ACCESS-r):
# the calendar list, inserts and patches answered with the event (id, etag, status added), deletes
# 204, and an empty events list with a sync token (google_fake_events replaces it)
google_fake_calendar_stubs() {
  local auth
  auth=$(jq -nc --arg a "$1" '{Authorization: {matches: "Bearer \($a)(-r)?"}}')
  google_fake_stub "$(jq -nc --argjson h "$auth" '
    {request: {method: "GET", urlPath: "/calendar/v3/users/me/calendarList", headers: $h},
     response: {status: 200, headers: {"Content-Type": "application/json"}, jsonBody: {kind: "calendar#calendarList",
       items: [{kind: "calendar#calendarListEntry", id: "primary", summary: "E2E", primary: true, accessRole: "owner"}]}}}')"
  # an insert answers the event it got (it carries our id); a patch the event's id and a new etag
  google_fake_stub "$(jq -nc --argjson h "$auth" --arg p "$GOOGLE_EVENTS_PATH" '
    {request: {method: "POST", urlPath: $p, headers: $h},
     response: {status: 200, headers: {"Content-Type": "application/json"}, transformers: ["response-template"],
       body: "{{{request.body}}}"}}')"
  google_fake_stub "$(jq -nc --argjson h "$auth" --arg p "$GOOGLE_EVENTS_PATH/[a-v0-9]+" '
    {request: {method: "PATCH", urlPathPattern: $p, headers: $h},
     response: {status: 200, headers: {"Content-Type": "application/json"}, transformers: ["response-template"],
       body: "{\"kind\": \"calendar#event\", \"id\": \"{{request.pathSegments.[5]}}\", \"etag\": \"\\\"2\\\"\", \"status\": \"confirmed\"}"}}')"
  google_fake_stub "$(jq -nc --argjson h "$auth" --arg p "$GOOGLE_EVENTS_PATH/[a-v0-9]+" '
    {request: {method: "DELETE", urlPathPattern: $p, headers: $h}, response: {status: 204}}')"
  google_fake_events "$1" "empty-sync-token" '[]'
}

# google_fake_events ACCESS NEXT_SYNC_TOKEN ITEMS_JSON [SYNC_TOKEN]: the events list (one page)
# Google answers; with SYNC_TOKEN only to the incremental request carrying that syncToken.
google_fake_events() {
  local query='{}' priority=5
  [ -n "${4:-}" ] && query=$(jq -nc --arg t "$4" '{syncToken: {equalTo: $t}}') && priority=1
  google_fake_stub "$(jq -nc --arg a "$1" --arg next "$2" --argjson items "$3" --argjson q "$query" \
    --argjson prio "$priority" --arg p "$GOOGLE_EVENTS_PATH" '
    {priority: $prio,
     request: {method: "GET", urlPath: $p, queryParameters: $q, headers: {Authorization: {matches: "Bearer \($a)(-r)?"}}},
     response: {status: 200, headers: {"Content-Type": "application/json"},
       jsonBody: {kind: "calendar#events", summary: "E2E", timeZone: "UTC", nextSyncToken: $next, items: $items}}}')"
}

# google_fake_event ID SUMMARY START END [ENTRY_ID]: one timed event as Google lists it; with
# ENTRY_ID it carries our private property (an event we exported)
google_fake_event() {
  jq -nc --arg id "$1" --arg s "$2" --arg from "$3" --arg to "$4" --arg entry "${5:-}" '
    {kind: "calendar#event", id: $id, etag: "\"1\"", status: "confirmed", summary: $s,
     updated: $from, start: {dateTime: $from}, "end": {dateTime: $to}}
    + (if $entry == "" then {} else {extendedProperties: {private: {timetrackerEntryId: $entry}}} end)'
}

# google_fake_inserted ENTRY_ID: the event bodies inserted for that entry (inserts the fake accepted;
# a refused one made no event), a JSON array ($WORK/google-journal)
google_fake_inserted() {
  google_fake_requests '.' || return 1
  jq -c --arg e "$1" --arg p "$GOOGLE_EVENTS_PATH" '[.requests[] | select(.request.method == "POST" and .request.url == $p
    and .responseDefinition.status < 300)
    | .request.body | fromjson | select(.extendedProperties.private.timetrackerEntryId == $e)]' "$WORK/google-journal"
}

# google_fake_refresh_stub NEEDLE ACCESS EXPIRES_IN: a refresh_token grant whose form body contains
# NEEDLE (a unique part of the refresh token) answers ACCESS valid EXPIRES_IN seconds
google_fake_refresh_stub() {
  google_fake_stub "$(jq -nc --arg n "$1" --arg a "$2" --argjson exp "$3" '
    {priority: 1, request: {method: "POST", urlPath: "/token", bodyPatterns: [
       {contains: "grant_type=refresh_token"}, {contains: $n}]},
     response: {status: 200, headers: {"Content-Type": "application/json"},
       jsonBody: {access_token: $a, expires_in: $exp, token_type: "Bearer",
         scope: "https://www.googleapis.com/auth/calendar.events"}}}')"
}

# google_fake_refresh_refused NEEDLE: a refresh_token grant whose form body contains NEEDLE answers
# Google's 400 invalid_grant (the person revoked the access, or the token expired)
google_fake_refresh_refused() {
  google_fake_stub "$(jq -nc --arg n "$1" '
    {priority: 1, request: {method: "POST", urlPath: "/token", bodyPatterns: [
       {contains: "grant_type=refresh_token"}, {contains: $n}]},
     response: {status: 400, headers: {"Content-Type": "application/json; charset=utf-8"},
       jsonBody: {error: "invalid_grant", error_description: "Token has been expired or revoked."}}}')"
}

# google_fake_window_pages ACCESS NEXT_SYNC_TOKEN PAGE_JSON...: the full window listing (timeMin, no
# syncToken) in as many pages as given (each a JSON array of events), in the WireMock scenario
# "window": page 1 (no pageToken) moves it to page 2, whose request must carry page 1's
# nextPageToken, and so on; the last page answers NEXT_SYNC_TOKEN and puts the scenario back to its
# start for the next full listing. A page asked out of order or twice is not served (the empty
# listing of google_fake_calendar_stubs answers instead, and the journal shows it). Newer calls
# replace older pages.
google_fake_window_pages() {
  local access=$1 next=$2 n i state to page_token
  shift 2
  n=$#
  for ((i = 1; i <= n; i++)); do
    state=Started && [ "$i" -gt 1 ] && state="page-$i"
    to="page-$((i + 1))" && [ "$i" = "$n" ] && to=Started
    page_token=$([ "$i" -gt 1 ] && echo "window-$next-p$i")
    google_fake_stub "$(jq -nc --arg a "$access" --arg p "$GOOGLE_EVENTS_PATH" --arg state "$state" --arg to "$to" \
      --arg token "$page_token" --arg nextPage "$([ "$i" -lt "$n" ] && echo "window-$next-p$((i + 1))")" \
      --arg nextSync "$([ "$i" = "$n" ] && echo "$next")" --argjson items "$1" '
      {priority: 2, scenarioName: "window", requiredScenarioState: $state, newScenarioState: $to,
       request: {method: "GET", urlPath: $p, headers: {Authorization: {matches: "Bearer \($a)(-r)?"}},
         queryParameters: ({timeMin: {matches: ".+"}, syncToken: {absent: true}}
           + (if $token == "" then {pageToken: {absent: true}} else {pageToken: {equalTo: $token}} end))},
       response: {status: 200, headers: {"Content-Type": "application/json"},
         jsonBody: ({kind: "calendar#events", summary: "E2E", timeZone: "UTC", items: $items}
           + (if $nextPage != "" then {nextPageToken: $nextPage} else {nextSyncToken: $nextSync} end))}}')"
    shift
  done
}

# google_fake_gone SYNC_TOKEN: the changes since that sync token answer Google's 410 (the token
# expired: a full sync is required)
google_fake_gone() {
  google_fake_stub "$(jq -nc --arg t "$1" --arg p "$GOOGLE_EVENTS_PATH" '
    {priority: 1, request: {method: "GET", urlPath: $p, queryParameters: {syncToken: {equalTo: $t}}},
     response: {status: 410, headers: {"Content-Type": "application/json; charset=UTF-8"},
       jsonBody: {error: {errors: [{domain: "global", reason: "fullSyncRequired",
         message: "Sync token is no longer valid, a full sync is required."}], code: 410,
         message: "Sync token is no longer valid, a full sync is required."}}}}')"
}

# google_fake_insert_refused_once NEEDLE: the first insert whose body contains NEEDLE (e.g. the
# entry's notes, known before the entry exists) answers Google's 429 rateLimitExceeded (WireMock
# scenario "insert-NEEDLE"), the next ones go through
google_fake_insert_refused_once() {
  google_fake_stub "$(jq -nc --arg p "$GOOGLE_EVENTS_PATH" --arg n "$1" '
    {priority: 1, scenarioName: "insert-\($n)", requiredScenarioState: "Started", newScenarioState: "refused",
     request: {method: "POST", urlPath: $p, bodyPatterns: [{contains: $n}]},
     response: {status: 429, headers: {"Content-Type": "application/json; charset=UTF-8"},
       jsonBody: {error: {errors: [{domain: "usageLimits", reason: "rateLimitExceeded", message: "Rate Limit Exceeded"}],
         code: 429, message: "Rate Limit Exceeded"}}}}')"
  google_fake_stub "$(jq -nc --arg p "$GOOGLE_EVENTS_PATH" --arg n "$1" '
    {priority: 1, scenarioName: "insert-\($n)", requiredScenarioState: "refused",
     request: {method: "POST", urlPath: $p, bodyPatterns: [{contains: $n}]},
     response: {status: 200, headers: {"Content-Type": "application/json"}, transformers: ["response-template"],
       body: "{{{request.body}}}"}}')"
}

# google_fake_calls METHOD PATH [STATUS]: how many METHOD requests to PATH (without its query) the
# fake answered, with STATUS when given ($WORK/google-journal)
google_fake_calls() {
  google_fake_requests '.' || { echo -1; return 1; }
  jq --arg m "$1" --arg p "$2" --arg s "${3:-}" '[.requests[] | select(.request.method == $m
    and (.request.url | split("?")[0]) == $p and ($s == "" or (.responseDefinition.status | tostring) == $s))] | length' \
    "$WORK/google-journal"
}

# google_fake_duplicates_refused STOP_FILE: Google answers an insert whose event id it already has
# 409 duplicate (connector-gcal then patches that event); WireMock keeps no such state, so this loop
# (run it in the background; it ends when STOP_FILE exists) reads the journal every second and gives
# the id of each insert the fake accepted since a 409 mapping. An insert repeated within that second
# is still accepted (an export retried after a lost answer comes back after seconds of backoff).
google_fake_duplicates_refused() {
  local since now seen="$WORK/google-fake-ids"
  : >"$seen"
  since=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  while [ ! -f "$1" ]; do
    now=$(date -u -d '-2 sec' +%Y-%m-%dT%H:%M:%SZ) # (overlapping: ids already seen are skipped)
    curl -s --max-time 10 "$GOOGLE_FAKE/__admin/requests?since=$since&limit=100000" |
      jq -r --arg p "$GOOGLE_EVENTS_PATH" '.requests[]? | select(.request.method == "POST"
        and (.request.url | split("?")[0]) == $p and .response.status < 300) | .request.body | fromjson | .id // empty' |
      sort -u | comm -23 - "$seen" >"$seen.new"
    if [ -s "$seen.new" ]; then
      jq -R . "$seen.new" | jq -sc --arg p "$GOOGLE_EVENTS_PATH" '{importOptions: {duplicatePolicy: "IGNORE"},
        mappings: map({priority: 2, request: {method: "POST", urlPath: $p,
            bodyPatterns: [{matchesJsonPath: {expression: "$.id", equalTo: .}}]},
          response: {status: 409, headers: {"Content-Type": "application/json; charset=UTF-8"},
            jsonBody: {error: {errors: [{domain: "global", reason: "duplicate",
              message: "The requested identifier already exists."}], code: 409,
              message: "The requested identifier already exists."}}}})}' |
        curl -sf -o /dev/null --max-time 10 -X POST --data-binary @- "$GOOGLE_FAKE/__admin/mappings/import" &&
        sort -u -o "$seen" "$seen" "$seen.new"
    fi
    since=$now
    sleep 1
  done
}
