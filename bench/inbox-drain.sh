#!/usr/bin/env bash
# Inbox drain benchmark: a backlog of stored GitHub `issues` deliveries (default 10,000 for 500
# issues, each issue opened → labeled → assigned → edited/labeled/unlabeled … → closed) is drained
# by connector-github against the REAL timer-service of the local stack. Prints the drain
# throughput, delivery → done p50/p99, what the core holds afterwards, and — measured in the same
# run — timer-service's trivial endpoint rate (wrk on /q/health/live) as the machine's ceiling.
#
# The deliveries go straight into the inbox table in one transaction (as the webhook would have
# stored them, with the same ordering key), so the figure is the drain alone, not the intake. The
# commit's NOTIFY wakes the runner; the clock runs from the first arrival to the last `done`.
#
# Needs the stack: ./tt up (with the same TT_* port variables exported), wrk (apt-get install wrk),
# psql, jq, python3. Usage: bench/inbox-drain.sh   (BENCH_DELIVERIES, BENCH_ISSUES, BENCH_JFR=1)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export TT_HOME=${TT_HOME:-$ROOT/.tt}
PG_PORT=${TT_PG_PORT:-55432}
KEYCLOAK_PORT=${TT_KEYCLOAK_PORT:-8180}
TIMER_PORT=${TT_PORT_TIMER_SERVICE:-8081}
GITHUB_PORT=${TT_PORT_CONNECTOR_GITHUB:-8082}
DELIVERIES=${BENCH_DELIVERIES:-10000}
ISSUES=${BENCH_ISSUES:-500}
TIMEOUT_S=${BENCH_TIMEOUT_S:-900}
TOKEN_URL="http://127.0.0.1:$KEYCLOAK_PORT/realms/timetracker/protocol/openid-connect/token"
GH="http://127.0.0.1:$GITHUB_PORT/api/integrations/github"
RUN=$(date +%s)
REPO="bench-org/shop-$RUN"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

die() { echo "inbox-drain: $*" >&2; exit 1; }
for tool in wrk psql jq python3 curl; do command -v $tool >/dev/null || die "$tool is missing"; done
[ -f "$TT_HOME/demo.env" ] || die "no $TT_HOME/demo.env: start the stack with ./tt up first"
# shellcheck disable=SC1091
. "$TT_HOME/demo.env"
github_sql() { PGPASSWORD=github psql -h 127.0.0.1 -p "$PG_PORT" -U github -d github -qAtX -v ON_ERROR_STOP=1 "$@"; }
timer_sql() { PGPASSWORD=timer psql -h 127.0.0.1 -p "$PG_PORT" -U timer -d timer -qAtX -v ON_ERROR_STOP=1 "$@"; }
curl -sf "http://127.0.0.1:$GITHUB_PORT/q/health/ready" >/dev/null || die "connector-github is not ready on $GITHUB_PORT"
curl -sf "http://127.0.0.1:$TIMER_PORT/q/health/ready" >/dev/null || die "timer-service is not ready on $TIMER_PORT"

ALICE=$(curl -sf -d grant_type=password -d client_id=tt-cli -d username=alice -d password=alice \
  "$TOKEN_URL" | jq -er .access_token) || die "no token for alice"
CID=$(curl -sf -X POST -H "Authorization: Bearer $ALICE" -H 'Content-Type: application/json' \
  --data "{\"repository\":\"$REPO\",\"defaultProjectId\":$DEMO_PROJECT_ID,\"autoStart\":true}" \
  "$GH/connections" | jq -er .connection.id) || die "creating the connection failed"

echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
echo "== ceiling: wrk -t2 -c8 -d10s timer-service /q/health/live"
CEILING=$(wrk -t2 -c8 -d10s "http://127.0.0.1:$TIMER_PORT/q/health/live" | awk '/Requests\/sec/ {print $2}')
echo "   $CEILING req/s"

echo "== backlog: $DELIVERIES deliveries for $ISSUES issues of $REPO (connection $CID)"
python3 "$ROOT/bench/gen_issue_deliveries.py" "$REPO" "$ISSUES" "$DELIVERIES" "bench-contributor" >"$WORK/deliveries.tsv"
if [ "${BENCH_JFR:-0}" = 1 ]; then
  GH_PID=$(cat "$TT_HOME/run/connector-github.pid")
  jcmd "$GH_PID" JFR.start name=inbox-drain settings=profile filename="$ROOT/bench/inbox-drain.jfr" >/dev/null
