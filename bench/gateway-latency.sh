#!/usr/bin/env bash
# Added latency of integration-gateway on a forwarded GitHub delivery: the same signed `issues`
# delivery (its repository is not the connection's, so connector-github verifies the signature,
# parses it and acknowledges 202 without storing — the intake path minus the insert) is sent at a
# constant rate straight to connector-github and through the gateway, in interleaved rounds of the
# same run whose order rotates each round (bench/GatewayLatency.java). Latency from each request's
# intended send time (open loop, HdrHistogram). The verdict is the median over rounds of the added
# p99 (the gateway's p99 minus the direct p99 of the same round); the pooled figures are printed too.
#
# Needs the stack with connector-github (./tt up, same TT_* port variables exported), a built
# integration-gateway jar, jq, curl. The script starts its OWN gateway process on a free port with
# the per-source limit raised (500 req/s from one address is over the production default) and
# stops it by PID at the end; the stack's gateway is not touched.
#
# Usage: bench/gateway-latency.sh
#   BENCH_RATE=500 BENCH_SECONDS=10 BENCH_ROUNDS=8 BENCH_WARMUP=30   (per path: seconds per round,
#     rounds, warm-up seconds before the measured rounds)
#   BENCH_BASELINE_JAR=<quarkus-run.jar of another build, e.g. main's>: a second bench gateway from
#     that build, measured as a third path in the same rotation (before/after in one run)
#   BENCH_GATEWAY_JAVA_OPTS: JVM options of the bench gateway(s) (default: the stack's service
#     options, TT_SERVICE_JAVA_OPTS or deploy/local/lib/services.sh's defaults)
#   BENCH_PIN=<cpu list>: run the load generator under `taskset -c <cpu list>` (default: unpinned)
#   BENCH_JFR=1: a JFR profile (settings=profile) of each bench gateway over the measured rounds,
#     with its 25 most sampled top frames, in the result folder
# Output: stdout, and bench/results/gateway-<UTC time>/ (BENCH_OUT): result.txt, gateway logs, JFR.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export TT_HOME=${TT_HOME:-$ROOT/.tt}
KEYCLOAK_PORT=${TT_KEYCLOAK_PORT:-8180}
GITHUB_PORT=${TT_PORT_CONNECTOR_GITHUB:-8082}
RATE=${BENCH_RATE:-500}
SECONDS_PER_ROUND=${BENCH_SECONDS:-10}
ROUNDS=${BENCH_ROUNDS:-8}
WARMUP=${BENCH_WARMUP:-30}   # seconds per path before the measured rounds (the JVMs' JIT warm-up)
OIDC="http://127.0.0.1:$KEYCLOAK_PORT/realms/timetracker"
GH="http://127.0.0.1:$GITHUB_PORT/api/integrations/github"
JAR=${BENCH_JAR:-$ROOT/integration-gateway/target/quarkus-app/quarkus-run.jar}
BASELINE_JAR=${BENCH_BASELINE_JAR:-}
STACK_OPTS=$(sed -n 's/^TT_DEFAULT_JAVA_OPTS="\(.*\)"$/\1/p' "$ROOT/deploy/local/lib/services.sh")
GW_OPTS=${BENCH_GATEWAY_JAVA_OPTS:-${TT_SERVICE_JAVA_OPTS:-$STACK_OPTS}}
PIN=()
[ -n "${BENCH_PIN:-}" ] && PIN=(taskset -c "$BENCH_PIN")
BENCH_OUT=${BENCH_OUT:-$ROOT/bench/results/gateway-$(date -u +%Y%m%dT%H%M%SZ)}
HDR_VERSION=2.2.2
HDR="$HOME/.m2/repository/org/hdrhistogram/HdrHistogram/$HDR_VERSION/HdrHistogram-$HDR_VERSION.jar"
WORK=$(mktemp -d)
GW_PIDS=()
CID=""
ALICE=""

cleanup() {
  local pid
  set +e # a killed gateway's exit status must not end the trap before the next one is stopped
  for pid in "${GW_PIDS[@]}"; do
    kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  done
  [ -n "$CID" ] && curl -s -o /dev/null -X DELETE -H "Authorization: Bearer $ALICE" "$GH/connections/$CID"
  rm -rf "$WORK"
}
trap cleanup EXIT
die() { echo "gateway-latency: $*" >&2; exit 1; }

# jfr_top FILE OUT: the 25 most sampled top frames (and their share) of a JFR recording
jfr_top() {
  jfr print --events jdk.ExecutionSample "$1" | awk '/stackTrace = \[/ {getline; sub(/^[ \t]+/, ""); sub(/line:.*/, ""); n[$0]++; t++}
    END {for (f in n) printf "%5.1f%%  %s\n", 100 * n[f] / t, f}' | sort -rn | head -25 >"$2"
}

