#!/usr/bin/env bash
# Time to ready and idle RSS of the suite's services, measured by restarting each running service
# of the local stack (./tt up, with the same TT_* port variables exported) one after the other with
# the JVM options in effect (TT_SERVICE_JAVA_OPTS, TT_SERVICE_APPCDS: deploy/local/lib/services.sh).
#
# Per service it prints one tab-separated line:
#   service  label  started_in_s  cpu_to_ready_s  rss_idle_MiB  load
# started_in_s   Quarkus' own "started in" from the service log (wall clock, depends on the load)
# cpu_to_ready_s user+system CPU time of the JVM from its start until /q/health/ready answered
#                (from /proc/<pid>/stat; far less sensitive to the other processes of a shared
#                machine than the wall clock)
# rss_idle_MiB   VmRSS after BENCH_IDLE seconds (default 20) without requests
# load           the 1-minute load average when the service became ready
#
# Usage: bench/startup.sh [label] [service...]   (default: every running service of the stack)
# Compare two settings in one session, e.g.:
#   TT_SERVICE_JAVA_OPTS="-Xms64m -Xmx512m" TT_SERVICE_APPCDS=0 bench/startup.sh before
#   bench/startup.sh after
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export TT_HOME=${TT_HOME:-$ROOT/.tt}
LABEL=${1:-current}
shift || true
IDLE=${BENCH_IDLE:-20}
TICKS=$(getconf CLK_TCK)

services=("$@")
if [ ${#services[@]} -eq 0 ]; then
  for pidfile in "$TT_HOME"/run/*.pid; do
    name=$(basename "$pidfile" .pid)
    [ -f "$ROOT/$name/pom.xml" ] && services+=("$name")
  done
fi

cpu_s() { # user+system seconds of a process (fields 14, 15 of /proc/<pid>/stat; comm has no spaces)
  awk -v t="$TICKS" '{printf "%.1f", ($14 + $15) / t}' "/proc/$1/stat"
}

for name in "${services[@]}"; do
  "$ROOT/tt" stop "$name" >/dev/null
  "$ROOT/tt" start "$name" >/dev/null
  pid=$(cat "$TT_HOME/run/$name.pid")
  cpu=$(cpu_s "$pid")
  load=$(cut -d' ' -f1 /proc/loadavg)
  started=$(grep -ho 'started in [0-9.]*s' "$TT_HOME/logs/$name.log" | tail -1 | grep -o '[0-9.]*')
  sleep "$IDLE"
  rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$LABEL" "$started" "$cpu" "$((rss_kb / 1024))" "$load"
done
