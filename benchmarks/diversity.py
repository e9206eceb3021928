"""Diversity per style and family (issue 14): a fixed small sample per web style, measured by
`factory stats --diversity` (factory/diversity.py), printed as markdown tables for benchmarks/README.md.

Renders --count screens (seed --seed) of every web style the registry lists (`factory list`: hand-written
flavours and kit-* styles), each its own part under --data, with `factory render --workers 1` under nice; a
part already there with the same parameters is kept (`factory render` resumes), so give a new --data to
measure other code. Then measures the root of those parts in-process and prints: per style (every family
pooled), per family (every style pooled), the overall row, and with --groups every (style, family) group.

    .venv/bin/python benchmarks/diversity.py [--count 40] [--seed 0] [--data /tmp/gf-diversity] [--styles A B]
        [--screens 200] [--groups] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from dataclasses import asdict, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factory import diversity as dv, stats as st  # noqa: E402
from factory.core.dataset import open_dataset  # noqa: E402
from renderers import RENDERERS  # noqa: E402

COLUMNS = ("screens", "phash", "colourfulness", "hue entropy", "elements/screen", "class entropy", "layout")


def render(style: str, out: Path, count: int, seed: int) -> float:
    """Seconds to render (or find already rendered) `count` screens of web style `style` into `out`."""
    cmd = ["nice", "-n", "19", sys.executable, "-m", "factory", "render", "--renderer", "web", "--style", style,
           "--count", str(count), "--seed", str(seed), "--workers", "1", "--shard-size", str(count), "--out", str(out)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    t0 = time.perf_counter()
    res = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if res.returncode != 0:
        sys.exit(f"rendering {style} failed:\n{res.stderr[-2000:]}")
    return time.perf_counter() - t0


def cells(r: dv.Diversity) -> list[str]:
    num = lambda v, f=".3f": "-" if v is None else format(v, f)  # noqa: E731
    return [f"{r.screens:,}", num(r.phash), f"{r.colourfulness:.1f} ± {r.colourfulness_std:.1f}",
            f"{r.hue_entropy:.2f} ± {r.hue_entropy_std:.2f}", f"{r.elements:.1f} ± {r.elements_std:.1f}",
            f"{r.class_entropy:.2f}", num(r.layout)]


def table(title: str, first: list[str], rows: list[tuple[list[str], dv.Diversity]]) -> None:
    print(f"\n{title}\n")
    print("| " + " | ".join([*first, *COLUMNS]) + " |")
    print("|" + "---|" * len(first) + "---:|" * len(COLUMNS))
    for names, r in rows:
        print("| " + " | ".join([*names, *cells(r)]) + " |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=40, help="screens per style")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--data", type=Path, default=Path("/tmp/gf-diversity"), help="where the parts are rendered")
    ap.add_argument("--styles", nargs="*", default=None, help="web styles [default: every registered one]")
    ap.add_argument("--screens", type=int, default=dv.MAX_SCREENS, help="screens measured per row at most")
    ap.add_argument("--groups", action="store_true", help="also print every (style, family) group")
    ap.add_argument("--json", type=Path, default=None, help="also write the rows as JSON here")
    args = ap.parse_args()

    styles = args.styles or RENDERERS.get("web").styles.names()
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    render_s = {}
    for style in styles:
        render_s[style] = render(style, args.data / f"web-{style}", args.count, args.seed)
        print(f"{style}: {render_s[style]:.0f} s", file=sys.stderr)
    parts = {f"web-{style}" for style in styles}  # only these styles' parts, whatever else --data holds
    ds = open_dataset(args.data)
    ds = replace(ds, parts=tuple(p for p in ds.parts if p.root.name in parts))
    t0 = time.perf_counter()
    rows = dv.compute(ds, st.tables(ds), max_screens=args.screens, seed=args.seed)
    measure_s = time.perf_counter() - t0

    print(f"commit {commit}; {len(styles)} web styles x {args.count} screens (seed {args.seed}, --workers 1, niced); "
          f"render {sum(render_s.values()):.0f} s, measure {measure_s:.1f} s")
    table("Per style (families pooled)", ["style"],
          [([r.style], r) for r in rows if r.family == dv.ALL and r.style != dv.ALL])
    table("Per family (styles pooled)", ["family"],
          [([r.family], r) for r in rows if r.style == dv.ALL and r.family != dv.ALL])
    table("All screens", ["rows"], [(["all"], r) for r in rows if r.style == r.family == dv.ALL])
    if args.groups:
        table("Per (style, family)", ["style", "family"],
              [([r.style, r.family], r) for r in rows if dv.ALL not in (r.style, r.family)])
    if args.json:
        args.json.write_text(json.dumps({"commit": commit, "count": args.count, "seed": args.seed,
                                         "render_s": render_s, "measure_s": measure_s,
                                         "rows": [asdict(r) for r in rows]}, indent=1) + "\n")


if __name__ == "__main__":
    main()
