#!/usr/bin/env python3
"""Turns one bench/run.sh result folder into table.md, results.csv, results.json and SVG plots.

Reads rows.tsv (section, figure, value, unit) and the load generator's JSON files (pairs-*.json,
ingest-*.json); prints the table. The plots are latency percentile curves (x: percentile on the
usual HdrHistogram scale 1/(1-q), y: milliseconds), drawn by a few lines of SVG, no library.
Usage: report.py RESULT_FOLDER
"""
import csv
import glob
import json
import math
import os
import sys

out = sys.argv[1]
rows = []
with open(os.path.join(out, "rows.tsv")) as f:
    for line in f:
        parts = line.rstrip("\n").split("\t")
        rows.append(dict(zip(["section", "figure", "value", "unit"], parts + [""] * 4)))

runs = {}
for path in sorted(glob.glob(os.path.join(out, "*.json"))):
    name = os.path.basename(path)[:-5]
    if name != "results":
        with open(path) as f:
            runs[name] = json.load(f)

with open(os.path.join(out, "results.json"), "w") as f:
    json.dump({"rows": rows, "runs": runs}, f, indent=1)
with open(os.path.join(out, "results.csv"), "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=["section", "figure", "value", "unit"])
    w.writeheader()
    w.writerows(rows)

lines = ["| section | figure | value |", "|---|---|---|"]
for r in rows:
    value = f"{r['value']} {r['unit']}".strip()
    lines.append(f"| {r['section']} | {r['figure']} | {value} |")
table = "\n".join(lines) + "\n"
with open(os.path.join(out, "table.md"), "w") as f:
    f.write(table)
print(table)

COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"]


def svg_curves(title, series, path):
    """series: [(label, [(percentile, ms), ...])]; log-log percentile plot."""
    width, height, left, bottom, top, right = 640, 400, 70, 50, 40, 150
    xs = lambda q: math.log10(1 / (1 - min(q, 99.99) / 100))  # 0 .. 4
    all_ms = [ms for _, pts in series for _, ms in pts if ms > 0] or [1]
    lo, hi = math.floor(math.log10(min(all_ms))), math.ceil(math.log10(max(all_ms)))
    hi = max(hi, lo + 1)
    px = lambda q: left + xs(q) / 4 * (width - left - right)
    py = lambda ms: height - bottom - (math.log10(max(ms, 10**lo)) - lo) / (hi - lo) * (height - bottom - top)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<text x="{left}" y="20" font-size="14">{title}</text>',
    ]
    for i, label in enumerate(["0%", "90%", "99%", "99.9%", "99.99%"]):
        x = left + i / 4 * (width - left - right)
        parts.append(f'<line x1="{x}" y1="{top}" x2="{x}" y2="{height - bottom}" stroke="#ddd"/>')
        parts.append(f'<text x="{x}" y="{height - bottom + 16}" text-anchor="middle">{label}</text>')
    for e in range(lo, hi + 1):
        y = py(10**e)
        parts.append(f'<line x1="{left}" y1="{y}" x2="{width - right}" y2="{y}" stroke="#ddd"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4}" text-anchor="end">{10**e:g} ms</text>')
    parts.append(f'<text x="{(width - right + left) / 2}" y="{height - 10}" text-anchor="middle">percentile</text>')
    for i, (label, pts) in enumerate(series):
        c = COLOURS[i % len(COLOURS)]
        d = " ".join(f"{px(q):.1f},{py(ms):.1f}" for q, ms in pts)
        parts.append(f'<polyline fill="none" stroke="{c}" stroke-width="2" points="{d}"/>')
        parts.append(f'<text x="{width - right + 10}" y="{top + 16 * (i + 1)}" fill="{c}">{label}</text>')
    parts.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(parts))


def curves(prefix, unit):
    series = []
    for name, run in sorted(runs.items(), key=lambda kv: float(kv[1].get("offered_per_s", 0))):
        if name.startswith(prefix) and "latency_ms" in run:
            label = name[len(prefix):].replace("-", " ")
            series.append((f"{label} {unit}", [tuple(p) for p in run["latency_ms"]["curve"]]))
    return series


if curves("pairs-", ""):
    svg_curves("timer start+stop pair latency (from intended start) by offered pairs/s",
               curves("pairs-", "pairs/s"), os.path.join(out, "pairs-latency.svg"))
if curves("ingest-", ""):
    svg_curves("GitHub webhook ack latency by offered deliveries/s",
               curves("ingest-", "/s"), os.path.join(out, "ingest-latency.svg"))
