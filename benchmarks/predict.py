"""`factory predict` latency per 1280x800 screenshot: the whole path against the model's forward alone, in one run.

Ours: trainer.predict.predict over PNG files, as `factory predict` runs it (read + decode, letterbox to the
model's canvas, ViT + pyramid + FCOS head, NMS, boxes mapped back to input pixels, COCO JSON written).
Baseline: the detector's forward (with its NMS, candidates under --score dropped first as predict does) on an
already letterboxed tensor, the floor of any path.
The difference is what reading, decoding and mapping cost. Both run in predict's precision (`--precision`, auto:
bf16 on a CPU with bf16 instructions, trainer.distributed.resolve_precision). Where that is bf16, a row times the
forward in fp32; where the trunk is a ConvNeXt V2, a row times it as timm builds it (GRN not folded,
trainer.inference, fp32): what each saves. Screenshots are dataset images resized to 1280x800, so the detector
sees real UI and its NMS does real work.

    .venv/bin/python benchmarks/predict.py --checkpoint RUN/model.safetensors --dataset DIR [--images 20]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import torch  # noqa: E402
from PIL import Image  # noqa: E402

from trainer import detector  # noqa: E402
from trainer.config import PRECISIONS  # noqa: E402
from trainer.distributed import autocast, resolve_precision  # noqa: E402
from trainer.finetune import load  # noqa: E402
from trainer.inference import FoldedGrnMlp  # noqa: E402
from trainer.letterbox import Letterbox, decode_rgb  # noqa: E402
from trainer.predict import predict  # noqa: E402
from trainer.sources import resolve  # noqa: E402


def screenshots(dataset: str, n: int, folder: Path, size: tuple[int, int] = (1280, 800)) -> list[Path]:
    """The first n images of a dataset, resized to `size`, written as PNG files."""
    files: list[Path] = []
    for tar in (t for s in resolve([dataset], allow_evaluation_only=True) for t in s.tars):  # read, not trained on
        with tarfile.open(tar) as tf:
            for m in tf:
                if m.name.endswith((".png", ".webp")) and len(files) < n:
                    img = Image.open(BytesIO(tf.extractfile(m).read())).convert("RGB").resize(size, Image.BILINEAR)
                    files.append(folder / f"{len(files):04d}.png")
                    img.save(files[-1])
    if len(files) < n:
        raise SystemExit(f"{dataset} has only {len(files)} images; need {n}")
    return files


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--checkpoint", required=True, help="model.safetensors of `factory finetune`")
    ap.add_argument("--dataset", required=True, help="a dataset directory whose images are used")
    ap.add_argument("--images", type=int, default=20)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--score", type=float, default=0.3)
    ap.add_argument("--threads", type=int, default=0, help="torch threads [default: all cores]")
    ap.add_argument("--precision", choices=PRECISIONS, default="auto", help="predict's precision [default: auto]")
    args = ap.parse_args()
    cpu = torch.device("cpu")
    precision = resolve_precision(cpu, args.precision)
    if args.threads:
        torch.set_num_threads(args.threads)
    model, cfg, names = load(Path(args.checkpoint))
    model.score_thresh = max(model.score_thresh, args.score)  # as predict does: the floor filters the same way
    unfolded = None  # timm's modules (GRN as timm computes it), where load folded a GRN: the same weights' names
    if any(isinstance(m, FoldedGrnMlp) for m in model.modules()):
        unfolded = detector.build(cfg, len(names))
        unfolded.load_state_dict(model.state_dict())
        unfolded.eval().score_thresh = model.score_thresh
    with tempfile.TemporaryDirectory() as tmp:
        files = screenshots(args.dataset, args.images, Path(tmp))
        tensors = [torch.from_numpy(Letterbox(1280, 800, cfg.width, cfg.height).image(decode_rgb(f.read_bytes())))
                   .permute(2, 0, 1).float().div_(255) for f in files]
        # The forwards timed beside predict's path: (row, model, precision); the first is predict's own.
        forwards = [("detector forward + NMS alone (letterboxed tensor in memory)", model, precision)]
        if precision != "fp32":
            forwards.append(("the same in fp32", model, "fp32"))
        if unfolded is not None:  # (nothing folded, e.g. a ViT: no row)
            forwards.append(("the same in fp32, GRN not folded (timm's modules)", unfolded, "fp32"))
        ours, times = [], {row: [] for row, _, _ in forwards}
        with torch.no_grad():
            for _, m, p in forwards:  # one-off allocations, outside the timings
                with autocast(cpu, p):
                    m([tensors[0]])
            for _ in range(args.rounds):  # alternate: a shared machine drifts
                summary = predict(Path(args.checkpoint), files, Path(tmp) / "preds.json", score=args.score,
                                  device="cpu", precision=precision)
                ours.append(summary["ms_per_image"])
                for row, m, p in forwards:
                    t0 = time.perf_counter()
                    with autocast(cpu, p):
                        for x in tensors:
                            m([x])
                    times[row].append(1000 * (time.perf_counter() - t0) / len(tensors))
    o = statistics.median(ours)
    f = statistics.median(times[forwards[0][0]])
    arch = cfg.encoder if cfg.model == "vit" else cfg.model
    print(f"CPU, {torch.get_num_threads()} threads; {args.images} screenshots of 1280x800 -> {arch} at "
          f"{cfg.width}x{cfg.height} in {precision}; median of {args.rounds} rounds; {summary['detections']} "
          f"detections at score >= {args.score}")
    print("| path | ms per screenshot | screenshots/s | vs predict's forward |")
    print("|---|---|---|---|")
    print(f"| `factory predict` (read, decode, letterbox, detect, map back, write JSON) | {o:.0f} | {1000 / o:.2f} | "
          f"{f / o:.2f}x |")
    for row, _, _ in forwards:
        u = statistics.median(times[row])
        print(f"| {row} | {u:.0f} | {1000 / u:.2f} | {f / u:.2f}x |")


if __name__ == "__main__":
    main()
