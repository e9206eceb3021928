"""The ship run's learning curve and the shipped detector's numbers, from `factory evaluate` outputs.

    .venv/bin/python benchmarks/ship_report.py WORK/evals/a.json WORK/evals/b.json ...

Each file is one checkpoint evaluated on the same splits (in_dist, heldout_style and, where given, real), named
after its step (the last number in the file name: step250.json, final_1000.json); screens seen = step x batch 8,
or x N for a file given as PATH=N (e.g. a GPU run at batch 32: arm_640_827.json=32).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bakeoff_report import small_thin  # noqa: E402

BATCH = 8


def row(arg: str) -> str:
    name, _, batch = arg.partition("=")
    path = Path(name)
    ev = json.loads(path.read_text())
    s = ev["splits"]
    step = int(re.findall(r"\d+", path.stem)[-1])
    seen = f"{step * int(batch or BATCH):,}"
    ind, held = s["in_dist"], s["heldout_style"]
    real = s.get("real")
    cells = [path.stem, str(step), seen, f"{ind['mAP50']:.3f}", f"{ind['mAP']:.3f}", f"{small_thin(ind):.3f}",
             f"{ind['interactable']['AP50']:.3f}", f"{held['mAP50']:.3f}", f"{held['mAP']:.3f}",
             f"{real['mAP50']:.4f}" if real else "-", f"{real['interactable']['AP50']:.4f}" if real else "-"]
    return "| " + " | ".join(cells) + " |"


def main() -> None:
    print("| checkpoint | step | screens seen | in-dist mAP50 | in-dist mAP | small/thin AP50 | in-dist interactable "
          "AP50 | held-out mAP50 | held-out mAP | real mAP50 | real interactable AP50 |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for p in sys.argv[1:]:
        print(row(p))


if __name__ == "__main__":
    main()
