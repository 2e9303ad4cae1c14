# shellcheck shell=bash
# Demo data, seeded through timer-service's REST API with real Keycloak tokens, idempotently:
# client "Acme", its project "Website" (code WEB) with alice and bob as members.
# Users exist in timer-service once they have called it, so alice and bob call GET /api/v1/me first.
# The ids are written to $TT_HOME/demo.env for the summary and the end-to-end test.

# token USER PASSWORD: access token of a demo user (password grant on the public client tt-cli).
token() {
  curl -sf --max-time 20 -d grant_type=password -d client_id=tt-cli -d "username=$1" \
    --data-urlencode "password=$2" "$TOKEN_URL" | jq -er .access_token
}

# api TOKEN METHOD PATH [JSON]: call timer-service, print the body, fail on a non-2xx status.
api() {
  local tok=$1 method=$2 path=$3 out code data=()
  [ -n "${4:-}" ] && data=(-H 'Content-Type: application/json' --data "$4")
  out=$(mktemp)
  code=$(curl -s -o "$out" -w '%{http_code}' --max-time 20 -X "$method" \
    -H "Authorization: Bearer $tok" -H 'Accept: application/json' "${data[@]}" "$TIMER_URL$path")
  cat "$out"
  rm -f "$out"
  case $code in
    2??) return 0 ;;
    *)
      echo >&2
      echo "$method $path -> HTTP $code" >&2
      return 1
      ;;
  esac
}

seed_demo() {
  local admin alice bob alice_id bob_id client_id project_id list
  TIMER_URL=${TIMER_URL:-http://127.0.0.1:$(selected_services | awk '$1 == "timer-service" {print $2}')}
  admin=$(token admin admin) && alice=$(token alice alice) && bob=$(token bob bob) || {
    echo "no token from Keycloak for admin/alice/bob ($TOKEN_URL)"
    return 1
  }
  api "$admin" GET /api/v1/me >/dev/null || return 1
  alice_id=$(api "$alice" GET /api/v1/me | jq -er .id) || return 1
  bob_id=$(api "$bob" GET /api/v1/me | jq -er .id) || return 1

  list=$(api "$admin" GET /api/v1/clients) || return 1
  client_id=$(jq -r 'map(select(.name == "Acme"))[0].id // empty' <<<"$list")
  if [ -z "$client_id" ]; then
    client_id=$(api "$admin" POST /api/v1/clients '{"name":"Acme"}' | jq -er .id) || return 1
    echo "created client Acme ($client_id)"
  fi
  list=$(api "$admin" GET /api/v1/projects) || return 1
  project_id=$(jq -r 'map(select(.code == "WEB"))[0].id // empty' <<<"$list")
  if [ -z "$project_id" ]; then
    project_id=$(api "$admin" POST /api/v1/projects \
      "$(jq -nc --argjson c "$client_id" '{clientId: $c, name: "Website", code: "WEB"}')" | jq -er .id) || return 1
    echo "created project Website/WEB ($project_id)"
  fi
  # adding a member who already is one is a no-op (204)
  api "$admin" POST "/api/v1/projects/$project_id/members" "{\"userId\":$alice_id}" >/dev/null &&
    api "$admin" POST "/api/v1/projects/$project_id/members" "{\"userId\":$bob_id}" >/dev/null || return 1
  cat >"$TT_HOME/demo.env" <<EOF
DEMO_CLIENT_ID=$client_id
DEMO_PROJECT_ID=$project_id
DEMO_ALICE_ID=$alice_id
DEMO_BOB_ID=$bob_id
EOF
  echo "demo data: client Acme ($client_id), project WEB ($project_id), members alice ($alice_id) and bob ($bob_id)"
}
