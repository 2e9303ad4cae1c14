#!/usr/bin/env bash
# One runtime setting of timer-service, off and on, in the same minutes: the stack's own
# timer-service (./tt up, with the same TT_* port variables exported) is restarted with the
# baseline environment, then with the subject environment, BENCH_ROUNDS times in turn; each time it
# gets BENCH_WARM seconds of pairs unrecorded (its JIT), then BENCH_SECONDS of timer start+stop
# pairs at BENCH_RATE pairs/s (open model, bench/loadgen/LoadGen.java) measured, and the CPU the
# service and PostgreSQL spent per pair (from /proc: it holds however busy the machine is).
# One service at a time: unlike bench/ab-core.sh, nothing of the other side runs meanwhile.
#
# Usage: bench/ab-setting.sh "BASELINE_ENV" "SUBJECT_ENV"   ("NAME=value ..." each)
#   e.g. bench/ab-setting.sh DB_CACHE_PREPARED_STATEMENTS=false DB_CACHE_PREPARED_STATEMENTS=true
# Knobs: BENCH_USERS (64), BENCH_RATE (100), BENCH_SECONDS (20), BENCH_WARM (10), BENCH_ROUNDS (2).
# Leaves timer-service running with its default environment. Prints a table; writes
# bench/results/setting-<UTC time>/.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench
export TT_HOME=${TT_HOME:-$ROOT/.tt}
BASE_ENV=${1:?baseline environment, e.g. DB_CACHE_PREPARED_STATEMENTS=false}
SUBJ_ENV=${2:?subject environment, e.g. DB_CACHE_PREPARED_STATEMENTS=true}
PG_PORT=${TT_PG_PORT:-55432}
TIMER_PORT=${TT_PORT_TIMER_SERVICE:-8081}
USERS=${BENCH_USERS:-64}
RATE=${BENCH_RATE:-100}
SECONDS_PER_STEP=${BENCH_SECONDS:-20}
WARM=${BENCH_WARM:-10}
ROUNDS=${BENCH_ROUNDS:-2}
OUT=${BENCH_OUT:-$BENCH/results/setting-$(date -u +%Y%m%dT%H%M%SZ)}
KEYCLOAK=http://127.0.0.1:${TT_KEYCLOAK_PORT:-8180}
TOKEN_URL=$KEYCLOAK/realms/timetracker/protocol/openid-connect/token
TIMER=http://127.0.0.1:$TIMER_PORT
HDR=${HDR_JAR:-$HOME/.m2/repository/org/hdrhistogram/HdrHistogram/2.2.2/HdrHistogram-2.2.2.jar}
[ -f "$TT_HOME/demo.env" ] || { echo "ab-setting: start the stack with ./tt up first" >&2; exit 1; }
# shellcheck disable=SC1091
. "$TT_HOME/demo.env"
. "$BENCH/lib/cpu.sh"
mkdir -p "$OUT"
javac -d "$OUT/classes" -cp "$HDR" "$BENCH/loadgen/LoadGen.java"
loadgen() { java -Xmx1g -cp "$OUT/classes:$HDR" LoadGen "$@"; }
. "$BENCH/lib/users.sh"
bench_users "$USERS" >"$OUT/tokens.txt"

restart() { # restart ENV...: timer-service of the stack with this extra environment
  "$ROOT/tt" stop timer-service >/dev/null
  # shellcheck disable=SC2086
  env $1 "$ROOT/tt" start timer-service >/dev/null
}

printf 'round\tside\tenvironment\tpairs\tachieved/s\tp50 ms\tp99 ms\tservice CPU ms/pair\tPostgreSQL CPU ms/pair\tload\n' | tee "$OUT/table.tsv"
for round in $(seq 1 "$ROUNDS"); do
  for side in baseline subject; do
    envs=$BASE_ENV
    [ "$side" = subject ] && envs=$SUBJ_ENV
    restart "$envs"
    pid=$(cat "$TT_HOME/run/timer-service.pid")
    loadgen pairs "http://127.0.0.1:$TIMER_PORT" "$OUT/tokens.txt" "$DEMO_PROJECT_ID" "$RATE" "$WARM" >/dev/null
    s0=$(cpu_ms "$pid") p0=$(pg_cpu_ms "$PG_PORT")
    j=$OUT/pairs-$side-$round.json
    loadgen pairs "http://127.0.0.1:$TIMER_PORT" "$OUT/tokens.txt" "$DEMO_PROJECT_ID" "$RATE" "$SECONDS_PER_STEP" >"$j"
    sleep 2 # the relay publishes the step's last events
    s1=$(cpu_ms "$pid") p1=$(pg_cpu_ms "$PG_PORT")
    n=$(jq .completed "$j")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$side" "$envs" "$n" "$(jq .achieved_per_s "$j")" \
      "$(jq .latency_ms.p50 "$j")" "$(jq .latency_ms.p99 "$j")" \
      "$(python3 -c "print(round(($s1 - $s0) / $n, 2))")" "$(python3 -c "print(round(($p1 - $p0) / $n, 2))")" \
      "$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$OUT/table.tsv"
  done
done
"$ROOT/tt" stop timer-service >/dev/null
"$ROOT/tt" start timer-service >/dev/null
echo "results: $OUT"
