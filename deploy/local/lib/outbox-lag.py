#!/usr/bin/env python3
"""Outbox lag over time during a fault run: one point per outbox row committed in the run.

Usage: outbox-lag.py ROWS_TSV PHASES_LOG OUT_SVG [T0_MS]
  ROWS_TSV    lines "<commit epoch ms>\t<published epoch ms or empty>" (timer.outbox: ce_time and
              published_at, the broker's acknowledgement time)
  PHASES_LOG  faults.sh's phases.log: "<epoch ms> <phase>" lines (kafka-stop, kafka-up, ...)
  OUT_SVG     the plot: x = seconds since T0 (default: the first commit), y = commit -> Kafka ack
              in ms on a log scale; the outages shaded and named
Prints one summary line per outage window and for the rest of the run (p50 / p99 / max lag).
No third-party libraries: the SVG is written by hand, like bench/lib/report.py's.
"""
import math
import sys

# the fault windows faults.sh marks in phases.log: start phase, end phase, label
WINDOWS = [
    ("kafka-stop", "kafka-up", "Kafka stopped"),
    ("postgres-stop", "postgres-up", "PostgreSQL restarted"),
    ("github-kill", "github-started", "connector-github killed"),
    ("slack-500", "slack-ok", "Slack 500/429"),
    ("github-api-429", "github-api-ok", "GitHub API 429/500"),
    ("google-500", "google-ok", "Google 500/429"),
]


def percentile(values, p):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(p / 100 * len(ordered)) - 1))]


def read_rows(path):
    rows = []
    with open(path) as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 2 or not parts[0]:
                continue
            commit = float(parts[0])
            published = float(parts[1]) if parts[1] else None
            rows.append((commit, published))
    return rows


def read_windows(path):
    marks = {}
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2:
                marks.setdefault(parts[1], float(parts[0]))
    found = []
    for start, end, label in WINDOWS:
        if start in marks:
            found.append((marks[start], marks.get(end, marks[start]), label))
    return found


def fmt(v):
    return "n/a" if v is None else f"{v:.0f}"


def main():
    rows_path, phases_path, out = sys.argv[1:4]
    rows = read_rows(rows_path)
    windows = read_windows(phases_path)
    if not rows:
        print("outbox lag: no rows")
        return
    t0 = float(sys.argv[4]) if len(sys.argv) > 4 else min(c for c, _ in rows)
    points = [((c - t0) / 1000, max(1.0, p - c)) for c, p in rows if p is not None]
    pending = sum(1 for _, p in rows if p is None)

    def inside(c):
        return next((w for w in windows if w[0] <= c <= w[1]), None)

    for start, end, label in windows:
        lags = [p - c for c, p in rows if p is not None and start <= c <= end]
        print(f"outbox lag, committed while {label} ({(end - start) / 1000:.1f} s): {len(lags)} events, "
              f"p50 {fmt(percentile(lags, 50))} ms, p99 {fmt(percentile(lags, 99))} ms, max {fmt(max(lags) if lags else None)} ms")
    rest = [p - c for c, p in rows if p is not None and inside(c) is None]
    print(f"outbox lag, committed outside the faults: {len(rest)} events, p50 {fmt(percentile(rest, 50))} ms, "
          f"p99 {fmt(percentile(rest, 99))} ms, max {fmt(max(rest) if rest else None)} ms; {pending} unpublished")

    width, height, left, right, top, bottom = 900, 420, 70, 20, 40, 50
    xmax = max(max(x for x, _ in points), max(((w[1] - t0) / 1000 for w in windows), default=0)) or 1
    ymax = max(y for _, y in points)
    decades = max(1, math.ceil(math.log10(ymax)))
    pw, ph = width - left - right, height - top - bottom

    def sx(x):
        return left + x / xmax * pw

    def sy(y):
        return top + ph - math.log10(y) / decades * ph

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'font-family="sans-serif" font-size="12">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<text x="{left}" y="20" font-size="14">outbox lag (commit → Kafka ack) of every event committed '
        f'during the fault run, {len(points)} events</text>',
    ]
    colours = ["#f4c7c3", "#c6dafc", "#fce8b2", "#d9ead3", "#e1d5e7"]
    for i, (start, end, label) in enumerate(windows):
        x0, x1 = sx((start - t0) / 1000), sx((end - t0) / 1000)
        parts.append(f'<rect x="{x0:.1f}" y="{top}" width="{max(2.0, x1 - x0):.1f}" height="{ph}" '
                     f'fill="{colours[i % len(colours)]}" opacity="0.8"/>')
        parts.append(f'<text x="{x0 + 3:.1f}" y="{top + 14 + 14 * (i % 2)}" font-size="11">{label}</text>')
    for d in range(decades + 1):
        y = sy(10 ** d)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{10 ** d:,} ms</text>')
    step = 10 ** math.floor(math.log10(xmax)) if xmax >= 10 else 1
    if xmax / step > 10:
        step *= 2 if xmax / step <= 20 else 5
    x = 0.0
    while x <= xmax:
        parts.append(f'<text x="{sx(x):.1f}" y="{top + ph + 16}" text-anchor="middle">{x:.0f}</text>')
        x += step
    parts.append(f'<text x="{left + pw / 2}" y="{height - 10}" text-anchor="middle">'
                 f'seconds since the load started (commit time)</text>')
    parts.append(f'<rect x="{left}" y="{top}" width="{pw}" height="{ph}" fill="none" stroke="#888"/>')
    for px, py in points:
        parts.append(f'<circle cx="{sx(px):.1f}" cy="{sy(py):.1f}" r="1.6" fill="#1a73e8" opacity="0.6"/>')
    parts.append("</svg>")
    with open(out, "w") as f:
        f.write("\n".join(parts) + "\n")


if __name__ == "__main__":
    main()
