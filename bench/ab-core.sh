#!/usr/bin/env bash
# Baseline and subject side by side: two builds of timer-service (their target/quarkus-app folders)
# run at the same time against the local stack's PostgreSQL, Kafka and Keycloak, on ports
# TIMER_PORT+7 (baseline) and TIMER_PORT+8 (subject); the same load is offered to each in turn,
# step by step (baseline, subject, baseline, subject …), so both see the same machine minute by
# minute. Figures: time to ready, idle RSS, the /q/health/live ceiling, timer start+stop pairs at
# each rate of BENCH_PAIR_RATES with their ratios, and the CPU each pair cost the service and
# PostgreSQL (from /proc, so it holds however busy the machine is). Writes the same result folder as run.sh.
#
# Usage: bench/ab-core.sh BASELINE_QUARKUS_APP SUBJECT_QUARKUS_APP
#   e.g. keep a build: cp -a timer-service/target/quarkus-app .tt/jars/baseline
# With BENCH_STATUS_RATES (e.g. "200 400"), each side also answers the timer state at each rate:
# connector-slack's GET /api/v1/service/users/{id}/timer (client-credentials token of the stack's
# connector-slack client) and the user's GET /api/v1/timer, both for the first bench user with a
# running timer; achieved rate, p50 / p99 / p99.9 and the CPU per request of service and PostgreSQL.
# Knobs: BENCH_USERS (64), BENCH_PAIR_RATES ("100 200"; " " for none), BENCH_SECONDS (15), BENCH_ROUNDS (2),
# BENCH_REUSE=1 (measure the two builds still listening from an earlier run, leave them running),
# BENCH_TOKENS (a tokens file of an earlier run, younger than the realm's 15 min token lifetime),
# BENCH_BASELINE_ENV / BENCH_SUBJECT_ENV ("NAME=value ...": extra environment of one side, e.g. the
# same build with one runtime setting changed: BENCH_SUBJECT_ENV=QUARKUS_DATASOURCE_REACTIVE_CACHE_PREPARED_STATEMENTS=true).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench
export TT_HOME=${TT_HOME:-$ROOT/.tt}
BASE_APP=$(cd "$1" && pwd)
SUBJ_APP=$(cd "$2" && pwd)
PG_PORT=${TT_PG_PORT:-55432}
KAFKA_PORT=${TT_KAFKA_PORT:-9092}
KEYCLOAK_PORT=${TT_KEYCLOAK_PORT:-8180}
TIMER_PORT=${TT_PORT_TIMER_SERVICE:-8081}
USERS=${BENCH_USERS:-64}
PAIR_RATES=${BENCH_PAIR_RATES:-100 200}
SECONDS_PER_STEP=${BENCH_SECONDS:-15}
ROUNDS=${BENCH_ROUNDS:-2}
export BENCH_OUT=${BENCH_OUT:-$BENCH/results/ab-$(date -u +%Y%m%dT%H%M%SZ)}
KEYCLOAK=http://127.0.0.1:$KEYCLOAK_PORT
TOKEN_URL=$KEYCLOAK/realms/timetracker/protocol/openid-connect/token
HDR=${HDR_JAR:-$HOME/.m2/repository/org/hdrhistogram/HdrHistogram/2.2.2/HdrHistogram-2.2.2.jar}
die() { echo "ab-core: $*" >&2; exit 1; }
[ -f "$TT_HOME/demo.env" ] || die "no $TT_HOME/demo.env: start the stack with ./tt up first"
# shellcheck disable=SC1091
. "$TT_HOME/demo.env"
mkdir -p "$BENCH_OUT"
javac -d "$BENCH_OUT/classes" -cp "$HDR" "$BENCH/loadgen/LoadGen.java"
loadgen() { java -Xmx256m -cp "$BENCH_OUT/classes:$HDR" LoadGen "$@"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
ROWS=$BENCH_OUT/rows.tsv
: >"$ROWS"
row() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "${4:-}" >>"$ROWS"; }
say() { echo "== $*" >&2; }

PIDS=()
stop_all() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap stop_all EXIT

# one build on a port, configured like ./tt configures timer-service
start() {
  local app=$1 port=$2 log=$3 extra_env=$4
  (
    cd "$TT_HOME" || exit 1
    export QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$port KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT
    export OIDC_AUTH_SERVER_URL=$KEYCLOAK/realms/timetracker TT_STACK_HOME=$TT_HOME
    export DB_HOST=127.0.0.1 DB_PORT=$PG_PORT DB_NAME=timer DB_USER=timer DB_PASSWORD=timer
    # shellcheck disable=SC2086
    exec env $extra_env java -Xms64m -Xmx512m -jar "$app/quarkus-run.jar" >"$log" 2>&1
  ) &
  LAST_PID=$!
  PIDS+=("$LAST_PID")
}

