#!/usr/bin/env bash
# Liquibase and backup operations on the local stack's timer-service database.
# Called by `./tt db <cmd>`; also runs on its own. docs/migrations.md explains each command.
#
#   db.sh status                 changesets not yet applied
#   db.sh history                changesets applied (DATABASECHANGELOG), with tags
#   db.sh update                 apply all pending changesets
#   db.sh update-sql             preview the SQL of `update` (nothing is changed)
#   db.sh rollback-count N       roll back the last N changesets
#   db.sh rollback-to TAG        roll back every changeset applied after TAG
#   db.sh rollback-sql N|TAG     preview the SQL of a rollback (a number = count, else a tag)
#   db.sh tag NAME               tag the current state (target for rollback-to)
#   db.sh backup [FILE]          pg_dump -Fc (default: .tt/backups/timer-<UTC timestamp>.dump)
#   db.sh restore FILE           replace the database's public schema with a -Fc dump
#                                (a safety backup of the current state is taken first)
#
# Connection (environment): DB_HOST (127.0.0.1) DB_PORT (55432) DB_NAME (timer) DB_USER (timer)
# DB_PASSWORD (timer). Others: TT_ROOT (repository root), PG_BIN (PostgreSQL client binaries,
# default the newest /usr/lib/postgresql/*/bin), DB_VERBOSE=1 (full Maven output),
# DB_FORCE_TAG=1 (let `tag` replace the tag already on the latest changeset).
#
# Liquibase runs through org.liquibase:liquibase-maven-plugin configured in
# deploy/local/liquibase/pom.xml, at the liquibase-core version of the Quarkus BOM.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=${TT_ROOT:-$(cd "$SCRIPT_DIR/../../.." && pwd)}
POM="$ROOT/deploy/local/liquibase/pom.xml"

DB_HOST=${DB_HOST:-127.0.0.1}
DB_PORT=${DB_PORT:-55432}
DB_NAME=${DB_NAME:-timer}
DB_USER=${DB_USER:-timer}
DB_PASSWORD=${DB_PASSWORD:-timer}

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '/^set -euo/d' -e 's/^# \{0,1\}//'
}

die() {
  echo "db.sh: $*" >&2
  exit 1
}

