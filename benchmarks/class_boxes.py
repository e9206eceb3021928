"""Each ground-truth box of one class against detectors' detections of that class, box by box (issue 12: where a
class that scores 0 AP goes). For every screen of a split holding the class, each detector runs as `factory predict`
does (`trainer.predict.detect`, letterbox and all); per box: its size, the best-overlapping detection of the class
(IoU, its size, its score) and the highest-scoring detection touching the box (its score and IoU). A box drawn as
short pieces shows as a best IoU far under 0.5 with pieces a fraction of its length.

    .venv/bin/python benchmarks/class_boxes.py --split '/tmp/ship7/val/*' --class scrollbar \\
        --checkpoint models/gui-detector/model.safetensors --checkpoint /tmp/round10/run [--score 0.05]
"""

from __future__ import annotations

import argparse
import glob
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from recall_iou import iou  # noqa: E402

from factory.core.errors import FactoryError  # noqa: E402
from trainer import data, records, tars  # noqa: E402
from trainer.finetune import load  # noqa: E402
from trainer.letterbox import decode_rgb  # noqa: E402
from trainer.predict import detect  # noqa: E402
from trainer.sources import resolve  # noqa: E402


def model_device(model) -> object:
    return next(model.parameters()).device


def screens_with(paths: list[str], cls: str) -> list[tuple[str, np.ndarray, np.ndarray]]:
    """(sample key, RGB image, boxes (N, 4) xywh of `cls`) of every sample holding the class."""
    _, classes = data.label_map("canonical")

    def fail(e: BaseException) -> bool:
        raise e

    found = []
    for src in resolve(paths, allow_evaluation_only=True):
        for url in src.tars:
            for sample in tars.shard_samples(url, fail):
                rec = records.parse(sample)
                boxes = [box for label, box in records.elements(sample, rec, classes) if label == classes[cls]]
                if boxes:
                    rgb = decode_rgb(records.image_bytes(sample, rec))
                    found.append((f"{Path(url).parent.parent.name}/{sample['__key__']}", rgb, np.array(boxes)))
    return found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", required=True, help="a dataset directory or quoted glob")
    ap.add_argument("--class", dest="cls", default="scrollbar")
    ap.add_argument("--checkpoint", action="append", required=True, help="a detector; repeatable")
    ap.add_argument("--score", type=float, default=0.05, help="detections scoring at least this count")
    args = ap.parse_args()
    paths = sorted(p for p in glob.glob(args.split) if Path(p).is_dir()) if glob.has_magic(args.split) else [args.split]
    try:
        found = screens_with(paths, args.cls)
        models = [load(c) for c in args.checkpoint]
    except FactoryError as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(2)
    if not found:
        print(f"no {args.cls} in {args.split}")
        return
    head = " | ".join(f"{Path(c).name if Path(c).name != 'model.safetensors' else Path(c).parent.name}: best IoU "
                      f"(w x h, score) | top score (IoU)" for c in args.checkpoint)
    print(f"| screen | {args.cls} (w x h) | {head} |")
    print("|---|---:|" + "---:|---:|" * len(models))
    for key, rgb, boxes in found:
        cells = [[] for _ in boxes]
        for model, cfg, names in models:
            dets = [d for d in detect(model, cfg, names, rgb, model_device(model), args.score)
                    if d["category_name"] == args.cls]
            m = iou(boxes, np.array([d["bbox"] for d in dets])) if dets else np.zeros((len(boxes), 0))
            for i, row in enumerate(cells):
                touching = [j for j in range(len(dets)) if m[i, j] > 0]
                if not touching:
                    row += ["none", "-"]
                    continue
                best = max(touching, key=lambda j: m[i, j])
                top = max(touching, key=lambda j: dets[j]["score"])
                w, h = dets[best]["bbox"][2:]
                row += [f"{m[i, best]:.2f} ({w:.0f} x {h:.0f}, {dets[best]['score']:.2f})",
                        f"{dets[top]['score']:.2f} ({m[i, top]:.2f})"]
        for box, row in zip(boxes, cells):
            print(f"| {key} | {box[2]:.0f} x {box[3]:.0f} | " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
