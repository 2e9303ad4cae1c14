#!/usr/bin/env bash
# Google Calendar import benchmark: BENCH_CONNECTIONS connections (default 1000) × BENCH_EVENTS
# timed events (default 50, two pages each) imported by connector-gcal's scheduler (two replicas'
# worth, BENCH_CONCURRENCY imports each) against a WireMock Google that enforces a per-user budget:
# one call per BENCH_USER_WINDOW_MS (default 1000) per user, a call sooner refused the way Calendar
# API v3 refuses it — 429 rateLimitExceeded with Retry-After for half of the users, 403
# rateLimitExceeded (exponential backoff) for the other half, Google's error JSON. On the real
# (embedded) PostgreSQL; the core is the in-memory fake of the module's tests, so the figure is the
# connector's own import path (paging, rate limits, link table, job claims), not the core's write
# path (bench/inbox-drain.sh measures that). Fails unless every event was imported exactly once
# within 120 s, both refusals were served, and no call came before its Retry-After.
# Prints the result line; docs/PERFORMANCE.md has the figures.
#
# BENCH_CORE=stack: the same import written to the REAL core — the timer-service of the running
# local stack (./tt up, its TT_* ports in the environment): the test class ImportBenchmarkRealCore
# (no mock of the core) with the connector's core client pointed at the stack's timer-service and
# its client-credentials token from the stack's Keycloak (client connector-gcal, secret from
# $TT_HOME/secrets.env); the connector's own tables stay in the embedded PostgreSQL. The script
# creates BENCH_CONNECTIONS users (subject gcalbench-<run>-<i>) and one project they are members
# of in the stack's `timer` database, checks afterwards that the core holds exactly BENCH_EVENTS
# entries with source gcal per user, each external ref once, and deletes what it created
# (BENCH_KEEP=1 keeps it). BENCH_TIME_LIMIT_S (default 120) is the test's time limit.
# Usage: bench/gcal-import.sh   (BENCH_CONNECTIONS, BENCH_EVENTS, BENCH_CONCURRENCY, BENCH_USER_WINDOW_MS)
#        source <env with TT_* ports>; BENCH_CORE=stack bench/gcal-import.sh
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
echo "gcal-import: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "${BENCH_CORE:-fake}" = stack ]; then
  exec "$ROOT/bench/lib/gcal-import-real-core.sh"
fi
mvn -B -pl connector-gcal -am verify -Dspotless.check.skip=true \
  -Dtest=ImportBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.connections="${BENCH_CONNECTIONS:-1000}" -Dbench.events="${BENCH_EVENTS:-50}" \
  -Dbench.concurrency="${BENCH_CONCURRENCY:-64}" -Dbench.user-window-ms="${BENCH_USER_WINDOW_MS:-1000}" >"${TMPDIR:-/tmp}/gcal-import-bench.log" 2>&1 || {
  grep -E "Tests run|FAIL|ERROR\]" "${TMPDIR:-/tmp}/gcal-import-bench.log" | head -20
  exit 1
}
cat connector-gcal/target/bench/gcal-import.txt
echo "gcal-import: load average after $(cut -d' ' -f1-3 /proc/loadavg)"
