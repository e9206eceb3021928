"""Is a web sample's image independent of what the worker drew before? One renderer draws each target golden
sample first, then again after every web golden sample in turn (suite order), and this prints how many distinct
images each target gave (1 is right) and whether that image is the stored golden.

    .venv/bin/python benchmarks/web_history.py                       # targets: the mobile kits' goldens
    .venv/bin/python benchmarks/web_history.py --targets kit-onsen-11,material-3
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factory.config import RenderConfig  # noqa: E402
from factory.sample import make_layout  # noqa: E402
from renderers.web.renderer import WebRenderer  # noqa: E402
from renderers.web.styles import WEB_STYLES  # noqa: E402

GOLDEN = ROOT / "tests" / "golden" / "web"
SEED = 2024  # tests/test_golden.py


def _drawn(renderer: WebRenderer, case: str) -> str:
    style, index = case.rsplit("-", 1)
    cfg = RenderConfig(renderer="web", style=style, count=int(index) + 1, seed=SEED)
    _, layout, factors = make_layout(cfg, int(index))
    return hashlib.sha256(renderer.render(layout, WEB_STYLES.get(style), factors).image).hexdigest()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--targets", default="kit-framework7-11,kit-onsen-11", help="comma-separated golden cases")
    args = ap.parse_args()
    cases = sorted(p.stem for p in GOLDEN.glob("*.json"))
    targets = args.targets.split(",")
    images: dict[str, dict[str, list[str]]] = {t: {} for t in targets}
    start = time.perf_counter()
    with WebRenderer() as renderer:
        for t in targets:
            images[t].setdefault(_drawn(renderer, t), []).append("(first)")
        for case in cases:
            _drawn(renderer, case)
            for t in targets:
                images[t].setdefault(_drawn(renderer, t), []).append(case)
    print(f"{len(cases)} predecessors x {len(targets)} targets in {time.perf_counter() - start:.0f} s")
    print("| target | distinct images | golden | draws per image |\n|---|---:|---|---|")
    for t, by in images.items():
        golden = hashlib.sha256((GOLDEN / f"{t}.png").read_bytes()).hexdigest()
        print(f"| {t} | {len(by)} | {'yes' if set(by) == {golden} else 'NO'} | "
              f"{', '.join(str(len(v)) for v in by.values())} |")


if __name__ == "__main__":
    main()
