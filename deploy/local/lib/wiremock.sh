# shellcheck shell=bash
# WireMock standalone for the fakes of the third-party APIs (lib/github-fake.sh, lib/slack-fake.sh,
# lib/google-fake.sh): the jar comes from Maven the first time, the server binds to 127.0.0.1 only.
# The caller defines ROOT (the clone).

WIREMOCK_VERSION=3.13.2
WIREMOCK_JAR="$HOME/.m2/repository/org/wiremock/wiremock-standalone/$WIREMOCK_VERSION/wiremock-standalone-$WIREMOCK_VERSION.jar"

# wiremock_start PORT ROOT_DIR LOG [WIREMOCK OPTION...]: starts WireMock on 127.0.0.1:PORT with its
# mappings and files under ROOT_DIR (PID in WIREMOCK_PID); non-zero, with the reason on stderr, when
# the port is taken, the jar cannot be had or the server does not answer within 60 s
wiremock_start() {
  local port=$1 dir=$2 log=$3 i
  shift 3
  WIREMOCK_PID=
  [ -f "$WIREMOCK_JAR" ] || (cd "$ROOT" && mvn -B -q dependency:get "-Dartifact=org.wiremock:wiremock-standalone:$WIREMOCK_VERSION") || {
    echo "no WireMock standalone jar" >&2
    return 1
  }
  if curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$port/__admin/mappings"; then
    echo "port $port is taken by another WireMock" >&2
    return 1
  fi
  mkdir -p "$dir/mappings" "$dir/__files"
  java -Xmx256m -jar "$WIREMOCK_JAR" --port "$port" --bind-address 127.0.0.1 --root-dir "$dir" \
    --disable-banner "$@" >"$log" 2>&1 &
  WIREMOCK_PID=$!
  for ((i = 0; i < 120; i++)); do
    curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$port/__admin/mappings" && return 0
    kill -0 "$WIREMOCK_PID" 2>/dev/null || {
      echo "WireMock on port $port exited: $(tail -3 "$log")" >&2
      return 1
    }
    sleep 0.5
  done
  echo "WireMock on port $port did not answer within 60 s" >&2
  return 1
}
