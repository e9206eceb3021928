"""Episode rendering cost against plain samples, at the same number of screens drawn (web and desktop).

Both paths run as a render worker runs them (factory.worker.render_shard: draw, annotate, encode, write the
shard and its tables) with one renderer opened once per renderer: plain, SCREENS samples; episodes,
SCREENS / (STEPS + 1) layouts with --episodes STEPS (each layout's first screen plus one after-screen per
step). Rounds alternate the two paths; the best round of each is kept (the machine is shared).

    nice -n 19 .venv/bin/python benchmarks/episodes.py --screens 24 --steps 3 --rounds 2
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from factory.config import RenderConfig
from factory.worker import render_shard
from renderers import RENDERERS


def run(cfg: RenderConfig, renderer, version: str) -> tuple[float, dict]:
    with tempfile.TemporaryDirectory() as d:
        t0 = time.perf_counter()
        record = render_shard(cfg, 0, Path(d), renderer, version, "bench", lambda n: None)
        seconds = time.perf_counter() - t0
    return seconds, record


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--screens", type=int, default=24)
    ap.add_argument("--steps", type=int, default=3)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--renderers", default="web,desktop")
    args = ap.parse_args()
    layouts = args.screens // (args.steps + 1)
    rows = []
    for name in args.renderers.split(","):
        spec = RENDERERS.get(name)
        version = spec.version()
        plain = RenderConfig(renderer=name, style=spec.default_style, count=args.screens, shard_size=args.screens,
                             seed=7).validate()
        episodes = RenderConfig(renderer=name, style=spec.default_style, count=layouts, shard_size=layouts,
                                seed=7, episodes=args.steps).validate()
        best: dict[str, tuple[float, dict]] = {}
        with spec.open(timeout_s=60, recycle_every=200) as renderer:
            run(RenderConfig(renderer=name, style=spec.default_style, count=2, seed=99), renderer, version)  # warm-up
            for _ in range(args.rounds):
                for kind, cfg in (("plain", plain), ("episodes", episodes)):
                    seconds, record = run(cfg, renderer, version)
                    if kind not in best or seconds < best[kind][0]:
                        best[kind] = (seconds, record)
        base_s = best["plain"][0] / best["plain"][1]["samples"]
        for kind, (seconds, record) in best.items():
            ep = record.get("episodes")
            screens = ep["layouts"] + ep["steps"] if ep else record["samples"]
            tar_bytes = next(v["bytes"] for k, v in record["files"].items() if k.endswith(".tar"))
            per_screen = seconds / screens
            rows.append({"renderer": name, "path": kind if not ep else f"episodes ({args.steps} steps)",
                         "screens": screens, "samples": record["samples"], "seconds": round(seconds, 2),
                         "ms_per_screen": round(per_screen * 1000), "x_plain_per_screen": round(per_screen / base_s, 2),
                         "ms_per_sample": round(seconds / record["samples"] * 1000),
                         "kb_per_sample": round(tar_bytes / record["samples"] / 1024),
                         "ended_early": ep["stopped_early"] if ep else None})
    cols = ["renderer", "path", "screens", "samples", "seconds", "ms_per_screen", "x_plain_per_screen",
            "ms_per_sample", "kb_per_sample", "ended_early"]
    print("| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols))
    for r in rows:
        print("| " + " | ".join("" if r[c] is None else str(r[c]) for c in cols) + " |")
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
