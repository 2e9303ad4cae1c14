#!/usr/bin/env bash
# The benchmark harness: one command against the running local stack (./tt up, with the same TT_*
# port variables exported). Prints a table and writes results.json, results.csv, table.md and SVG
# plots to bench/results/<UTC time>/. Not part of any test run. bench/README.md explains each figure.
#
# Sections (each skipped when its service is not running):
#   machine   cores, load average, JVM, PostgreSQL and Kafka versions, the commit
#   services  time to ready (from each service log's "started in") and idle RSS of each service
#   core      ceiling: wrk on timer-service's /q/health/live; then timer start+stop pairs of
#             BENCH_USERS Keycloak users at each rate of BENCH_PAIR_RATES (open model,
#             bench/loadgen/LoadGen.java, HdrHistogram), ratio to the ceiling, and the outbox lag
#             commit → acknowledged by Kafka of the events those pairs wrote
#   github    signed issues.opened deliveries at each rate of BENCH_INGEST_RATES through
#             integration-gateway, then straight to connector-github: acked/s, latency, and
#             webhook → task visible in the core
#   drain     BENCH_DRAIN=1: bench/inbox-drain.sh (10,000 stored deliveries, several minutes)
#   extra     every bench/sections/*.sh (contract in bench/README.md), and the other services' own
#             scripts named in BENCH_EXTRA (e.g. "gateway-latency slack-status"), output kept whole
#
# Knobs: BENCH_USERS (64), BENCH_PAIR_USERS ("8 64": the pairs run for the first 8, then all),
# BENCH_PAIR_RATES ("100 200 400"), BENCH_SECONDS (15 per step), BENCH_CLIENT_WARMUP (5 s of the
# same requests before each measured pairs/webhook run, unrecorded: the load generator's own cold start),
# BENCH_INGEST_RATES ("100 200 400"), BENCH_DRAIN (0), BENCH_OUT (results folder).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench
export TT_HOME=${TT_HOME:-$ROOT/.tt}
PG_PORT=${TT_PG_PORT:-55432}
KAFKA_PORT=${TT_KAFKA_PORT:-9092}
KEYCLOAK_PORT=${TT_KEYCLOAK_PORT:-8180}
TIMER_PORT=${TT_PORT_TIMER_SERVICE:-8081}
GITHUB_PORT=${TT_PORT_CONNECTOR_GITHUB:-8082}
GATEWAY_PORT=${TT_PORT_INTEGRATION_GATEWAY:-8080}
USERS=${BENCH_USERS:-64}
PAIR_USERS=${BENCH_PAIR_USERS:-8 $USERS}
CLIENT_WARMUP=${BENCH_CLIENT_WARMUP:-5}
PAIR_RATES=${BENCH_PAIR_RATES:-100 200 400}
SECONDS_PER_STEP=${BENCH_SECONDS:-15}
INGEST_RATES=${BENCH_INGEST_RATES:-100 200 400}
export BENCH_OUT=${BENCH_OUT:-$BENCH/results/$(date -u +%Y%m%dT%H%M%SZ)}
KEYCLOAK=http://127.0.0.1:$KEYCLOAK_PORT
TOKEN_URL=$KEYCLOAK/realms/timetracker/protocol/openid-connect/token
TIMER=http://127.0.0.1:$TIMER_PORT
GH=http://127.0.0.1:$GITHUB_PORT/api/integrations/github
GW_GH=http://127.0.0.1:$GATEWAY_PORT/api/integrations/github
HDR=${HDR_JAR:-$HOME/.m2/repository/org/hdrhistogram/HdrHistogram/2.2.2/HdrHistogram-2.2.2.jar}

die() { echo "bench: $*" >&2; exit 1; }
for tool in wrk psql jq python3 curl java javac; do command -v $tool >/dev/null || die "$tool is missing"; done
[ -f "$TT_HOME/demo.env" ] || die "no $TT_HOME/demo.env: start the stack with ./tt up first"
# shellcheck disable=SC1091
. "$TT_HOME/demo.env"
if [ ! -f "$HDR" ]; then
  mvn -B -q dependency:get -Dartifact=org.hdrhistogram:HdrHistogram:2.2.2 >/dev/null || die "no HdrHistogram jar"
