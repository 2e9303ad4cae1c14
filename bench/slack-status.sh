#!/usr/bin/env bash
# Maximum rate and latency of `/tt status` on connector-slack, beside the service's own trivial
# endpoint (/q/health/live) in the same run. Needs a running stack with a linked Slack person:
#   SLACK_TEAM=T0… SLACK_USER=U0… SLACK_SIGNING_SECRET=… bench/slack-status.sh [duration] [connections]
# e2e-slack.sh leaves nothing linked; link one with `/tt link` first (docs/connectors/slack.md).
# `/tt status` writes nothing and replays are accepted inside Slack's 5-minute window, so one
# request signed now is valid for the whole run (keep the duration under 5 minutes).
set -euo pipefail

DURATION=${1:-30s}
CONNECTIONS=${2:-16}
PORT=${TT_PORT_CONNECTOR_SLACK:-8084}
BASE="http://127.0.0.1:$PORT"
: "${SLACK_TEAM:?set SLACK_TEAM}" "${SLACK_USER:?set SLACK_USER}" "${SLACK_SIGNING_SECRET:?set SLACK_SIGNING_SECRET}"
command -v wrk >/dev/null || { echo "wrk not found (apt-get install wrk)" >&2; exit 1; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
BODY="token=bench&team_id=$SLACK_TEAM&user_id=$SLACK_USER&user_name=bench&command=%2Ftt&text=status&trigger_id=bench.$(date +%s)"
TS=$(date +%s)
SIG="v0=$(printf 'v0:%s:%s' "$TS" "$BODY" | openssl dgst -sha256 -hmac "$SLACK_SIGNING_SECRET" -hex | sed 's/^.*= *//')"

curl -sf -o "$WORK/reply" -X POST -H "X-Slack-Request-Timestamp: $TS" -H "X-Slack-Signature: $SIG" \
  -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "$BODY" \
  "$BASE/api/integrations/slack/commands/$SLACK_TEAM" || { echo "the signed request was refused" >&2; exit 1; }
grep -q 'not linked' "$WORK/reply" && { echo "$SLACK_USER is not linked in $SLACK_TEAM" >&2; exit 1; }

cat >"$WORK/status.lua" <<LUA
wrk.method = "POST"
wrk.body = "$BODY"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["X-Slack-Request-Timestamp"] = "$TS"
wrk.headers["X-Slack-Signature"] = "$SIG"
LUA

echo "== baseline: GET /q/health/live ($DURATION, $CONNECTIONS connections)"
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$BASE/q/health/live"
echo "== /tt status ($DURATION, $CONNECTIONS connections)"
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$WORK/status.lua" \
  "$BASE/api/integrations/slack/commands/$SLACK_TEAM"
