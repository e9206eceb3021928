"""Game rendering throughput: our path against a naive pygame baseline and the web renderer, in one run.

Ours: `factory.sample.render_sample` with the game renderer as the pipeline runs it (fonts, text lines,
icons, tiles and glows cached for the worker's life; UI boxes and occlusion from the id-buffer; PNG from an
'Up' filter and ISA-L deflate; the pixels handed to the annotator without decoding the PNG again).
Baseline, what a first pygame script does, drawing the same layouts and pictures: fonts loaded anew and
nothing cached per sample, `pygame.image.save` to a temporary PNG file read back (and decoded again by
the annotator), and every element's visible part found by per-element overlap tests against everything
drawn after it instead of an id-buffer. Web: `render_sample` with the web renderer on the same machine in
the same run. Samples cycle through every game style. Whole machine: `factory render` with one worker per
core for both renderers (5x --samples game samples in the fantasy style, 4x --web-samples web samples),
samples/s from the run records (worker and browser start-up included).

    .venv/bin/python benchmarks/render_game.py [--samples 80] [--web-samples 20] [--markdown]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from factory.config import RenderConfig  # noqa: E402
from factory.sample import render_sample  # noqa: E402
from renderers import RENDERERS  # noqa: E402
from renderers.base import NodeMeasure  # noqa: E402

GAME = RENDERERS.get("game")
STYLES = GAME.styles.names()


def cfg_for(i: int) -> RenderConfig:
    return RenderConfig(renderer="game", style=STYLES[i % len(STYLES)], count=10**9, seed=0)


def naive_renderer():
    """The game renderer with the naive choices swapped in (same scene, layout and painters)."""
    from renderers.game import icons
    from renderers.game.fonts import Fonts
    from renderers.game.renderer import GameRenderer
    from renderers.game.scenes import common, tiles
    from renderers.game.text import LineCache

    class Naive(GameRenderer):
        def render(self, layout, style, factors):
            self.fonts = Fonts(self.pg)  # fonts loaded anew for every sample
            self.lines = LineCache(self.fonts.outlined, size=0)  # every text line rendered afresh
            for cached in (icons.icon_surface, tiles.tile, tiles._grain, common._falloff, common._vignette):
                cached.cache_clear()
            return super().render(layout, style, factors)

        def _encode(self, surface):
            with tempfile.TemporaryDirectory() as tmp:  # save to a file and read it back
                path = os.path.join(tmp, "frame.png")
                self.pg.image.save(surface, path)
                return Path(path).read_bytes(), None  # no pixels: the annotator decodes the PNG

        def _measure(self, graph):
            return naive_measures(graph)

    return Naive()


def naive_measures(graph) -> dict[str, NodeMeasure]:
    """Visible parts by per-element overlap tests: each element's mask minus every rectangle drawn after it."""
    out = {}
    painted = [e for e in graph.entries if e.painted]
    for e in graph.entries:
        x0, y0, x1, y1 = graph._clip(e.rect)
        area = e.rect[2] * e.rect[3]
        if x1 <= x0 or y1 <= y0 or area <= 0:
            out[e.nid] = graph._measure(e, None, 0.0)
            continue
        mask = np.ones((y1 - y0, x1 - x0), bool)
        for later in painted:
            if later.start >= e.end:
                lx0, ly0, lx1, ly1 = graph._clip(later.rect)
                if lx0 < x1 and lx1 > x0 and ly0 < y1 and ly1 > y0:
                    mask[max(ly0, y0) - y0 : min(ly1, y1) - y0, max(lx0, x0) - x0 : min(lx1, x1) - x0] = False
        count = int(mask.sum())
        if e.cls is None or count == 0:
            box = (x0, y0, x1 - x0, y1 - y0)
        else:
            rows, cols = np.flatnonzero(mask.any(axis=1)), np.flatnonzero(mask.any(axis=0))
            box = (x0 + int(cols[0]), y0 + int(rows[0]), int(cols[-1] - cols[0]) + 1, int(rows[-1] - rows[0]) + 1)
        out[e.nid] = graph._measure(e, box, (x1 - x0) * (y1 - y0) / area if e.cls is None else count / area)
    return out


