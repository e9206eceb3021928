"""Compact storage, end to end: bytes per sample on disk and the trainer's loader images/s, one image format
against another, on the same screens (the same parts rendered with the same seeds in each format).

Each ROOT holds the same part directories (e.g. train/ and train-webp90/ from `IMAGE_FORMAT=webp QUALITY=90
benchmarks/bakeoff.sh`). Bytes: every file of the part (shards, tables, manifest) over its sample count, averaged
per renderer (the part name's prefix: web-, desktop-, game-) and then over renderers. Loader: the trainer's
DataLoader (benchmarks/loader.py's `ours`: resampled equal mix of the parts, decode, letterbox to 512x320, with
and without the default augmentation), one worker, rounds alternating between the roots (a shared machine
drifts), best round reported.

    .venv/bin/python benchmarks/storage.py ROOT... --parts web-material desktop-fusion game-fantasy [--images 400]
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


def bytes_per_sample(part: Path) -> float:
    count = json.loads((part / MANIFEST).read_text())["config"]["count"]
    return sum(f.stat().st_size for f in part.rglob("*") if f.is_file()) / count


def image_format(part: Path) -> str:
    c = json.loads((part / MANIFEST).read_text())["config"]
    return c["image_format"] + (f" q{c['quality']}" if c.get("quality") else "")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("roots", nargs="+", type=Path)
    ap.add_argument("--parts", nargs="+", required=True)
    ap.add_argument("--images", type=int, default=400)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    rows = {}
    for root in args.roots:
        per_renderer: dict[str, list[float]] = {}
        for p in args.parts:
            per_renderer.setdefault(p.split("-")[0], []).append(bytes_per_sample(root / p))
        kb = {r: statistics.mean(v) / 1000 for r, v in per_renderer.items()}
        rows[root] = {"format": image_format(root / args.parts[0]), "kb": kb, "plain": [], "augment": []}
    for _ in range(args.rounds):
        for root, row in rows.items():
            specs = [str(root / p) for p in args.parts]
            row["plain"].append(ours(specs, args.images, 1, False))
            row["augment"].append(ours(specs, args.images, 1, True))
    renderers = list(next(iter(rows.values()))["kb"])
    base = next(iter(rows.values()))
    print(f"parts: {' '.join(args.parts)}; {args.images} images per measurement, best of {args.rounds} rounds")
    print(f"| format | {' | '.join(f'KB/sample {r}' for r in renderers)} | KB/sample mean | loader img/s "
          "| vs first | loader img/s + augmentation | vs first |")
    print("|---|" + "---:|" * (len(renderers) + 5))
    for row in rows.values():
        mean_kb = statistics.mean(row["kb"].values())
        kbs = " | ".join(f"{row['kb'][r]:,.0f}" for r in renderers)
        plain, aug = max(row["plain"]), max(row["augment"])
        print(f"| {row['format']} | {kbs} | {mean_kb:,.0f} "
              f"| {plain:.1f} | {plain / max(base['plain']):.2f}x | {aug:.1f} | {aug / max(base['augment']):.2f}x |")


if __name__ == "__main__":
    main()
