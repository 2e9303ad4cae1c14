# shellcheck shell=bash
# Stopping one component of a running stack, for the fault harness (deploy/local/fault.sh) and for
# trying things by hand: `./tt stop kafka`, `./tt stop connector-github --kill`. `./tt up` starts
# whatever is stopped again and leaves the rest running.

# stop_component COMPONENT [--kill]: stop one component by its PID file. --kill sends SIGKILL to
# its process group at once (a crash: no shutdown hooks, nothing flushed); without it the
# component stops the way `./tt down` stops it.
stop_component() {
  local comp=$1 how=${2:-} pid
  case $comp in
    postgres | kafka | keycloak) ;;
    *) selected_services | awk '{print $1}' | grep -qxF -- "$comp" || die "unknown component $comp" ;;
  esac
  [ "$comp" = postgres ] && pg_adopt_pid
  alive "$comp" || {
    say "$comp is not running"
    return 0
  }
  pid=$(pid_of "$comp")
  if [ "$how" = --kill ]; then
    say "killing $comp (kill -9 process group $pid)"
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null
    local i
    for ((i = 0; i < 40; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.25
    done
    rm -f "$RUN_DIR/$comp.pid" "$RUN_DIR/$comp.state"
    return 0
  fi
  case $comp in
    postgres | kafka | keycloak)
      say "stopping $comp (pid $pid)"
      "stop_$comp"
      ;;
    *) stop_one_service "$comp" ;;
  esac
}