for tool in jq curl java; do command -v $tool >/dev/null || die "$tool is missing"; done
[ -f "$JAR" ] || die "no $JAR: mvn -B -DskipTests package -pl integration-gateway -am"
[ -z "$BASELINE_JAR" ] || [ -f "$BASELINE_JAR" ] || die "no $BASELINE_JAR (BENCH_BASELINE_JAR)"
[ -f "$HDR" ] || mvn -B -q -ntp dependency:get -Dartifact="org.hdrhistogram:HdrHistogram:$HDR_VERSION" >/dev/null ||
  die "HdrHistogram $HDR_VERSION could not be fetched"
curl -sf "http://127.0.0.1:$GITHUB_PORT/q/health/ready" >/dev/null || die "connector-github is not ready on $GITHUB_PORT"
mkdir -p "$BENCH_OUT"

SECRET=$(sed -n 's/^INTEGRATION_GATEWAY_SECRET=//p' "$TT_HOME/secrets.env")
# the measured rounds start after every path's warm-up; the JFR recording (BENCH_JFR=1) with them
PATHS=$((1 + 1 + (${#BASELINE_JAR} > 0 ? 1 : 0)))
JFR_DELAY=$((PATHS * WARMUP))

# start_gateway NAME JAR: a bench gateway of that build on a free port; sets GW_PORT
start_gateway() {
  local name=$1 jar=$2 port pid jfr=()
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  [ "${BENCH_JFR:-0}" = 1 ] &&
    jfr=("-XX:StartFlightRecording=name=bench,settings=profile,delay=${JFR_DELAY}s,filename=$BENCH_OUT/$name.jfr")
  # shellcheck disable=SC2086
  QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$port OIDC_AUTH_SERVER_URL=$OIDC \
    INTEGRATION_GATEWAY_SECRET=$SECRET CONNECTOR_GITHUB_URL="http://127.0.0.1:$GITHUB_PORT" \
    GATEWAY_WEBHOOK_RATE_PER_MINUTE=100000000 GATEWAY_WEBHOOK_BURST=100000 MALLOC_ARENA_MAX=2 \
    java $GW_OPTS "${jfr[@]}" "-Dtt.home=$TT_HOME" -jar "$jar" >"$BENCH_OUT/$name.log" 2>&1 &
  pid=$!
  GW_PIDS+=("$pid")
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null && break
    kill -0 "$pid" 2>/dev/null || { cat "$BENCH_OUT/$name.log"; die "the bench gateway $name exited"; }
    sleep 1
  done
  curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null || die "the bench gateway $name did not become ready"
  GW_PORT=$port
}

start_gateway gateway "$JAR"
TARGETS=("direct=http://127.0.0.1:$GITHUB_PORT" "gateway=http://127.0.0.1:$GW_PORT")
if [ -n "$BASELINE_JAR" ]; then
  start_gateway baseline "$BASELINE_JAR"
  TARGETS+=("baseline=http://127.0.0.1:$GW_PORT")
fi

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

URLS=()
for t in "${TARGETS[@]}"; do URLS+=("$t/api/integrations/github/webhook/$CID"); done
{
  echo "== $(date -u +%FT%TZ) machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
  echo "== $RATE req/s, $ROUNDS rounds of ${SECONDS_PER_ROUND}s per path, warm-up ${WARMUP}s per path (connection $CID)"
  echo "== gateway: $JAR${BASELINE_JAR:+; baseline: $BASELINE_JAR}; JVM options: $GW_OPTS${BENCH_PIN:+; load generator on CPU $BENCH_PIN}"
  "${PIN[@]}" java -cp "$HDR" "$ROOT/bench/GatewayLatency.java" "$HOOK_SECRET" "$WORK/body.json" \
    "$RATE" "$SECONDS_PER_ROUND" "$ROUNDS" "$WARMUP" "${URLS[@]}"
  echo "== $(date -u +%FT%TZ) load at end $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$BENCH_OUT/result.txt"

if [ "${BENCH_JFR:-0}" = 1 ]; then
  for pid in "${GW_PIDS[@]}"; do jcmd "$pid" JFR.stop name=bench >/dev/null 2>&1 || true; done
  for f in "$BENCH_OUT"/*.jfr; do
    [ -f "$f" ] && jfr_top "$f" "${f%.jfr}-top.txt" && echo "JFR top frames: ${f%.jfr}-top.txt"
  done
fi
echo "results: $BENCH_OUT"
