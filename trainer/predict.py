"""Detect UI elements in any PNG/JPEG/WebP screenshot, of any size, with a fine-tuned detector.

Output is COCO results format: image_id = the file name, category_name (and 1-based category_id) in the
model's taxonomy, bbox [x, y, w, h] in the input image's own pixels (the letterbox undone), score.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import torch

from factory.config import ConfigError
from trainer.distributed import autocast
from trainer.faults import DataFault
from trainer.letterbox import Letterbox, decode_rgb

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp")


def expand(paths: list[Path]) -> list[Path]:
    """Files as given; directories contribute their images (sorted). Raises ConfigError for a missing path."""
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(sorted(f for f in p.iterdir() if f.suffix.lower() in IMAGE_SUFFIXES))
        elif p.is_file():
            files.append(p)
        else:
            raise ConfigError(f"{p} does not exist; give image files or directories of images")
    if not files:
        raise ConfigError("no images found (PNG, JPEG or WebP)")
    return files


@torch.no_grad()
def detect(model, cfg, names: list[str], rgb, device: torch.device, score: float = 0.0) -> list[dict]:
    """(H, W, 3) uint8 RGB -> [{category_name, category_id, bbox (input pixels), score}]."""
    h, w = rgb.shape[:2]
    lb = Letterbox(w, h, cfg.width, cfg.height)
    x = torch.from_numpy(lb.image(rgb)).to(device).permute(2, 0, 1).float().div_(255)  # (3, H, W)
    with autocast(device):
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


def predict(checkpoint: Path, paths: list[Path], out: Path, overlay: Path | None = None, score: float = 0.3,
            device: str | None = None) -> dict:
    """Write COCO results for every image to `out` (and overlays to `overlay/`); returns a timing summary."""
    from trainer.finetune import load

    dev = torch.device(device or ("cuda" if torch.cuda.is_available() else "cpu"))
    files = expand(paths)
    model, cfg, names = load(checkpoint, dev)
    seen: dict[str, int] = {}
    results, seconds = [], []
    if overlay:
        overlay.mkdir(parents=True, exist_ok=True)
    for f in files:
        t0 = time.perf_counter()
        try:
            rgb = decode_rgb(f.read_bytes())
        except (DataFault, OSError) as e:
            raise ConfigError(f"{f} is not a readable image ({e})") from None
        dets = detect(model, cfg, names, rgb, dev, score)
        seconds.append(time.perf_counter() - t0)
        # image_id is the file name; a second file of the same name (another folder) gets its path instead
        image_id = f.name if f.name not in seen else str(f)
        seen[f.name] = seen.get(f.name, 0) + 1
        results.extend({"image_id": image_id, **d} for d in dets)
        if overlay:
            from PIL import Image

            from factory.preview import draw_boxes

            img = draw_boxes(Image.fromarray(rgb), [{"bbox": d["bbox"], "class": d["category_name"]} for d in dets])
            img.save(overlay / (f.stem + ".png"))
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=0) + "\n", encoding="utf-8")
    # The first image pays for one-off work (allocator, kernels); report it apart from the steady state.
    steady = seconds[1:] or seconds
    return {"images": len(files), "detections": len(results), "ms_per_image": 1000 * sum(steady) / len(steady),
            "first_image_ms": 1000 * seconds[0], "device": str(dev)}
