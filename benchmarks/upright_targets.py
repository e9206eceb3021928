"""Which boxes ask the detector's head for long regression targets, and in which direction: the assigner (ATSS, grid
points at cell centres) replayed over shards as fine-tuning sees them (letterboxed, no augmentation), counting the
positive locations whose vertical or horizontal target exceeds `--over` strides, per class. Found for issue 12: UI
boxes are long sideways and almost never upright, and scrollbars, the one upright class, come out short.

    .venv/bin/python benchmarks/upright_targets.py '/tmp/gpudata8/train-*/shards/*.tar' [--class scrollbar]
        [--assigner atss_along]
"""

from __future__ import annotations

import argparse
import collections
import glob
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import torch  # noqa: E402

from trainer import assign, data  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("tars", help="a glob of shard tars (quoted)")
    ap.add_argument("--width", type=int, default=640)
    ap.add_argument("--height", type=int, default=384)
    ap.add_argument("--strides", type=int, nargs="+", default=[4, 8, 16, 32, 64])
    ap.add_argument("--over", type=float, default=16.0, help="a long target: more strides than this")
    ap.add_argument("--assigner", choices=["atss", "atss_along"], default="atss")
    ap.add_argument("--class", dest="cls", default="scrollbar", help="a class whose boxes are listed one by one")
    args = ap.parse_args()
    tars = sorted(glob.glob(args.tars))
    if not tars:
        sys.exit(f"no shard tars match {args.tars}")
    names, classes = data.label_map("canonical")
    points, sizes, counts = assign.grid(args.width, args.height, tuple(args.strides), centres=True)
    upright, sideways, listed, total = collections.Counter(), collections.Counter(), [], 0
    for boxes, labels in assign.training_boxes(tars, args.width, args.height, classes):
        matched = assign.ASSIGNERS[args.assigner](points, sizes, counts, boxes.float())
        pos = (matched >= 0).nonzero().flatten()
        box, p, s, lab = boxes[matched[pos]].float(), points[pos], sizes[pos], labels[matched[pos]]
        vertical = torch.maximum(p[:, 1] - box[:, 1], box[:, 3] - p[:, 1]) / s
        horizontal = torch.maximum(p[:, 0] - box[:, 0], box[:, 2] - p[:, 0]) / s
        total += len(pos)
        upright.update(names[i] for i in lab[vertical > args.over].tolist())
        sideways.update(names[i] for i in lab[horizontal > args.over].tolist())
        for i in matched[pos].unique().tolist():  # the boxes with a positive location
            if names[int(labels[i])] == args.cls:
                at = matched[pos] == i
                w, h = float(boxes[i, 2] - boxes[i, 0]), float(boxes[i, 3] - boxes[i, 1])
                listed.append((w, h, sorted({int(x) for x in s[at].tolist()}), float(vertical[at].max())))
    print(f"{args.assigner}: positive locations: {total:,}; with a vertical target over {args.over:g} strides: "
          f"{sum(upright.values()):,}; with a horizontal one: {sum(sideways.values()):,}")
    print("vertical, by class:  ", ", ".join(f"{k} {v:,}" for k, v in upright.most_common(8)))
    print("horizontal, by class:", ", ".join(f"{k} {v:,}" for k, v in sideways.most_common(8)))
    if listed:
        print(f"{args.cls}: {len(listed)} boxes with positives; median {statistics.median(x[0] for x in listed):.0f} x "
              f"{statistics.median(x[1] for x in listed):.0f} canvas px; strides of their positives "
              f"{sorted({s for x in listed for s in x[2]})}; longest vertical target per box (strides): "
              + " ".join(f"{x[3]:.1f}" for x in listed))


if __name__ == "__main__":
    main()
