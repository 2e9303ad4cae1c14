# GitHub played by the end-to-end scripts (e2e-github.sh, e2e-scenario.sh): `issues` deliveries in
# GitHub's format with the headers GitHub sends, signed like GitHub signs them (HMAC-SHA256 with
# openssl). The caller defines WORK (a scratch folder); deliver leaves the answer in $WORK/body and
# its status in CODE.

# payload FILE ACTION REPO NUMBER TITLE [ASSIGNEE] [LABELS_JSON]: an `issues` delivery body as GitHub sends it
payload() {
  local file=$1 action=$2 repo=$3 number=$4 title=$5 assignee=${6:-} labels=${7:-[]}
  jq -nc --arg action "$action" --arg repo "$repo" --argjson n "$number" --arg title "$title" \
    --arg assignee "$assignee" --argjson labels "$labels" '
    ($repo | split("/")) as $r
    | {login: $assignee, id: 2, type: "User"} as $who
    | {action: $action,
       issue: {url: "https://api.github.com/repos/\($repo)/issues/\($n)",
               html_url: "https://github.com/\($repo)/issues/\($n)",
               id: (1000000 + $n), node_id: "I_kwDOE2E\($n)", number: $n, title: $title,
               user: {login: $r[0], id: 1, type: "User"},
               labels: [$labels[] | {id: 1, name: ., color: "d73a4a"}],
               state: (if $action == "closed" then "closed" else "open" end), locked: false,
               assignee: (if $assignee == "" then null else $who end),
               assignees: (if $assignee == "" then [] else [$who] end),
               comments: 0, created_at: "2026-11-25T10:00:00Z", updated_at: "2026-11-25T10:05:00Z",
               author_association: "OWNER", body: "Created by e2e-github.sh"},
       repository: {id: 4242, name: $r[1], full_name: $repo, private: false,
                    owner: {login: $r[0], id: 1}},
       sender: {login: $r[0], id: 1, type: "User"}}
    + (if ($action == "assigned" or $action == "unassigned") then {assignee: $who} else {} end)' >"$file"
}

sign() { echo "sha256=$(openssl dgst -sha256 -hmac "$1" -hex <"$2" | sed 's/^.*= *//')"; }

# deliver URL EVENT DELIVERY_ID FILE SIGNATURE [lower]: POST as GitHub does; sets CODE
deliver() {
  local url=$1 event=$2 id=$3 file=$4 sig=$5 lower=${6:-} h=()
  if [ "$lower" = lower ]; then
    h=(-H "x-github-event: $event" -H "x-github-delivery: $id")
    [ -n "$sig" ] && h+=(-H "x-hub-signature-256: $sig")
  else
    h=(-H "X-GitHub-Event: $event" -H "X-GitHub-Delivery: $id")
    [ -n "$sig" ] && h+=(-H "X-Hub-Signature-256: $sig")
  fi
  : >"$WORK/body"
  CODE=$(curl -s -o "$WORK/body" -w '%{http_code}' --max-time 30 -X POST \
    -H 'Content-Type: application/json' -H 'User-Agent: GitHub-Hookshot/e2e' \
    -H 'X-GitHub-Hook-ID: 1' -H 'X-GitHub-Hook-Installation-Target-Type: repository' \
    "${h[@]}" --data-binary "@$file" "$url") || CODE=000
}


# --- GitHub's REST API (a WireMock), for the syncs ----------------------------------------------------
# The caller defines ROOT (the clone) and WORK.
# shellcheck source=wiremock.sh
. "$ROOT/deploy/local/lib/wiremock.sh"

# default: connector-github's port + 17 (8099 on the default ports)
GITHUB_FAKE_PORT=${TT_E2E_GITHUB_FAKE_PORT:-$((${TT_PORT_CONNECTOR_GITHUB:-8082} + 17))}
GITHUB_FAKE="http://127.0.0.1:$GITHUB_FAKE_PORT"

# github_fake_start: WireMock as GitHub's API on $GITHUB_FAKE with the mappings already written
# under $WORK/github-fake/mappings (PID in GITHUB_FAKE_PID)
github_fake_start() {
  wiremock_start "$GITHUB_FAKE_PORT" "$WORK/github-fake" "$WORK/github-fake.log"
  local rc=$?
  GITHUB_FAKE_PID=$WIREMOCK_PID
  return $rc
}

github_fake_stop() {
  [ -n "${GITHUB_FAKE_PID:-}" ] && kill "$GITHUB_FAKE_PID" 2>/dev/null && wait "$GITHUB_FAKE_PID" 2>/dev/null
  GITHUB_FAKE_PID=
}

# github_fake_open_issues REPO COUNT: mappings for a repository the token may push to whose COUNT
# open issues ("Synced issue <n>", label tt) come in pages of 100 with GitHub's Link header, and
# no issue closed since the last sync
github_fake_open_issues() {
  local repo=$1 count=$2 per=100 pages page first last dir="$WORK/github-fake/mappings"
  mkdir -p "$dir"
  pages=$(((count + per - 1) / per))
  for ((page = 1; page <= pages; page++)); do
    first=$(((page - 1) * per + 1))
    last=$((page * per < count ? page * per : count))
    jq -n --arg url "/repos/$repo/issues" --arg page "$page" --argjson first "$first" --argjson last "$last" \
      --argjson pages "$pages" '
      {request: {method: "GET", urlPath: $url,
                 queryParameters: {state: {equalTo: "open"}, page: {equalTo: $page}}},
       response: {status: 200,
                  headers: ({"Content-Type": "application/json", ETag: "\"p\($page)\""}
                            + (if ($page | tonumber) < $pages
                               then {Link: "<https://api.github.com/repositories/4242/issues?state=open&page=\(($page | tonumber) + 1)>; rel=\"next\", <https://api.github.com/repositories/4242/issues?state=open&page=\($pages)>; rel=\"last\""}
                               else {} end)),
                  jsonBody: [range($first; $last + 1) | {number: ., title: "Synced issue \(.)", body: "from sync",
                             state: "open", labels: [{name: "tt"}]}]}}' >"$dir/open-$page.json"
  done
  jq -n --arg url "/repos/$repo/issues" '{request: {method: "GET", urlPath: $url,
    queryParameters: {state: {equalTo: "closed"}}}, response: {status: 200, jsonBody: [],
    headers: {"Content-Type": "application/json"}}}' >"$dir/closed.json"
  jq -n --arg url "/repos/$repo" --arg repo "$repo" '{request: {method: "GET", urlPath: $url},
    response: {status: 200, headers: {"Content-Type": "application/json"},
               jsonBody: {full_name: $repo, permissions: {admin: false, push: true, pull: true}}}}' >"$dir/repo.json"
}

# github_restart_connector [GITHUB_API_URL]: restarts the stack's connector-github (by its PID file)
# against another GitHub API base URL (empty: the configured default); the caller's environment
# (for example GITHUB_SYNC_* settings) passes through
github_restart_connector() {
  (TT_ROOT=$ROOT && . "$ROOT/deploy/local/lib/common.sh" && stop_group connector-github 30) || return 1
  TT_GITHUB_API_URL=${1:-} "$ROOT/tt" up >"$WORK/up-github.log" 2>&1 || {
    cat "$WORK/up-github.log" >&2
    return 1
  }
}
