"""Compact storage, end to end: bytes per sample on disk and the trainer's loader images/s, one image format
against another, on the same screens (the same parts rendered with the same seeds in each format).

Each ROOT holds the same part directories (e.g. train/ and train-webp90/ from `IMAGE_FORMAT=webp QUALITY=90
benchmarks/bakeoff.sh`). Bytes: every file of the part (shards, tables, manifest) over its sample count, averaged
per renderer (the part name's prefix: web-, desktop-, game-) and then over renderers. Loader: the trainer's
DataLoader (benchmarks/loader.py's `ours`: resampled equal mix of the parts, decode, letterbox to --canvas
(512x320), with and without the default augmentation), one worker, rounds alternating between the roots (a shared
machine drifts), best round reported. A JPEG root is read twice, in the same rounds: as the loader reads it (decoded
at 1/2-1/4 scale where the canvas allows, trainer.letterbox.letterboxed) and decoded in full ("no draft").

Bytes count every file of the part by default (as the first table of this kind did); --scaling-bytes counts only
shards and tables, leaving out the fixed files (preview.png, manifest) that small parts cannot amortize.

    .venv/bin/python benchmarks/storage.py ROOT... --parts web-material desktop-fusion game-fantasy [--images 400]
        [--canvas 640x384] [--bytes-parts PART...] [--scaling-bytes] [--no-augment]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from loader import ours  # noqa: E402

from factory.core.schema import MANIFEST  # noqa: E402


def bytes_per_sample(part: Path, scaling: bool = False) -> float:
    count = json.loads((part / MANIFEST).read_text())["config"]["count"]
    files = [f for d in ("shards", "tables") for f in (part / d).rglob("*")] if scaling else part.rglob("*")
    return sum(f.stat().st_size for f in files if f.is_file()) / count


def image_format(part: Path) -> str:
    c = json.loads((part / MANIFEST).read_text())["config"]
    return c["image_format"] + (f" q{c['quality']}" if c.get("quality") else "") + \
        (f" {c['jpeg_chroma']}" if c.get("jpeg_chroma") else (" 4:4:4" if c["image_format"] == "jpg" else ""))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("roots", nargs="+", type=Path)
    ap.add_argument("--parts", nargs="+", required=True)
    ap.add_argument("--images", type=int, default=400)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--canvas", default="512x320", help="the loader's letterbox, WxH")
    ap.add_argument("--bytes-parts", nargs="+", default=None, help="parts whose bytes are counted [default: --parts]")
    ap.add_argument("--scaling-bytes", action="store_true", help="count shards and tables only")
    ap.add_argument("--no-augment", action="store_true", help="measure the loader without augmentation only")
    args = ap.parse_args()
    canvas = tuple(int(v) for v in args.canvas.split("x"))
    rows = {}
    for root in args.roots:
        per_renderer: dict[str, list[float]] = {}
        for p in args.bytes_parts or args.parts:
            per_renderer.setdefault(p.split("-")[0], []).append(bytes_per_sample(root / p, args.scaling_bytes))
        kb = {r: statistics.mean(v) / 1000 for r, v in per_renderer.items()}
        fmt = image_format(root / args.parts[0])
        for draft in ((True, False) if fmt.startswith("jpg") else (True,)):
            rows[(root, draft)] = {"format": fmt + ("" if draft else ", no draft"), "kb": kb, "draft": draft,
                                   "plain": [], "augment": []}
    for _ in range(args.rounds):
        for (root, _), row in rows.items():
            specs = [str(root / p) for p in args.parts]
            row["plain"].append(ours(specs, args.images, 1, False, jpeg_draft=row["draft"], canvas=canvas))
            if not args.no_augment:
                row["augment"].append(ours(specs, args.images, 1, True, jpeg_draft=row["draft"], canvas=canvas))
    renderers = list(next(iter(rows.values()))["kb"])
    base = next(iter(rows.values()))
    print(f"parts: {' '.join(args.parts)}; canvas {args.canvas}; {args.images} images per measurement, "
          f"{args.rounds} rounds; img/s: best round; vs first: median over rounds of the ratio within the round")
    print(f"| format | {' | '.join(f'KB/sample {r}' for r in renderers)} | KB/sample mean | loader img/s "
          "| vs first | loader img/s + augmentation | vs first |")
    print("|---|" + "---:|" * (len(renderers) + 5))
    for row in rows.values():
        mean_kb = statistics.mean(row["kb"].values())
        kbs = " | ".join(f"{row['kb'][r]:,.0f}" for r in renderers)
        ratio = {k: statistics.median(a / b for a, b in zip(row[k], base[k])) if row[k] else 0.0
                 for k in ("plain", "augment")}
        print(f"| {row['format']} | {kbs} | {mean_kb:,.0f} | {max(row['plain']):.1f} | {ratio['plain']:.2f}x "
              f"| {max(row['augment'] or [0]):.1f} | {ratio['augment']:.2f}x |")


if __name__ == "__main__":
    main()
