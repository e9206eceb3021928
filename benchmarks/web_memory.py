"""Where the web renderer's memory sits and which process grows: resident memory by kind of process (this Python
process, Playwright's node driver, Chromium's browser, GPU, renderer, utility and zygote processes) every 100 samples,
in one process as `benchmarks/render_web.py --memory-only` runs it.

    .venv/bin/python benchmarks/web_memory.py [--style kit-bootstrap5] [--samples 2000] > table.tsv

Prints a tab-separated table: samples drawn, MiB of each kind, and how many renderer processes were alive.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from factory.config import RenderConfig  # noqa: E402
from factory.sample import render_sample, render_samples  # noqa: E402
from renderers import RENDERERS  # noqa: E402

KINDS = ("python", "node", "browser", "gpu", "renderer", "utility", "zygote", "other")


def kind(p: psutil.Process, me: int) -> str:
    if p.pid == me:
        return "python"
    cmd = p.cmdline()
    if cmd and Path(cmd[0]).name.startswith("node"):
        return "node"
    for k, flag in (("renderer", "--type=renderer"), ("gpu", "--type=gpu-process"), ("utility", "--type=utility"),
                    ("zygote", "--type=zygote")):
        if flag in cmd:
            return k
    return "other" if any(a.startswith("--type=") for a in cmd) else "browser"


def by_kind() -> tuple[dict[str, float], int]:
    me = psutil.Process()
    mib: dict[str, float] = defaultdict(float)
    renderers = 0
    for p in [me, *me.children(recursive=True)]:
        try:
            k, rss = kind(p, me.pid), p.memory_info().rss / 2**20
        except psutil.Error:  # exited between the listing and the reading
            continue
        mib[k] += rss
        renderers += k == "renderer"
    return mib, renderers


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--style", default="kit-bootstrap5")
    ap.add_argument("--samples", type=int, default=2000)
    args = ap.parse_args()
    cfg = RenderConfig(renderer="web", style=args.style, count=10**9, seed=0)
    spec = RENDERERS.get("web")
    version = spec.version()
    with spec.open() as renderer:
        for i in range(5):  # warm-up, as render_web.py's
            render_sample(cfg, i, renderer, version)
        print("samples", *KINDS, "renderers", sep="\t")
        for i, _ in enumerate(render_samples(cfg, range(args.samples + 1), renderer, version)):
            if i % 100 == 0:
                mib, renderers = by_kind()
                print(i, *(f"{mib[k]:.0f}" for k in KINDS), renderers, sep="\t", flush=True)


if __name__ == "__main__":
    main()
