#!/usr/bin/env bash
# End-to-end acceptance of connector-github (issue 4) against the REAL local stack: Keycloak tokens,
# the real timer-service, the connector on its own port. GitHub itself is played by this script:
# deliveries in GitHub's format, with the headers GitHub sends, signed with the connection's secret
# (openssl dgst -sha256 -hmac), posted to the connector's webhook.
#
# Needs a running stack with connector-github (./tt up) and its demo data ($TT_HOME/demo.env).
# Called by e2e.sh after its timer flow; runs alone too: deploy/local/e2e-github.sh
# Exit code non-zero with a message at the first failed check. Cleans up its connections and timers.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export TT_HOME=${TT_HOME:-$ROOT/.tt}
KEYCLOAK_PORT=${TT_KEYCLOAK_PORT:-8180}
TIMER_PORT=${TT_PORT_TIMER_SERVICE:-8081}
GITHUB_PORT=${TT_PORT_CONNECTOR_GITHUB:-8082}
TOKEN_URL="http://127.0.0.1:$KEYCLOAK_PORT/realms/timetracker/protocol/openid-connect/token"
API="http://127.0.0.1:$TIMER_PORT/api/v1"
GH="http://127.0.0.1:$GITHUB_PORT/api/integrations/github"
WAIT_S=${TT_E2E_GITHUB_WAIT:-40}

WORK=$(mktemp -d)
CHECKS=0
CONNECTIONS=()
trap 'cleanup' EXIT

