# shellcheck shell=bash
# Keycloak of the local stack, `start-dev` on 127.0.0.1:$TT_KEYCLOAK_PORT.
# The distribution (org.keycloak:keycloak-quarkus-dist zip) is unzipped once into $TT_CACHE and
# shared; everything a stack writes (the H2 database, transaction logs) goes to $TT_HOME/keycloak.
# The realm is created from deploy/local/keycloak/timetracker-realm.json through the admin REST API
# once Keycloak answers; on later runs a partial import adds what the template gained since
# (existing users, clients and roles are left as they are).

KEYCLOAK_VERSION=$(pom_property "$TT_LOCAL/keycloak/pom.xml" keycloak.version)
KEYCLOAK_INSTALL="$TT_CACHE/keycloak-$KEYCLOAK_VERSION"
KEYCLOAK_DIR="$TT_HOME/keycloak"
REALM_TEMPLATE="$TT_LOCAL/keycloak/timetracker-realm.json"

keycloak_ensure_install() {
  [ -f "$KEYCLOAK_INSTALL/.complete" ] && return 0
  mkdir -p "$TT_CACHE"
  (
    flock 8
    [ -f "$KEYCLOAK_INSTALL/.complete" ] && exit 0
    local tmp="$TT_CACHE/keycloak.tmp.$$"
    rm -rf "$tmp" && mkdir -p "$tmp"
    step keycloak "downloading Keycloak $KEYCLOAK_VERSION (mvn dependency:copy)"
    "${MVN[@]}" -f "$TT_LOCAL/keycloak/pom.xml" dependency:copy \
      -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" -DoutputDirectory="$tmp" || exit 1
    step keycloak "unzipping Keycloak $KEYCLOAK_VERSION into $TT_CACHE"
    unzip -q "$tmp/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip" -d "$tmp" || exit 1
    rm -rf "$KEYCLOAK_INSTALL" && mv "$tmp/keycloak-$KEYCLOAK_VERSION" "$KEYCLOAK_INSTALL" &&
      touch "$KEYCLOAK_INSTALL/.complete" && rm -rf "$tmp"
  ) 8>"$TT_CACHE/.keycloak.lock"
}

keycloak_answers() { curl -sf -o /dev/null --max-time 2 "$KEYCLOAK_URL/realms/master"; }

# The realm with this stack's client secrets filled in (the template holds ${NAME} placeholders).
render_realm() {
  local out="$KEYCLOAK_DIR/timetracker-realm.json" name value expr=()
  while IFS='=' read -r name value; do
    [ -n "$name" ] && expr+=(-e "s/\\\${$name}/$value/g")
  done <"$TT_HOME/secrets.env"
  (umask 077 && sed "${expr[@]}" "$REALM_TEMPLATE" >"$out")
  if grep -q '\${' "$out"; then
    echo "unfilled placeholders in the realm: $(grep -o '\${[A-Za-z0-9_]*}' "$out" | sort -u | paste -sd' ' -)" >&2
    return 1
  fi
  echo "$out"
}

keycloak_admin_token() {
  curl -sf --max-time 10 -d grant_type=password -d client_id=admin-cli -d username=admin \
    --data-urlencode "password=$KEYCLOAK_ADMIN_PASSWORD" \
    "$KEYCLOAK_URL/realms/master/protocol/openid-connect/token" | jq -er .access_token
}

keycloak_provision_realm() {
  local realm=$1 token code
  token=$(keycloak_admin_token) || {
    echo "no admin token from Keycloak (bootstrap admin 'admin', password in $TT_HOME/secrets.env)"
    return 1
  }
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" \
    "$KEYCLOAK_URL/admin/realms/$TT_REALM")
  case $code in
    404)
      echo "creating realm $TT_REALM"
      curl -sf --max-time 60 -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        --data-binary @"$realm" "$KEYCLOAK_URL/admin/realms"
      ;;
    200)
      echo "realm $TT_REALM exists: partial import of what the template added (existing kept)"
      jq '. + {ifResourceExists: "SKIP"}' "$realm" |
        curl -sf --max-time 60 -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
          --data-binary @- "$KEYCLOAK_URL/admin/realms/$TT_REALM/partialImport" |
        jq -c '{added, skipped}'
      ;;
    *)
      echo "unexpected HTTP $code from GET /admin/realms/$TT_REALM"
      return 1
      ;;
  esac
}

start_keycloak() {
  local reused="" log="$LOG_DIR/keycloak.log" setup="$LOG_DIR/keycloak-setup.log"
  if alive keycloak; then
    reused=", already running"
    step keycloak "already running (pid $(pid_of keycloak))" "$setup"
  else
    rm -f "$RUN_DIR/keycloak.pid"
    if port_listening "$TT_KEYCLOAK_PORT"; then
      failed keycloak "port $TT_KEYCLOAK_PORT is taken by another process ($(port_owner "$TT_KEYCLOAK_PORT")), not by this stack ($TT_HOME)" "$setup"
      return 1
    fi
    keycloak_ensure_install || {
      failed keycloak "downloading or unzipping Keycloak failed" "$setup"
      return 1
    }
    mkdir -p "$KEYCLOAK_DIR/h2"
    rotate_log "$log"
    # The bootstrap admin is created with the first start of an empty database only.
    KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD="$KEYCLOAK_ADMIN_PASSWORD" \
      JAVA_OPTS_APPEND="-Dquarkus.transaction-manager.object-store.directory=$KEYCLOAK_DIR/transaction-logs" \
      launch keycloak "$log" "$KEYCLOAK_INSTALL/bin/kc.sh" start-dev \
      --http-host=127.0.0.1 --http-port="$TT_KEYCLOAK_PORT" --hostname="$KEYCLOAK_URL" \
      "--db-url=jdbc:h2:file:$KEYCLOAK_DIR/h2/keycloakdb;NON_KEYWORDS=VALUE"
  fi
  wait_for keycloak "$KEYCLOAK_URL/realms/master" "$TT_TIMEOUT_KEYCLOAK" "$log" keycloak_answers || return 1
  # a Keycloak that already runs got the realm when the rendered template last changed
  local applied="$KEYCLOAK_DIR/realm.applied" realm
  realm=$(render_realm) || {
    failed keycloak "rendering the realm template failed" "$setup"
    return 1
  }
  if [ -z "$reused" ] || [ "$(cksum <"$realm")" != "$(cat "$applied" 2>/dev/null)" ]; then
    step keycloak "realm $TT_REALM (admin REST API)" "$setup"
    keycloak_provision_realm "$realm" || {
      failed keycloak "creating or updating realm $TT_REALM failed" "$setup"
      return 1
    }
    cksum <"$realm" >"$applied"
  fi
  ready keycloak "$KEYCLOAK_URL (pid $(pid_of keycloak)$reused), realm $TT_REALM"
}

stop_keycloak() { stop_group keycloak 30; }
