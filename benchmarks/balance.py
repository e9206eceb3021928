"""Class balancing (`factory render --balance N`): what it does to class counts and what it costs, in one run.

Layout level (cheap, no renderer): for each renderer/style and floor, instances per 1,000 screens of every
class on the real sample indices 0..--screens-1 (seed 0), unbalanced and balanced (`make_layout`, the
pipeline's own function), next to the calibration's held-out estimate that the manifest records; the time to
calibrate (paid once per process: the parent and each worker) and the layout time per sample.
Rendered (--render): the same --render-samples indices rendered unbalanced and then balanced with one
renderer opened once (`render_samples`, as a worker runs it), so the overhead per sample is measured in the
same run and process; rendered class counts show how much of the layout-level gain survives the renderer.

    .venv/bin/python benchmarks/balance.py [--floors 50 100] [--screens 1000] [--render game/pixel web/material]
        [--render-samples 48] [--render-floor 100] [--repeats 2] [--candidates 8] [--no-layouts]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from factory.balance import class_counts  # noqa: E402
from factory.config import RenderConfig  # noqa: E402
from factory.sample import make_layout, render_samples, steering  # noqa: E402
from factory.core.taxonomy import CLASSES  # noqa: E402
from renderers import RENDERERS  # noqa: E402

PARTS = ("web/material", "desktop/fusion", "game/pixel")


def config(part: str, floor: int, candidates: int) -> RenderConfig:
    renderer, style = part.split("/")
    return RenderConfig(renderer=renderer, style=style, count=10**9, seed=0, balance=floor,
                        balance_candidates=candidates if floor else 8)


def layout_counts(cfg: RenderConfig, screens: int) -> tuple[dict[str, float], float]:
    """Instances per 1,000 screens on indices 0..screens-1, and milliseconds per sample's layout(s)."""
    totals = Counter()
    t0 = time.perf_counter()
    for i in range(screens):
        totals.update(dict(zip(CLASSES, class_counts(make_layout(cfg, i)[1]))))
    ms = (time.perf_counter() - t0) * 1000 / screens
    return {c: totals[c] * 1000 / screens for c in CLASSES}, ms


def layout_table(floors: list[int], screens: int, candidates: int) -> None:
    rows: dict[str, dict[str, str]] = {c: {} for c in CLASSES}
    cost = []
    for part in PARTS:
        off, ms_off = layout_counts(config(part, 0, candidates), screens)
        for c in CLASSES:
            rows[c][f"{part} off"] = f"{off[c]:.0f}"
        for floor in floors:
            cfg = config(part, floor, candidates)
            t0 = time.perf_counter()
            st = steering(cfg)
            calib_s = time.perf_counter() - t0
            on, ms_on = layout_counts(cfg, screens)
            expected = st.to_manifest()["expected_per_1000_after"]
            for c in CLASSES:
                mark = "" if c not in expected else ("*" if on[c] < floor else "")
                rows[c][f"{part} {floor}"] = "-" if c in st.never_drawn else f"{on[c]:.0f}{mark} ({expected[c]:.0f})"
            cost.append((part, floor, calib_s, ms_off, ms_on, st.to_manifest()["layouts_per_sample"],
                         ", ".join(f"{c} {on[c]:.0f}" for c in st.short) or "none"))
    cols = [col for p in PARTS for col in [f"{p} off"] + [f"{p} {f}" for f in floors]]
    print(f"\nInstances per 1,000 screens, layout level, sample indices 0..{screens - 1} (seed 0); balanced columns: "
          f"measured (calibration's held-out estimate); * under the floor; - never drawn by that renderer/style\n")
    print("| class | " + " | ".join(cols) + " |")
    print("|---|" + "---:|" * len(cols))
    for c in CLASSES:
        print(f"| {c} | " + " | ".join(rows[c][col] for col in cols) + " |")
    print("\nCost per renderer and floor\n")
    print("| part | floor | calibration s (once per process) | layout ms/sample off | on | layouts drawn/sample "
          "| under the floor (calibration) |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for part, floor, calib_s, ms_off, ms_on, per, short in cost:
        print(f"| {part} | {floor} | {calib_s:.1f} | {ms_off:.2f} | {ms_on:.2f} | {per} | {short} |")


def render_run(cfg: RenderConfig, renderer, version: str, n: int) -> tuple[float, Counter]:
    classes = Counter()
    t0 = time.perf_counter()
    for sample in render_samples(cfg, range(n), renderer, version):
        classes.update(e.cls for e in sample.record.elements)
    return time.perf_counter() - t0, classes


def render_table(parts: list[str], floor: int, n: int, candidates: int, repeats: int) -> None:
    print(f"\nRendered: {n} screens (indices 0..{n - 1}), unbalanced and --balance {floor} alternately ({repeats}x "
          f"each), one renderer opened once, same process (calibration done before timing)\n")
    print("| part | off s/sample | on s/sample | overhead | of which drawing K layouts, ms/sample | rendered elements "
          "per screen off -> on | rendered classes off -> on (per 1,000 screens; classes under the floor "
          "unbalanced) |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for part in parts:
        off_cfg, on_cfg = config(part, 0, candidates), config(part, floor, candidates)
        steering(on_cfg)
        layout_ms = layout_counts(on_cfg, n)[1] - layout_counts(off_cfg, n)[1]
        spec = RENDERERS.get(off_cfg.renderer)
        t_off = t_on = 0.0
        with spec.open() as renderer:
            version = spec.version()
            render_run(off_cfg, renderer, version, 2)  # warm-up: fonts, caches, browser page
            for _ in range(repeats):
                t, c_off = render_run(off_cfg, renderer, version, n)
                t_off += t
                t, c_on = render_run(on_cfg, renderer, version, n)
                t_on += t
        t_off, t_on = t_off / (repeats * n), t_on / (repeats * n)
        rare = [c for c in CLASSES if c not in steering(on_cfg).never_drawn and c_off[c] * 1000 / n < floor]
        change = ", ".join(f"{c} {c_off[c] * 1000 / n:.0f}->{c_on[c] * 1000 / n:.0f}" for c in rare)
        elements = f"{sum(c_off.values()) / n:.1f} -> {sum(c_on.values()) / n:.1f}"
        print(f"| {part} | {t_off:.3f} | {t_on:.3f} | {t_on / t_off - 1:+.0%} | {layout_ms:.1f} | {elements} "
              f"| {change} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--floors", type=int, nargs="+", default=[50, 100])
    ap.add_argument("--screens", type=int, default=1000, help="sample indices measured at the layout level")
    ap.add_argument("--candidates", type=int, default=8)
    ap.add_argument("--render", nargs="*", default=["game/pixel", "web/material"], help="renderer/style to render")
    ap.add_argument("--render-samples", type=int, default=48)
    ap.add_argument("--render-floor", type=int, default=100)
    ap.add_argument("--repeats", type=int, default=2, help="alternating off/on render passes (load drifts)")
    ap.add_argument("--no-layouts", action="store_true", help="skip the layout-level table")
    args = ap.parse_args()
    if not args.no_layouts:
        layout_table(args.floors, args.screens, args.candidates)
    if args.render:
        render_table(args.render, args.render_floor, args.render_samples, args.candidates, args.repeats)


if __name__ == "__main__":
    main()