pg_bin() {
  if [[ -n "${PG_BIN:-}" ]]; then
    echo "$PG_BIN"
    return
  fi
  local dir
  dir=$(printf '%s\n' /usr/lib/postgresql/*/bin | grep -v '\*' | sort -V | tail -1 || true)
  [[ -n "$dir" ]] || die "no PostgreSQL client binaries under /usr/lib/postgresql (apt-get install -y postgresql-client), or set PG_BIN"
  echo "$dir"
}

require_db() {
  "$(pg_bin)/pg_isready" -q -h "$DB_HOST" -p "$DB_PORT" -d "$DB_NAME" -t 5 \
    || die "PostgreSQL is not reachable at $DB_HOST:$DB_PORT (is the local stack up?)"
}

# liquibase GOAL [-Dextra=...]: run one liquibase-maven-plugin goal against the database
liquibase() {
  local goal=$1
  shift
  local quiet=(-q)
  [[ "${DB_VERBOSE:-0}" == 1 ]] && quiet=()
  require_db
  # jansi.noreset: Maven 3.8 otherwise prints stray ANSI reset codes even in batch mode
  MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" mvn -B -ntp "${quiet[@]}" -Dstyle.color=never -f "$POM" \
    -Dtt.root="$ROOT" \
    -Ddb.host="$DB_HOST" -Ddb.port="$DB_PORT" -Ddb.name="$DB_NAME" \
    -Ddb.user="$DB_USER" -Ddb.password="$DB_PASSWORD" \
    -Dliquibase.analytics.enabled=false -Dliquibase.showBanner=false \
    "$@" "liquibase:$goal"
}

# print the SQL file a *SQL goal wrote
show_sql() {
  local file="$ROOT/deploy/local/liquibase/target/liquibase/$1"
  [[ -f "$file" ]] || die "Liquibase wrote no $file"
  cat "$file"
}

require_arg() {
  [[ -n "${2:-}" ]] || die "usage: db.sh $1"
}

pg_env() {
  export PGHOST="$DB_HOST" PGPORT="$DB_PORT" PGDATABASE="$DB_NAME" PGUSER="$DB_USER" \
    PGPASSWORD="$DB_PASSWORD"
}

# Liquibase stores a tag in the TAG column of the latest DATABASECHANGELOG row, one per row:
# tagging again before any new changeset ran would silently replace the existing tag (e.g. the
# release tag v2-github-refs written by the changelog itself).
guard_tag() {
  require_db
  pg_env
  local current
  current=$("$(pg_bin)/psql" -X -A -t -v ON_ERROR_STOP=1 -c \
    "select coalesce(tag, '') from databasechangelog order by dateexecuted desc, orderexecuted desc limit 1" \
    2>/dev/null || true)
  if [[ -n "$current" && "$current" != "$1" && "${DB_FORCE_TAG:-0}" != 1 ]]; then
    die "the latest changeset already carries tag '$current' and Liquibase keeps one tag per row:" \
      "tagging now would replace it. Use 'rollback-to $current', or set DB_FORCE_TAG=1 to replace it."
  fi
}

backup() {
  local file=${1:-}
  if [[ -z "$file" ]]; then
    mkdir -p "$ROOT/.tt/backups"
    file="$ROOT/.tt/backups/${DB_NAME}-$(date -u +%Y%m%dT%H%M%SZ).dump"
  fi
  mkdir -p "$(dirname "$file")"
  require_db
  pg_env
  "$(pg_bin)/pg_dump" -Fc --no-owner --no-privileges -f "$file"
  echo "backup of $DB_NAME@$DB_HOST:$DB_PORT written to $file ($(du -h "$file" | cut -f1))"
}

restore() {
  local file=$1
  [[ -f "$file" ]] || die "no such backup file: $file"
  local bin
  bin=$(pg_bin)
  "$bin/pg_restore" --list "$file" >/dev/null || die "$file is not a pg_dump -Fc archive"
  mkdir -p "$ROOT/.tt/backups"
  echo "safety backup of the current state first:"
  backup "$ROOT/.tt/backups/${DB_NAME}-pre-restore-$(date -u +%Y%m%dT%H%M%SZ).dump"
  pg_env
  # Tables created after the dump (by a later update) would survive a plain --clean restore and
  # clash with the restored DATABASECHANGELOG, so the whole public schema is replaced.
  "$bin/psql" -X -q -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning" \
    -c "DROP SCHEMA IF EXISTS public CASCADE" -c "CREATE SCHEMA public"
  "$bin/pg_restore" --no-owner --no-privileges --single-transaction --exit-on-error \
    -d "$DB_NAME" "$file"
  echo "restored $DB_NAME@$DB_HOST:$DB_PORT from $file"
}

cmd=${1:-help}
shift || true
case "$cmd" in
  status) liquibase status -Dliquibase.verbose=true ;;
  history) liquibase history ;;
  update) liquibase update ;;
  update-sql)
    liquibase updateSQL
    show_sql migrate.sql
    ;;
  rollback-count)
    require_arg "rollback-count N" "${1:-}"
    [[ "$1" =~ ^[0-9]+$ ]] || die "rollback-count needs a number, got '$1'"
    liquibase rollback -Dliquibase.rollbackCount="$1"
    echo "rolled back the last $1 changeset(s) of $DB_NAME@$DB_HOST:$DB_PORT"
    ;;
  rollback-to)
    require_arg "rollback-to TAG" "${1:-}"
    liquibase rollback -Dliquibase.rollbackTag="$1"
    echo "rolled back $DB_NAME@$DB_HOST:$DB_PORT to tag $1"
    ;;
  rollback-sql)
    require_arg "rollback-sql N|TAG" "${1:-}"
    if [[ "$1" =~ ^[0-9]+$ ]]; then
      liquibase rollbackSQL -Dliquibase.rollbackCount="$1"
    else
      liquibase rollbackSQL -Dliquibase.rollbackTag="$1"
    fi
    show_sql migrate.sql
    ;;
  tag)
    require_arg "tag NAME" "${1:-}"
    guard_tag "$1"
    liquibase tag -Dliquibase.tag="$1"
    echo "tagged the current state of $DB_NAME@$DB_HOST:$DB_PORT as $1"
    ;;
  backup) backup "${1:-}" ;;
  restore)
    require_arg "restore FILE" "${1:-}"
    restore "$1"
    ;;
  help | -h | --help) usage ;;
  *)
    usage >&2
    exit 2
    ;;
esac