def run_game(renderer, n: int, warmup: int) -> dict:
    version = GAME.version()
    with renderer as r:
        for i in range(warmup):
            render_sample(cfg_for(i), 10**6 + i, r, version)
        r.timings.clear()
        samples = [None] * n
        t0 = time.perf_counter()
        for i in range(n):
            samples[i] = render_sample(cfg_for(i), i, r, version)
        wall = time.perf_counter() - t0
        phases = {k: v / n for k, v in r.timings.items()}
    return {
        "rate": n / wall,
        "ms": wall / n * 1000,
        "bytes": sum(len(s.image) for s in samples) // n,
        "encode_share": phases["encode"] * n / wall,
        "phases": phases,
        "records": [s.record for s in samples],
        "pixels": sum(s.record.width * s.record.height for s in samples) / n,
    }


def run_web(n: int) -> dict:
    spec = RENDERERS.get("web")
    cfg = RenderConfig(renderer="web", style="material", count=10**9, seed=0)
    with spec.open() as r:
        for i in range(3):
            render_sample(cfg, 10**6 + i, r, "")
        t0 = time.perf_counter()
        total = sum(len(render_sample(cfg, i, r, "").image) for i in range(n))
        wall = time.perf_counter() - t0
    return {"rate": n / wall, "ms": wall / n * 1000, "bytes": total // n}


def encoders(n: int) -> list[tuple[str, float, int]]:
    """PNG writers on the same n frames: (name, ms per frame, bytes per frame)."""
    import importlib.util
    import io
    import zlib

    from factory.sample import make_layout
    from renderers.game import encode
    from renderers.game.renderer import GameRenderer

    with GameRenderer() as r:
        frames = []
        for i in range(n):
            _, layout, factors = make_layout(cfg_for(i), i)
            frames.append(r.render(layout, GAME.styles.get(cfg_for(i).style), factors).pixels)
        pg = r.pg

        def pygame_save(p):
            buf = io.BytesIO()
            pg.image.save(pg.image.frombuffer(p.tobytes(), (p.shape[1], p.shape[0]), "RGB"), buf, "f.png")
            return buf.getvalue()

        def up_zlib(p):  # our filter with the standard library's deflate
            return zlib.compress(encode.up_scanlines(p), 1)

        def up_isal(p):  # the writer before: ISA-L's deflate (fast, but not byte-stable in workers)
            from isal import isal_zlib

            return isal_zlib.compress(encode.up_scanlines(p), 2)

        writers = [
            ("ours: Up filter + libdeflate level 1", lambda p: encode.png_bytes(p, 1)),
            ("Up filter + zlib level 1", up_zlib),
            ("Pillow, compress_level=1", lambda p: encode.png_bytes_pillow(p, 1)),
            ("Pillow, default level 6", lambda p: encode.png_bytes_pillow(p, 6)),
            ("pygame.image.save (SDL_image)", pygame_save),
        ]
        if importlib.util.find_spec("isal"):
            writers.insert(2, ("Up filter + ISA-L level 2 (before)", up_isal))
        out = []
        for name, write in writers:
            t0 = time.perf_counter()
            size = sum(len(write(p)) for p in frames)
            out.append((name, (time.perf_counter() - t0) / n * 1000, size // n))
    return out


def cli_rate(renderer: str, style: str, n: int, workers: int) -> float:
    """Whole machine: `factory render` on `workers` processes (shards, tables, manifest included)."""
    import json
    import subprocess

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "ds"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "factory",
                "render",
                "--renderer",
                renderer,
                "--style",
                style,
                "--count",
                str(n),
                "--shard-size",
                str(max(1, n // (2 * workers))),
                "--workers",
                str(workers),
                "--out",
                str(out),
            ],
            check=True,
            capture_output=True,
        )
        return json.loads(out.with_name("ds.run.json").read_text())["samples_per_s"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--samples", type=int, default=80)
    ap.add_argument("--web-samples", type=int, default=20)
    ap.add_argument("--markdown", action="store_true", help="also print the tables as Markdown")
    args = ap.parse_args()
    from renderers.game.renderer import GameRenderer

    ours = run_game(GameRenderer(), args.samples, warmup=16)  # a worker renders thousands: measure it warm
    naive = run_game(naive_renderer(), args.samples, warmup=2)
    same = [a.elements == b.elements for a, b in zip(ours["records"], naive["records"])]
    writers = encoders(20)
    web = run_web(args.web_samples)
    workers = os.cpu_count() or 1
    machine = {
        "game": cli_rate("game", "fantasy", args.samples * 5, workers),
        "web": cli_rate("web", "material", args.web_samples * 4, workers),
    }
    rows = [
        ("naive baseline", naive, "pygame.image.save"),
        ("ours", ours, "ours"),
        ("web renderer (material)", web, ""),
    ]
    header = ("path", "samples/s", "x naive", "x web", "bytes/sample", "encode share")
    table = [
        (
            name,
            f"{r['rate']:.2f}",
            f"{r['rate'] / naive['rate']:.2f}",
            f"{r['rate'] / web['rate']:.2f}",
            f"{r['bytes']:,}",
            f"{r['encode_share'] * 100:.0f}%" if "encode_share" in r else "",
        )
        for name, r, _ in rows
    ]
    from rich.console import Console
    from rich.table import Table

    t = Table(
        title=f"game renderer, {args.samples} samples over styles {', '.join(STYLES)}; mean frame "
        f"{ours['pixels'] / 1e6:.2f} MP; {os.cpu_count()} cores, one process"
    )
    for c in header:
        t.add_column(c, justify="right")
    for row in table:
        t.add_row(*row)
    phases = Table(title="ours: milliseconds per sample inside the renderer")
    for k in ours["phases"]:
        phases.add_column(k, justify="right")
    phases.add_column("outside (layout gen, annotate, record)", justify="right")
    phases.add_row(
        *(f"{v * 1000:.1f}" for v in ours["phases"].values()), f"{ours['ms'] - sum(ours['phases'].values()) * 1000:.1f}"
    )
    console = Console()
    console.print(t)
    console.print(phases)
    enc = Table(title="PNG writers on the same 20 frames (the up-filter + zlib row includes its numpy filter)")
    for c in ("writer", "ms/frame", "bytes/frame"):
        enc.add_column(c, justify="right")
    for name, ms, size in writers:
        enc.add_row(name, f"{ms:.1f}", f"{size:,}")
    console.print(enc)
    console.print(f"annotations of ours and the baseline identical: {sum(same)}/{len(same)} samples")
    console.print(
        f"whole machine, factory render --workers {workers}: game (fantasy) {machine['game']:.2f} samples/s, "
        f"web (material) {machine['web']:.2f} samples/s, x{machine['game'] / machine['web']:.2f}"
    )
    if args.markdown:
        print("\n| " + " | ".join(header) + " |\n|" + "---|" * len(header))
        for row in table:
            print("| " + " | ".join(row) + " |")
        print("\n| writer | ms/frame | bytes/frame |\n|---|---|---|")
        for name, ms, size in writers:
            print(f"| {name} | {ms:.1f} | {size:,} |")
        print("\n| " + " | ".join(ours["phases"]) + " | outside |\n|" + "---|" * (len(ours["phases"]) + 1))
        print(
            "| "
            + " | ".join(f"{v * 1000:.1f}" for v in ours["phases"].values())
            + f" | {ours['ms'] - sum(ours['phases'].values()) * 1000:.1f} |"
        )


if __name__ == "__main__":
    main()
