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

