"""Per-class recall of a detector at IoU 0.5 and 0.1, by size bucket (issue 12, label conventions).

A box the model finds in the wrong extent (a line where the labels hold a paragraph, a heading's text where the
labels hold its full-width block) is missed at IoU 0.5 but found at IoU 0.1: a gap between the two columns points
at a convention mismatch, not at a class the model cannot see. "any class" is the same at IoU 0.5 with a detection
of any class: a gap between it and the class-aware column is a confusion of classes, not of extents.

Recall here: the share of ground-truth boxes that some detection (score >= --score, the model's own top 300 per
image, same class unless "any class") overlaps by at least the IoU; no one-to-one matching, so it is an upper
bound of COCO's recall and tells where the model looks, not how well it ranks. Sizes are COCO's buckets over the
box's area in the screen's own pixels: small < 32^2, medium < 96^2, large.
Precision is the other way round: per predicted class, the share of its detections (score >= --score) that overlap
a ground-truth box of that class by IoU 0.5 / 0.1, and the share that overlap no labelled box at all (IoU < 0.1
with every box): detections where the labels have nothing (an unlabelled thing, or a hallucination).
Links are also split into those inside a `text` box of their screen (running text) and the others.
`--cache FILE` keeps the model's output (JSON) so that the tables can be redone without running it again.

    .venv/bin/python benchmarks/recall_iou.py --split real /tmp/realset [--split val '/tmp/ship2/val/web-*']
        [--checkpoint models/gui-detector/model.safetensors] [--score 0.3] [--min 10] [--cache DIR]
"""

from __future__ import annotations

import argparse
import glob
import json
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from factory.core.errors import FactoryError  # noqa: E402
from trainer.evaluate import run  # noqa: E402
from trainer.finetune import load  # noqa: E402
from trainer.sources import resolve  # noqa: E402

IOUS = (0.5, 0.1)
BUCKETS = (("small", 0, 32**2), ("medium", 32**2, 96**2), ("large", 96**2, float("inf")))


