# shellcheck shell=bash
# Kafka of the local stack: a single-node KRaft broker (combined broker + controller) run from the
# Maven Central jars listed in deploy/local/kafka/pom.xml, data in $TT_HOME/kafka, topics from
# deploy/local/topics.conf. Automatic topic creation is off, as in production.

KAFKA_VERSION=$(pom_property "$TT_LOCAL/kafka/pom.xml" kafka.version)
KAFKA_LIB="$TT_CACHE/kafka-$KAFKA_VERSION/lib"
KAFKA_DIR="$TT_HOME/kafka"
KAFKA_JAVA_OPTS=(${TT_KAFKA_JAVA_OPTS:--Xms128m -Xmx512m} -XX:+UseG1GC
  "-Dlog4j2.configurationFile=$TT_LOCAL/kafka/log4j2.properties")

kafka_java() { java "${KAFKA_JAVA_OPTS[@]}" -Dtt.kafka.log.level=WARN -cp "$KAFKA_LIB/*" "$@"; }

# Jars are copied once into the cache (outside the clone) and shared by every TT_HOME.
kafka_ensure_libs() {
  [ -f "$KAFKA_LIB/.complete" ] && return 0
  mkdir -p "$TT_CACHE"
  (
    flock 8
    [ -f "$KAFKA_LIB/.complete" ] && exit 0
    step kafka "downloading Kafka $KAFKA_VERSION jars (mvn dependency:copy-dependencies)"
    local tmp="$KAFKA_LIB.tmp.$$"
    rm -rf "$tmp"
    "${MVN[@]}" -f "$TT_LOCAL/kafka/pom.xml" dependency:copy-dependencies \
      -DoutputDirectory="$tmp" -DincludeScope=runtime || exit 1
    rm -rf "$KAFKA_LIB" && mv "$tmp" "$KAFKA_LIB" && touch "$KAFKA_LIB/.complete"
  ) 8>"$TT_CACHE/.kafka.lock"
}

kafka_started() { grep -q 'Kafka Server started' "$LOG_DIR/kafka.log"; }

kafka_topics() {
  kafka_java org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$TT_KAFKA_PORT" "$@"
}

# Create the topics of topics.conf that do not exist yet (in parallel: one JVM each).
kafka_ensure_topics() {
  local existing name partitions retention pids=() rc=0 pid
  existing=$(kafka_topics --list) || return 1
  while read -r name partitions retention; do
    grep -qxF -- "$name" <<<"$existing" && continue
    echo "creating topic $name ($partitions partitions${retention:+, retention.ms $retention})"
    kafka_topics --create --if-not-exists --topic "$name" --partitions "$partitions" \
      --replication-factor 1 ${retention:+--config "retention.ms=$retention"} &
    pids+=($!)
  done < <(conf_lines "$TT_LOCAL/topics.conf")
  for pid in "${pids[@]}"; do wait "$pid" || rc=1; done
  return $rc
}

start_kafka() {
  local reused="" log="$LOG_DIR/kafka.log" setup="$LOG_DIR/kafka-setup.log" p
  if alive kafka; then
    reused=", already running"
    step kafka "already running (pid $(pid_of kafka))" "$setup"
  else
    rm -f "$RUN_DIR/kafka.pid"
    for p in "$TT_KAFKA_PORT" "$TT_KAFKA_CONTROLLER_PORT"; do
      if port_listening "$p"; then
        failed kafka "port $p is taken by another process ($(port_owner "$p")), not by this stack ($TT_HOME)" "$setup"
        return 1
      fi
    done
    kafka_ensure_libs || {
      failed kafka "downloading the Kafka jars failed" "$setup"
      return 1
    }
    mkdir -p "$KAFKA_DIR"
    sed -e "s#@DATA_DIR@#$KAFKA_DIR/data#" -e "s#@PORT@#$TT_KAFKA_PORT#g" \
      -e "s#@CONTROLLER_PORT@#$TT_KAFKA_CONTROLLER_PORT#g" \
      "$TT_LOCAL/kafka/server.properties.template" >"$KAFKA_DIR/server.properties"
    if [ ! -f "$KAFKA_DIR/data/meta.properties" ]; then
      step kafka "formatting storage (kafka.tools.StorageTool)" "$setup"
      # a cluster id is 16 random bytes, base64url without padding; like Kafka's Uuid.randomUuid,
      # avoid one that starts with '-' (the tool would read it as an option)
      local cluster_id=-
      while [[ $cluster_id == -* ]]; do
        cluster_id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
      done
      kafka_java kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_DIR/server.properties" || {
        failed kafka "formatting the Kafka storage failed" "$setup"
        return 1
      }
    fi
    rotate_log "$log"
    launch kafka "$log" java "${KAFKA_JAVA_OPTS[@]}" -cp "$KAFKA_LIB/*" kafka.Kafka "$KAFKA_DIR/server.properties"
  fi
  wait_for kafka "broker on 127.0.0.1:$TT_KAFKA_PORT (log: 'Kafka Server started')" \
    "$TT_TIMEOUT_KAFKA" "$log" kafka_started || return 1
  # a broker that already runs got the topics when topics.conf last changed
  local applied="$KAFKA_DIR/topics.applied"
  if [ -z "$reused" ] || [ "$(cksum <"$TT_LOCAL/topics.conf")" != "$(cat "$applied" 2>/dev/null)" ]; then
    step kafka "creating topics (topics.conf)" "$setup"
    kafka_ensure_topics || {
      failed kafka "creating topics failed" "$setup"
      return 1
    }
    cksum <"$TT_LOCAL/topics.conf" >"$applied"
  fi
  ready kafka "127.0.0.1:$TT_KAFKA_PORT (pid $(pid_of kafka)$reused), topics: $(conf_lines "$TT_LOCAL/topics.conf" | wc -l)"
}

stop_kafka() { stop_group kafka 60; }
