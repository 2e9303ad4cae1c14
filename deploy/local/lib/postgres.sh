# shellcheck shell=bash
# PostgreSQL of the local stack: a private cluster in $TT_HOME/postgres on 127.0.0.1:$TT_PG_PORT,
# run as the OS user `postgres` (initdb and the server refuse root). Databases and their owners come
# from deploy/local/databases.conf. Connections over TCP need a password (scram-sha-256); the
# superuser `postgres` connects through the Unix socket in $TT_HOME/postgres.

PG_DIR="$TT_HOME/postgres"
PG_DATA="$PG_DIR/data"

# Newest PostgreSQL server binaries of the machine (Debian layout), installed when missing.
pg_bin() {
  local d
  d=$(printf '%s\n' /usr/lib/postgresql/*/bin/initdb 2>/dev/null | grep -v '\*' | sort -V | tail -1)
  [ -n "$d" ] && dirname "$d"
}

pg_install() {
  [ "$(id -u)" = 0 ] || {
    echo "PostgreSQL server binaries not found under /usr/lib/postgresql: apt-get install -y postgresql"
    return 1
  }
  # Debian's package would also create and start a cluster of its own on port 5432: we don't need it.
  mkdir -p /etc/postgresql-common/createcluster.d
  [ -e /etc/postgresql-common/createcluster.d/timetracker.conf ] ||
    echo 'create_main_cluster = false' >/etc/postgresql-common/createcluster.d/timetracker.conf
  DEBIAN_FRONTEND=noninteractive apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql
}

# Run a PostgreSQL program as the `postgres` OS user when we are root, else as ourselves.
pg_as() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_psql() {
  pg_as "$PGBIN/psql" -h "$PG_DIR" -p "$TT_PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt "$@"
}

pg_ready() { "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$TT_PG_PORT" -t 2; }

# The postgres user must be able to reach $PG_DIR: a clone under a private folder (mktemp -d,
# /root) is not traversable by other users. Grant traversal (x, not listing) where it is missing.
pg_grant_traversal() {
  [ "$(id -u)" = 0 ] || return 0
  runuser -u postgres -- test -x "$PG_DIR" 2>/dev/null && return 0
  local d=$PG_DIR
  while [ "$d" != / ]; do
    d=$(dirname "$d")
    if ! runuser -u postgres -- test -x "$d" 2>/dev/null; then
      echo "granting the postgres user traversal (o+x) of $d"
      chmod o+x "$d" || return 1
    fi
  done
  runuser -u postgres -- test -x "$PG_DIR"
}

pg_ensure_databases() {
  local name owner password
  while read -r name owner password; do
    owner=${owner:-$name}
    password=${password:-$owner}
    pg_psql -v db="$name" -v owner="$owner" -v pw="$password" <<'SQL' || return 1
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'owner', :'pw')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'owner') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'owner')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \gexec
SQL
    echo "database $name (owner $owner) present"
  done < <(conf_lines "$TT_LOCAL/databases.conf")
}

# A server of this TT_HOME whose PID file was lost is recognised by its own postmaster.pid.
pg_adopt_pid() {
  [ -s "$RUN_DIR/postgres.pid" ] || [ ! -f "$PG_DATA/postmaster.pid" ] ||
    head -1 "$PG_DATA/postmaster.pid" >"$RUN_DIR/postgres.pid"
}

start_postgres() {
  local reused="" log="$LOG_DIR/postgres.log" setup="$LOG_DIR/postgres-setup.log"
  PGBIN=$(pg_bin)
  if [ -z "$PGBIN" ]; then
    step postgres "installing PostgreSQL (apt-get install -y postgresql)" "$setup"
    pg_install || {
      failed postgres "could not install PostgreSQL" "$setup"
      return 1
    }
    PGBIN=$(pg_bin)
  fi
  pg_adopt_pid
  if alive postgres; then
    reused=", already running"
    step postgres "already running (pid $(pid_of postgres)): checking databases" "$setup"
  else
    rm -f "$RUN_DIR/postgres.pid"
    if port_listening "$TT_PG_PORT"; then
      failed postgres "port $TT_PG_PORT is taken by another process ($(port_owner "$TT_PG_PORT")), not by this stack ($TT_HOME)" "$setup"
      return 1
    fi
    mkdir -p "$PG_DIR"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$PG_DIR"
    pg_grant_traversal || {
      failed postgres "the postgres OS user cannot reach $PG_DIR" "$setup"
      return 1
    }
    # the socket path has a hard limit of 107 bytes
    if [ ${#PG_DIR} -gt 90 ]; then
      failed postgres "TT_HOME path too long for a PostgreSQL socket ($PG_DIR): use a shorter TT_HOME" "$setup"
      return 1
    fi
    if [ ! -f "$PG_DATA/PG_VERSION" ]; then
      step postgres "initdb $PG_DATA" "$setup"
      pg_as "$PGBIN/initdb" -D "$PG_DATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
        -E UTF8 --no-locale || {
        failed postgres "initdb failed" "$setup"
        return 1
      }
    fi
    rotate_log "$log"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$log"
    step postgres "pg_ctl start (waits until the server accepts connections)" "$log"
    pg_as "$PGBIN/pg_ctl" -D "$PG_DATA" -l "$log" -w -t "$TT_TIMEOUT_POSTGRES" \
      -o "-p $TT_PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c synchronous_commit=off -c shared_preload_libraries=pg_stat_statements" start || {
      failed postgres "pg_ctl start failed" "$log"
      return 1
    }
    head -1 "$PG_DATA/postmaster.pid" >"$RUN_DIR/postgres.pid"
  fi
  wait_for postgres "pg_isready on 127.0.0.1:$TT_PG_PORT" "$TT_TIMEOUT_POSTGRES" "$log" pg_ready || return 1
  step postgres "creating roles and databases (databases.conf)" "$setup"
  pg_ensure_databases || {
    failed postgres "creating databases failed" "$setup"
    return 1
  }
  ready postgres "127.0.0.1:$TT_PG_PORT (pid $(pid_of postgres)$reused), databases: $(conf_lines "$TT_LOCAL/databases.conf" | awk '{print $1}' | paste -sd, -)"
}

stop_postgres() {
  PGBIN=$(pg_bin)
  if [ -n "$PGBIN" ] && [ -f "$PG_DATA/postmaster.pid" ] && alive postgres; then
    pg_as "$PGBIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop >/dev/null ||
      warn "pg_ctl stop failed for $PG_DATA"
  fi
  rm -f "$RUN_DIR/postgres.pid"
}
