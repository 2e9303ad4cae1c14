#!/usr/bin/env python3
"""Writes N GitHub `issues` deliveries for M issues as a PostgreSQL COPY text file on stdout.

Columns: n, delivery_id, action, delivery_key, payload (hex). Each issue gets the same realistic
sequence (opened, labeled, assigned, edited, labeled/unlabeled, closed) with GitHub's payload shape;
the issues' sequences are interleaved, as an organisation's webhook sends them.
Usage: gen_issue_deliveries.py REPO ISSUES DELIVERIES ASSIGNEE
"""
import json
import sys
import uuid

repo, issues, deliveries, assignee = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
per_issue = deliveries // issues
owner, name = repo.split("/")
LABELS = ["bug", "enhancement", "critical", "docs", "ui", "backend"]


def script(length):
    """opened, labeled, assigned, then edits and label changes, closed last."""
    steps = ["opened", "labeled", "assigned"]
    middle = ["edited", "labeled", "edited", "unlabeled"]
    while len(steps) < length - 1:
        steps.append(middle[(len(steps) - 3) % len(middle)])
    steps.append("closed")
    return steps[:length]


def payload(action, number, step, labels):
    who = {"login": assignee, "id": 2, "type": "User"}
    issue = {
        "url": f"https://api.github.com/repos/{repo}/issues/{number}",
        "repository_url": f"https://api.github.com/repos/{repo}",
        "html_url": f"https://github.com/{repo}/issues/{number}",
        "id": 2000000 + number,
        "node_id": f"I_kwDOBench{number}",
        "number": number,
        "title": f"Checkout fails for order #{number} (rev {step})",
        "user": {"login": owner, "id": 1, "type": "User", "site_admin": False},
        "labels": [{"id": 100 + LABELS.index(l), "name": l, "color": "d73a4a",
                    "default": False, "description": None} for l in labels],
        "state": "closed" if action == "closed" else "open",
        "locked": False,
        "assignee": who if step >= 2 else None,
        "assignees": [who] if step >= 2 else [],
        "milestone": None,
        "comments": step,
        "created_at": "2026-11-25T10:00:00Z",
        "updated_at": f"2026-11-25T10:{step:02d}:00Z",
        "closed_at": "2026-11-25T11:00:00Z" if action == "closed" else None,
        "author_association": "MEMBER",
        "body": "Steps to reproduce:\n1. add an item to the cart\n2. pay\n3. see the error\n"
                + "Expected: order confirmed. Actual: 500. " * 3,
    }
    body = {
        "action": action,
        "issue": issue,
        "repository": {"id": 424242, "node_id": "R_kgDOBench", "name": name, "full_name": repo,
                       "private": True, "owner": {"login": owner, "id": 1, "type": "Organization"},
                       "html_url": f"https://github.com/{repo}", "default_branch": "main"},
        "organization": {"login": owner, "id": 1},
        "sender": {"login": owner, "id": 1, "type": "User"},
    }
    if action in ("assigned", "unassigned"):
        body["assignee"] = who
    if action in ("labeled", "unlabeled"):
        body["label"] = {"id": 100, "name": labels[-1] if labels else "bug", "color": "d73a4a"}
    if action == "edited":
        body["changes"] = {"title": {"from": f"Checkout fails (rev {step - 1})"}}
    return json.dumps(body, separators=(",", ":")).encode()


plans = {}
for number in range(1, issues + 1):
    labels, steps = [], []
    for step, action in enumerate(script(per_issue)):
        if action == "labeled":
            labels = labels + [LABELS[(number + step) % len(LABELS)]]
        elif action == "unlabeled" and labels:
            labels = labels[:-1]
        steps.append((action, payload(action, number, step, labels)))
    plans[number] = steps

n = 0
for step in range(per_issue):
    for number in range(1, issues + 1):
        action, body = plans[number][step]
        n += 1
        sys.stdout.write(f"{n}\t{uuid.uuid4()}\t{action}\t{repo}#{number}\t\\\\x{body.hex()}\n")
