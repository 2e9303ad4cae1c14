# Slack played by the end-to-end scripts (e2e-slack.sh, e2e-scenario.sh) and bench/slack-status.sh:
# a WireMock standalone server as Slack's Web API (chat.postMessage, auth.test, oauth.v2.access),
# slash commands as Slack posts them (form bodies, the headers Slack sends) signed v0 like Slack
# signs them (HMAC-SHA256 of "v0:{timestamp}:{raw body}" with openssl), and connector-slack
# restarted against the fake. The caller defines WORK (a scratch folder) and ROOT (the clone);
# slack_command leaves the answer in $WORK/body and its status in CODE.

# shellcheck source=wiremock.sh
. "$ROOT/deploy/local/lib/wiremock.sh"

SLACK_FAKE_PORT=${TT_E2E_SLACK_FAKE_PORT:-$((${TT_PORT_CONNECTOR_SLACK:-8084} + 13))}
SLACK_FAKE="http://127.0.0.1:$SLACK_FAKE_PORT"

# slack_fake_start: starts the fake Slack Web API on $SLACK_FAKE (PID in SLACK_FAKE_PID); returns
# non-zero when it does not answer within 60 s
slack_fake_start() {
  local dir="$WORK/slack-fake"
  mkdir -p "$dir/mappings"
  jq -n '{priority: 10, request: {method: "POST", url: "/api/chat.postMessage"},
          response: {status: 200, headers: {"Content-Type": "application/json"},
                     body: "{\"ok\":true,\"channel\":\"C0E2E\",\"ts\":\"1700000000.000100\"}"}}' >"$dir/mappings/post.json"
  jq -n '{request: {method: "POST", url: "/api/auth.test"},
          response: {status: 200, headers: {"Content-Type": "application/json"},
                     body: "{\"ok\":true,\"team\":\"E2E\",\"user\":\"timetracker\",\"team_id\":\"T0E2E\"}"}}' >"$dir/mappings/auth.json"
  wiremock_start "$SLACK_FAKE_PORT" "$dir" "$WORK/slack-fake.log" --async-response-enabled=true
  local rc=$?
  SLACK_FAKE_PID=$WIREMOCK_PID
  return $rc
}

# slack_fake_stop: ends the fake started by slack_fake_start (by its PID)
slack_fake_stop() {
  [ -n "${SLACK_FAKE_PID:-}" ] && kill "$SLACK_FAKE_PID" 2>/dev/null
  SLACK_FAKE_PID=
}

# slack_fake_rate_limit_once CHANNEL SECONDS: the next post to CHANNEL is answered 429 with
# Retry-After: SECONDS, the ones after it 200 (a WireMock scenario)
slack_fake_rate_limit_once() {
  local channel=$1 wait=$2 ok
  ok='{"ok":true,"channel":"'"$channel"'","ts":"1700000000.000200"}'
  jq -nc --arg c "$channel" --arg w "$wait" '{priority: 1, scenarioName: ("limit-" + $c),
      requiredScenarioState: "Started", newScenarioState: "limited",
      request: {method: "POST", url: "/api/chat.postMessage",
                bodyPatterns: [{matchesJsonPath: {expression: "$.channel", equalTo: $c}}]},
      response: {status: 429, headers: {"Retry-After": $w, "Content-Type": "application/json"},
                 body: "{\"ok\":false,\"error\":\"ratelimited\"}"}}' |
    curl -sf -o /dev/null -X POST --data-binary @- "$SLACK_FAKE/__admin/mappings" || return 1
  jq -nc --arg c "$channel" --arg ok "$ok" '{priority: 1, scenarioName: ("limit-" + $c),
      requiredScenarioState: "limited",
      request: {method: "POST", url: "/api/chat.postMessage",
                bodyPatterns: [{matchesJsonPath: {expression: "$.channel", equalTo: $c}}]},
      response: {status: 200, headers: {"Content-Type": "application/json"}, body: $ok}}' |
    curl -sf -o /dev/null -X POST --data-binary @- "$SLACK_FAKE/__admin/mappings"
}

# slack_fake_oauth TEAM BOT_TOKEN CODE: oauth.v2.access answers CODE with the workspace TEAM and
# its bot token (any other code: invalid_code)
slack_fake_oauth() {
  local body
  body=$(jq -nc --arg t "$1" --arg b "$2" '{ok: true, app_id: "A0E2E", token_type: "bot",
    access_token: $b, scope: "commands,chat:write", bot_user_id: "U0BOT", team: {id: $t, name: "E2E"}}')
  jq -nc --arg code "$3" --arg body "$body" '{priority: 1,
      request: {method: "POST", url: "/api/oauth.v2.access",
                bodyPatterns: [{contains: ("code=" + $code)}]},
      response: {status: 200, headers: {"Content-Type": "application/json"}, body: $body}}' |
    curl -sf -o /dev/null -X POST --data-binary @- "$SLACK_FAKE/__admin/mappings" || return 1
  jq -nc '{priority: 5, request: {method: "POST", url: "/api/oauth.v2.access"},
      response: {status: 200, headers: {"Content-Type": "application/json"},
                 body: "{\"ok\":false,\"error\":\"invalid_code\"}"}}' |
    curl -sf -o /dev/null -X POST --data-binary @- "$SLACK_FAKE/__admin/mappings"
}

