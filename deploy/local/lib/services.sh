# shellcheck shell=bash
# The suite's own services, listed in deploy/local/services.conf (<module> <port> [database]).
# Each runs as `java -jar <module>/target/quarkus-app/quarkus-run.jar`, built first when the jar is
# missing or older than the module's sources, the sources of the modules it depends on, or the poms.
#
# Environment a service gets:
#   QUARKUS_HTTP_HOST=127.0.0.1, QUARKUS_HTTP_PORT, KAFKA_BOOTSTRAP_SERVERS, OIDC_AUTH_SERVER_URL,
#   TT_STACK_HOME
#   DB_HOST DB_PORT DB_NAME DB_USER DB_PASSWORD      when services.conf names a database
#   OIDC_CLIENT_ID OIDC_CLIENT_SECRET                when the realm has a confidential client named
#                                                    like the module (connector-github, ...)
#   whatever deploy/local/env/<module>.env sets      optional, KEY=value lines, may use the above
# TT_SERVICES selects: unset/all = every listed service, none = no service, or a comma list.

# Lines "<module> <port> <db>" of the selected services (port overridable: TT_PORT_TIMER_SERVICE=...).
selected_services() {
  local name port db var
  [ "${TT_SERVICES:-all}" = none ] && return 0
  while read -r name port db; do
    if [ "${TT_SERVICES:-all}" != all ] && [[ ",$TT_SERVICES," != *",$name,"* ]]; then continue; fi
    var="TT_PORT_$(tr 'a-z-' 'A-Z_' <<<"$name")"
    echo "$name ${!var:-$port} ${db:--}"
  done < <(conf_lines "$TT_LOCAL/services.conf")
}

service_jar() { echo "$TT_ROOT/$1/target/quarkus-app/quarkus-run.jar"; }