fi
mkdir -p "$BENCH_OUT"
CLASSES=$BENCH_OUT/classes
javac -d "$CLASSES" -cp "$HDR" "$BENCH/loadgen/LoadGen.java"
loadgen() { java -Xmx1g -Dloadgen.warmup="$CLIENT_WARMUP" -cp "$CLASSES:$HDR" LoadGen "$@"; }
timer_sql() { PGPASSWORD=timer psql -h 127.0.0.1 -p "$PG_PORT" -U timer -d timer -qAtX -v ON_ERROR_STOP=1 "$@"; }
github_sql() { PGPASSWORD=github psql -h 127.0.0.1 -p "$PG_PORT" -U github -d github -qAtX -v ON_ERROR_STOP=1 "$@"; }
up() { curl -sf -o /dev/null --max-time 3 "http://127.0.0.1:$1/q/health/ready"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
. "$BENCH/lib/cpu.sh"
cpu_now() { stack_cpu_now connector-github; }
cpu_per() { cpu_per_unit "gateway connector-github core PostgreSQL" "$@"; }
ROWS=$BENCH_OUT/rows.tsv # section \t figure \t value \t unit
: >"$ROWS"
row() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "${4:-}" >>"$ROWS"; }
say() { echo "== $*" >&2; }

# --- machine ----------------------------------------------------------------------------------------
say "machine: $(nproc) cores, load $(load)"
row machine cores "$(nproc)"
row machine "load average at start" "$(load)"
row machine jvm "$(java -version 2>&1 | head -1 | tr -d '"')"
row machine postgresql "$(timer_sql -c 'SHOW server_version' 2>/dev/null || echo -)"
row machine kafka "$(ls -d "${TT_CACHE:-$HOME/.cache/timetracker}"/kafka-* 2>/dev/null | grep -o 'kafka-[0-9.]*$' | tail -1 || echo -)"
row machine commit "$(git -C "$ROOT" rev-parse --short HEAD)"

