"""Bytes per sample for JPEG qualities and chroma subsampling (4:4:4 against 4:2:0), on real renders, without
rendering each setting: every PNG of the given parts is re-encoded as `factory render --image-format jpg
--quality Q [--jpeg-chroma 4:2:0]` would encode it (factory.sample.encode, from the same pixels).

KB/sample = the part's shards and tables that are not images (JSON members, tar headers, Parquet tables), per
sample, plus the mean encoded image; the part's fixed files (preview.png: 0.6-2 MB, manifest) are left out: they do
not grow with the count, and in a part of 15-20 samples they would outweigh the images. Averaged over a renderer's
parts (the part name's prefix: web-, desktop-, game-), then over renderers (the goal's "on average across
renderers"). PSNR is against the PNG's
pixels. WebP q90 (the earlier recommendation) is the reference row.

    .venv/bin/python benchmarks/jpeg_sizes.py PART_DIR... [--qualities 90 75 65 60 50] [--chroma 4:4:4 4:2:0]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tarfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from factory.core.schema import MANIFEST  # noqa: E402
from factory.sample import encode  # noqa: E402
from trainer.letterbox import decode_rgb  # noqa: E402


def part_pngs(part: Path) -> tuple[list[bytes], float]:
    """The part's PNG images and its shards' and tables' bytes per sample that are not images."""
    count = json.loads((part / MANIFEST).read_text())["config"]["count"]
    pngs = []
    for tar in sorted(part.rglob("*.tar")):
        with tarfile.open(tar) as tf:
            pngs += [tf.extractfile(m).read() for m in tf if m.name.endswith(".png")]
    total = sum(f.stat().st_size for d in ("shards", "tables") for f in (part / d).rglob("*") if f.is_file())
    return pngs, (total - sum(len(p) for p in pngs)) / count


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("parts", nargs="+", type=Path)
    ap.add_argument("--qualities", nargs="+", type=int, default=[90, 75, 65, 60, 50])
    ap.add_argument("--chroma", nargs="+", default=["4:4:4", "4:2:0"])
    args = ap.parse_args()
    settings = [("png", {"format": "png", "lossless": True}),
                ("webp q90", {"format": "webp", "lossless": False, "quality": 90})]
    settings += [(f"jpg q{q} {c}", {"format": "jpg", "lossless": False, "quality": q, "chroma": c})
                 for c in args.chroma for q in args.qualities]
    kb: dict[str, dict[str, list[float]]] = {name: {} for name, _ in settings}  # setting -> renderer -> per part
    psnr: dict[str, list[float]] = {name: [] for name, _ in settings}
    for part in args.parts:
        renderer = part.name.split("-")[0]
        pngs, overhead = part_pngs(part)
        pixels = [decode_rgb(p) for p in pngs]
        for name, enc in settings:
            blobs = [encode(p, px, enc) for p, px in zip(pngs, pixels)]
            kb[name].setdefault(renderer, []).append((overhead + statistics.mean(map(len, blobs))) / 1000)
            if enc["lossless"]:
                continue
            for b, px in zip(blobs, pixels):
                mse = float(((decode_rgb(b).astype(np.float64) - px) ** 2).mean())
                psnr[name].append(10 * np.log10(255 ** 2 / max(mse, 1e-9)))
        print(f"{part.name}: {len(pngs)} images, {overhead / 1000:.1f} KB/sample besides the image", file=sys.stderr)
    renderers = list(kb["png"])
    print(f"parts: {' '.join(p.name for p in args.parts)}")
    print(f"| encoding | {' | '.join(f'{r} KB/sample' for r in renderers)} | mean over renderers | PSNR dB |")
    print("|---|" + "---:|" * (len(renderers) + 2))
    for name, _ in settings:
        per = {r: statistics.mean(v) for r, v in kb[name].items()}
        p = f"{statistics.mean(psnr[name]):.1f}" if psnr[name] else "lossless"
        print(f"| {name} | {' | '.join(f'{per[r]:,.0f}' for r in renderers)} | {statistics.mean(per.values()):,.0f} "
              f"| {p} |")


if __name__ == "__main__":
    main()