fi
. "$ROOT/bench/lib/cpu.sh"
CORE_PID=$(cat "$TT_HOME/run/timer-service.pid")
GH_JAVA=$(cat "$TT_HOME/run/connector-github.pid")
cpu0=("$(cpu_ms "$CORE_PID")" "$(cpu_ms "$GH_JAVA")" "$(pg_cpu_ms "$PG_PORT")")
github_sql <<SQL
CREATE TEMP TABLE bench_in (n int, delivery_id text, action text, delivery_key text, payload bytea);
\copy bench_in FROM '$WORK/deliveries.tsv'
BEGIN;
INSERT INTO inbox_delivery (id, provider, delivery_id, connection_id, event, action, received_at,
                            payload, headers, delivery_key, status, attempts, next_attempt_at)
SELECT gen_random_uuid(), 'github', delivery_id, '$CID', 'issues', action, clock_timestamp(),
       payload, jsonb_build_object('x-github-event', 'issues', 'x-github-delivery', delivery_id),
       delivery_key, 'received', 0, clock_timestamp()
  FROM bench_in ORDER BY n;
COMMIT;
SQL
START=$(date +%s.%N)
while :; do
  OPEN=$(github_sql -c "SELECT count(*) FROM inbox_delivery WHERE connection_id = '$CID' AND status IN ('received', 'processing', 'failed')")
  [ "$OPEN" = 0 ] && break
  (($(date +%s) - ${START%.*} > TIMEOUT_S)) && die "still $OPEN open after ${TIMEOUT_S}s"
  sleep 0.5
done
cpu1=("$(cpu_ms "$CORE_PID")" "$(cpu_ms "$GH_JAVA")" "$(pg_cpu_ms "$PG_PORT")")
per() { python3 -c "print(f'{($2 - $1) / $DELIVERIES:.2f}')"; }
CPU_CORE=$(per "${cpu0[0]}" "${cpu1[0]}")
CPU_GH=$(per "${cpu0[1]}" "${cpu1[1]}")
CPU_PG=$(per "${cpu0[2]}" "${cpu1[2]}")
CAPACITY=$(python3 -c "print(f'{$(nproc) * 1000 / ($CPU_CORE + $CPU_GH + $CPU_PG):.0f}')")
if [ "${BENCH_JFR:-0}" = 1 ]; then
  jcmd "$GH_PID" JFR.stop name=inbox-drain >/dev/null
  echo "   profile: bench/inbox-drain.jfr (jfr print --events jdk.ExecutionSample …)"
fi

github_sql -F ' ' >"$WORK/figures" <<SQL
SELECT count(*) FILTER (WHERE status = 'done'),
       count(*) FILTER (WHERE status = 'dead'),
       count(*) FILTER (WHERE attempts > 1),
       round(extract(epoch FROM max(processed_at) - min(received_at))::numeric, 2),
       round((count(*) / extract(epoch FROM max(processed_at) - min(received_at)))::numeric, 1),
       round(1000 * percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM processed_at - received_at))::numeric),
       round(1000 * percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM processed_at - received_at))::numeric)
  FROM inbox_delivery WHERE connection_id = '$CID';
SQL
read -r DONE DEAD RETRIED DRAIN_S RATE P50 P99 <"$WORK/figures"
ORDERED=$(github_sql -c "
  SELECT count(*) FROM (
    SELECT e.issue_ref, array_agg(d.seq ORDER BY e.id) AS by_effect, array_agg(d.seq ORDER BY d.seq) AS by_arrival
      FROM github_effect e JOIN inbox_delivery d ON d.id = e.inbox_id
     WHERE e.connection_id = '$CID' GROUP BY e.issue_ref) x WHERE by_effect = by_arrival")
TASKS=$(timer_sql -c "SELECT count(*) || ' tasks, ' || count(*) FILTER (WHERE status = 'done') || ' done' FROM tasks WHERE external_ref LIKE 'github:$REPO#%'")
curl -s -o /dev/null -X DELETE -H "Authorization: Bearer $ALICE" "$GH/connections/$CID" || true

echo
echo "| figure | value |"
echo "|---|---|"
echo "| deliveries drained (done / dead / retried) | $DONE / $DEAD / $RETRIED |"
echo "| drain time, first arrival → last done | ${DRAIN_S} s |"
echo "| **drain throughput** | **$RATE deliveries/s** |"
echo "| delivery → done p50 / p99 (backlog: queue position) | $P50 / $P99 ms |"
echo "| issues whose effects follow arrival order | $ORDERED / $ISSUES |"
echo "| core afterwards | $TASKS |"
echo "| ceiling: timer-service /q/health/live, wrk 8 conns | $CEILING req/s |"
echo "| CPU per delivery: timer-service / connector-github / PostgreSQL | $CPU_CORE / $CPU_GH / $CPU_PG ms |"
echo "| what $(nproc) cores could drain at that CPU cost, nothing else running | $CAPACITY deliveries/s |"
echo "| load average at the end | $(cut -d' ' -f1-3 /proc/loadavg) |"
