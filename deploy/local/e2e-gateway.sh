#!/usr/bin/env bash
# End-to-end acceptance of integration-gateway against the REAL local stack: Keycloak, the real
# timer-service and connector-github behind the gateway (connector-slack and connector-gcal when
# this stack runs them). Checks that a signed GitHub delivery through the gateway behaves exactly
# as sent directly (a tampered byte → the connector's 401, passed through), that nobody reaches
# another person's connection through any gateway route, that Slack gets an answer within 3 s and
# GET /api/integrations still answers with connector-slack stopped (a running one is stopped with
# ./tt stop and started again after), and runs the browser test of the Personal connectors page
# (headless Chromium; installed with apt-get when missing).
#
# Needs a running stack with integration-gateway and connector-github (./tt up) and its demo data.
# Called by e2e.sh; runs alone too: deploy/local/e2e-gateway.sh
# TT_E2E_SCREENSHOTS=<dir> keeps the page's screenshots there (default $TT_HOME/e2e-gateway).
# TT_E2E_BROWSER=0 skips the browser test (it runs by default).
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export TT_HOME=${TT_HOME:-$ROOT/.tt}
KEYCLOAK_PORT=${TT_KEYCLOAK_PORT:-8180}
GITHUB_PORT=${TT_PORT_CONNECTOR_GITHUB:-8082}
SLACK_PORT=${TT_PORT_CONNECTOR_SLACK:-8084}
GW_PORT=${TT_PORT_INTEGRATION_GATEWAY:-8080}
TOKEN_URL="http://127.0.0.1:$KEYCLOAK_PORT/realms/timetracker/protocol/openid-connect/token"
GW="http://127.0.0.1:$GW_PORT"
DIRECT="http://127.0.0.1:$GITHUB_PORT"
SHOTS=${TT_E2E_SCREENSHOTS:-$TT_HOME/e2e-gateway}

WORK=$(mktemp -d)
CHECKS=0
CONNECTIONS=()
SLACK_STOPPED=0
trap 'cleanup' EXIT

