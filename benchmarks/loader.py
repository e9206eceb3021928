"""Loader throughput: the trainer's WebDataset loader against decoding the same shards alone, in one run.

Baseline: read the tar files with Python's tarfile and decode every PNG with PIL (to an RGB array) in one
process, taking the datasets in turn as the loader's equal mix does: the floor cost of touching the data.
Ours: trainer.data.TrainStream
through a DataLoader: resampled, shuffled, weighted-mix shards, OpenCV decode, letterbox to 512x320 and
(unless --no-augment) the default albumentations augmentation, batched to uint8 tensors. Compared at
equal processes (1 decoding worker vs 1 process) and, separately, with more workers.

    .venv/bin/python benchmarks/loader.py DATASET... [--images 400] [--workers 1 2] [--rounds 2]
"""

from __future__ import annotations

import argparse
import io
import sys
import tarfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402

from trainer import data  # noqa: E402
from trainer.augment import AugmentConfig  # noqa: E402
from trainer.sources import resolve  # noqa: E402


def _images(tars: tuple[str, ...]):
    """A source's encoded images, shard after shard, again from the start when it runs out."""
    while True:
        for path in tars:
            with tarfile.open(path) as tf:
                for m in tf:
                    if m.name.endswith((".png", ".webp", ".jpg")):
                        yield tf.extractfile(m).read()


def pil_alone(specs: list[str], n: int) -> float:
    """Images/s decoding the shards' images with PIL to RGB arrays, one process, taking the sources in turn
    (the same equal mix the loader draws; their images differ in size and cost)."""
    streams = [_images(s.tars) for s in resolve(specs)]
    t0 = time.perf_counter()
    for i in range(n):
        np.asarray(Image.open(io.BytesIO(next(streams[i % len(streams)]))).convert("RGB"))
    return n / (time.perf_counter() - t0)


def ours(specs: list[str], n: int, workers: int, augment: bool, batch: int = 16, jpeg_draft: bool = True,
         canvas: tuple[int, int] = (512, 320)) -> float:
    """Images/s out of the trainer's DataLoader (timed from the first batch: worker start-up excluded).
    `jpeg_draft=False`: JPEG images decoded in full, as before the reduced decode (trainer.letterbox.letterboxed)."""
    dec = data.Decoder(*canvas, augment=AugmentConfig() if augment else None, jpeg_draft=jpeg_draft)
    stream = data.TrainStream(resolve(specs), dec, batch_size=batch, total_batches=n // batch + 1)
    it = iter(data.loader(stream, workers))
    next(it)
    t0, done = time.perf_counter(), 0
    for b in it:
        done += len(b["key"])
        if done >= n - batch:
            break
    return done / (time.perf_counter() - t0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("datasets", nargs="+")
    ap.add_argument("--images", type=int, default=400)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--no-augment", action="store_true")
    args = ap.parse_args()
    tars = [t for s in resolve(args.datasets) for t in s.tars]
    rows: dict[str, list[float]] = {}
    for _ in range(args.rounds):  # alternate: a shared machine drifts
        rows.setdefault("PIL decode alone (1 process)", []).append(pil_alone(args.datasets, args.images))
        for w in args.workers:
            rows.setdefault(f"ours, letterbox only, {w} worker(s)", []).append(
                ours(args.datasets, args.images, w, False))
            if not args.no_augment:
                rows.setdefault(f"ours, letterbox + augmentation, {w} worker(s)", []).append(
                    ours(args.datasets, args.images, w, True))
    base = max(rows["PIL decode alone (1 process)"])
    print(f"{len(tars)} shards, {args.images} images per measurement, best of {args.rounds} rounds")
    print("| pipeline | images/s | vs PIL decode alone |")
    print("|---|---|---|")
    for name, v in rows.items():
        print(f"| {name} | {max(v):.1f} | {max(v) / base:.2f}x |")


if __name__ == "__main__":
    main()
