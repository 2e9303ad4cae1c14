#!/usr/bin/env bash
# Writes timetracker-realm.json beside this script from the local stack's realm
# (deploy/local/keycloak/timetracker-realm.json) without its demo users. Kustomize cannot read files
# outside this folder, so the copy is committed; deploy-tests' RealmImportTest fails when it drifts.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
jq 'del(.users) | .displayName = "TimeTracker"' "$here/../../../local/keycloak/timetracker-realm.json" \
  >"$here/timetracker-realm.json"
