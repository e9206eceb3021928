"""Detect UI elements in any PNG/JPEG/WebP screenshot, of any size, with a fine-tuned detector.

Output is COCO results format: image_id = the file name (its path when another input has the same name),
category_name (and 1-based category_id) in the model's taxonomy, bbox [x, y, w, h] in the input image's own
pixels (the letterbox undone), score.

"Any size" means any image within the decoder's pixel cap (factory.core.guards.MAX_IMAGE_PIXELS, 40M pixels),
whatever its shape (up to MAX_SIDE a side): a 20000 x 1 strip is letterboxed to 512 x 1 canvas pixels and
predicted like any other. Everything that can be checked is checked before the model loads: the device, the output
paths,
and every image's header; an empty, unreadable or over-the-cap file stops the run with one message naming
it (nothing written), rather than a results file that silently lacks it.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import torch

from factory.core.errors import ConfigError, DataError
from factory.core.guards import MAX_IMAGE_PIXELS, image_size
from factory.core.files import write_atomic
from trainer import overlays
from trainer.distributed import autocast, resolve_precision
from trainer.letterbox import Letterbox, decode_rgb
from factory.core.draw import draw_boxes

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp")
# Inputs are screenshots of any shape (a full-page capture is 1280 x 20000): a side may be far longer than the
# training data's cap, up to what libpng and OpenCV decode at all (about a million pixels a side).
MAX_SIDE = 1_000_000
# An overlay is for reading: duplicates across classes (IoU above this) are drawn once; the JSON keeps them all.
OVERLAY_IOU = 0.7


def expand(paths: list[Path]) -> list[Path]:
    """Files as given; directories contribute their images (sorted); each file once. Raises ConfigError for a
    missing path."""
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(sorted(f for f in p.iterdir() if f.suffix.lower() in IMAGE_SUFFIXES and f.is_file()))
        elif p.is_file():
            files.append(p)
        else:
            raise ConfigError(f"{p} does not exist; give image files or directories of images")
    if not files:
        raise ConfigError("no images found (PNG, JPEG or WebP)")
    unique = {os.path.realpath(f): f for f in reversed(files)}  # the same file given twice: predicted once
    return [f for f in files if unique[os.path.realpath(f)] is f]


def device_of(name: str | None) -> torch.device:
    """--device as a torch.device: cpu, cuda or cuda:N (default: cuda when present). ConfigError otherwise."""
    if name is None:
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    try:
        dev = torch.device(name)
    except (RuntimeError, TypeError, ValueError):
        dev = None
    if dev is None or dev.type not in ("cpu", "cuda"):
        raise ConfigError(f"unknown device {name!r}; use cpu, cuda or cuda:N")
    if dev.type == "cuda" and not torch.cuda.is_available():
        raise ConfigError("CUDA is not available on this machine; use --device cpu")
    if dev.type == "cuda" and dev.index is not None and dev.index >= torch.cuda.device_count():
        raise ConfigError(f"there is no {name} on this machine ({torch.cuda.device_count()} CUDA device(s)); "
                          f"use cuda:0 .. cuda:{torch.cuda.device_count() - 1}")
    return dev


def check_out(out: Path) -> None:
    """The results file must be a file path (not a directory) whose directory exists or can be made."""
    if out.is_dir():
        raise ConfigError(f"--out {out} is a directory; give the results file, e.g. {out / 'predictions.json'}")


def check_images(files: list[Path]) -> None:
    """Read every image's header (no pixels): DataError naming the first that is empty, unreadable or over
    the pixel cap."""
    for f in files:
        try:
            image_size(f.read_bytes(), str(f), MAX_SIDE)
        except DataError as e:
            raise DataError(f"{e}; leave it out, or convert it to a PNG, JPEG or WebP of at most "
                            f"{MAX_IMAGE_PIXELS:,} pixels") from None


@torch.no_grad()
def detect(model, cfg, names: list[str], rgb, device: torch.device, score: float = 0.0,
           precision: str = "fp32") -> list[dict]:
    """(H, W, 3) uint8 RGB -> [{category_name, category_id, bbox (input pixels), score}]. `precision`: "fp32" or
    "bf16" (trainer.distributed.resolve_precision resolves "auto")."""
    h, w = rgb.shape[:2]
    lb = Letterbox(w, h, cfg.width, cfg.height)
    x = torch.from_numpy(lb.image(rgb)).to(device).permute(2, 0, 1).float().div_(255)  # (3, H, W)
    with autocast(device, precision):
        out = model([x])[0]
    keep = out["scores"] >= score
    xyxy = out["boxes"][keep].float().cpu()
    xywh = torch.cat([xyxy[:, :2], xyxy[:, 2:] - xyxy[:, :2]], dim=1).numpy()
    boxes = lb.unboxes(xywh)
    # A box predicted in the letterbox padding is empty once clipped to the image: not a detection.
    return [{"category_name": names[int(label)], "category_id": int(label) + 1,
             "bbox": [round(float(v), 2) for v in box], "score": round(float(s), 5)}
            for box, label, s in zip(boxes, out["labels"][keep].tolist(), out["scores"][keep].float().tolist())
            if box[2] >= 1 and box[3] >= 1]


def distinct(dets: list[dict], iou: float) -> list[dict]:
    """The detections an overlay draws: NMS across classes (the model's NMS is per class, so one control found as
    both `button` and `text` stays twice); of boxes overlapping by more than `iou`, the highest-scoring one.
    Nested elements (a button in a card, its label in the button) overlap less and all stay."""
    if not dets:
        return []
    from torchvision.ops import nms

    xywh = torch.tensor([d["bbox"] for d in dets], dtype=torch.float32)
    xyxy = torch.cat([xywh[:, :2], xywh[:, :2] + xywh[:, 2:]], dim=1)
    keep = nms(xyxy, torch.tensor([d["score"] for d in dets], dtype=torch.float32), iou)
    return [dets[i] for i in sorted(keep.tolist())]


def predict(checkpoint: Path, paths: list[Path], out: Path, overlay: Path | None = None, score: float = 0.3,
            device: str | None = None, precision: str = "auto") -> dict:
    """Write COCO results for every image to `out` (and overlays to `overlay/`); returns a timing summary.
    `precision`: auto (bf16 where the device computes it in hardware, else fp32), fp32 or bf16."""
    from trainer.finetune import load

    out = Path(out)
    dev = device_of(device)
    precision = resolve_precision(dev, precision)
    check_out(out)
    files = expand(paths)
    targets = overlays.plan(overlay, files) if overlay else {}
    check_images(files)
    model, cfg, names = load(checkpoint, dev)
    # Candidates under --score are dropped before the head's top-k and NMS rather than after: the same
    # detections (NMS only lets a box suppress lower-scoring ones), without decoding and suppressing thousands
    # of boxes that would be discarded (most of the head's cost at the evaluation threshold, 0.02).
    model.score_thresh = max(model.score_thresh, score)
    results, seconds, ids = [], [], image_ids(files)
    if overlay:
        overlay.mkdir(parents=True, exist_ok=True)
        overlays.write_record(overlay, targets)  # claimed before drawing: a crash leaves no unrecorded file
    for f in files:
        t0 = time.perf_counter()
        try:
            rgb = decode_rgb(f.read_bytes(), str(f), MAX_SIDE)
        except DataError as e:  # a valid header over broken pixels
            raise DataError(f"{e}; leave it out or give another image") from None
        dets = detect(model, cfg, names, rgb, dev, score, precision)
        seconds.append(time.perf_counter() - t0)
        results.extend({"image_id": ids[f], **d} for d in dets)
        if overlay:
            from PIL import Image


            drawn = distinct(dets, OVERLAY_IOU)
            img = draw_boxes(Image.fromarray(rgb), [{"bbox": d["bbox"], "class": d["category_name"]} for d in drawn])
            img.save(targets[f])
    out.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(out, json.dumps(results, indent=0) + "\n")
    # The first image pays for one-off work (allocator, kernels); report it apart from the steady state.
    steady = seconds[1:] or seconds
    return {"images": len(files), "detections": len(results), "ms_per_image": 1000 * sum(steady) / len(steady),
            "first_image_ms": 1000 * seconds[0], "device": str(dev), "precision": precision}


def image_ids(files: list[Path]) -> dict[Path, str]:
    """image_id per file: its name, or its path when an earlier input has the same name."""
    seen: set[str] = set()
    ids = {}
    for f in files:
        ids[f] = f.name if f.name not in seen else str(f)
        seen.add(f.name)
    return ids