def iou(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """IoU of xywh boxes a (N, 4) against b (M, 4) -> (N, M)."""
    ax1, ay1, ax2, ay2 = a[:, 0:1], a[:, 1:2], a[:, 0:1] + a[:, 2:3], a[:, 1:2] + a[:, 3:4]
    bx1, by1, bx2, by2 = b[:, 0], b[:, 1], b[:, 0] + b[:, 2], b[:, 1] + b[:, 3]
    w = np.clip(np.minimum(ax2, bx2) - np.maximum(ax1, bx1), 0, None)
    h = np.clip(np.minimum(ay2, by2) - np.maximum(ay1, by1), 0, None)
    inter = w * h
    union = a[:, 2:3] * a[:, 3:4] + b[:, 2] * b[:, 3] - inter
    return inter / np.maximum(union, 1e-9)


def best_overlaps(annotations: list[dict], detections: list[dict],
                  score: float) -> list[tuple[int, float, float, float]]:
    """Per ground-truth box: (category_id, area, best IoU with a same-class detection, best IoU with any)."""
    gts, dets = defaultdict(list), defaultdict(list)
    for a in annotations:
        gts[a["image_id"]].append(a)
    for d in detections:
        if d["score"] >= score:
            dets[d["image_id"]].append(d)
    out = []
    for image_id, gt in gts.items():
        g = np.array([a["bbox"] for a in gt], dtype=np.float64)
        dd = dets.get(image_id, [])
        if not dd:
            out.extend((a["category_id"], a["area"], 0.0, 0.0) for a in gt)
            continue
        m = iou(g, np.array([d["bbox"] for d in dd], dtype=np.float64))
        dcls = np.array([d["category_id"] for d in dd])
        for i, a in enumerate(gt):
            same = m[i][dcls == a["category_id"]]
            out.append((a["category_id"], a["area"], float(same.max()) if same.size else 0.0, float(m[i].max())))
    return out


def table(rows: list[tuple[int, float, float, float]], names: list[str], min_n: int) -> str:
    lines = ["| class | size | boxes | recall IoU 0.5 | recall IoU 0.1 | any class, IoU 0.5 |",
             "|---|---|---:|---:|---:|---:|"]
    by_class = defaultdict(list)
    for r in rows:
        by_class[r[0]].append(r)
    order = sorted(by_class, key=lambda c: -len(by_class[c]))
    for c in order:
        for bucket, lo, hi in (("all", 0, float("inf")),) + BUCKETS:
            sel = [r for r in by_class[c] if lo <= r[1] < hi]
            if len(sel) < min_n or bucket != "all" and len(sel) == len(by_class[c]):
                continue
            same, anyc = np.array([r[2] for r in sel]), np.array([r[3] for r in sel])
            lines.append(f"| {names[c - 1]} | {bucket} | {len(sel)} | {(same >= IOUS[0]).mean():.2f} | "
                         f"{(same >= IOUS[1]).mean():.2f} | {(anyc >= IOUS[0]).mean():.2f} |")
    return "\n".join(lines)


def precision(annotations: list[dict], detections: list[dict], score: float, names: list[str], min_n: int) -> str:
    """Per predicted class: detections, share on a same-class box at IoU 0.5 / 0.1, share on no labelled box."""
    flipped = [{**d, "area": 0.0} for d in detections if d["score"] >= score]
    gts = [{**a, "score": 1.0} for a in annotations]
    rows = best_overlaps(flipped, gts, 0.0)  # (predicted class, _, best same-class IoU, best any-class IoU)
    lines = ["| predicted class | detections | on its class, IoU 0.5 | IoU 0.1 | on no labelled box (IoU < 0.1) |",
             "|---|---:|---:|---:|---:|"]
    by_class = defaultdict(list)
    for r in rows:
        by_class[r[0]].append(r)
    for c in sorted(by_class, key=lambda c: -len(by_class[c])):
        sel = by_class[c]
        if len(sel) < min_n:
            continue
        same, anyc = np.array([r[2] for r in sel]), np.array([r[3] for r in sel])
        lines.append(f"| {names[c - 1]} | {len(sel)} | {(same >= 0.5).mean():.2f} | {(same >= 0.1).mean():.2f} | "
                     f"{(anyc < 0.1).mean():.2f} |")
    return "\n".join(lines)


def links_in_text(annotations: list[dict], names: list[str]) -> tuple[list[dict], list[dict]]:
    """The `link` boxes inside a `text` box of their screen (at least 90% of the link's area: a link in running text)
    and the others (navigation, standalone links)."""
    link, text = names.index("link") + 1, names.index("text") + 1
    texts = defaultdict(list)
    for a in annotations:
        if a["category_id"] == text:
            texts[a["image_id"]].append(a["bbox"])
    inside, outside = [], []
    for a in annotations:
        if a["category_id"] != link:
            continue
        t = texts.get(a["image_id"])
        x, y, w, h = a["bbox"]
        if t:
            b = np.array(t, dtype=np.float64)
            iw = np.clip(np.minimum(x + w, b[:, 0] + b[:, 2]) - np.maximum(x, b[:, 0]), 0, None)
            ih = np.clip(np.minimum(y + h, b[:, 1] + b[:, 3]) - np.maximum(y, b[:, 1]), 0, None)
            if (iw * ih).max() >= 0.9 * max(w * h, 1e-9):
                inside.append(a)
                continue
        outside.append(a)
    return inside, outside


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", nargs=2, action="append", metavar=("NAME", "DATASET"), required=True,
                    help="a name and a dataset directory or quoted glob; repeatable (a name given twice joins them)")
    ap.add_argument("--checkpoint", type=Path, default=Path(__file__).resolve().parents[1] / "models" /
                    "gui-detector" / "model.safetensors")
    ap.add_argument("--score", type=float, default=0.3, help="detections scoring at least this count")
    ap.add_argument("--min", type=int, default=10, help="leave out rows with fewer ground-truth boxes")
    ap.add_argument("--batch-size", type=int, default=4)
    ap.add_argument("--cache", type=Path, help="directory for the model's output per split (reused when there)")
    args = ap.parse_args()
    model, cfg, names = load(args.checkpoint)
    splits: dict[str, list[str]] = {}  # a name given twice joins its datasets
    for name, pattern in args.split:
        paths = sorted(p for p in glob.glob(pattern) if Path(p).is_dir()) if glob.has_magic(pattern) else [pattern]
        if not paths:
            print(f"error: --split {name} {pattern} matches no dataset directory", file=sys.stderr)
            sys.exit(2)
        splits.setdefault(name, []).extend(paths)
    for name, paths in splits.items():
        try:
            tars = [t for s in resolve(paths, allow_evaluation_only=True) for t in s.tars]
        except FactoryError as e:
            print(f"error: {e}", file=sys.stderr)
            sys.exit(2)
        cached = args.cache / f"{name}.json" if args.cache else None
        if cached and cached.is_file():
            images, annotations, detections = json.loads(cached.read_text())
        else:
            images, annotations, detections, _ = run(model, cfg, tars, batch_size=args.batch_size, name=name)
            if cached:
                cached.parent.mkdir(parents=True, exist_ok=True)
                cached.write_text(json.dumps([images, annotations, detections]))
        print(f"\n### {name}: {len(images)} screens, {len(annotations)} boxes, detections scoring >= {args.score}\n")
        print(table(best_overlaps(annotations, detections, args.score), names, args.min))
        print()
        print(precision(annotations, detections, args.score, names, args.min))
        inside, outside = links_in_text(annotations, names)
        print("\n| links | boxes | recall IoU 0.5 | recall IoU 0.1 | any class, IoU 0.5 |\n|---|---:|---:|---:|---:|")
        for label, part in (("inside a text box (running text)", inside), ("elsewhere", outside)):
            rows = best_overlaps(part, detections, args.score)
            same, anyc = np.array([r[2] for r in rows]), np.array([r[3] for r in rows])
            if len(rows):
                print(f"| {label} | {len(rows)} | {(same >= IOUS[0]).mean():.2f} | {(same >= IOUS[1]).mean():.2f} | "
                      f"{(anyc >= IOUS[0]).mean():.2f} |")


if __name__ == "__main__":
    main()