# --- services: time to ready and idle RSS ----------------------------------------------------------
for pidfile in "$TT_HOME"/run/*.pid; do
  [ -f "$pidfile" ] || continue
  name=$(basename "$pidfile" .pid)
  [ -f "$ROOT/$name/pom.xml" ] || continue
  pid=$(cat "$pidfile")
  [ -d "/proc/$pid" ] || continue
  java_pid=$(pgrep -P "$pid" java 2>/dev/null | head -1 || true)
  rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/${java_pid:-$pid}/status")
  ready=$(grep -ho 'started in [0-9.]*s' "$TT_HOME/logs/$name.log" 2>/dev/null | tail -1 | grep -o '[0-9.]*' || echo -)
  say "$name: ready in ${ready}s, RSS $((rss_kb / 1024)) MiB"
  row services "$name time to ready (Quarkus 'started in')" "$ready" s
  row services "$name RSS before this run's load" "$((rss_kb / 1024))" MiB
done

# --- core: ceiling, timer pairs, outbox lag ----------------------------------------------------------
if up "$TIMER_PORT"; then
  . "$BENCH/lib/users.sh"
  bench_users "$USERS" >"$BENCH_OUT/tokens.txt"
  [ "$(wc -l <"$BENCH_OUT/tokens.txt")" = "$USERS" ] || die "only $(wc -l <"$BENCH_OUT/tokens.txt") of $USERS users signed in"
  row core "users signed in through Keycloak" "$USERS"
  say "ceiling: wrk -t2 -c8 -d10s $TIMER/q/health/live (load $(load))"
  CEILING=$(wrk -t2 -c8 -d10s "$TIMER/q/health/live" | awk '/Requests\/sec/ {print $2}')
  row core "ceiling: /q/health/live, wrk 8 conns" "$CEILING" req/s
  for n in $PAIR_USERS; do
  head -n "$n" "$BENCH_OUT/tokens.txt" >"$BENCH_OUT/tokens-$n.txt"
  for rate in $PAIR_RATES; do
    since=$(timer_sql -c "SELECT clock_timestamp() + interval '$CLIENT_WARMUP seconds'")
    say "pairs: $rate pairs/s for ${SECONDS_PER_STEP}s (after ${CLIENT_WARMUP}s unrecorded), $n users (load $(load))"
    cpu0=$(cpu_now) # includes the warm-up: pairs counted below are warm-up + measured
    loadgen pairs "$TIMER" "$BENCH_OUT/tokens-$n.txt" "$DEMO_PROJECT_ID" "$rate" "$SECONDS_PER_STEP" >"$BENCH_OUT/pairs-${n}u-$rate.json"
    sleep 3 # the relay publishes the last events
    cpu1=$(cpu_now)
    timer_sql -F ' ' >"$BENCH_OUT/lag-${n}u-$rate.txt" <<SQL
SELECT count(*),
       count(*) FILTER (WHERE published_at IS NULL),
       round(1000 * percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM published_at - ce_time))::numeric, 1),
       round(1000 * percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM published_at - ce_time))::numeric, 1)
  FROM outbox WHERE ce_time >= '$since' AND topic = 'tt.time-entries.v1';
SQL
    read -r events pending lag50 lag99 <"$BENCH_OUT/lag-${n}u-$rate.txt"
    j=$BENCH_OUT/pairs-${n}u-$rate.json
    achieved=$(jq .achieved_per_s "$j")
    k="pairs $n users @$rate/s"
    row core "$k: achieved" "$achieved" pairs/s
    row core "$k: pair latency p50 / p99 / p99.9" "$(jq -r '.latency_ms | "\(.p50) / \(.p99) / \(.p99_9)"' "$j")" ms
    row core "$k: one request p50 / p99 (service time)" "$(jq -r '.request_service_ms | "\(.p50) / \(.p99)"' "$j")" ms
    row core "$k: answers" "$(jq -c .statuses "$j") errors $(jq .errors "$j")"
    row core "$k: CPU per pair (warm-up included), with its events' relay" "$(cpu_per "$cpu0" "$cpu1" "$(jq ".completed + $rate * $CLIENT_WARMUP" "$j")")"
    row core "$k: requests/s vs ceiling" "$(python3 -c "print(f'{2*$achieved/$CEILING*100:.1f} %')")"
    row core "$k: outbox lag commit → Kafka ack p50 / p99 ($events events, $pending pending)" "$lag50 / $lag99" ms
  done
  done
  row core "load average after the core section" "$(load)"
fi

# --- github: ingest and webhook → task ---------------------------------------------------------------
# Deliveries go where GitHub sends them: through integration-gateway (the public edge). The same
# rates straight to connector-github follow in the same run ("direct"), so the gateway's share shows.
INGEST_PATHS="direct"
up "$GATEWAY_PORT" && INGEST_PATHS="gateway direct"
if up "$GITHUB_PORT" && up "$TIMER_PORT"; then
  ALICE=$(curl -sf -d grant_type=password -d client_id=tt-cli -d username=alice -d password=alice "$TOKEN_URL" | jq -er .access_token)
  for path in $INGEST_PATHS; do
  for rate in $INGEST_RATES; do
    hook=$GH
    [ "$path" = gateway ] && hook=$GW_GH
    repo="bench-org/ingest-$path-$rate-$(date +%s)"
    created=$(curl -sf -X POST -H "Authorization: Bearer $ALICE" -H 'Content-Type: application/json' \
      --data "{\"repository\":\"$repo\",\"defaultProjectId\":$DEMO_PROJECT_ID}" "$GH/connections")
    cid=$(jq -er .connection.id <<<"$created")
    secret=$(jq -er .webhookSecret <<<"$created")
    say "github ingest: $rate deliveries/s $path for ${SECONDS_PER_STEP}s (load $(load))"
    cpu0=$(cpu_now)
    loadgen webhook "$hook/webhook/$cid" "$secret" "$repo" "$rate" "$SECONDS_PER_STEP" "$BENCH_OUT/ids-$path-$rate.txt" >"$BENCH_OUT/ingest-$path-$rate.json"
    j=$BENCH_OUT/ingest-$path-$rate.json
    total=$(jq '.statuses["202"] // 0' "$j") # the acknowledged ones; a refused delivery is not stored
    deadline=$(($(date +%s) + 600))
    # every delivery of the connection (the warm-up's too) finished: none open, at least the acknowledged
    while [ "$(github_sql -c "SELECT count(*) FILTER (WHERE status NOT IN ('done', 'dead')) = 0 AND count(*) >= $total FROM inbox_delivery WHERE connection_id = '$cid'")" != t ]; do
      [ "$(date +%s)" -lt $deadline ] || break
      sleep 1
    done
    cpu1=$(cpu_now) # every acknowledged delivery processed (a task in the core), or the wait gave up
    github_sql -c "SELECT 'github:' || '$repo' || '#' || (convert_from(payload, 'UTF8')::jsonb #>> '{issue,number}'), to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') FROM inbox_delivery WHERE connection_id = '$cid' AND (convert_from(payload, 'UTF8')::jsonb #>> '{issue,number}')::bigint < 1000000000" >"$BENCH_OUT/received-$path-$rate.tsv"
    timer_sql -c "SELECT external_ref, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') FROM tasks WHERE external_ref LIKE 'github:$repo#%'" >"$BENCH_OUT/tasks-$path-$rate.tsv"
    visible=$(python3 "$BENCH/lib/visible.py" "$BENCH_OUT/received-$path-$rate.tsv" "$BENCH_OUT/tasks-$path-$rate.tsv")
    row github "ingest $path @$rate/s: acked" "$(jq .achieved_per_s "$j")" deliveries/s
    row github "ingest $path @$rate/s: ack latency p50 / p99 / p99.9" "$(jq -r '.latency_ms | "\(.p50) / \(.p99) / \(.p99_9)"' "$j")" ms
    row github "ingest $path @$rate/s: answers" "$(jq -c .statuses "$j") errors $(jq .errors "$j")"
    row github "ingest $path @$rate/s: CPU per delivery, acknowledged and processed" "$(cpu_per "$cpu0" "$cpu1" "$(github_sql -c "SELECT count(*) FROM inbox_delivery WHERE connection_id = '$cid'")")"
    row github "ingest $path @$rate/s: webhook → task visible p50 / p99 (tasks / deliveries)" "$visible" ms
    curl -s -o /dev/null -X DELETE -H "Authorization: Bearer $ALICE" "$GH/connections/$cid" || true
  done
  done
fi

# --- drain and the other services' sections ------------------------------------------------------------
if [ "${BENCH_DRAIN:-0}" = 1 ] && up "$GITHUB_PORT"; then
  say "drain: bench/inbox-drain.sh (load $(load))"
  "$BENCH/inbox-drain.sh" | tee "$BENCH_OUT/drain.txt" >&2
  row drain "drain throughput (10,000 deliveries, 500 issues)" "$(grep -o '\*\*[0-9.]* deliveries/s' "$BENCH_OUT/drain.txt" | tr -d '*' | cut -d' ' -f1)" deliveries/s
fi
for section in "$BENCH"/sections/*.sh; do
  [ -f "$section" ] || continue
  say "section $(basename "$section" .sh) (load $(load))"
  BENCH_ROWS=$ROWS bash "$section" || row "$(basename "$section" .sh)" "section failed" "exit $?"
done
# the other services' own benchmark scripts (their output kept whole, one row pointing at it):
# BENCH_EXTRA="gateway-latency slack-status" runs those that are present; each needs its service
for name in ${BENCH_EXTRA:-}; do
  script=$BENCH/$name.sh
  [ -x "$script" ] || { row extra "$name" "no bench/$name.sh"; continue; }
  say "$name (load $(load))"
  if "$script" >"$BENCH_OUT/$name.txt" 2>&1; then
    row extra "$name" "see $name.txt"
  else
    row extra "$name" "failed (exit $?), see $name.txt"
  fi
done
row machine "load average at end" "$(load)"

python3 "$BENCH/lib/report.py" "$BENCH_OUT"
