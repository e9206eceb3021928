"""Does the web renderer draw the same sample the same way every time? One renderer draws the given samples
of a configuration in turn, N rounds, and this prints how many distinct images each sample gave (1 is right).
Run it with CPU burners beside it (`for i in 1 2 3 4; do (timeout 600 sh -c 'while :; do :; done' &); done`):
the flake it was written for showed only under load.

    .venv/bin/python benchmarks/web_redraw.py --rounds 300 --samples 12,13   # seed 7, style material
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from factory.config import RenderConfig  # noqa: E402
from factory.sample import make_layout  # noqa: E402
from renderers.web.renderer import WebRenderer  # noqa: E402
from renderers.web.styles import WEB_STYLES  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--style", default="material")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--samples", default="12,13", help="comma-separated sample indices, drawn in turn")
    ap.add_argument("--rounds", type=int, default=100)
    args = ap.parse_args()
    cfg = RenderConfig(renderer="web", style=args.style, count=10**6, seed=args.seed)
    style = WEB_STYLES.get(args.style)
    layouts = {int(i): make_layout(cfg, int(i)) for i in args.samples.split(",")}
    images: dict[int, Counter] = {i: Counter() for i in layouts}
    start = time.perf_counter()
    with WebRenderer() as renderer:
        for _ in range(args.rounds):
            for i, (_, layout, factors) in layouts.items():
                images[i][hashlib.sha256(renderer.render(layout, style, factors).image).hexdigest()] += 1
    print(f"{args.rounds} rounds in {time.perf_counter() - start:.0f} s")
    print("| sample | distinct images | draws per image |\n|---:|---:|---|")
    for i, counts in images.items():
        print(f"| {i} | {len(counts)} | {', '.join(str(n) for n in sorted(counts.values(), reverse=True))} |")


if __name__ == "__main__":
    main()
