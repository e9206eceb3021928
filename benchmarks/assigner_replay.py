"""Target-assignment replay: the share of ground-truth boxes that get no positive location at all, per class,
under torchvision's FCOS rule (the detector's `--assigner fcos`) and under ATSS (`--assigner atss`).

Boxes are exactly what fine-tuning sees without augmentation (trainer.data's Decoder: letterbox to the canvas,
clipping, boxes under 2 px dropped); locations are the detector's pyramid (strides 8/16/32/64 by default).
A box without a positive location gives no gradient to any classifier or box output: no budget learns it.
A third column separates the two changes of `atss`: torchvision's rule with grid points at cell centres.

    .venv/bin/python benchmarks/assigner_replay.py DATASET... [--width 512 --height 320] [--strides 8 16 32 64]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import torch  # noqa: E402

from trainer import assign, data  # noqa: E402
from trainer.sources import resolve  # noqa: E402

RULES = {  # column -> (assigner, grid points at cell centres)
    "fcos": (assign.fcos, False),
    "fcos, cell centres": (assign.fcos, True),
    "atss": (assign.atss, True),
}


def table(tally: dict, names: list[str]) -> str:
    """Markdown: one row per class (worst under fcos first) and the total, shares in %."""
    def cells(row: dict) -> str:
        return " | ".join(f"{100 * row.get(k, 0) / row['boxes']:.1f}" for k in RULES)

    lines = [f"| class | boxes | {' | '.join(RULES)} |", "|---|---:|" + "---:|" * len(RULES)]
    for label, row in sorted(tally.items(), key=lambda kv: (-kv[1].get("fcos", 0) / kv[1]["boxes"], names[kv[0]])):
        lines.append(f"| {names[label]} | {row['boxes']} | {cells(row)} |")
    total = {k: sum(r.get(k, 0) for r in tally.values()) for k in ("boxes", *RULES)}
    lines.append(f"| **all** | **{total['boxes']}** | " + " | ".join(f"**{v}**" for v in cells(total).split(" | "))
                 + " |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("datasets", nargs="+", help="dataset directories (factory render --out)")
    ap.add_argument("--width", type=int, default=512)
    ap.add_argument("--height", type=int, default=320)
    ap.add_argument("--strides", type=int, nargs="+", default=[8, 16, 32, 64])
    ap.add_argument("--min-box", type=float, default=2.0)
    ap.add_argument("--taxonomy", default="canonical")
    ap.add_argument("--threads", type=int, default=1, help="torch threads (small tensors: 1 is fastest on 2 cores)")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    names, classes = data.label_map(args.taxonomy)
    strides = tuple(args.strides)
    t0 = time.perf_counter()
    per_dataset = {}
    for source in resolve(args.datasets):
        boxes = assign.training_boxes(list(source.tars), args.width, args.height, classes, args.min_box)
        per_dataset[source.name] = assign.replay(boxes, args.width, args.height, strides, RULES)
    tally: dict[int, dict[str, int]] = {}
    for name, part in per_dataset.items():
        for label, row in part.items():
            into = tally.setdefault(label, {})
            for k, v in row.items():
                into[k] = into.get(k, 0) + v
        n = sum(r["boxes"] for r in part.values())
        shares = ", ".join(f"{k} {100 * sum(r.get(k, 0) for r in part.values()) / n:.1f}%" for k in RULES)
        print(f"{name}: {n} boxes; without a positive location: {shares}")
    print(f"\nShare of boxes without a positive location (%), {args.width}x{args.height}, strides {strides}, "
          f"{len(args.datasets)} datasets, {time.perf_counter() - t0:.0f} s:\n")
    print(table(tally, names))


if __name__ == "__main__":
    main()
