# shellcheck shell=bash
# CPU time used so far, in milliseconds: cpu_ms PID… sums the processes' user+system time
# (/proc/PID/stat fields 14 and 15, in clock ticks); pg_cpu_ms PORT sums every process of the
# PostgreSQL server listening on PORT (postmaster, its backends, and backends that have exited). Differences of two readings
# give the CPU a piece of work cost, whatever else ran on the machine meanwhile.
cpu_ms() {
  local hz total=0 pid
  hz=$(getconf CLK_TCK)
  for pid in "$@"; do
    [ -r "/proc/$pid/stat" ] || continue
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  echo $((total * 1000 / hz))
}

pg_cpu_ms() {
  local postmaster
  postmaster=$(pgrep -f "postgres.*-p $1" | head -1 || true)
  [ -n "$postmaster" ] || postmaster=$(head -1 "$TT_HOME/postgres/data/postmaster.pid" 2>/dev/null || true)
  [ -n "$postmaster" ] || { echo 0; return; }
  # backends alive now, plus what exited backends used (the postmaster's children times)
  # shellcheck disable=SC2046
  echo $(($(cpu_ms "$postmaster" $(pgrep -P "$postmaster")) +
    $(awk '{print $16 + $17}' "/proc/$postmaster/stat") * 1000 / $(getconf CLK_TCK)))
}

# stack_cpu_now CONNECTOR: CPU ms so far of integration-gateway, the connector, timer-service
# (their pid files in $TT_HOME/run) and the PostgreSQL server on $PG_PORT, space-separated
stack_cpu_now() {
  local pids=() name
  for name in integration-gateway "$1" timer-service; do
    pids+=("$(cat "$TT_HOME/run/$name.pid" 2>/dev/null || echo 0)")
  done
  echo "$(cpu_ms "${pids[0]}") $(cpu_ms "${pids[1]}") $(cpu_ms "${pids[2]}") $(pg_cpu_ms "$PG_PORT")"
}

# cpu_per_unit "NAME..." BEFORE AFTER COUNT: "NAME1 X / NAME2 Y ... ms" per unit of COUNT from two
# readings of stack_cpu_now; a process that spent nothing in between (not running) is left out
cpu_per_unit() {
  python3 -c 'import sys
names, b, a, n = sys.argv[1].split(), sys.argv[2].split(), sys.argv[3].split(), float(sys.argv[4])
print(" / ".join(f"{k} {(float(y) - float(x)) / max(n, 1):.2f}" for k, x, y in zip(names, b, a) if float(y) > float(x)) + " ms")' "$@"
}
