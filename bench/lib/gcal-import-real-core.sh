#!/usr/bin/env bash
# bench/gcal-import.sh with BENCH_CORE=stack (see there): the Google import written to the
# timer-service of the running local stack. Creates the core's users and their project in the
# stack's `timer` database, runs ImportBenchmarkRealCore, counts the core's gcal entries per user,
# and deletes what it created.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
TT_HOME=${TT_HOME:-$ROOT/.tt}
PG_PORT=${TT_PG_PORT:-55432}
TIMER_PORT=${TT_PORT_TIMER_SERVICE:-8081}
KEYCLOAK_PORT=${TT_KEYCLOAK_PORT:-8180}
CONNECTIONS=${BENCH_CONNECTIONS:-1000}
EVENTS=${BENCH_EVENTS:-50}
RUN=gcalbench-$(date +%s)
LOG="${TMPDIR:-/tmp}/gcal-import-real-core-bench.log"
USERS_FILE=$(mktemp)
PSQL=$(printf '%s\n' /usr/lib/postgresql/*/bin/psql | sort -V | tail -1)

timer_sql() { PGPASSWORD=timer "$PSQL" -h 127.0.0.1 -p "$PG_PORT" -U timer -d timer -v ON_ERROR_STOP=1 -qAt "$@"; }

curl -sf --max-time 10 "http://127.0.0.1:$TIMER_PORT/q/health/ready" >/dev/null || {
  echo "gcal-import: no ready timer-service on port $TIMER_PORT (./tt up with the TT_* ports of your stack)"
  exit 1
}
CONNECTOR_GCAL_SECRET=$(sed -n 's/^CONNECTOR_GCAL_SECRET=//p' "$TT_HOME/secrets.env")
[ -n "$CONNECTOR_GCAL_SECRET" ] || {
  echo "gcal-import: no CONNECTOR_GCAL_SECRET in $TT_HOME/secrets.env"
  exit 1
}
export CONNECTOR_GCAL_SECRET

cleanup() {
  rm -f "$USERS_FILE"
  if [ "${BENCH_KEEP:-0}" = 1 ]; then
    echo "gcal-import: kept the core's users/project/entries of $RUN (BENCH_KEEP=1)"
    return
  fi
  timer_sql -v run="$RUN" <<'SQL' || echo "gcal-import: cleanup of the core's bench data failed"
DELETE FROM time_entries WHERE user_id IN (SELECT id FROM users WHERE subject LIKE :'run' || '-%');
DELETE FROM project_members WHERE user_id IN (SELECT id FROM users WHERE subject LIKE :'run' || '-%');
DELETE FROM users WHERE subject LIKE :'run' || '-%';
DELETE FROM projects WHERE name = :'run';
DELETE FROM clients WHERE name = :'run';
SQL
}
trap cleanup EXIT

# the core's users (one per connection), one client and project, every user a member
PROJECT=$(timer_sql -v run="$RUN" -v n="$CONNECTIONS" <<'SQL'
INSERT INTO clients (name) VALUES (:'run');
INSERT INTO projects (client_id, name, code)
  SELECT id, :'run', 'GB' || right(:'run', 10) FROM clients WHERE name = :'run';
INSERT INTO users (subject, username, email, full_name)
  SELECT :'run' || '-' || i, :'run' || '-' || i, :'run' || '-' || i || '@example.test', 'Bench ' || i
  FROM generate_series(0, :n - 1) i;
INSERT INTO project_members (project_id, user_id)
  SELECT p.id, u.id FROM projects p, users u WHERE p.name = :'run' AND u.subject LIKE :'run' || '-%';
SELECT id FROM projects WHERE name = :'run';
SQL
)
timer_sql -v run="$RUN" >"$USERS_FILE" <<'SQL'
SELECT id FROM users WHERE subject LIKE :'run' || '-%' ORDER BY id;
SQL
echo "gcal-import: core at 127.0.0.1:$TIMER_PORT, $(wc -l <"$USERS_FILE") users $RUN-* in project $PROJECT"

status=0
mvn -B -pl connector-gcal -am verify -Dspotless.check.skip=true \
  -Dtest=ImportBenchmarkRealCore -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.connections="$CONNECTIONS" -Dbench.events="$EVENTS" \
  -Dbench.concurrency="${BENCH_CONCURRENCY:-64}" -Dbench.user-window-ms="${BENCH_USER_WINDOW_MS:-1000}" \
  -Dbench.time-limit-s="${BENCH_TIME_LIMIT_S:-120}" \
  -Dbench.core-users="$USERS_FILE" -Dbench.core-project="$PROJECT" \
  -Dquarkus.rest-client.timer-service.url="http://127.0.0.1:$TIMER_PORT" \
  -Dquarkus.oidc-client.core.auth-server-url="http://127.0.0.1:$KEYCLOAK_PORT/realms/timetracker" \
  -Dquarkus.oidc-client.core.client-id=connector-gcal >"$LOG" 2>&1 || status=1
cat connector-gcal/target/bench/gcal-import-real-core.txt 2>/dev/null || true
if [ $status != 0 ]; then
  grep -E "Tests run|FAIL|ERROR\]|Expect|expected" "$LOG" | head -20
fi

# the core's side: exactly EVENTS gcal entries per user, each external ref once
read -r users_ok entries refs other <<<"$(timer_sql -F ' ' -v run="$RUN" -v e="$EVENTS" <<'SQL'
WITH per_user AS (
  SELECT u.id, count(t.id) AS n, count(DISTINCT t.external_ref) AS refs
  FROM users u LEFT JOIN time_entries t ON t.user_id = u.id AND t.source = 'gcal'
  WHERE u.subject LIKE :'run' || '-%' GROUP BY u.id)
SELECT count(*) FILTER (WHERE n = :e AND refs = :e), sum(n), sum(refs),
       (SELECT count(*) FROM time_entries t JOIN users u ON u.id = t.user_id
         WHERE u.subject LIKE :'run' || '-%' AND t.source <> 'gcal')
FROM per_user;
SQL
)"
echo "CORE gcal-import users_with_exactly_${EVENTS}_gcal_entries=$users_ok/$CONNECTIONS entries=$entries distinct_refs=$refs other_entries=$other"
if [ "$users_ok" != "$CONNECTIONS" ] || [ "$entries" != $((CONNECTIONS * EVENTS)) ] || [ "$other" != 0 ]; then
  echo "gcal-import: the core does not hold exactly $EVENTS gcal entries per user"
  status=1
fi
echo "gcal-import: load average after $(cut -d' ' -f1-3 /proc/loadavg)"
exit $status
