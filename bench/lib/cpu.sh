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
