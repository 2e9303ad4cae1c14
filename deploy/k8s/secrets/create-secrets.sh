#!/usr/bin/env bash
# Creates the Secrets the manifests expect (templates beside this script) in namespace $1, with
# fresh random passwords and client secrets. A Secret that already exists is left alone, so
# re-running never rotates anything by accident (rotation: docs/operations.md).
#
#   deploy/k8s/secrets/create-secrets.sh timetracker
#
# Needs kubectl (pointed at the cluster), java, and a built connector-github (`mvn -B package
# -DskipTests`) for the Tink keyset, unless CONNECTOR_CRYPTO_KEYSET_FILE names an existing keyset.
# Provider credentials come from the environment: SLACK_SIGNING_SECRET, GCAL_OAUTH_CLIENT_ID,
# GCAL_OAUTH_CLIENT_SECRET (empty when unset: that connector then stays not configured).
set -euo pipefail
ns=${1:?usage: create-secrets.sh <namespace>}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
rand() { od -An -tx1 -N24 /dev/urandom | tr -d ' \n'; }

exists() { kubectl -n "$ns" get secret "$1" >/dev/null 2>&1; }
create() { # name type key=value...
  local name=$1 type=$2
  shift 2
  if exists "$name"; then
    echo "secret $name exists, left alone"
    return
  fi
  local args=()
  for kv in "$@"; do args+=(--from-literal="$kv"); done
  kubectl -n "$ns" create secret generic "$name" --type="$type" "${args[@]}" >/dev/null
  echo "secret $name created"
}

keyset_file=${CONNECTOR_CRYPTO_KEYSET_FILE:-}
if [ -z "$keyset_file" ]; then
  keyset_file=$(mktemp)
  trap 'rm -f "$keyset_file"' EXIT
  java -cp "$root/connector-github/target/quarkus-app/lib/main/*" \
    io.timetracker.connector.kit.crypto.GenerateKeyset >"$keyset_file" ||
    { echo "cannot generate a Tink keyset: build connector-github first" >&2; exit 1; }
fi
keyset=$(cat "$keyset_file")

for db in timer github slack gcal keycloak; do
  create "tt-postgres-$db" kubernetes.io/basic-auth "username=$db" "password=$(rand)"
done

# client secrets: one value shared by Keycloak's realm import and the client's own Secret
if exists keycloak; then
  get() { kubectl -n "$ns" get secret keycloak -o "jsonpath={.data.$1}" | base64 -d; }
  github=$(get CONNECTOR_GITHUB_SECRET) gcal=$(get CONNECTOR_GCAL_SECRET)
  slack=$(get CONNECTOR_SLACK_SECRET) gateway=$(get INTEGRATION_GATEWAY_SECRET)
else
  github=$(rand) gcal=$(rand) slack=$(rand) gateway=$(rand)
fi
create keycloak Opaque KC_BOOTSTRAP_ADMIN_USERNAME=admin "KC_BOOTSTRAP_ADMIN_PASSWORD=$(rand)" \
  "CONNECTOR_GITHUB_SECRET=$github" "CONNECTOR_GCAL_SECRET=$gcal" \
  "CONNECTOR_SLACK_SECRET=$slack" "INTEGRATION_GATEWAY_SECRET=$gateway"
create timer-service Opaque
create connector-github Opaque "CONNECTOR_GITHUB_SECRET=$github" "CONNECTOR_CRYPTO_KEYSET=$keyset"
create connector-slack Opaque "CONNECTOR_SLACK_SECRET=$slack" "CONNECTOR_CRYPTO_KEYSET=$keyset" \
  "SLACK_SIGNING_SECRET=${SLACK_SIGNING_SECRET:-}"
create connector-gcal Opaque "CONNECTOR_GCAL_SECRET=$gcal" "CONNECTOR_CRYPTO_KEYSET=$keyset" \
  "GCAL_OAUTH_CLIENT_ID=${GCAL_OAUTH_CLIENT_ID:-}" "GCAL_OAUTH_CLIENT_SECRET=${GCAL_OAUTH_CLIENT_SECRET:-}"
create integration-gateway Opaque "INTEGRATION_GATEWAY_SECRET=$gateway"
echo "Keycloak admin: kubectl -n $ns get secret keycloak -o jsonpath='{.data.KC_BOOTSTRAP_ADMIN_PASSWORD}' | base64 -d"
