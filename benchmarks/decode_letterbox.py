"""Per image: the loader's decode + letterbox (trainer.letterbox.letterboxed) for PNG, WebP q90 and JPEG settings,
a JPEG both with the reduced decode (1/2-1/4 scale inside libjpeg: the loader's default) and without it (full
decode, as before). The images are the PNG parts' screens, encoded as `factory render` would encode them
(factory.sample.encode, from the same pixels). CPU time of this one thread (time.process_time), so a machine
shared with other work slows the run down but moves the numbers much less than wall-clock time; the arms run
interleaved image by image within each round, median of rounds. PSNR is what the model sees: the letterboxed
canvas against the PNG's canvas (a loss the resize averages away does not count).

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/decode_letterbox.py PNG_PART... [--canvas 640x384] [--rounds 5]
        [--jpeg 75:4:2:0 50:4:2:0 75:4:4:4] [--images N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tarfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import cv2  # noqa: E402
import numpy as np  # noqa: E402

from factory.sample import encode  # noqa: E402
from trainer.letterbox import decode_rgb, letterboxed  # noqa: E402


def pngs(part: Path) -> list[bytes]:
    out = []
    for tar in sorted(part.rglob("*.tar")):
        with tarfile.open(tar) as tf:
            out += [tf.extractfile(m).read() for m in tf if m.name.endswith(".png")]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("parts", nargs="+", type=Path)
    ap.add_argument("--canvas", default="640x384")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--images", type=int, default=0, help="the first N screens of each part [default: all]")
    ap.add_argument("--jpeg", nargs="+", default=["75:4:2:0", "50:4:2:0", "75:4:4:4"], help="QUALITY:CHROMA")
    args = ap.parse_args()
    cv2.setNumThreads(1)
    w, h = (int(v) for v in args.canvas.split("x"))
    encodings = [("png", {"format": "png", "lossless": True}),
                 ("webp q90", {"format": "webp", "lossless": False, "quality": 90})]
    for spec in args.jpeg:
        q, chroma = spec.split(":", 1)
        encodings.append((f"jpg q{q} {chroma}", {"format": "jpg", "lossless": False, "quality": int(q),
                                                  "chroma": chroma}))
    print(f"canvas {args.canvas}; CPU ms per image (one thread), median of {args.rounds} rounds")
    print("| part | encoding | decode | CPU ms per image | vs PNG | canvas PSNR dB |")
    print("|---|---|---|---:|---:|---:|")
    for part in args.parts:
        screens = pngs(part)[:args.images or None]
        pixels = [decode_rgb(p) for p in screens]
        arms = []  # (encoding, decode, blobs, draft)
        for name, enc in encodings:
            blobs = [encode(p, px, enc) for p, px in zip(screens, pixels)]
            for draft in ((True, False) if enc["format"] == "jpg" else (True,)):
                arms.append((name, "reduced" if draft and enc["format"] == "jpg" else "full", blobs, draft))
        times: list[list[float]] = [[] for _ in arms]
        for _ in range(args.rounds):
            spent = [0.0] * len(arms)
            for i in range(len(screens)):
                for a, (_, _, blobs, draft) in enumerate(arms):
                    t0 = time.process_time()
                    letterboxed(blobs[i], w, h, jpeg_draft=draft)
                    spent[a] += time.process_time() - t0
            for a in range(len(arms)):
                times[a].append(1000 * spent[a] / len(screens))
        base = statistics.median(times[0])
        ref = [letterboxed(p, w, h)[0].astype(np.float64) for p in screens]
        for (name, dec, blobs, draft), t in zip(arms, times):
            mse = statistics.mean(float(((letterboxed(b, w, h, jpeg_draft=draft)[0] - r) ** 2).mean())
                                  for b, r in zip(blobs, ref))
            psnr = f"{10 * np.log10(255 ** 2 / mse):.1f}" if mse else "lossless"
            print(f"| {part.name} | {name} | {dec} | {statistics.median(t):.1f} | {statistics.median(t) / base:.2f}x "
                  f"| {psnr} |", flush=True)


if __name__ == "__main__":
    main()
