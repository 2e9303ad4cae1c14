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
# Side by side in one run (BENCH_AB=1, the default): connector-github is restarted with the inbox's
# look-ahead off (the baseline: one core call per delivery) and drains one backlog, then restarted
# with it on (field updates superseded by the next stored delivery of the same issue are left out)
# and drains a second backlog of the same shape. BENCH_AB=0: only the second.
#
# Needs the stack: ./tt up (with the same TT_* port variables exported), wrk (apt-get install wrk),
# psql, jq, python3. Usage: bench/inbox-drain.sh   (BENCH_DELIVERIES, BENCH_ISSUES, BENCH_AB, BENCH_JFR=1)
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
WARMUP=${BENCH_WARMUP:-1000}
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

echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
echo "== ceiling: wrk -t2 -c8 -d10s timer-service /q/health/live"
CEILING=$(wrk -t2 -c8 -d10s "http://127.0.0.1:$TIMER_PORT/q/health/live" | awk '/Requests\/sec/ {print $2}')
echo "   $CEILING req/s"
. "$ROOT/bench/lib/cpu.sh"

# restart_github LOOK_AHEAD: connector-github again with connector.inbox.look-ahead set
restart_github() {
  "$ROOT/tt" stop connector-github >/dev/null
  CONNECTOR_INBOX_LOOK_AHEAD=$1 "$ROOT/tt" up >/dev/null 2>&1 || die "./tt up failed restarting connector-github"
  curl -sf "http://127.0.0.1:$GITHUB_PORT/q/health/ready" >/dev/null || die "connector-github not ready after restart"
  # a fresh JVM runs interpreted at first: a small backlog warms it up, unmeasured
  DELIVERIES=$WARMUP ISSUES=$((WARMUP / 20)) drain "warm-up-$1" >/dev/null
}

# drain LABEL: one backlog of DELIVERIES for ISSUES new issues, drained; appends its column to $WORK/cols
drain() {
  local label=$1 repo="$REPO-$1" cid open start gh_pid core_pid
  cid=$(curl -sf -X POST -H "Authorization: Bearer $ALICE" -H 'Content-Type: application/json' \
    --data "{\"repository\":\"$repo\",\"defaultProjectId\":$DEMO_PROJECT_ID,\"autoStart\":true}" \
    "$GH/connections" | jq -er .connection.id) || die "creating the connection failed"
  echo "== $label: $DELIVERIES deliveries for $ISSUES issues of $repo (connection $cid)"
  python3 "$ROOT/bench/gen_issue_deliveries.py" "$repo" "$ISSUES" "$DELIVERIES" "bench-contributor" >"$WORK/deliveries.tsv"
  gh_pid=$(cat "$TT_HOME/run/connector-github.pid")
  core_pid=$(cat "$TT_HOME/run/timer-service.pid")
  if [ "${BENCH_JFR:-0}" = 1 ]; then
    jcmd "$gh_pid" JFR.start name=inbox-drain settings=profile filename="$ROOT/bench/inbox-drain-$label.jfr" >/dev/null
  fi
  local cpu0=("$(cpu_ms "$core_pid")" "$(cpu_ms "$gh_pid")" "$(pg_cpu_ms "$PG_PORT")")
  github_sql <<SQL
CREATE TEMP TABLE bench_in (n int, delivery_id text, action text, delivery_key text, payload bytea);
\copy bench_in FROM '$WORK/deliveries.tsv'
BEGIN;
INSERT INTO inbox_delivery (id, provider, delivery_id, connection_id, event, action, received_at,
                            payload, headers, delivery_key, status, attempts, next_attempt_at)
SELECT gen_random_uuid(), 'github', delivery_id, '$cid', 'issues', action, clock_timestamp(),
       payload, jsonb_build_object('x-github-event', 'issues', 'x-github-delivery', delivery_id),
       delivery_key, 'received', 0, clock_timestamp()
  FROM bench_in ORDER BY n;
COMMIT;
SQL
  start=$(date +%s)
  # the watcher must not load what it watches: one row looked up through the open-deliveries
  # index per second, not a count over the backlog
  while :; do
    open=$(github_sql -c "SELECT EXISTS (SELECT 1 FROM inbox_delivery WHERE status IN ('received', 'processing', 'failed') AND connection_id = '$cid')")
    [ "$open" = f ] && break
    (($(date +%s) - start > TIMEOUT_S)) && die "$label: deliveries still open after ${TIMEOUT_S}s"
    sleep 1
  done
  local cpu1=("$(cpu_ms "$core_pid")" "$(cpu_ms "$gh_pid")" "$(pg_cpu_ms "$PG_PORT")")
  [ "${BENCH_JFR:-0}" = 1 ] && jcmd "$gh_pid" JFR.stop name=inbox-drain >/dev/null
  per() { python3 -c "print(f'{($2 - $1) / $DELIVERIES:.2f}')"; }
  local c_core c_gh c_pg
  c_core=$(per "${cpu0[0]}" "${cpu1[0]}")
  c_gh=$(per "${cpu0[1]}" "${cpu1[1]}")
  c_pg=$(per "${cpu0[2]}" "${cpu1[2]}")
  local done_ dead retried drain_s rate p50 p99 ordered tasks superseded calls
  read -r done_ dead retried drain_s rate p50 p99 < <(github_sql -F ' ' <<SQL
SELECT count(*) FILTER (WHERE status = 'done'),
       count(*) FILTER (WHERE status = 'dead'),
       count(*) FILTER (WHERE attempts > 1),
       round(extract(epoch FROM max(processed_at) - min(received_at))::numeric, 2),
       round((count(*) / extract(epoch FROM max(processed_at) - min(received_at)))::numeric, 1),
       round(1000 * percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM processed_at - received_at))::numeric),
       round(1000 * percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM processed_at - received_at))::numeric)
  FROM inbox_delivery WHERE connection_id = '$cid';
