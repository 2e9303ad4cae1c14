#!/usr/bin/env bash
# Added latency of integration-gateway on a forwarded GitHub delivery: the same signed `issues`
# delivery (its repository is not the connection's, so connector-github verifies the signature,
# parses it and acknowledges 202 without storing — the intake path minus the insert) is sent at a
# constant rate straight to connector-github and through the gateway, in alternating rounds of the
# same run. Latency from each request's intended send time (open loop, HdrHistogram).
#
# Needs the stack with connector-github (./tt up, same TT_* port variables exported), a built
# integration-gateway jar, jq, curl. The script starts its OWN gateway process on a free port with
# the per-source limit raised (500 req/s from one address is over the production default) and
# stops it by PID at the end; the stack's gateway is not touched.
# Usage: bench/gateway-latency.sh   (BENCH_RATE=500 BENCH_SECONDS=20 BENCH_ROUNDS=2 BENCH_WARMUP=10)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export TT_HOME=${TT_HOME:-$ROOT/.tt}
KEYCLOAK_PORT=${TT_KEYCLOAK_PORT:-8180}
GITHUB_PORT=${TT_PORT_CONNECTOR_GITHUB:-8082}
RATE=${BENCH_RATE:-500}
SECONDS_PER_ROUND=${BENCH_SECONDS:-20}
ROUNDS=${BENCH_ROUNDS:-2}
WARMUP=${BENCH_WARMUP:-10}   # seconds per path before the measured rounds (the JVMs' JIT warm-up)
OIDC="http://127.0.0.1:$KEYCLOAK_PORT/realms/timetracker"
GH="http://127.0.0.1:$GITHUB_PORT/api/integrations/github"
JAR="$ROOT/integration-gateway/target/quarkus-app/quarkus-run.jar"
HDR_VERSION=2.2.2
HDR="$HOME/.m2/repository/org/hdrhistogram/HdrHistogram/$HDR_VERSION/HdrHistogram-$HDR_VERSION.jar"
WORK=$(mktemp -d)
GW_PID=""
CID=""
ALICE=""

cleanup() {
  [ -n "$GW_PID" ] && kill "$GW_PID" 2>/dev/null && wait "$GW_PID" 2>/dev/null
  [ -n "$CID" ] && curl -s -o /dev/null -X DELETE -H "Authorization: Bearer $ALICE" "$GH/connections/$CID"
  rm -rf "$WORK"
}
trap cleanup EXIT
die() { echo "gateway-latency: $*" >&2; exit 1; }

for tool in jq curl java; do command -v $tool >/dev/null || die "$tool is missing"; done
[ -f "$JAR" ] || die "no $JAR: mvn -B -DskipTests package -pl integration-gateway -am"
[ -f "$HDR" ] || mvn -B -q -ntp dependency:get -Dartifact="org.hdrhistogram:HdrHistogram:$HDR_VERSION" >/dev/null ||
  die "HdrHistogram $HDR_VERSION could not be fetched"
curl -sf "http://127.0.0.1:$GITHUB_PORT/q/health/ready" >/dev/null || die "connector-github is not ready on $GITHUB_PORT"

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
SECRET=$(sed -n 's/^INTEGRATION_GATEWAY_SECRET=//p' "$TT_HOME/secrets.env")
QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$PORT OIDC_AUTH_SERVER_URL=$OIDC \
  INTEGRATION_GATEWAY_SECRET=$SECRET CONNECTOR_GITHUB_URL="http://127.0.0.1:$GITHUB_PORT" \
  GATEWAY_WEBHOOK_RATE_PER_MINUTE=100000000 GATEWAY_WEBHOOK_BURST=100000 \
  java -Xms64m -Xmx512m "-Dtt.home=$TT_HOME" -jar "$JAR" >"$WORK/gateway.log" 2>&1 &
GW_PID=$!
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/q/health/ready" >/dev/null && break
  kill -0 "$GW_PID" 2>/dev/null || { cat "$WORK/gateway.log"; die "the bench gateway exited"; }
  sleep 1
done
curl -sf "http://127.0.0.1:$PORT/q/health/ready" >/dev/null || die "the bench gateway did not become ready"

ALICE=$(curl -sf -d grant_type=password -d client_id=tt-cli -d username=alice -d password=alice \
  "$OIDC/protocol/openid-connect/token" | jq -er .access_token) || die "no token for alice"
curl -sf -X POST -H "Authorization: Bearer $ALICE" -H 'Content-Type: application/json' \
  --data "{\"repository\":\"bench-org/gateway-$(date +%s)\"}" "$GH/connections" >"$WORK/created.json" ||
  die "creating the connection failed"
CID=$(jq -er .connection.id <"$WORK/created.json")
HOOK_SECRET=$(jq -er .webhookSecret <"$WORK/created.json")
jq -nc '{action: "opened", issue: {number: 1, title: "Bench", state: "open", labels: [], assignees: [],
  html_url: "https://github.com/bench-org/elsewhere/issues/1", user: {login: "octocat", id: 1}},
  repository: {full_name: "bench-org/elsewhere", name: "elsewhere", owner: {login: "bench-org"}},
  sender: {login: "octocat", id: 1}}' >"$WORK/body.json"

echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
echo "== $RATE req/s, $ROUNDS rounds of ${SECONDS_PER_ROUND}s per path (connection $CID)"
java -cp "$HDR" "$ROOT/bench/GatewayLatency.java" \
  "http://127.0.0.1:$GITHUB_PORT/api/integrations/github/webhook/$CID" \
  "http://127.0.0.1:$PORT/api/integrations/github/webhook/$CID" \
  "$HOOK_SECRET" "$WORK/body.json" "$RATE" "$SECONDS_PER_ROUND" "$ROUNDS" "$WARMUP"
