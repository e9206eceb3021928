"""Markdown tables of benchmarks/bakeoff.sh: each arm at 1/3, 2/3 and 3/3 of its wall-clock budget.

    .venv/bin/python benchmarks/bakeoff_report.py [WORKDIR]   (default /tmp/gui-factory-bakeoff)

Columns: in-distribution mAP50 and mAP, the small/thin group's mean AP50 (icon, checkbox, radio, slider,
scrollbar, progress_bar: the classes with ground truth in the split), the held-out style's mAP50, the arm's
measured images/s and its actual training minutes (from metrics.csv), and screens seen.
Also writes WORKDIR/bakeoff_curves.svg: each arm's in-distribution and held-out mAP50 against screens seen.
"""

from __future__ import annotations

import csv
import json
import math
import re
import statistics
import sys
from pathlib import Path

SMALL_THIN = ("icon", "checkbox", "radio", "slider", "scrollbar", "progress_bar")
BATCH = 8


def small_thin(split: dict) -> float:
    aps = [split["per_class"][c]["AP50"] for c in SMALL_THIN if c in split["per_class"]]
    aps = [a for a in aps if a is not None and not math.isnan(a)]
    return statistics.mean(aps) if aps else float("nan")


def run_stats(run: Path) -> tuple[float, list[tuple[int, float]]]:
    """(median images/s after warm-up, [(step, cumulative training seconds)]) from a run's metrics.csv."""
    rows = list(csv.DictReader(open(run / "metrics.csv")))
    img_s = statistics.median(float(r["img_s"]) for r in rows[len(rows) // 4:])
    seconds, last, out = 0.0, 0, []
    for r in rows:  # every log row covers log_every steps at that row's rate
        step = int(r["step"])
        seconds += (step - last) * BATCH / float(r["img_s"])
        last = step
        out.append((step, seconds))
    return img_s, out


COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b")


def curves_svg(panels: dict[str, dict[str, list[tuple[int, float]]]], w: int = 360, h: int = 240) -> str:
    """One line chart per panel (title -> arm -> [(screens seen, value)]), side by side, as a standalone SVG."""
    arms = sorted({a for lines in panels.values() for a in lines})
    xmax = max((x for lines in panels.values() for pts in lines.values() for x, _ in pts), default=1)
    ymax = max((y for lines in panels.values() for pts in lines.values() for _, y in pts), default=0) * 1.15 or 1
    pad, out = 44, []
    for i, (title, lines) in enumerate(panels.items()):
        ox = i * (w + 20)
        out.append(f'<text x="{ox + pad}" y="16" font-size="13">{title}</text>'
                   f'<line x1="{ox + pad}" y1="{h - pad}" x2="{ox + w - 10}" y2="{h - pad}" stroke="#444"/>'
                   f'<line x1="{ox + pad}" y1="28" x2="{ox + pad}" y2="{h - pad}" stroke="#444"/>'
                   f'<text x="{ox + pad}" y="{h - pad + 16}" font-size="10">0</text>'
                   f'<text x="{ox + w - 60}" y="{h - pad + 16}" font-size="10">{xmax:,} screens</text>'
                   f'<text x="{ox + 2}" y="32" font-size="10">{ymax:.3f}</text>')
        for arm, pts in lines.items():
            c = COLOURS[arms.index(arm) % len(COLOURS)]
            xy = [(ox + pad + (w - 10 - pad) * x / xmax, h - pad - (h - pad - 28) * y / ymax)
                  for x, y in [(0, 0), *pts]]
            out.append(f'<polyline fill="none" stroke="{c}" stroke-width="2" points="'
                       + " ".join(f"{x:.1f},{y:.1f}" for x, y in xy) + '"/>')
    legend = "".join(f'<rect x="{10 + 150 * i}" y="{h + 4}" width="12" height="12" fill="{COLOURS[i % len(COLOURS)]}"/>'
                     f'<text x="{26 + 150 * i}" y="{h + 14}" font-size="11">{a}</text>' for i, a in enumerate(arms))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{len(panels) * (w + 20)}" height="{h + 24}" '
            f'font-family="sans-serif"><rect width="100%" height="100%" fill="white"/>{"".join(out)}{legend}</svg>\n')


def main() -> None:
    w = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/gui-factory-bakeoff")
    evals = sorted((w / "evals").glob("*_t[123].json"))
    if not evals:
        raise SystemExit(f"no evaluations in {w}/evals; run benchmarks/bakeoff.sh first")
    print("| arm | budget | steps | screens seen | train min | img/s | in-dist mAP50 | in-dist mAP "
          "| small/thin AP50 | held-out style mAP50 |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    panels: dict[str, dict[str, list[tuple[int, float]]]] = {"in-distribution mAP50": {}, "held-out style mAP50": {}}
    for f in evals:
        m = re.fullmatch(r"(.+)_t([123])", f.stem)
        arm, third = m[1], int(m[2])
        cfg = json.loads((w / "runs" / arm / "config.json").read_text())
        steps = cfg["steps"] * third // 3
        img_s, times = run_stats(w / "runs" / arm)
        minutes = next((s for st, s in times if st >= steps), times[-1][1]) / 60
        split = json.loads(f.read_text())["splits"]
        ind, held = split["in_dist"], split["heldout_style"]
        print(f"| {arm} | {third}/3 | {steps} | {steps * BATCH:,} | {minutes:.1f} | {img_s:.2f} | {ind['mAP50']:.3f} "
              f"| {ind['mAP']:.3f} | {small_thin(ind):.3f} | {held['mAP50']:.3f} |")
        panels["in-distribution mAP50"].setdefault(arm, []).append((steps * BATCH, ind["mAP50"]))
        panels["held-out style mAP50"].setdefault(arm, []).append((steps * BATCH, held["mAP50"]))
    (w / "bakeoff_curves.svg").write_text(curves_svg(panels))
    print(f"\ncurves: {w / 'bakeoff_curves.svg'}")


if __name__ == "__main__":
    main()