ready_in() {
  local port=$1 pid=$2 log=$3 t0=$4
  until curl -sf -o /dev/null --max-time 3 "http://127.0.0.1:$port/q/health/ready"; do
    kill -0 "$pid" 2>/dev/null || die "the service on $port exited; see $log"
    sleep 0.5
  done
  echo "$(($(date +%s%N) / 1000000 - t0)) ms wall, Quarkus: $(grep -o 'started in [0-9.]*s' "$log" | grep -o '[0-9.]*')s"
}

BPORT=$((TIMER_PORT + 7))
SPORT=$((TIMER_PORT + 8))
say "machine: $(nproc) cores, load $(load); baseline $BASE_APP on $BPORT, subject $SUBJ_APP on $SPORT"
row machine cores "$(nproc)"
row machine "load average at start" "$(load)"
row machine jvm "$(java -version 2>&1 | head -1 | tr -d '"')"
row machine "extra environment: baseline / subject" "${BENCH_BASELINE_ENV:--} / ${BENCH_SUBJECT_ENV:--}"
# committed transactions of the timer database and the WAL position: per pair, they do not depend
# on how busy the machine is (the relays' own rounds are included)
db_counters() {
  PGPASSWORD=timer psql -h 127.0.0.1 -p "$PG_PORT" -U timer -d timer -qAtX -c \
    "SELECT xact_commit, pg_current_wal_lsn() - '0/0'::pg_lsn FROM pg_stat_database WHERE datname = 'timer'"
}
listener() { ss -ltnp "sport = :$1" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2; }
if [ "${BENCH_REUSE:-0}" = 1 ]; then
  # both builds still listening from an interrupted run: measure them as they are
  bpid=$(listener "$BPORT") spid=$(listener "$SPORT")
  [ -n "$bpid" ] && [ -n "$spid" ] || die "BENCH_REUSE=1 but nothing listens on $BPORT and $SPORT"
  trap - EXIT
else
  # one after the other, so neither start slows the other's
  t0=$(($(date +%s%N) / 1000000))
  start "$BASE_APP" "$BPORT" "$BENCH_OUT/baseline.log" "${BENCH_BASELINE_ENV:-}"
  bpid=$LAST_PID
  row services "baseline time to ready" "$(ready_in "$BPORT" "$bpid" "$BENCH_OUT/baseline.log" "$t0")"
  t0=$(($(date +%s%N) / 1000000))
  start "$SUBJ_APP" "$SPORT" "$BENCH_OUT/subject.log" "${BENCH_SUBJECT_ENV:-}"
  spid=$LAST_PID
  row services "subject time to ready" "$(ready_in "$SPORT" "$spid" "$BENCH_OUT/subject.log" "$t0")"
  sleep 5
fi
row services "baseline / subject RSS before the load" "$(($(awk '/VmRSS/ {print $2}' /proc/$bpid/status) / 1024)) / $(($(awk '/VmRSS/ {print $2}' /proc/$spid/status) / 1024))" MiB

TIMER=http://127.0.0.1:$SPORT
. "$BENCH/lib/users.sh"
. "$BENCH/lib/cpu.sh"
if [ -n "${BENCH_TOKENS:-}" ]; then
  head -n "$USERS" "$BENCH_TOKENS" >"$BENCH_OUT/tokens.txt" # tokens of a run minutes ago
else
  bench_users "$USERS" >"$BENCH_OUT/tokens.txt"
fi
row core "users signed in through Keycloak" "$(wc -l <"$BENCH_OUT/tokens.txt")"
STATUS_RATES=${BENCH_STATUS_RATES:-}
if [ -n "$STATUS_RATES" ]; then
  # shellcheck disable=SC1091
  . "$TT_HOME/secrets.env"
  SVC_TOKEN=$(curl -sf -d grant_type=client_credentials -d client_id=connector-slack \
    -d client_secret="$CONNECTOR_SLACK_SECRET" "$TOKEN_URL" | jq -r .access_token)
  USER_TOKEN=$(head -n 1 "$BENCH_OUT/tokens.txt")
  STATUS_USER=$(curl -sf -H "Authorization: Bearer $USER_TOKEN" "$TIMER/api/v1/me" | jq -r .id)
