"""Markdown tables of benchmarks/bakeoff.sh: each arm at 1/3, 2/3 and 3/3 of its wall-clock budget.

    .venv/bin/python benchmarks/bakeoff_report.py [WORKDIR]   (default /tmp/gui-factory-bakeoff)

Columns: in-distribution mAP50 and mAP, the small/thin group's mean AP50 (icon, checkbox, radio, slider,
scrollbar, progress_bar: the classes with ground truth in the split), the held-out style's mAP50, the arm's
measured images/s and its actual training minutes (from metrics.csv), and screens seen.
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


def main() -> None:
    w = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/gui-factory-bakeoff")
    evals = sorted((w / "evals").glob("*_t[123].json"))
    if not evals:
        raise SystemExit(f"no evaluations in {w}/evals; run benchmarks/bakeoff.sh first")
    print("| arm | budget | steps | screens seen | train min | img/s | in-dist mAP50 | in-dist mAP "
          "| small/thin AP50 | held-out style mAP50 |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
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


if __name__ == "__main__":
    main()
