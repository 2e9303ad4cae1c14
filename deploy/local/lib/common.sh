# shellcheck shell=bash disable=SC2034  # settings used by the other lib files and ./tt
# Shared settings and helpers of ./tt. Sourced, never run. Needs TT_ROOT (the repository root).
#
# Everything a running stack owns lives under ONE folder, $TT_HOME (default <repo>/.tt):
#   run/<component>.pid        PID of a daemon we started (process-group leader; PostgreSQL: postmaster)
#   run/<component>.state      progress of `up` (phase|message|log), read by the progress display
#   logs/<component>.log       the daemon's output (the previous run's is kept as .log.1)
#   logs/<component>-setup.log what `up` did to prepare it (downloads, initdb, realm, topics)
#   postgres/ kafka/ keycloak/ data of the three infrastructure servers
#   secrets.env                generated once (chmod 600): Keycloak admin password, client secrets
#   demo.env                   ids of the seeded demo data
# Downloads that do not depend on a stack (Kafka jars, the Keycloak install) are cached outside
# the clone in $TT_CACHE (default ~/.cache/timetracker) and reused by every clone and TT_HOME.

TT_LOCAL="$TT_ROOT/deploy/local"
TT_HOME=${TT_HOME:-$TT_ROOT/.tt}
case "$TT_HOME" in /*) ;; *) TT_HOME="$PWD/$TT_HOME" ;; esac
TT_CACHE=${TT_CACHE:-$HOME/.cache/timetracker}
case "$TT_CACHE" in /*) ;; *) TT_CACHE="$PWD/$TT_CACHE" ;; esac
RUN_DIR="$TT_HOME/run"
LOG_DIR="$TT_HOME/logs"

# Ports (DESIGN.md §8); each can be overridden from the environment.
TT_PG_PORT=${TT_PG_PORT:-55432}
TT_KAFKA_PORT=${TT_KAFKA_PORT:-9092}
TT_KAFKA_CONTROLLER_PORT=${TT_KAFKA_CONTROLLER_PORT:-9093}
TT_KEYCLOAK_PORT=${TT_KEYCLOAK_PORT:-8180}
TT_REALM=timetracker
KEYCLOAK_URL="http://127.0.0.1:$TT_KEYCLOAK_PORT"
OIDC_URL="$KEYCLOAK_URL/realms/$TT_REALM"
TOKEN_URL="$OIDC_URL/protocol/openid-connect/token"

# How long `up` waits for each component to become ready (seconds).
TT_TIMEOUT_POSTGRES=${TT_TIMEOUT_POSTGRES:-60}
TT_TIMEOUT_KAFKA=${TT_TIMEOUT_KAFKA:-120}
TT_TIMEOUT_KEYCLOAK=${TT_TIMEOUT_KEYCLOAK:-300}
TT_TIMEOUT_SERVICE=${TT_TIMEOUT_SERVICE:-180}

# Maven as the scripts run it: batch mode, no download progress, no stray ANSI codes.
MVN=(mvn -B -ntp -Dstyle.color=never)
export MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true"

say() { printf '%s\n' "$*"; }
warn() { printf 'tt: %s\n' "$*" >&2; }
die() {
  printf 'tt: %s\n' "$*" >&2
  exit 1
}

now() { date +%s; }

# Version of a dependency declared as <name.version> in one of our small poms.
pom_property() { sed -n "s:.*<$2>\(.*\)</$2>.*:\1:p" "$1" | head -1; }

# Lines of a deploy/local/*.conf file without comments and blank lines.
conf_lines() { sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$1"; }

# Random secret (hex, 32 chars) without depending on openssl.
random_secret() { od -An -tx1 -N16 /dev/urandom | tr -d ' \n'; }

# --- processes ---------------------------------------------------------------------------------

pid_of() { [ -s "$RUN_DIR/$1.pid" ] && head -1 "$RUN_DIR/$1.pid"; }

# What the command line of a component's daemon contains, and no other stack's does (guards against
# a recycled PID in a stale PID file).
cmdline_marker() {
  case $1 in
    postgres) echo "$TT_HOME/postgres/data" ;;
    kafka) echo "$TT_HOME/kafka/server.properties" ;;
    keycloak) echo "$TT_HOME/keycloak/h2/" ;;
    *) echo "-Dtt.home=$TT_HOME " ;; # services
  esac
}

# alive COMPONENT: its PID file names a live process of this TT_HOME.
alive() {
  local pid
  pid=$(pid_of "$1") || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$(cmdline_marker "$1")"
}

port_listening() { ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }

# Who listens on a port, for error messages (best effort: ss -p needs root for other users).
port_owner() { ss -Hltnp "sport = :$1" 2>/dev/null | sed -n 's/.*users:((\(.*\)))/\1/p' | head -1; }

# launch COMPONENT LOGFILE CMD...: start CMD as the leader of a new session/process group (so
# `down` can stop it together with its children), output appended to LOGFILE, PID recorded.
launch() {
  local comp=$1 log=$2
  shift 2
  setsid "$@" >>"$log" 2>&1 </dev/null &
  echo $! >"$RUN_DIR/$comp.pid"
}

# stop_group COMPONENT [GRACE_SECONDS]: TERM the component's process group, KILL what is left after
# the grace period. Only the PID from our PID file is used, never a process name.
stop_group() {
  local comp=$1 grace=${2:-30} pid pgid i
  pid=$(pid_of "$comp") || return 0
  if ! alive "$comp"; then
    rm -f "$RUN_DIR/$comp.pid"
    return 0
  fi
  pgid=$(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ')
  if [ "$pgid" = "$pid" ]; then kill -TERM -- "-$pid" 2>/dev/null; else kill -TERM "$pid" 2>/dev/null; fi
  for ((i = 0; i < grace * 4; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  if kill -0 "$pid" 2>/dev/null; then
    warn "$comp (pid $pid) did not stop within ${grace}s: killing it"
    if [ "$pgid" = "$pid" ]; then kill -KILL -- "-$pid" 2>/dev/null; else kill -KILL "$pid" 2>/dev/null; fi
    sleep 0.5
  fi
  # children that outlived the leader (same process group)
  if [ "$pgid" = "$pid" ] && pgrep -g "$pid" >/dev/null 2>&1; then
    kill -KILL -- "-$pid" 2>/dev/null
    sleep 0.2
  fi
  rm -f "$RUN_DIR/$comp.pid"
}

# Keep one previous log of a daemon, start the new one empty (readiness checks grep the log).
rotate_log() { [ -f "$1" ] && mv -f "$1" "$1.1"; : >"$1"; }

# --- progress of `up` ---------------------------------------------------------------------------
# Components report through run/<component>.state: "phase|message|logfile", phase being
# wait, ready, failed or aborted (gave up because another one failed); see ui.sh.

state() {
  local comp=$1 phase=$2 msg=$3 log=${4:-}
  printf '%s|%s|%s\n' "$phase" "$msg" "$log" >"$RUN_DIR/$comp.state.tmp"
  mv -f "$RUN_DIR/$comp.state.tmp" "$RUN_DIR/$comp.state"
}
step() { state "$1" wait "$2" "${3:-}"; }
ready() { state "$1" ready "$2" "${3:-}"; }
failed() {
  state "$1" failed "$2" "${3:-}"
  return 1
}

# wait_for COMPONENT WHAT TIMEOUT LOG CHECK...: poll CHECK every half second until it succeeds;
# fail if the component's daemon exits or TIMEOUT seconds pass. WHAT is shown in the progress.
wait_for() {
  local comp=$1 what=$2 timeout=$3 log=$4 t0
  shift 4
  t0=$(now)
  step "$comp" "$what" "$log"
  while ! "$@" >/dev/null 2>&1; do
    if [ -f "$RUN_DIR/abort" ]; then
      state "$comp" aborted "stopped waiting for $what: another component failed"
      return 1
    fi
    if [ -s "$RUN_DIR/$comp.pid" ] && ! kill -0 "$(pid_of "$comp")" 2>/dev/null; then
      failed "$comp" "process exited while waiting for $what" "$log"
      return 1
    fi
    if (($(now) - t0 > timeout)); then
      failed "$comp" "not ready after ${timeout}s (waiting for $what)" "$log"
      return 1
    fi
    sleep 0.5
  done
}

# --- tools ----------------------------------------------------------------------------------------

apt_install() {
  [ "$(id -u)" = 0 ] || die "missing $*: install it (apt-get install -y $*) or run as root"
  say "installing $* with apt-get ..."
  DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null ||
    die "apt-get install -y $* failed"
}

require_tools() {
  local missing=() t
  for t in curl jq java mvn unzip setsid ss flock; do
    command -v "$t" >/dev/null 2>&1 || missing+=("$t")
  done
  [ ${#missing[@]} = 0 ] && return 0
  local pkgs=()
  for t in "${missing[@]}"; do
    case $t in
      java) pkgs+=(openjdk-17-jdk-headless) ;;
      mvn) pkgs+=(maven) ;;
      setsid | flock) pkgs+=(util-linux) ;;
      ss) pkgs+=(iproute2) ;;
      *) pkgs+=("$t") ;;
    esac
  done
  apt_install "${pkgs[@]}"
}