fail() {
  echo
  echo "E2E GATEWAY FAILED: $*" >&2
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
sign() { echo "sha256=$(openssl dgst -sha256 -hmac "$1" -hex <"$2" | sed 's/^.*= *//')"; }

# deliver URL DELIVERY_ID FILE SIGNATURE: an `issues` delivery as GitHub sends it; sets CODE
deliver() {
  : >"$WORK/body"
  CODE=$(curl -s -o "$WORK/body" -w '%{http_code}' --max-time 30 -X POST \
    -H 'Content-Type: application/json' -H 'User-Agent: GitHub-Hookshot/e2e' \
    -H 'X-GitHub-Event: issues' -H "X-GitHub-Delivery: $2" -H "X-Hub-Signature-256: $4" \
    --data-binary "@$3" "$1") || CODE=000
}
new_id() { cat /proc/sys/kernel/random/uuid; }

cleanup() {
  local rc=$? c
  for c in "${CONNECTIONS[@]}"; do
    curl -s -o /dev/null --max-time 10 -X DELETE -H "Authorization: Bearer ${c#*:}" "$DIRECT/api/integrations/github/connections/${c%%:*}" || true
  done
  [ "$SLACK_STOPPED" = 1 ] && "$ROOT/tt" start connector-slack >/dev/null
  rm -rf "$WORK"
  exit $rc
}

[ -f "$TT_HOME/demo.env" ] || fail "no $TT_HOME/demo.env: run ./tt up first"
# shellcheck disable=SC1091
. "$TT_HOME/demo.env"
curl -sf --max-time 5 "$GW/q/health/ready" >/dev/null || fail "integration-gateway is not ready on $GW"
curl -sf --max-time 5 "$DIRECT/q/health/ready" >/dev/null || fail "connector-github is not ready on $DIRECT"
ALICE=$(user_token alice)
BOB=$(user_token bob)

echo "== gateway: GitHub connection created through the gateway, webhook URL is the gateway's"
RUN=$(date +%s)
REPO="gw-org/site-$RUN"
http POST "$GW/api/integrations/github/connections" "$ALICE" \
  "{\"repository\":\"$REPO\",\"defaultProjectId\":$DEMO_PROJECT_ID}"
expect 201 "alice creates a connection through the gateway"
CID=$(body .connection.id)
SECRET=$(body .webhookSecret)
CONNECTIONS+=("$CID:$ALICE")
[ "$(body .webhookUrl)" = "$GW/api/integrations/github/webhook/$CID" ] ||
  fail "webhook URL $(body .webhookUrl) is not the gateway's $GW/api/integrations/github/webhook/$CID"
pass "POST /api/integrations/github/connections via the gateway → 201, webhookUrl $GW/…/webhook/$CID, one-time secret"

echo "== gateway: a signed delivery behaves exactly as sent directly"
jq -nc --arg repo "$REPO" '($repo | split("/")) as $r |
  {action: "opened", issue: {number: 7, id: 1000007, node_id: "I_7", title: "Through the gateway",
   state: "open", labels: [], assignee: null, assignees: [], user: {login: $r[0], id: 1},
   html_url: "https://github.com/\($repo)/issues/7", body: "é — bytes"},
   repository: {id: 4242, name: $r[1], full_name: $repo, owner: {login: $r[0], id: 1}},
   sender: {login: $r[0], id: 1}}' >"$WORK/opened.json"
SIG=$(sign "$SECRET" "$WORK/opened.json")
deliver "$DIRECT/api/integrations/github/webhook/$CID" "$(new_id)" "$WORK/opened.json" "$SIG"
DIRECT_CODE=$CODE
jq -S 'del(.deliveryId, .id)' <"$WORK/body" >"$WORK/direct.json" 2>/dev/null || cp "$WORK/body" "$WORK/direct.json"
deliver "$GW/api/integrations/github/webhook/$CID" "$(new_id)" "$WORK/opened.json" "$SIG"
[ "$CODE" = "$DIRECT_CODE" ] || fail "through the gateway HTTP $CODE, directly HTTP $DIRECT_CODE"
jq -S 'del(.deliveryId, .id)' <"$WORK/body" >"$WORK/via.json" 2>/dev/null || cp "$WORK/body" "$WORK/via.json"
cmp -s "$WORK/direct.json" "$WORK/via.json" || fail "answers differ: direct $(cat "$WORK/direct.json"), via gateway $(cat "$WORK/via.json")"
pass "signed delivery: direct HTTP $DIRECT_CODE = via gateway HTTP $CODE, same answer $(cat "$WORK/via.json")"

cp "$WORK/opened.json" "$WORK/tampered.json"
sed -i 's/Through the gateway/Through the gatewaY/' "$WORK/tampered.json"
deliver "$GW/api/integrations/github/webhook/$CID" "$(new_id)" "$WORK/tampered.json" "$SIG"
expect 401 "one tampered byte through the gateway"
[ "$(body .code)" = invalid_signature ] || fail "tampered delivery: code $(body .code), expected invalid_signature"
pass "one changed byte through the gateway → connector's 401 invalid_signature passed through"

deliver "$GW/api/integrations/github/webhook" "$(new_id)" "$WORK/opened.json" "$SIG"
[ "$CODE" = 202 ] || [ "$CODE" = 200 ] || fail "original URL without the id through the gateway: HTTP $CODE"
pass "original URL /api/integrations/github/webhook through the gateway → HTTP $CODE"

echo "== gateway: the uniform API and the list"
http GET "$GW/api/integrations" "$ALICE"
expect 200 "GET /api/integrations as alice"
[ "$(body '.connectors[] | select(.provider == "github") | .state')" = connected ] ||
  fail "github card: $(body '.connectors[] | select(.provider == "github")')"
for p in google slack; do
  port=$([ $p = slack ] && echo "$SLACK_PORT" || echo "${TT_PORT_CONNECTOR_GCAL:-8083}")
  if ! curl -sf --max-time 3 "http://127.0.0.1:$port/q/health/ready" >/dev/null; then
    [ "$(body ".connectors[] | select(.provider == \"$p\") | .state")" = unavailable ] ||
      fail "$p is not running, but its card is $(body ".connectors[] | select(.provider == \"$p\")")"
    pass "$p not running on $port → its card is unavailable, the list still 200"
  fi
done
http GET "$GW/api/integrations/github/status?connection=$CID" "$ALICE"
expect 200 "status through the gateway"
[ "$(body .connected)" = true ] || fail "status connected: $(body .connected)"
http POST "$GW/api/integrations/github/test?connection=$CID" "$ALICE"
expect 200 "test through the gateway"
[ "$(body .ok)" = false ] && [ -n "$(body .message)" ] || fail "test without a token: $(cat "$WORK/body")"
pass "status and test through the gateway (test without a token: \"$(body .message)\")"
http POST "$GW/api/integrations/github/sync" "$BOB"
expect 200 "bob's sync without a connection"
[ "$(jq -c . <"$WORK/body")" = '{"ok":false,"error":"Integration not configured"}' ] ||
  fail "not configured answer: $(cat "$WORK/body")"
pass "bob without a connection: sync → {\"ok\":false,\"error\":\"Integration not configured\"}"

echo "== gateway: nobody reaches another person's connection"
H="$GW/api/integrations/github"
for route in "GET $H/config?connection=$CID" "GET $H/status?connection=$CID" "POST $H/test?connection=$CID" \
  "POST $H/sync?connection=$CID" "DELETE $H/config?connection=$CID" "GET $H/connections/$CID/config" \
  "GET $H/connections/$CID/deliveries" "POST $H/connections/$CID/webhook-secret" "DELETE $H/connections/$CID" \
  "POST $H/connections/$CID/sync" "GET $H/connections/$CID/status"; do
  http ${route%% *} "${route#* }" "$BOB" '{}'
  [ "$CODE" = 404 ] || fail "bob on alice's connection: $route → HTTP $CODE (expected 404)"
done
http PUT "$H/connections/$CID/config" "$BOB" "{\"repository\":\"$REPO\",\"labelFilter\":\"x\"}"
expect 404 "bob replaces alice's settings"
http GET "$H/connections" "$BOB"
expect 200 "bob lists his connections"
[ "$(jq --arg c "$CID" 'map(select(.id == $c)) | length' <"$WORK/body")" = 0 ] || fail "bob's list shows alice's connection"
http GET "$H/connections/$CID/deliveries" "$ALICE"
expect 200 "alice reads her delivery log"
[ "$(body '.items | length')" -ge 1 ] || fail "alice's delivery log is empty"
DELIVERY=$(body '.items[0].id')
http POST "$H/connections/$CID/deliveries/$DELIVERY/redeliver" "$BOB"
expect 404 "bob redelivers alice's delivery"
http GET "$H/connections/$CID/config" ""
[ "$CODE" = 302 ] || [ "$CODE" = 401 ] || fail "no token on a connection route: HTTP $CODE"
pass "bob → 404 on all 13 routes of alice's connection (uniform API, settings, log, redeliver, rotate, delete); no token → $CODE"

echo "== gateway: connector-slack stopped → Slack still answered within 3 s, the list still answers"
# a connector-slack of this stack is stopped for the check (./tt stop) and started again after it
if [ -s "$TT_HOME/run/connector-slack.pid" ] && kill -0 "$(cat "$TT_HOME/run/connector-slack.pid")" 2>/dev/null; then
  "$ROOT/tt" stop connector-slack >/dev/null || fail "./tt stop connector-slack"
  SLACK_STOPPED=1
fi
! curl -sf --max-time 3 "http://127.0.0.1:$SLACK_PORT/q/health/ready" >/dev/null ||
  fail "something still answers on connector-slack's port $SLACK_PORT"
for path in events commands; do
  T=$(curl -s -o "$WORK/body" -w '%{http_code} %{time_total}' --max-time 10 -X POST \
    -H 'Content-Type: application/x-www-form-urlencoded' -H "X-Slack-Request-Timestamp: $(date +%s)" \
    -H 'X-Slack-Signature: v0=00' --data 'command=%2Ftt&text=status&team_id=T1&user_id=U1' \
    "$GW/api/integrations/slack/$path")
  [ "${T%% *}" = 200 ] && [ "$(body .response_type)" = ephemeral ] || fail "/tt on slack/$path with connector-slack down: $T"
  awk -v t="${T#* }" 'BEGIN { exit !(t < 3.0) }' || fail "/tt on slack/$path answered after ${T#* } s"
  pass "connector-slack down: /tt through the gateway's slack/$path → 200 ephemeral \"$(body .text)\" in ${T#* } s"
done
http GET "$GW/api/integrations" "$ALICE"
expect 200 "GET /api/integrations with connector-slack down"
[ "$(body '.connectors[] | select(.provider == "slack") | .state')" = unavailable ] ||
  fail "slack card with connector-slack down: $(body '.connectors[] | select(.provider == "slack")')"
[ "$(body '.connectors[] | select(.provider == "github") | .state')" = connected ] ||
  fail "github card with connector-slack down: $(body '.connectors[] | select(.provider == "github")')"
pass "connector-slack down: GET /api/integrations → 200, slack unavailable, github still connected"
if [ "$SLACK_STOPPED" = 1 ]; then
  "$ROOT/tt" start connector-slack >/dev/null || fail "./tt start connector-slack"
  SLACK_STOPPED=0
  http GET "$GW/api/integrations" "$ALICE"
  [ "$(body '.connectors[] | select(.provider == "slack") | .state')" != unavailable ] ||
    fail "slack card still unavailable after ./tt start connector-slack"
  pass "./tt start connector-slack → its card is $(body '.connectors[] | select(.provider == "slack") | .state') again"
fi

if [ "${TT_E2E_BROWSER:-1}" = 1 ]; then
  echo "== gateway: the Personal connectors page in headless Chromium"
  "$ROOT/deploy/local/e2e-gateway-browser.sh" "$GW" "$SHOTS" "$DEMO_PROJECT_ID" || fail "browser test of the page"
  pass "browser: signed in as alice through Keycloak, saved a GitHub connection, one-time secret and webhook URL shown, Test changed the status; screenshots in $SHOTS"
fi

echo
echo "E2E GATEWAY PASSED: $CHECKS checks"