fi
# status_steps SIDE PORT PID ROUND: the timer state at each rate of BENCH_STATUS_RATES
status_steps() {
  local side=$1 port=$2 pid=$3 round=$4 rate path j svc0 svc1 pg0 pg1 n
  for path in "service:/api/v1/service/users/$STATUS_USER/timer:$SVC_TOKEN" "user:/api/v1/timer:$USER_TOKEN"; do
    IFS=: read -r kind url token <<<"$path"
    # a running timer, so the state carries an entry and its project (409: it already runs)
    curl -s -o /dev/null -X POST -H "Authorization: Bearer $USER_TOKEN" -H 'Content-Type: application/json' \
      -d "{\"projectId\": $DEMO_PROJECT_ID}" "http://127.0.0.1:$port/api/v1/timer/start"
    for rate in $STATUS_RATES; do
      say "round $round $side: $kind timer state at $rate req/s for ${SECONDS_PER_STEP}s (load $(load))"
      j=$BENCH_OUT/status-$kind-$side-$round-$rate.json
      svc0=$(cpu_ms "$pid") pg0=$(pg_cpu_ms "$PG_PORT")
      loadgen get "http://127.0.0.1:$port$url" "$rate" "$SECONDS_PER_STEP" "Authorization:Bearer $token" >"$j"
      svc1=$(cpu_ms "$pid") pg1=$(pg_cpu_ms "$PG_PORT")
      n=$(jq .completed "$j")
      row core "round $round $side @$rate req/s $kind timer state: achieved; p50 / p99 / p99.9 ms; answers" \
        "$(jq .achieved_per_s "$j"); $(jq -r '.latency_ms | "\(.p50) / \(.p99) / \(.p99_9)"' "$j"); $(jq -c .statuses "$j") errors $(jq .errors "$j")"
      row core "round $round $side @$rate req/s $kind timer state: CPU per request, service / PostgreSQL" \
        "$(python3 -c "print(f'{($svc1-$svc0)/max($n,1):.2f} / {($pg1-$pg0)/max($n,1):.2f}')")" ms
    done
  done
}
for round in $(seq 1 "$ROUNDS"); do
  for side in baseline subject; do
    port=$BPORT pid=$bpid
    [ $side = subject ] && port=$SPORT pid=$spid
    ceiling=$(wrk -t2 -c8 -d10s "http://127.0.0.1:$port/q/health/live" | awk '/Requests\/sec/ {print $2}')
    echo "$ceiling" >"$BENCH_OUT/ceiling-$side-$round.txt"
    row core "round $round $side: ceiling /q/health/live, wrk 8 conns (load $(load))" "$ceiling" req/s
    for rate in $PAIR_RATES; do
      say "round $round $side: $rate pairs/s for ${SECONDS_PER_STEP}s (load $(load))"
      j=$BENCH_OUT/pairs-$side-$round-$rate.json
      db0=$(db_counters)
      svc0=$(cpu_ms "$pid") pg0=$(pg_cpu_ms "$PG_PORT")
      loadgen pairs "http://127.0.0.1:$port" "$BENCH_OUT/tokens.txt" "$DEMO_PROJECT_ID" "$rate" "$SECONDS_PER_STEP" >"$j"
      svc1=$(cpu_ms "$pid") pg1=$(pg_cpu_ms "$PG_PORT")
      sleep 2 # PostgreSQL publishes its statistics counters at most once a second
      db1=$(db_counters)
      achieved=$(jq .achieved_per_s "$j")
      pairs=$(jq .completed "$j")
      row core "round $round $side @$rate pairs/s: commits (database timer) / WAL bytes (server) per pair" \
        "$(python3 -c "a='$db0'.split('|'); b='$db1'.split('|'); print(f'{(int(b[0])-int(a[0]))/$pairs:.2f} / {(int(b[1])-int(a[1]))/$pairs:.0f}')")"
      row core "round $round $side @$rate pairs/s: CPU per pair, service / PostgreSQL" \
        "$(python3 -c "print(f'{($svc1-$svc0)/$pairs:.2f} / {($pg1-$pg0)/$pairs:.2f}')")" ms
      row core "round $round $side @$rate pairs/s: achieved; p50 / p99 / p99.9 ms; answers" \
        "$achieved; $(jq -r '.latency_ms | "\(.p50) / \(.p99) / \(.p99_9)"' "$j"); $(jq -c .statuses "$j") errors $(jq .errors "$j")"
      row core "round $round $side @$rate pairs/s: requests/s vs ceiling" "$(python3 -c "print(f'{2*$achieved/$ceiling*100:.1f} %')")"
    done
    [ -z "$STATUS_RATES" ] || status_steps "$side" "$port" "$pid" "$round"
  done
done
row machine "load average at end" "$(load)"
python3 "$BENCH/lib/report.py" "$BENCH_OUT"