# Modules of this repository a module depends on, transitively (an in-repo module's artifactId is
# its folder name).
module_deps() {
  local todo=("$1") seen=" $1 " m d
  while [ ${#todo[@]} -gt 0 ]; do
    m=${todo[0]}
    todo=("${todo[@]:1}")
    for d in $(sed -n 's:.*<artifactId>\(.*\)</artifactId>.*:\1:p' "$TT_ROOT/$m/pom.xml"); do
      [ -f "$TT_ROOT/$d/pom.xml" ] && [[ "$seen" != *" $d "* ]] || continue
      seen+="$d "
      todo+=("$d")
      echo "$d"
    done
  done
}

# Why a service must be built, or nothing when its jar is up to date.
service_stale() {
  local name=$1 jar newer m
  jar=$(service_jar "$name")
  [ -f "$jar" ] || {
    echo "no $name/target/quarkus-app/quarkus-run.jar"
    return 0
  }
  local watch=("$TT_ROOT/pom.xml" "$TT_ROOT/$name/pom.xml" "$TT_ROOT/$name/src")
  for m in $(module_deps "$name"); do watch+=("$TT_ROOT/$m/pom.xml" "$TT_ROOT/$m/src/main"); done
  newer=$(find "${watch[@]}" -type f -newer "$jar" -print -quit 2>/dev/null)
  if [ -n "$newer" ]; then
    echo "${newer#"$TT_ROOT/"} is newer than the jar"
  elif [ "${TT_SERVICE_APPCDS:-0}" = 1 ] && ! [ "$(dirname "$jar")/app-cds.jsa" -nt "$jar" ]; then
    echo "no AppCDS archive built with the jar (TT_SERVICE_APPCDS=1)"
  fi
}

# Services of the selection whose module exists (a listed module may not be written yet).
present_services() {
  local name port db
  while read -r name port db; do
    if [ -f "$TT_ROOT/$name/pom.xml" ]; then
      echo "$name $port $db"
    else
      warn "services.conf lists $name, but there is no $name/pom.xml: skipped"
    fi
  done < <(selected_services)
}

# AppCDS (docs/PERFORMANCE.md, "Time to ready and idle RSS"): Quarkus writes
# target/quarkus-app/app-cds.jsa at package time by running the application's static init with
# -XX:ArchiveClassesAtExit (no database, Kafka or Keycloak needed), with this machine's JDK — the
# archive is only valid for that exact JVM. Opt-in (TT_SERVICE_APPCDS=1): measured, it saved no
# startup CPU beyond the noise and added RSS (the archive holds only the static-init classes).
APPCDS_BUILD=()
[ "${TT_SERVICE_APPCDS:-0}" = 1 ] &&
  APPCDS_BUILD=(-Dquarkus.package.jar.appcds.enabled=true -Dquarkus.package.jar.appcds.use-container=false)

# The build step: one Maven reactor build of every stale service (-am builds what they need).
build_services() {
  local setup="$LOG_DIR/build.log" list
  list=$(paste -sd, - <<<"$1")
  step build "mvn package -DskipTests -pl $list -am" "$setup"
  (cd "$TT_ROOT" && "${MVN[@]}" -DskipTests "${APPCDS_BUILD[@]}" package -pl "$list" -am) || {
    failed build "mvn package -pl $list -am failed" "$setup"
    return 1
  }
  ready build "built $list" "$setup"
}

# JVM options of every service (docs/PERFORMANCE.md, "Time to ready and idle RSS"): a small
# heap with the serial collector (one service per process, idle most of the time), smaller thread
# stacks and code cache; TT_SERVICE_JAVA_OPTS replaces them. The same options are in the
# Kubernetes base (ConfigMap tt-jvm, deploy/k8s/base/jvm.env), with MALLOC_ARENA_MAX below.
TT_DEFAULT_JAVA_OPTS="-XX:+UseSerialGC -Xms16m -Xmx256m -Xss512k -XX:ReservedCodeCacheSize=64m -XX:+ExitOnOutOfMemoryError"

# The options of one service: TT_SERVICE_JAVA_OPTS (or the defaults above), plus the AppCDS archive
# the build wrote next to the jar (quarkus.package.jar.appcds.enabled) when TT_SERVICE_APPCDS=1.
# -Xshare:auto: a stale or foreign archive is ignored with a warning, never a failed start.
service_java_opts() {
  local cds
  cds="$(dirname "$1")/app-cds.jsa"
  echo "${TT_SERVICE_JAVA_OPTS:-$TT_DEFAULT_JAVA_OPTS}"
  if [ "${TT_SERVICE_APPCDS:-0}" = 1 ] && [ -f "$cds" ]; then echo "-XX:SharedArchiveFile=$cds -Xshare:auto"; fi
}

service_healthy() { curl -sf -o /dev/null --max-time 3 "http://127.0.0.1:$1/q/health/ready"; }

# Client secret of the realm client named like the service, from secrets.env (CONNECTOR_GITHUB_SECRET).
service_client_secret() {
  local var
  var="$(tr 'a-z-' 'A-Z_' <<<"$1")_SECRET"
  sed -n "s/^$var=//p" "$TT_HOME/secrets.env"
}

start_service() {
  local name=$1 port=$2 db=$3 log="$LOG_DIR/$1.log" setup="$LOG_DIR/$1-setup.log" jar secret
  jar=$(service_jar "$name")
  if alive "$name"; then
    if [ "$jar" -nt "$RUN_DIR/$name.pid" ]; then
      step "$name" "restarting: the jar was rebuilt since it started" "$setup"
      stop_group "$name" 30
    else
      wait_for "$name" "GET http://127.0.0.1:$port/q/health/ready" "$TT_TIMEOUT_SERVICE" "$log" \
        service_healthy "$port" || return 1
      ready "$name" "http://127.0.0.1:$port (pid $(pid_of "$name"), already running)"
      return 0
    fi
  fi
  rm -f "$RUN_DIR/$name.pid"
  if port_listening "$port"; then
    failed "$name" "port $port is taken by another process ($(port_owner "$port")), not by this stack ($TT_HOME)" "$setup"
    return 1
  fi
  [ -f "$jar" ] || {
    failed "$name" "$jar is missing" "$setup"
    return 1
  }
  rotate_log "$log"
  secret=$(service_client_secret "$name")
  (
    cd "$TT_HOME" || exit 1
    export QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$port" KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$TT_KAFKA_PORT"
    export OIDC_AUTH_SERVER_URL="$OIDC_URL" TT_STACK_HOME="$TT_HOME"
    # glibc's per-thread malloc arenas cost idle RSS for nothing here (docs/PERFORMANCE.md)
    export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX-2}"
    if [ "$db" != - ]; then
      local owner password
      read -r _ owner password < <(conf_lines "$TT_LOCAL/databases.conf" | awk -v d="$db" '$1 == d')
      owner=${owner:-$db}
      export DB_HOST=127.0.0.1 DB_PORT="$TT_PG_PORT" DB_NAME="$db" DB_USER="$owner" DB_PASSWORD="${password:-$owner}"
    fi
    [ -n "$secret" ] && export OIDC_CLIENT_ID="$name" OIDC_CLIENT_SECRET="$secret"
    if [ -f "$TT_LOCAL/env/$name.env" ]; then
      set -a
      # shellcheck disable=SC1090
      . "$TT_LOCAL/env/$name.env"
      set +a
    fi
    # The JVM checks the class path against the one the archive recorded (quarkus-run.jar and
    # lib/boot/*, relative): with the archive the service starts in its quarkus-app folder.
    local opts jar_arg=$jar
    opts=$(service_java_opts "$jar")
    if [[ "$opts" == *SharedArchiveFile* || "$opts" == *ArchiveClassesAtExit* ]]; then
      cd "$(dirname "$jar")" || exit 1
      jar_arg=$(basename "$jar")
    fi
    # shellcheck disable=SC2086
    launch "$name" "$log" java $opts "-Dtt.home=$TT_HOME" -jar "$jar_arg"
  )
  wait_for "$name" "GET http://127.0.0.1:$port/q/health/ready" "$TT_TIMEOUT_SERVICE" "$log" \
    service_healthy "$port" || return 1
  ready "$name" "http://127.0.0.1:$port (pid $(pid_of "$name"))"
}

# The services.conf line of one service ("<module> <port> <db>", port from TT_PORT_<SERVICE>),
# whether or not TT_SERVICES selects it.
service_line() {
  TT_SERVICES=all selected_services | awk -v n="$1" '$1 == n'
}

# `./tt stop <service>`: stops one service of the running stack (by its PID file), leaving the
# infrastructure and the other services running.
stop_one_service() {
  local name=$1
  [ -n "$(service_line "$name")" ] || die "no service $name in services.conf"
  if ! alive "$name"; then
    say "$name is not running"
    return 0
  fi
  say "stopping $name (pid $(pid_of "$name"))"
  stop_group "$name" 30
  rm -f "$RUN_DIR/$name.state"
}

# `./tt start <service>`: starts one service again (the infrastructure must be up), waits until it
# is ready. Does not build: a missing jar is an error (./tt up builds).
start_one_service() {
  local name=$1 port db
  read -r _ port db < <(service_line "$name")
  [ -n "${port:-}" ] || die "no service $name in services.conf"
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  start_service "$name" "$port" "$db" || {
    tail -n 20 "$LOG_DIR/$name.log" >&2
    die "$name did not start (./tt logs $name)"
  }
  say "$name: http://127.0.0.1:$port (pid $(pid_of "$name"))"
}
