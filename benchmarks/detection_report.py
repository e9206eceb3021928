"""Markdown tables of benchmarks/detection.sh's evaluations: budget curve, splits at the last step, per class.

    .venv/bin/python benchmarks/detection_report.py [EVALS]   (default /tmp/gui-factory-detection/evals)

The evaluations behind benchmarks/README.md are kept in benchmarks/results/detection/.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

BATCH = 8  # images per step in benchmarks/detection.sh
SPLITS = ("in_dist", "web", "desktop", "game", "heldout_style")


def load(evals: Path) -> dict[tuple[str, int], dict]:
    """(run, step) -> metrics.json of that snapshot."""
    out = {}
    for f in sorted(evals.glob("*.json")):
        m = re.fullmatch(r"(.+)_(\d+)", f.stem)
        if m:
            out[m[1], int(m[2])] = json.loads(f.read_text())["splits"]
    if not out:
        raise SystemExit(f"no RUN_STEP.json evaluations in {evals}; run benchmarks/detection.sh first")
    return out


def cell(split: dict) -> str:
    return f"{split['mAP']:.3f} / {split['mAP50']:.3f}"


def versus(a: dict, b: dict) -> str:
    """Table cells 'MAE | scratch | MAE / scratch' for two snapshots' in_dist metrics."""
    ratio = a["in_dist"]["mAP"] / b["in_dist"]["mAP"] if b["in_dist"]["mAP"] else float("nan")
    return f"{cell(a['in_dist'])} | {cell(b['in_dist'])} | {ratio:.2f}x"


def main() -> None:
    res = load(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/gui-factory-detection/evals"))
    steps = sorted({s for _, s in res})
    print("Budget curve, in_dist mAP / mAP50 (MAE-pretrained vs scratch at equal fine-tuning steps):\n")
    print("| steps | images seen | MAE-pretrained | scratch | MAE / scratch (mAP) |\n|---:|---:|---:|---:|---:|")
    for s in steps:
        a, b = res.get(("det_mae", s)), res.get(("det_scratch", s))
        if a and b:
            print(f"| {s} | {s * BATCH:,} | {versus(a, b)} |")
    last = steps[-1]
    print(f"\nEvery split at step {last}, mAP / mAP50:\n")
    print("| run | " + " | ".join(SPLITS) + " |\n|---|" + "---:|" * len(SPLITS))
    for run in sorted({r for r, s in res if s == last}):
        print(f"| {run} | " + " | ".join(cell(res[run, last][k]) for k in SPLITS) + " |")
    tags = sorted({run.removeprefix("det_mae") for run, _ in res if run.startswith("det_mae")})
    pairs = []  # (seed, step, MAE metrics, scratch metrics) at each seed's last common step
    for t in tags:
        common = {s for r, s in res if r == f"det_mae{t}"} & {s for r, s in res if r == f"det_scratch{t}"}
        if common:
            s = max(common)
            pairs.append((t.removeprefix("_seed") or "0", s, res[f"det_mae{t}", s], res[f"det_scratch{t}", s]))
    if len(pairs) > 1:
        print("\nReplicates (fine-tuning seed; each pair at its own budget), in_dist mAP / mAP50:\n")
        print("| seed | steps | MAE-pretrained | scratch | MAE / scratch (mAP) |\n|---|---:|---:|---:|---:|")
        for seed, s, a, b in pairs:
            print(f"| {seed} | {s} | {versus(a, b)} |")
    best = res.get(("det_mae", last))
    if best:
        per = sorted(best["in_dist"]["per_class"].items(), key=lambda kv: -kv[1]["instances"])
        print(f"\nPer class, det_mae at step {last}, in_dist (instances, AP, AP50, recall at IoU .5):\n")
        print("| class | instances | AP | AP50 | recall50 |\n|---|---:|---:|---:|---:|")
        for name, v in per:
            print(f"| {name} | {v['instances']} | {v['AP']:.3f} | {v['AP50']:.3f} | {v['recall50']:.3f} |")


if __name__ == "__main__":
    main()