# slack_posts CHANNEL [WORDS] [STATUS]: how many chat.postMessage to CHANNEL (whose text contains
# WORDS) the fake received
slack_posts() {
  local patterns
  patterns=$(jq -nc --arg c "$1" --arg w "${2:-}" '[{matchesJsonPath: {expression: "$.channel", equalTo: $c}}]
    + (if $w == "" then [] else [{matchesJsonPath: {expression: "$.text", contains: $w}}] end)')
  jq -nc --argjson p "$patterns" '{method: "POST", url: "/api/chat.postMessage", bodyPatterns: $p}' |
    curl -s -X POST --data-binary @- "$SLACK_FAKE/__admin/requests/count" | jq -r .count
}

# slack_post_times CHANNEL: the fake's receive times (epoch ms) of the posts to CHANNEL, oldest first
slack_post_times() {
  jq -nc --arg c "$1" '{method: "POST", url: "/api/chat.postMessage",
      bodyPatterns: [{matchesJsonPath: {expression: "$.channel", equalTo: $c}}]}' |
    curl -s -X POST --data-binary @- "$SLACK_FAKE/__admin/requests/find" |
    jq -r '.requests | map(.loggedDate) | sort | .[]'
}

# slack_sign SECRET TIMESTAMP FILE: the X-Slack-Signature Slack sends for the body in FILE
slack_sign() {
  echo "v0=$( (printf 'v0:%s:' "$2"; cat "$3") | openssl dgst -sha256 -hmac "$1" -hex | sed 's/^.*= *//')"
}

# slack_form FILE TEAM USER TEXT [TRIGGER]: a /tt TEXT form body as Slack posts it
slack_form() {
  local trigger=${5:-$RANDOM$RANDOM.$RANDOM$RANDOM}
  jq -rn --arg team "$2" --arg user "$3" --arg text "$4" --arg trigger "$trigger" \
    '{token: "e2e", team_id: $team, team_domain: "e2e", channel_id: "C0E2E", channel_name: "general",
      user_id: $user, user_name: "e2e.slack", command: "/tt", text: $text, api_app_id: "A0E2E",
      is_enterprise_install: "false",
      response_url: ("https://hooks.slack.com/commands/" + $team + "/" + $trigger), trigger_id: $trigger}
     | to_entries | map("\(.key|@uri)=\(.value|@uri)") | join("&")' | tr -d '\n' >"$1"
}

# slack_command URL SECRET TEAM USER TEXT [TRIGGER] [TIMESTAMP] [EXTRA_HEADER]: /tt TEXT posted to
# URL as Slack does, signed with SECRET at TIMESTAMP (default now); sets CODE, body in $WORK/body
slack_command() {
  local url=$1 secret=$2 ts=${7:-$(date +%s)} extra=() sig
  [ -n "${8:-}" ] && extra=(-H "$8")
  slack_form "$WORK/slack-form" "$3" "$4" "$5" "${6:-}"
  sig=$(slack_sign "$secret" "$ts" "$WORK/slack-form")
  : >"$WORK/body"
  CODE=$(curl -s -o "$WORK/body" -w '%{http_code}' --max-time 30 -X POST \
    -H 'Content-Type: application/x-www-form-urlencoded' -H 'Accept: application/json,*/*' \
    -H 'User-Agent: Slackbot 1.0 (+https://api.slack.com/robots)' \
    -H "X-Slack-Request-Timestamp: $ts" -H "X-Slack-Signature: $sig" "${extra[@]}" \
    --data-binary "@$WORK/slack-form" "$url") || CODE=000
}

# slack_restart_connector [SLACK_API_URL]: restarts the stack's connector-slack (by its PID file)
# with Slack's Web API at SLACK_API_URL (default: the real Slack), unless it already runs with it
# and FORCE is unset; TT_SLACK_OAUTH_* pass through
slack_restart_connector() {
  local pid want="SLACK_API_URL=${1:-https://slack.com/api}"
  pid=$(cat "$TT_HOME/run/connector-slack.pid" 2>/dev/null)
  if [ -z "${FORCE:-}" ] && [ -n "$pid" ] && tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qxF "$want" &&
    curl -sf -o /dev/null --max-time 5 "http://127.0.0.1:${TT_PORT_CONNECTOR_SLACK:-8084}/q/health/ready"; then
    return 0
  fi
  (TT_ROOT=$ROOT && . "$ROOT/deploy/local/lib/common.sh" && stop_group connector-slack 30) || return 1
  TT_SLACK_API_URL=${1:-} TT_SLACK_OAUTH_BASE_URL=${1:+${1%/api}} "$ROOT/tt" up >"$WORK/up-slack.log" 2>&1 || {
    cat "$WORK/up-slack.log" >&2
    return 1
  }
}
