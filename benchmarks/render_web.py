"""Web rendering throughput and memory: our path against a naive Playwright baseline, in the same run.

Baseline (what a first script does): one page; `set_content`, `page.screenshot(type="png")`, then one
`bounding_box()` protocol call per element; its pages get their files (a kit's stylesheets and fonts, icon fonts)
from the renderer's offline routes, as ours do. It is also timed without them, as it ran before 2026-12-04: every
such request then fails (no network) and a kit's pages are drawn unstyled, much less work than ours. Ours: the
renderer + annotator as the pipeline runs them (document written in one evaluate, one evaluate for every box
returning one JSON string, a frame drawn for the screenshot where Chromium is a headless shell (frames on demand;
else a CDP screenshot), checks against decoded pixels, decoding overlapped with the next drawing). Both draw the
same layouts (same HTML, viewports and device pixel ratios). Memory: RSS of our process tree (Python + Playwright
driver + Chromium) after a warm-up and at the end of --memory-samples renders.

    .venv/bin/python benchmarks/render_web.py [--samples 60] [--memory-samples 2000]

`--ours-only` times our two paths alone (no baseline, no WebP sizes): for comparing two revisions of the renderer,
alternated, with this file copied into a worktree of each (`--cli-samples` sets the `factory render` run's length).
`--memory-only` runs our one-process path and its memory table alone (revision A/Bs of memory); the table adds the
growth between the medians of the first and last five readings (one every 100 samples), which one reading that falls
with or without a spare page open cannot swing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from factory.config import RenderConfig  # noqa: E402
from factory.sample import make_layout, render_sample, render_samples  # noqa: E402
from renderers import RENDERERS  # noqa: E402


def tree_rss_mb(pid: int | None = None) -> float:
    """Resident memory of a process and all its descendants, in MiB."""
    pid = pid or os.getpid()
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for p in Path("/proc").iterdir():
        if not p.name.isdigit():
            continue
        try:
            stat = (p / "stat").read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(stat[1]), []).append(int(p.name))
            rss[int(p.name)] = int(stat[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    total, stack = 0, [pid]
    while stack:
        q = stack.pop()
        total += rss.get(q, 0)
        stack.extend(children.get(q, []))
    return total / 2**20


def baseline(cfg: RenderConfig, n: int, serve_files: bool = True) -> tuple[float, int]:
    """The naive script's samples/s and PNG bytes per sample. serve_files: its pages get their files (a kit's
    stylesheets and fonts, icon fonts) from the same offline routes as ours, so it draws the same pages; without
    them (the baseline before 2026-12-04) every such request fails (no network): kit pages are drawn unstyled."""
    from playwright.sync_api import sync_playwright

    from renderers.web.browser import CHROMIUM_ARGS, chromium_path
    from renderers.web.html import page_html
    from renderers.web.renderer import WebRenderer

    routes = WebRenderer()  # not started: only its route handler (node_modules served offline, the rest aborted)

    style = RENDERERS.get("web").styles.get(cfg.style)
    jobs = []
    for i in range(n):
        _, layout, factors = make_layout(cfg, i)
        jobs.append((page_html(layout, style, factors), factors))
    total_bytes = 0
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(pw), args=CHROMIUM_ARGS)
        contexts = {}
        t0 = time.perf_counter()
        for html, f in jobs:
            if f.dpr not in contexts:  # one page per device pixel ratio: the same pixels as ours
                context = browser.new_context(device_scale_factor=f.dpr)
                if serve_files:
                    context.route("**/*", routes._route)  # noqa: SLF001 - the renderer's own offline routes
                contexts[f.dpr] = context.new_page()
            page = contexts[f.dpr]
            page.set_viewport_size({"width": f.viewport_w, "height": f.viewport_h})
            page.set_content(html)
            png = page.screenshot(type="png")
            boxes = [el.bounding_box() for el in page.query_selector_all("[data-nid]")]
            assert boxes
            total_bytes += len(png)
        elapsed = time.perf_counter() - t0
        browser.close()
    return n / elapsed, total_bytes // n


def ours(cfg: RenderConfig, n: int, memory_samples: int) -> dict:
    spec = RENDERERS.get("web")
    version = spec.version()
    out = {}
    with spec.open() as renderer:
        for i in range(5):  # warm-up: browser start, first layouts, font caches
            render_sample(cfg, i, renderer, version)
        t0 = time.perf_counter()
        total_bytes = 0
        for sample in render_samples(cfg, range(n), renderer, version):  # as the pipeline runs it
            total_bytes += len(sample.image)
        out["rate"] = n / (time.perf_counter() - t0)
        out["bytes"] = total_bytes // n
        if memory_samples:
            warm = tree_rss_mb()
            readings = []  # every 100 samples: one reading can fall with or without a spare page open
            t1 = time.perf_counter()
            for i, _ in enumerate(render_samples(cfg, range(n, n + memory_samples), renderer, version)):
                if i % 100 == 0:
                    readings.append(tree_rss_mb())
            end = tree_rss_mb()
            out.update(rss_warm=warm, rss_end=end, rss_peak=max([warm, end, *readings]), readings=readings,
                       long_rate=memory_samples / (time.perf_counter() - t1))
    return out


def webp_bytes(cfg: RenderConfig, n: int) -> int:
    spec = RENDERERS.get("web")
    cfg_webp = RenderConfig(**{**cfg.__dict__, "image_format": "webp"})
    with spec.open() as renderer:
        return sum(len(render_sample(cfg_webp, i, renderer, "").image) for i in range(n)) // n


def cli_rate(style: str, n: int, workers: int) -> float:
    """End-to-end `factory render` (shards, tables, manifest) on `workers` processes: samples/s from its run record."""
    import json
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "ds"
        subprocess.run([sys.executable, "-m", "factory", "render", "--style", style, "--count", str(n),
                        "--shard-size", str(max(1, n // (2 * workers))), "--workers", str(workers), "--out", str(out)],
                       check=True, capture_output=True)
        return json.loads(out.with_name("ds.run.json").read_text())["samples_per_s"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--samples", type=int, default=60)
    ap.add_argument("--memory-samples", type=int, default=2000)
    ap.add_argument("--style", default="material")
    ap.add_argument("--ours-only", action="store_true", help="time our paths only (revision A/Bs)")
    ap.add_argument("--cli-samples", type=int, default=None, help="samples of the `factory render` run (5x --samples)")
    ap.add_argument("--memory-only", action="store_true", help="our one-process path and its memory table alone")
    args = ap.parse_args()
    cfg = RenderConfig(renderer="web", style=args.style, count=10**9, seed=0)
    workers = os.cpu_count() or 1
    if args.ours_only:
        o = ours(cfg, args.samples, 0)
        full = cli_rate(args.style, args.cli_samples or args.samples * 5, workers)
        print(f"{args.style}: ours, one process {o['rate']:.2f} samples/s; factory render --workers {workers} "
              f"{full:.2f} samples/s")
        return
    if args.memory_only:
        memory_table(ours(cfg, args.samples, args.memory_samples), args.memory_samples)
        return
    b_rate, b_bytes = baseline(cfg, args.samples)
    u_rate, _ = baseline(cfg, args.samples, serve_files=False)
    o = ours(cfg, args.samples, args.memory_samples)
    w_bytes = webp_bytes(cfg, min(args.samples, 20))
    full = cli_rate(args.style, args.cli_samples or args.samples * 5, workers)  # long enough to amortize start-up
    from rich.console import Console
    from rich.table import Table

    t = Table(title=f"web renderer, {args.samples} samples, style {args.style}, one process, {os.cpu_count()} cores")
    for c in ("path", "samples/s", "x baseline", "bytes/sample"):
        t.add_column(c, justify="right")
    t.add_row("naive baseline (page.screenshot + bounding_box per element)", f"{b_rate:.2f}", "1.00",
              f"{b_bytes:,} png")
    t.add_row("naive baseline without its files (kit pages unstyled; the baseline before 2026-12-04)", f"{u_rate:.2f}",
              f"{u_rate / b_rate:.2f}", "")
    t.add_row("ours against the baseline without its files", "", f"{o['rate'] / u_rate:.2f}", "")
    t.add_row("ours (frame on demand or CDP screenshot + one evaluate + annotate + checks)", f"{o['rate']:.2f}",
              f"{o['rate'] / b_rate:.2f}", f"{o['bytes']:,} png / {w_bytes:,} webp")
    t.add_row(f"factory render --workers {workers} (whole machine, incl. shard/table writing)", f"{full:.2f}",
              f"{full / b_rate:.2f}", "")
    Console().print(t)
    if args.memory_samples:
        memory_table(o, args.memory_samples)


def memory_table(o: dict, samples: int) -> None:
    from rich.console import Console
    from rich.table import Table

    growth = (o["rss_end"] - o["rss_warm"]) / o["rss_warm"] * 100
    first, last = statistics.median(o["readings"][:5]), statistics.median(o["readings"][-5:])
    m = Table(title=f"memory over {samples} more samples (process tree RSS)")
    for c in ("RSS after warm-up MiB", "RSS at end MiB", "peak MiB", "growth",
              "median of the first / last 5 readings MiB (every 100 samples)", "growth of the medians",
              "samples/s over the run"):
        m.add_column(c, justify="right")
    m.add_row(f"{o['rss_warm']:.0f}", f"{o['rss_end']:.0f}", f"{o['rss_peak']:.0f}", f"{growth:+.1f}%",
              f"{first:.0f} / {last:.0f}", f"{(last - first) / first * 100:+.1f}%", f"{o['long_rate']:.2f}")
    Console().print(m)
    print("readings MiB:", " ".join(f"{r:.0f}" for r in o["readings"]))


if __name__ == "__main__":
    main()
