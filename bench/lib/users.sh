# shellcheck shell=bash
# bench_users N: N users bench-01 … bench-N in the Keycloak realm (created through the realm admin
# API when missing, password = user name), each signed in to timer-service (GET /api/v1/me) and a
# member of the demo project; prints one access token per line. Needs KEYCLOAK, TOKEN_URL, TIMER,
# TT_HOME and DEMO_PROJECT_ID. The first run is slow (Keycloak hashes each password: minutes on a
# busy 2-core machine); later runs refresh the tokens kept in $TT_HOME/bench-users.tsv.
bench_users() {
  local n=$1 i name admin_kc admin_tt tok id refresh answer cache=$TT_HOME/bench-users.tsv
  # users, their core ids and refresh tokens of an earlier run: a refresh costs Keycloak no
  # password hash, and users that exist are not created again
  [ "$(wc -l <"$cache" 2>/dev/null || echo 0)" -ge "$n" ] || for i in $(seq -w 1 "$n"); do
    name=bench-$i
    # the realm admin's token lives 60 s: one per user
    admin_kc=$(curl -sf -d grant_type=password -d client_id=admin-cli -d username=admin \
      --data-urlencode "password=$(sed -n 's/^KEYCLOAK_ADMIN_PASSWORD=//p' "$TT_HOME/secrets.env")" \
      "$KEYCLOAK/realms/master/protocol/openid-connect/token" | jq -er .access_token) || {
      echo "bench: no Keycloak admin token" >&2
      return 1
    }
    # 201 created, 409 exists: both fine
    curl -s -o /dev/null -X POST -H "Authorization: Bearer $admin_kc" -H 'Content-Type: application/json' \
      --data "{\"username\":\"$name\",\"enabled\":true,\"email\":\"$name@bench.example\",\"emailVerified\":true,\"firstName\":\"Bench\",\"lastName\":\"User $i\",\"credentials\":[{\"type\":\"password\",\"value\":\"$name\",\"temporary\":false}]}" \
      "$KEYCLOAK/admin/realms/timetracker/users"
  done
  admin_tt=$(curl -sf -d grant_type=password -d client_id=tt-cli -d username=admin -d password=admin \
    "$TOKEN_URL" | jq -er .access_token) || return 1
  touch "$cache"
  for i in $(seq -w 1 "$n"); do
    name=bench-$i
    answer=""
    refresh=$(awk -v n="$name" '$1 == n {print $3}' "$cache")
    [ -n "$refresh" ] && answer=$(curl -sf -d grant_type=refresh_token -d client_id=tt-cli \
      -d "refresh_token=$refresh" "$TOKEN_URL" || true)
    [ -n "$answer" ] || answer=$(curl -sf -d grant_type=password -d client_id=tt-cli \
      -d "username=$name" -d "password=$name" "$TOKEN_URL") || {
      echo "bench: no token for $name" >&2
      return 1
    }
    tok=$(jq -er .access_token <<<"$answer") || return 1
    id=$(awk -v n="$name" '$1 == n {print $2}' "$cache")
    if [ -z "$id" ]; then
      id=$(curl -sf -H "Authorization: Bearer $tok" "$TIMER/api/v1/me" | jq -er .id) || return 1
      curl -sf -o /dev/null -X POST -H "Authorization: Bearer $admin_tt" -H 'Content-Type: application/json' \
        --data "{\"userId\":$id}" "$TIMER/api/v1/projects/$DEMO_PROJECT_ID/members" || return 1
    fi
    grep -v "^$name	" "$cache" >"$cache.new" || true
    printf '%s\t%s\t%s\n' "$name" "$id" "$(jq -er .refresh_token <<<"$answer")" >>"$cache.new"
    mv "$cache.new" "$cache"
    # a timer left running by an interrupted run would turn every start into a 409
    curl -s -o /dev/null -X POST -H "Authorization: Bearer $tok" "$TIMER/api/v1/timer/stop"
    echo "$tok"
  done
}
