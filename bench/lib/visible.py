#!/usr/bin/env python3
"""webhook -> task visible: per issue reference, the task's creation in the core minus the
delivery's arrival in connector-github's inbox (both clocks are the one PostgreSQL server's).
Usage: visible.py RECEIVED_TSV TASKS_TSV  (lines: ref|timestamp). Prints "p50 / p99 (tasks / deliveries)"."""
import sys
from datetime import datetime


def read(path):
    rows = {}
    for line in open(path):
        line = line.strip()
        if line:
            ref, ts = line.split("|")
            rows[ref] = datetime.strptime(ts, "%Y-%m-%d %H:%M:%S.%f")
    return rows


received, tasks = read(sys.argv[1]), read(sys.argv[2])
lags = sorted((tasks[r] - received[r]).total_seconds() * 1000 for r in received if r in tasks)
if not lags:
    print(f"- (0 / {len(received)})")
    sys.exit(0)


def pct(q):
    return lags[min(len(lags) - 1, int(round(q * (len(lags) - 1))))]


print(f"{pct(0.5):.0f} / {pct(0.99):.0f} ({len(lags)} / {len(received)})")
