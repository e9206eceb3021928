"""Pack gpu_data.sh's parts into trips for the device machine, which takes at most 64 MiB of working tree per call.

    .venv/bin/python benchmarks/gpu_pack.py DATA [--first-mb 33] [--mb 43] [--out .gpu]

Hard-links every finished part of DATA (a directory with a manifest.json; its preview.png left out) into OUT/pN/,
N = 1, 2... (OUT: .gpu/ of this checkout): trip 1 at most --first-mb MB (it also carries the wheels, .whl), the
others at most --mb (the checkout's tracked files travel with each call too: ~23 MB). .gpu/ is added to
.git/info/exclude where it is not there yet. An OUT written by this script before (it holds MARKER) is replaced
whole; any other existing OUT is refused. Each call then names `.gpu/pN` in `carry` and moves its parts out of the
checkout on the machine (benchmarks/README.md, "How a GPU round is run").
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MARKER = ".gpu_pack"  # in every OUT this script writes: the only kind of OUT it replaces


def part_files(part: Path) -> list[Path]:
    return sorted(p for p in part.rglob("*") if p.is_file() and p.name != "preview.png")


def trips(parts: list[Path], first: int, rest: int) -> list[list[Path]]:
    """Parts in order, a new trip whenever the next part would take the current one over its limit."""
    out: list[list[Path]] = []
    cur: list[Path] = []
    size = 0
    for part in parts:
        s = sum(f.stat().st_size for f in part_files(part))
        if cur and size + s > (first if not out else rest):
            out.append(cur)
            cur, size = [], 0
        cur.append(part)
        size += s
    return out + [cur] if cur else out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", type=Path)
    ap.add_argument("--first-mb", type=float, default=33)
    ap.add_argument("--mb", type=float, default=43)
    ap.add_argument("--out", type=Path, default=ROOT / ".gpu")
    args = ap.parse_args()
    parts = sorted(p for p in args.data.iterdir() if p.is_dir() and (p / "manifest.json").is_file()) \
        if args.data.is_dir() else []
    if not parts:
        print(f"error: no parts (directories with a manifest.json) in {args.data}; run benchmarks/gpu_data.sh first",
              file=sys.stderr)
        sys.exit(2)
    dst = args.out
    if dst.resolve() == (ROOT / ".gpu").resolve():  # the checkout's own: ignored, so that only carried trips travel
        exclude = ROOT / ".git" / "info" / "exclude"
        if (ROOT / ".git").is_dir() and "/.gpu/" not in (exclude.read_text().split() if exclude.is_file() else []):
            exclude.parent.mkdir(exist_ok=True)
            with exclude.open("a") as f:
                f.write("/.gpu/\n")
    if dst.exists():
        if not (dst / MARKER).is_file():
            print(f"error: {dst} exists and was not written by gpu_pack.py; give another --out or move it away",
                  file=sys.stderr)
            sys.exit(2)
        shutil.rmtree(dst)  # written by this script before (MARKER): trips of an earlier packing
    dst.mkdir(parents=True)
    (dst / MARKER).write_text("trips written by benchmarks/gpu_pack.py; replaced whole by its next run\n")
    for i, trip in enumerate(trips(parts, int(args.first_mb * 1e6), int(args.mb * 1e6)), 1):
        size = 0
        for part in trip:
            for f in part_files(part):
                t = dst / f"p{i}" / part.name / f.relative_to(part)
                t.parent.mkdir(parents=True, exist_ok=True)
                os.link(f, t)
                size += f.stat().st_size
        print(f"p{i}: {len(trip)} parts, {size / 1e6:.1f} MB: {' '.join(p.name for p in trip)}")


if __name__ == "__main__":
    main()