SQL
)
  ordered=$(github_sql -c "
    SELECT count(*) FROM (
      SELECT e.issue_ref, array_agg(d.seq ORDER BY e.id) AS by_effect, array_agg(d.seq ORDER BY d.seq) AS by_arrival
        FROM github_effect e JOIN inbox_delivery d ON d.id = e.inbox_id
       WHERE e.connection_id = '$cid' GROUP BY e.issue_ref) x WHERE by_effect = by_arrival")
  superseded=$(github_sql -c "SELECT count(*) FROM github_effect WHERE connection_id = '$cid' AND effect = 'superseded'")
  calls=$(github_sql -c "SELECT count(*) FROM github_effect WHERE connection_id = '$cid' AND effect = 'task_upserted'")
  tasks=$(timer_sql -c "SELECT count(*) || ' tasks, ' || count(*) FILTER (WHERE status = 'done') || ' done, ' || count(*) FILTER (WHERE name LIKE '%(rev $((DELIVERIES / ISSUES - 1)))%') || ' with the last title' FROM tasks WHERE external_ref LIKE 'github:$repo#%'")
  curl -s -o /dev/null -X DELETE -H "Authorization: Bearer $ALICE" "$GH/connections/$cid" || true
  local capacity
  capacity=$(python3 -c "print(f'{$(nproc) * 1000 / ($c_core + $c_gh + $c_pg):.0f}')")
  printf '%s\n' "$label" "$done_ / $dead / $retried" "$calls / $superseded" "$drain_s s" "**$rate deliveries/s**" \
    "$p50 / $p99 ms" "$ordered / $ISSUES" "$tasks" "$c_core / $c_gh / $c_pg ms" "$capacity deliveries/s" \
    "$(cut -d' ' -f1-3 /proc/loadavg)" >"$WORK/col-$label"
}

LABELS=()
if [ "${BENCH_AB:-1}" = 1 ]; then
  restart_github false
  drain baseline-no-look-ahead
  LABELS+=(baseline-no-look-ahead)
  restart_github true
fi
drain look-ahead
LABELS+=(look-ahead)

FIGURES=("run" "deliveries done / dead / retried" "core task upserts / superseded" "drain time, first arrival → last done"
  "**drain throughput**" "delivery → done p50 / p99 (backlog: queue position)" "issues whose effects follow arrival order"
  "core afterwards" "CPU per delivery: timer-service / connector-github / PostgreSQL"
  "what $(nproc) cores could drain at that CPU cost, nothing else running" "load average at the end")
echo
header="| figure |"; sep="|---|"
for l in "${LABELS[@]}"; do header+=" $l |"; sep+="---|"; done
echo "$header"; echo "$sep"
for i in $(seq 1 $((${#FIGURES[@]} - 1))); do
  line="| ${FIGURES[$i]} |"
  for l in "${LABELS[@]}"; do line+=" $(sed -n "$((i + 1))p" "$WORK/col-$l") |"; done
  echo "$line"
done
echo "| ceiling: timer-service /q/health/live, wrk 8 conns | $CEILING req/s |"