fail() {
  echo
  echo "E2E GITHUB FAILED: $*" >&2
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

# payload, sign, deliver: GitHub as the connector sees it
# shellcheck source=lib/github-fake.sh
. "$ROOT/deploy/local/lib/github-fake.sh"

new_id() { cat /proc/sys/kernel/random/uuid; }

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

task_of() { # task_of TOKEN REF: the task JSON with that external ref in the demo project, into $WORK/task
  http GET "$API/tasks?projectId=$DEMO_PROJECT_ID" "$1"
  [ "$CODE" = 200 ] || return 1
  jq -e --arg ref "$2" 'map(select(.externalRef == $ref))' <"$WORK/body" >"$WORK/tasks" || return 1
  jq -e 'length == 1' "$WORK/tasks" >/dev/null || return 1
  jq '.[0]' "$WORK/tasks" >"$WORK/task"
}
task_is() { task_of "$1" "$2" && jq -e "$3" "$WORK/task" >/dev/null; }
timer_is() { http GET "$API/timer" "$1" && [ "$CODE" = 200 ] && jq -e "$2" "$WORK/body" >/dev/null; }
all_done() { # all_done CONNECTION TOKEN: every stored delivery of the connection is done (all pages)
  local page=0
  while :; do
    http GET "$GH/connections/$1/deliveries?size=100&page=$page" "$2"
    [ "$CODE" = 200 ] && jq -e '.items | all(.status == "done")' "$WORK/body" >/dev/null || return 1
    [ "$(body .hasMore)" = true ] || break
    page=$((page + 1))
  done
  [ "$page" -gt 0 ] || [ "$(body '.items | length')" -gt 0 ]
}

cleanup() {
  local rc=$? c
  for c in "${CONNECTIONS[@]}"; do
    curl -s -o /dev/null --max-time 10 -X DELETE -H "Authorization: Bearer ${c#*:}" "$GH/connections/${c%%:*}" || true
  done
  [ -n "${ALICE:-}" ] && curl -s -o /dev/null --max-time 10 -X POST -H "Authorization: Bearer $ALICE" "$API/timer/stop"
  github_fake_stop
  if [ "${GH_FAKED:-}" = 1 ]; then # leave the stack's connector on the real GitHub URL
    github_restart_connector "" >/dev/null 2>&1
  fi
  rm -rf "$WORK"
  exit $rc
}

[ -f "$TT_HOME/demo.env" ] || fail "no $TT_HOME/demo.env: run ./tt up first"
# shellcheck disable=SC1091
. "$TT_HOME/demo.env"
curl -sf -o /dev/null --max-time 5 "http://127.0.0.1:$GITHUB_PORT/q/health/ready" ||
  fail "connector-github is not ready on port $GITHUB_PORT (./tt status, ./tt logs connector-github)"

echo "== e2e-github: tokens, GitHub logins"
ALICE=$(user_token alice) || exit 1
BOB=$(user_token bob) || exit 1
ADMIN=$(user_token admin) || exit 1
RUN=$(date +%s)
http PATCH "$API/users/$DEMO_ALICE_ID" "$ADMIN" '{"githubUsername":"tt-alice"}'
expect 200 "admin links alice to GitHub login tt-alice"
http PATCH "$API/users/$DEMO_BOB_ID" "$ADMIN" '{"githubUsername":"tt-bob"}'
expect 200 "admin links bob to GitHub login tt-bob"
http POST "$API/timer/stop" "$ALICE"
http POST "$API/timer/stop" "$BOB"
pass "alice = tt-alice, bob = tt-bob, no timers running"

echo "== e2e-github: connection (secret shown once)"
REPO="octo-e2e/app-$RUN"
http POST "$GH/connections" "$ALICE" \
  "{\"repository\":\"$REPO\",\"defaultProjectId\":$DEMO_PROJECT_ID,\"autoStart\":true,\"stopOnUnassign\":true}"
expect 201 "alice creates a connection to $REPO"
CID=$(body .connection.id)
SECRET=$(body .webhookSecret)
CONNECTIONS+=("$CID:$ALICE")
[ ${#SECRET} = 43 ] || fail "webhook secret has ${#SECRET} characters, expected 43"
[[ "$(body .webhookUrl)" == */api/integrations/github/webhook/$CID ]] || fail "webhook URL $(body .webhookUrl)"
HOOK="$GH/webhook/$CID"
http GET "$GH/connections/$CID/config" "$ALICE"
expect 200 "GET config"
grep -q -- "$SECRET" "$WORK/body" && fail "GET config shows the webhook secret"
[ "$(body .secrets.webhookSecretSet)" = true ] || fail "config: webhookSecretSet is not true"
pass "201 with a 43-character secret and $(body .settings.webhookUrl); config shows only webhookSecretSet"

echo "== e2e-github: signatures"
payload "$WORK/ping.json" opened "$REPO" 99 "ping"
jq -c '{zen: "Design for failure.", hook_id: 1, repository: .repository}' "$WORK/ping.json" >"$WORK/ping2.json"
deliver "$HOOK" ping "$(new_id)" "$WORK/ping2.json" "$(sign "$SECRET" "$WORK/ping2.json")"
expect 200 "signed ping"
payload "$WORK/push.json" opened "$REPO" 98 "push"
deliver "$HOOK" push "$(new_id)" "$WORK/push.json" "$(sign "$SECRET" "$WORK/push.json")"
expect 202 "signed push"
[ "$(body .status)" = ignored ] || fail "push: status $(body .status), expected ignored"
pass "ping → 200, push → 202 ignored"

payload "$WORK/bad.json" opened "$REPO" 97 "Unsigned"
deliver "$HOOK" issues "$(new_id)" "$WORK/bad.json" "$(sign "wrong-secret" "$WORK/bad.json")"
expect 401 "wrong secret"
deliver "$HOOK" issues "$(new_id)" "$WORK/bad.json" ""
expect 401 "missing signature"
deliver "$HOOK" issues "$(new_id)" "$WORK/bad.json" "sha256=not-hex"
expect 401 "malformed signature"
SIG=$(sign "$SECRET" "$WORK/bad.json")
deliver "$HOOK" issues "$(new_id)" "$WORK/bad.json" "${SIG#sha256=}"
expect 401 "signature without sha256="
http GET "$GH/connections/$CID/deliveries" "$ALICE"
[ "$(body '.items | length')" = 0 ] || fail "rejected deliveries were stored: $(body '.items | length')"
pass "wrong secret, missing, malformed, no sha256= → 401, nothing stored"

echo "== e2e-github: opened → task, redelivery → no second task"
REF="github:$REPO#1"
OPENED=$(new_id)
payload "$WORK/opened.json" opened "$REPO" 1 "Checkout fails on Safari" "" '["Enhancement","bug"]'
deliver "$HOOK" issues "$OPENED" "$WORK/opened.json" "$(sign "$SECRET" "$WORK/opened.json")"
expect 202 "opened"
eventually "task $REF created" task_is "$ALICE" "$REF" '.status == "todo" and .priority == "medium" and .externalSource == "github"'
TASK=$(jq -r .id "$WORK/task")
pass "opened → task $TASK ($REF), todo, priority medium (first known label Enhancement)"
deliver "$HOOK" issues "$OPENED" "$WORK/opened.json" "$(sign "$SECRET" "$WORK/opened.json")"
expect 202 "the same delivery again"
[ "$(body .status)" = duplicate ] || fail "redelivery: status $(body .status), expected duplicate"
eventually "deliveries processed" all_done "$CID" "$ALICE"
task_of "$ALICE" "$REF" || fail "after the redelivery there is not exactly one task $REF"
pass "same X-GitHub-Delivery again → 202 duplicate, still one task"

echo "== e2e-github: assigned (owner's login) → running timer linked to the task"
payload "$WORK/assigned.json" assigned "$REPO" 1 "Checkout fails on Safari" tt-alice '["Enhancement","bug"]'
deliver "$HOOK" issues "$(new_id)" "$WORK/assigned.json" "$(sign "$SECRET" "$WORK/assigned.json")" lower
expect 202 "assigned (lower-case header names)"
eventually "alice's timer runs on task $TASK" timer_is "$ALICE" \
  ".running and .entry.taskId == $TASK and .entry.source == \"github\" and .entry.notes == \"GitHub issue #1: Checkout fails on Safari\""
pass "assigned → timer running on task $TASK, source github, notes 'GitHub issue #1: …' (lower-case headers)"

echo "== e2e-github: a login without a connection to this repository starts nothing"
payload "$WORK/assigned-bob.json" assigned "$REPO" 1 "Checkout fails on Safari" tt-bob
deliver "$HOOK" issues "$(new_id)" "$WORK/assigned-bob.json" "$(sign "$SECRET" "$WORK/assigned-bob.json")"
expect 202 "assigned to tt-bob"
eventually "deliveries processed" all_done "$CID" "$ALICE"
timer_is "$BOB" '.running == false' || fail "bob's timer was started by alice's repository"
pass "assigned to tt-bob (no connection to $REPO) → bob has no timer"

echo "== e2e-github: closed → done with completedAt, reopened → todo"
payload "$WORK/closed.json" closed "$REPO" 1 "Checkout fails on Safari"
deliver "$HOOK" issues "$(new_id)" "$WORK/closed.json" "$(sign "$SECRET" "$WORK/closed.json")"
expect 202 "closed"
eventually "task done" task_is "$ALICE" "$REF" '.status == "done" and .completedAt != null'
pass "closed → task done, completedAt $(jq -r .completedAt "$WORK/task")"
payload "$WORK/reopened.json" reopened "$REPO" 1 "Checkout fails on Safari"
deliver "$HOOK" issues "$(new_id)" "$WORK/reopened.json" "$(sign "$SECRET" "$WORK/reopened.json")"
expect 202 "reopened"
eventually "task todo again" task_is "$ALICE" "$REF" '.status == "todo" and .completedAt == null'
pass "reopened → todo"

echo "== e2e-github: same issue number in another user's repository"
REPO_B="octo-e2e/other-$RUN"
http POST "$GH/connections" "$BOB" "{\"repository\":\"$REPO_B\",\"defaultProjectId\":$DEMO_PROJECT_ID}"
expect 201 "bob creates a connection to $REPO_B"
CID_B=$(body .connection.id)
SECRET_B=$(body .webhookSecret)
CONNECTIONS+=("$CID_B:$BOB")
payload "$WORK/opened-b.json" opened "$REPO_B" 1 "Bob's issue one"
deliver "$GH/webhook/$CID_B" issues "$(new_id)" "$WORK/opened-b.json" "$(sign "$SECRET_B" "$WORK/opened-b.json")"
expect 202 "bob's opened #1"
eventually "bob's task" task_is "$BOB" "github:$REPO_B#1" '.status == "todo"'
payload "$WORK/closed-b.json" closed "$REPO_B" 1 "Bob's issue one"
deliver "$GH/webhook/$CID_B" issues "$(new_id)" "$WORK/closed-b.json" "$(sign "$SECRET_B" "$WORK/closed-b.json")"
expect 202 "bob's closed #1"
eventually "bob's task done" task_is "$BOB" "github:$REPO_B#1" '.status == "done"'
task_is "$ALICE" "$REF" '.status == "todo"' || fail "closing bob's #1 changed alice's #1"
pass "#1 in two repositories → two tasks; closing bob's leaves alice's todo"

if [ "${TT_E2E_GITHUB_OUTAGE:-1}" = 1 ]; then
  echo "== e2e-github: timer-service down while 100 deliveries arrive"
  # stops the stack's own timer-service by its PID file (tt's stop_group), ./tt up restarts it
  (TT_ROOT=$ROOT; . "$ROOT/deploy/local/lib/common.sh" && stop_group timer-service 30) ||
    fail "could not stop timer-service"
  curl -sf -o /dev/null --max-time 3 "http://127.0.0.1:$TIMER_PORT/q/health/ready" && fail "timer-service still answers"
  for n in $(seq 101 200); do
    payload "$WORK/outage.json" opened "$REPO" "$n" "Outage issue $n"
    deliver "$HOOK" issues "$(new_id)" "$WORK/outage.json" "$(sign "$SECRET" "$WORK/outage.json")"
    expect 202 "delivery $n while timer-service is down"
  done
  pass "100 deliveries acknowledged (202) while timer-service is down"
  "$ROOT/tt" up >"$WORK/up.log" 2>&1 || { cat "$WORK/up.log"; fail "./tt up did not bring timer-service back"; }
  WAIT_S=${TT_E2E_GITHUB_OUTAGE_WAIT:-180}
  eventually "all deliveries processed after the outage" all_done "$CID" "$ALICE"
  http GET "$API/tasks?projectId=$DEMO_PROJECT_ID" "$ALICE"
  expect 200 "tasks after the outage"
  COUNT=$(jq --arg p "github:$REPO#" '[.[] | select(.externalRef | startswith($p)) | select((.externalRef | split("#")[1] | tonumber) > 100)] | length' "$WORK/body")
  UNIQUE=$(jq --arg p "github:$REPO#" '[.[] | select(.externalRef | startswith($p)) | .externalRef] | unique | length' "$WORK/body")
  ALL=$(jq --arg p "github:$REPO#" '[.[] | select(.externalRef | startswith($p))] | length' "$WORK/body")
  [ "$COUNT" = 100 ] || fail "after the outage: $COUNT tasks of issues 101-200, expected 100"
  [ "$UNIQUE" = "$ALL" ] || fail "after the outage: duplicate tasks ($ALL tasks, $UNIQUE refs)"
  pass "timer-service back → all 100 processed, 100 tasks, no duplicates"
fi

eventually "every delivery of alice's connection processed" all_done "$CID" "$ALICE"
pass "delivery log: every stored delivery done"

# restart_github [GITHUB_API_URL]: connector-github against another GitHub API (empty: the default)
restart_github() {
  github_restart_connector "${1:-}" || fail "./tt up did not restart connector-github"
  GH_FAKED=${1:+1}
}

if [ "${TT_E2E_GITHUB_SYNC:-1}" = 1 ]; then
  echo "== e2e-github: sync over 3 pages (PRs mixed in, label filter, 429 Retry-After on page 2) from a WireMock GitHub"
  WM=$GITHUB_FAKE
  SREPO="octo-e2e/sync-$RUN"
  SYNC_TOKEN="ghp_""e2eFakeTokenForWireMockOnly$RUN"  # split so it never looks like a committed token
  mkdir -p "$WORK/github-fake/mappings"
  issue_json() { jq -nc --argjson n "$1" --arg l "$2" --argjson pr "${3:-false}" \
    '{number: $n, title: "Synced issue \($n)", body: "from sync", state: "open", labels: [{name: $l}]}
     + (if $pr then {pull_request: {url: "https://api.github.com/pulls/\($n)"}} else {} end)'; }
  link() { echo "<https://api.github.com/repositories/4242/issues?state=open&page=$1>; rel=\"next\", <https://api.github.com/repositories/4242/issues?state=open&page=3>; rel=\"last\""; }
  mapping() { # mapping FILE PAGE STATUS BODY [LINK] [SCENARIO_STATE NEW_STATE]
    jq -n --arg url "/repos/$SREPO/issues" --arg page "$2" --argjson status "$3" --arg body "$4" \
      --arg link "${5:-}" --arg when "${6:-}" --arg next "${7:-}" '
      {request: {method: "GET", urlPath: $url,
                 queryParameters: {state: {equalTo: "open"}, page: {equalTo: $page}}},
       response: ({status: $status, body: $body,
                   headers: ({"Content-Type": "application/json", "ETag": "\"p\($page)\""}
                             + (if $link != "" then {Link: $link} else {} end)
                             + (if $status == 429 then {"Retry-After": "1"} else {} end))})}
      + (if $when != "" then {scenarioName: "rate", requiredScenarioState: $when} else {} end)
      + (if $next != "" then {newScenarioState: $next} else {} end)' >"$WORK/github-fake/mappings/$1.json"
  }
  mapping p1 1 200 "[$(issue_json 1 tt),$(issue_json 2 tt true),$(issue_json 3 other)]" "$(link 2)"
  mapping p2-limited 2 429 '{"message":"API rate limit exceeded"}' "" Started waited
  mapping p2 2 200 "[$(issue_json 4 TT),$(issue_json 5 tt true)]" "$(link 3)" waited
  mapping p3 3 200 "[$(issue_json 6 tt)]"
  jq -n --arg url "/repos/$SREPO/issues" '{request: {method: "GET", urlPath: $url,
    queryParameters: {state: {equalTo: "closed"}}}, response: {status: 200, body: "[]",
    headers: {"Content-Type": "application/json"}}}' >"$WORK/github-fake/mappings/closed.json"
  github_fake_start || fail "WireMock GitHub on $WM did not start"
  restart_github "$WM"

  http POST "$GH/connections" "$ALICE" "$(jq -nc --arg r "$SREPO" --arg t "$SYNC_TOKEN" --argjson p "$DEMO_PROJECT_ID" \
    '{repository: $r, defaultProjectId: $p, labelFilter: "tt", token: $t}')"
  expect 201 "alice connects $SREPO with a token and label filter tt"
  CONNECTIONS+=("$(body .connection.id):$ALICE")
  SCID=$(body .connection.id)
  # sync_job: POST …/sync → 202 with a job; poll its status URL until it finished (into $WORK/body)
  sync_finished() { http GET "${GH%/api/integrations/github}$1" "$ALICE" && [ "$(body .finishedAt)" != null ]; }
  sync_job() {
    http POST "$GH/connections/$SCID/sync" "$ALICE"
    expect 202 "$1 requested"
    [ "$(body .status)" = queued ] || fail "$1: $(cat "$WORK/body"), expected status queued"
    local url
    url=$(body .statusUrl)
    eventually "$1 finished" sync_finished "$url"
  }
  sync_job "sync"
  [ "$(body .status)" = success ] && [ "$(body .created)" = 3 ] && [ "$(body .skipped)" = 3 ] ||
    fail "sync: $(cat "$WORK/body"), expected success, created 3, skipped 3"
  COUNT=$(curl -s -X POST --data "{\"method\":\"GET\",\"urlPath\":\"/repos/$SREPO/issues\",\"queryParameters\":{\"page\":{\"equalTo\":\"2\"}}}" \
    "$WM/__admin/requests/count" | jq .count)
  [ "$COUNT" = 2 ] || fail "page 2 asked $COUNT times, expected 2 (429, then after Retry-After)"
  synced_refs() {
    http GET "$API/tasks?projectId=$DEMO_PROJECT_ID" "$ALICE"
    jq -c --arg p "github:$SREPO#" '[.[] | select(.externalRef | startswith($p)) | .externalRef] | sort' "$WORK/body"
  }
  EXPECTED=$(jq -nc --arg p "github:$SREPO#" '[$p + "1", $p + "4", $p + "6"]')
  [ "$(synced_refs)" = "$EXPECTED" ] || fail "tasks after sync: $(synced_refs), expected $EXPECTED"
  pass "sync job (202, status URL) → issues 1, 4, 6 (PRs 2, 5 and unlabelled 3 skipped), page 2 retried after 429 Retry-After"
  sync_job "second sync"
  [ "$(body .created)" = 0 ] || fail "second sync created $(body .created) tasks"
  [ "$(synced_refs)" = "$EXPECTED" ] || fail "tasks after the second sync: $(synced_refs)"
  pass "second sync → nothing created, still one task each"
  github_fake_stop
  restart_github ""
fi

echo "== e2e-github: no secret in plaintext in the github database or the connector's log"
PG_DUMP=$(command -v pg_dump || ls /usr/lib/postgresql/*/bin/pg_dump 2>/dev/null | tail -1)
[ -n "$PG_DUMP" ] || fail "pg_dump not found"
PGPASSWORD=github "$PG_DUMP" -h 127.0.0.1 -p "${TT_PG_PORT:-55432}" -U github --data-only github >"$WORK/github.sql" ||
  fail "pg_dump of database github failed"
grep -q 'enc:v1:' "$WORK/github.sql" || fail "no enc:v1: ciphertext in the github database"
for s in "$SECRET" "$SECRET_B" ${SYNC_TOKEN:+"$SYNC_TOKEN"}; do
  grep -qF -- "$s" "$WORK/github.sql" && fail "a webhook secret is stored in plaintext in the github database"
  grep -qF -- "$s" "$TT_HOME/logs/connector-github.log" && fail "a webhook secret is in the connector-github log"
done
pass "webhook secrets and the token only as enc:v1: in the github database, absent from the connector's log"

echo
echo "E2E GITHUB PASSED: $CHECKS checks"
