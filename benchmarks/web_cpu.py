"""CPU per web sample by process: where a sample's CPU goes among Chromium's processes, Python and Playwright's driver.

One `WebRenderer` draws `--samples` samples of a style through the pipeline's `render_samples` after 8 warm-up samples;
the CPU times (user + system, psutil) of this process and every process below it are read before and after, summed by
kind (Chromium's renderer, browser, GPU and utility processes by their --type, Playwright's Node driver, Python).
With `--no-frames-on-demand` (Chromium drawing frames of its own, the path before frames on demand), each
Page.captureScreenshot variant is then timed on the same page (`--captures`): the cost of the capture's encoder against
the new frame each capture draws (a tiny clip: frame and readback, almost no encode).

    .venv/bin/python benchmarks/web_cpu.py [--style kit-bootstrap5] [--samples 60]
        [--no-frames-on-demand [--captures 10]]

`--cli N` instead runs `factory render --workers N --count --samples --shard-size 25` as a job runs (start-up,
shards and tables included) and reads the CPU of its whole process tree every 0.2 s (a process's last reading
counts: one that ends between two readings loses at most 0.2 s): with N = 1 and 2 in turn, whether two workers cost
more CPU per sample than one (contention) or leave the cores idle (waiting).
"""

from __future__ import annotations

import argparse
import base64
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from factory.config import RenderConfig  # noqa: E402
from factory.sample import make_layout, render_samples  # noqa: E402
from renderers import RENDERERS  # noqa: E402
from renderers.web.html import page_html  # noqa: E402
from renderers.web.renderer import MEASURE_JS, TEXT_SOURCES, WRITE_JS, WebRenderer  # noqa: E402

CAPTURES = {
    "png, optimizeForSpeed (ours)": {"format": "png", "optimizeForSpeed": True},
    "png, default": {"format": "png"},
    "jpeg q90 (lossy)": {"format": "jpeg", "quality": 90},
    "webp q100": {"format": "webp", "quality": 100},
    "png, 8x8 clip (the frame, no encode)": {"format": "png", "optimizeForSpeed": True,
                                             "clip": {"x": 0, "y": 0, "width": 8, "height": 8, "scale": 1}},
}


def kind(p: psutil.Process, job: int, job_name: str = "python (the job: supervisor)") -> str:
    """A process's kind in our tree: the job (`job_name`), its workers, Playwright's driver, Chromium's types."""
    name = p.name()
    if name.startswith("chrom"):
        types = [a[7:] for a in p.cmdline() if a.startswith("--type=")]
        return "chromium " + (types[0] if types else "browser")
    if p.pid == job:
        return job_name
    if name.startswith("node"):
        return "node (Playwright's driver)"
    return "python (workers)" if name.startswith("python") else name


def cpu_by_kind() -> dict[int, tuple[str, float]]:
    me = psutil.Process()
    out = {}
    for p in [me, *me.children(recursive=True)]:
        try:
            t = p.cpu_times()
            out[p.pid] = (kind(p, me.pid, "python"), t.user + t.system)
        except psutil.NoSuchProcess:
            continue
    return out


def cli_cpu(style: str, count: int, workers: int) -> None:
    root = Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "factory", "render", "--style", style, "--count", str(count), "--workers",
               str(workers), "--shard-size", "25", "--out", str(Path(tmp) / "out")]  # shards enough for every worker
        t0 = time.perf_counter()
        job = psutil.Popen(cmd, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        last: dict[int, tuple[str, float]] = {}
        while job.poll() is None:
            try:
                procs = [job, *job.children(recursive=True)]
            except psutil.NoSuchProcess:
                break
            for p in procs:
                try:
                    t = p.cpu_times()
                    last[p.pid] = (last[p.pid][0] if p.pid in last else kind(p, job.pid), t.user + t.system)
                except psutil.NoSuchProcess:
                    continue
            time.sleep(0.2)
        wall = time.perf_counter() - t0
        err = job.stderr.read()
        if job.wait() != 0:
            sys.exit(f"factory render failed:\n{err[-2000:]}")
    total: dict[str, float] = {}
    for name, cpu in last.values():
        total[name] = total.get(name, 0.0) + cpu
    print(f"| process (`factory render --style {style} --count {count} --workers {workers} --shard-size 25`) | "
          f"CPU ms per sample |")
    print("|---|---:|")
    for name, cpu in sorted(total.items(), key=lambda kv: -kv[1]):
        print(f"| {name} | {1000 * cpu / count:.1f} |")
    print(f"| **total** / wall per sample | **{1000 * sum(total.values()) / count:.1f}** / {1000 * wall / count:.1f} |")
    print(f"cores busy on average: {sum(total.values()) / wall:.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--style", default="kit-bootstrap5")
    ap.add_argument("--samples", type=int, default=60)
    ap.add_argument("--captures", type=int, default=10, help="pages each capture variant is timed on (0: none)")
    ap.add_argument("--cli", type=int, metavar="N", help="measure `factory render --workers N` instead")
    ap.add_argument("--no-frames-on-demand", action="store_true",
                    help="Chromium draws frames of its own (the path before frames on demand)")
    args = ap.parse_args()
    if args.cli:
        return cli_cpu(args.style, args.samples, args.cli)
    cfg = RenderConfig(renderer="web", style=args.style, seed=0, count=10**9)
    style = RENDERERS.get("web").styles.get(args.style)
    with WebRenderer(frames_on_demand=not args.no_frames_on_demand) as r:
        on_demand = r._chromium.frames_on_demand  # noqa: SLF001 - what was measured
        captures = 0 if on_demand else args.captures  # Page.captureScreenshot waits for a frame: none comes by itself
        for _ in render_samples(cfg, range(8), r, ""):
            pass
        before, t0 = cpu_by_kind(), time.perf_counter()
        for _ in render_samples(cfg, range(8, 8 + args.samples), r, ""):
            pass
        wall, after = time.perf_counter() - t0, cpu_by_kind()
        shots: dict[str, list[tuple[float, int]]] = {k: [] for k in CAPTURES}
        for i in range(captures):
            _, layout, f = make_layout(cfg, 1000 + i)
            _, calls = r._page(args.style)  # noqa: SLF001 - the benchmark drives the renderer's own page
            calls.set_viewport(f.viewport_w, f.viewport_h, f.dpr)
            calls.evaluate(WRITE_JS, page_html(layout, style, f))
            calls.evaluate(MEASURE_JS, TEXT_SOURCES)
            for name, params in CAPTURES.items():
                t = time.perf_counter()
                data = base64.b64decode(calls.send("Page.captureScreenshot", params)["data"])
                shots[name].append((time.perf_counter() - t, len(data)))
    total: dict[str, float] = {}
    for pid, (name, cpu) in after.items():
        total[name] = total.get(name, 0.0) + cpu - before.get(pid, (name, 0.0))[1]
    n = args.samples
    print(f"| process ({args.style}, {n} samples, frames on demand: {on_demand}) | CPU ms per sample |\n|---|---:|")
    for name, cpu in sorted(total.items(), key=lambda kv: -kv[1]):
        print(f"| {name} | {1000 * cpu / n:.1f} |")
    print(f"| **total** / wall per sample | **{1000 * sum(total.values()) / n:.1f}** / {1000 * wall / n:.1f} |")
    if captures:
        print(f"\n| capture ({captures} pages) | ms | KB |\n|---|---:|---:|")
        for name, xs in shots.items():
            print(f"| {name} | {1000 * statistics.mean(t for t, _ in xs):.1f} | "
                  f"{statistics.mean(b for _, b in xs) / 1000:.0f} |")


if __name__ == "__main__":
    main()
