"""Compact storage per renderer: bytes per image, encode cost in the render, decode cost in the trainer's loader,
for each --image-format/--quality against PNG (the renderer's own bytes: no encode cost) in the same run.

Renders --samples screens per renderer once (the plan's first samples, default style), then for each encoding
times factory.sample.encode (what a render worker runs) and trainer.letterbox.decode_rgb (what the loader
runs), median of --rounds rounds, one thread. PSNR is against the PNG's pixels.

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/image_formats.py [--renderers game desktop web] [--samples 8]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import cv2  # noqa: E402
import numpy as np  # noqa: E402

from factory.config import RenderConfig  # noqa: E402
from factory.sample import encode, render_samples  # noqa: E402
from renderers import RENDERERS  # noqa: E402
from trainer.letterbox import decode_rgb  # noqa: E402

ENCODINGS = [("png", 0), ("webp", 0), ("webp", 90), ("webp", 75), ("jpg", 90), ("jpg", 75)]


def screens(renderer: str, n: int) -> list[tuple[bytes, np.ndarray]]:
    spec = RENDERERS.get(renderer)
    cfg = RenderConfig(renderer=renderer, style=spec.default_style, count=n, shard_size=n).validate()
    with spec.open() as r:
        return [(s.image, decode_rgb(s.image)) for s in render_samples(cfg, range(n), r, spec.version())]


def timed(fn, items, rounds: int) -> float:
    """Median over rounds of the mean ms per item."""
    out = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        for it in items:
            fn(it)
        out.append(1000 * (time.perf_counter() - t0) / len(items))
    return statistics.median(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--renderers", nargs="+", default=["game", "desktop", "web"])
    ap.add_argument("--samples", type=int, default=8)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    cv2.setNumThreads(1)
    print("| renderer | encoding | KB per image | vs PNG | encode ms | decode ms | PSNR dB |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for renderer in args.renderers:
        shots = screens(renderer, args.samples)
        png_bytes = statistics.mean(len(p) for p, _ in shots)
        for fmt, q in ENCODINGS:
            enc = RenderConfig(renderer=renderer, style="x", count=1, image_format=fmt, quality=q).encoding
            blobs = [encode(p, px, enc) for p, px in shots]
            enc_ms = 0.0 if fmt == "png" else timed(lambda s: encode(s[0], s[1], enc), shots, args.rounds)
            dec_ms = timed(decode_rgb, blobs, args.rounds)
            mse = statistics.mean(float(((decode_rgb(b).astype(float) - px) ** 2).mean())
                                  for b, (_, px) in zip(blobs, shots))
            psnr = "lossless" if mse == 0 else f"{10 * np.log10(255 ** 2 / mse):.1f}"
            kb = statistics.mean(len(b) for b in blobs) / 1000
            name = fmt + (f" q{q}" if q else (" (lossless)" if fmt == "webp" else ""))
            print(f"| {renderer} | {name} | {kb:,.0f} | {kb * 1000 / png_bytes:.2f}x | {enc_ms:.1f} | {dec_ms:.1f} "
                  f"| {psnr} |")


if __name__ == "__main__":
    main()
