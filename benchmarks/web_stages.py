"""Where a web sample's time goes: each stage of the pipeline's path timed on its own, sample by sample.

The stages run in the pipeline's order on one page of a real `WebRenderer` (same HTML, viewport, device pixel
ratio, Chromium flags and offline routes), but one after another with the clock read between them, where the
pipeline overlaps decoding and annotating with the next drawing. In-page stages are split by running the
measuring script's waits first on their own:

  layout tree     grammar + factors + content (`factory.sample.make_layout`)
  html            the page's HTML from the layout (`renderers.web.html.page_html`, Jinja)
  document write  `document.write` of the HTML in one evaluate
  load + style    stylesheets (a kit's), images and fonts loaded, style and layout computed (forced)
  measure         the measuring script minus its frame wait (boxes, visibility, occlusion, text, states)
  frame wait      one `requestAnimationFrame` (the determinism fix: the screenshot follows a finished frame); none
                  where frames are drawn on demand (every stage runs before the frame asked for is drawn)
  capture         the screenshot as the renderer takes it (`PageCalls.screenshot`): paint, raster, PNG encode in
                  Chromium, base64 transfer and decode. A frame drawn on demand (`HeadlessExperimental.beginFrame`)
                  in a headless shell; `--no-frames-on-demand`: `Page.captureScreenshot` while Chromium draws frames
                  of its own at 60 Hz (a second capture of the unchanged page costs about the same)
  decode          the PNG to pixels, as `factory.sample._finish` does
  annotate        `annotators.annotate.annotate`: checks against the pixels, parents, drops

Then the same samples through the pipeline's own `render_samples` (overlapped), for the real per-sample time.

    .venv/bin/python benchmarks/web_stages.py [--samples 40] [--styles material kit-bootstrap5 kit-bulma]
        [--no-frames-on-demand]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from annotators.annotate import annotate  # noqa: E402
from factory.config import RenderConfig  # noqa: E402
from factory.sample import decode_png, make_layout, render_samples  # noqa: E402
from renderers import RENDERERS  # noqa: E402
from renderers.base import Rendered  # noqa: E402
from renderers.web.browser import CHROMIUM_ARGS  # noqa: E402
from renderers.web.html import page_html  # noqa: E402
from renderers.web.renderer import MEASURE_JS, TEXT_SOURCES, WRITE_JS, WebRenderer, measured_nodes  # noqa: E402

WAIT_JS = MEASURE_JS[:MEASURE_JS.index("const vw = window.innerWidth")] + "}"  # the script's waits only
FRAME_JS = "async () => { await new Promise(done => requestAnimationFrame(done)); }"
MEASURE_ONLY_JS = f"([text, frameWait]) => ({MEASURE_JS})(text, null, frameWait)"
# A web component kit's page (Ionic, Shoelace) hands the measuring script its readiness wait once; WAIT_JS took it,
# so the measure stage gets one already met (the components are hydrated: that wait was timed as load + style).
READY_AGAIN_JS = ("() => { if (document.documentElement.hasAttribute('data-kit-ready')) "
                  "window.gfKitReady = () => Promise.resolve(); }")
STAGES = ("layout tree", "html", "document write", "load + style", "measure", "frame wait", "capture", "decode",
          "annotate")


def profile_one(renderer: WebRenderer, cfg: RenderConfig, index: int) -> dict[str, float]:
    t: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        t[name] = now - clock
        clock = now

    _, layout, factors = make_layout(cfg, index)
    lap("layout tree")
    html = page_html(layout, RENDERERS.get("web").styles.get(cfg.style), factors)
    lap("html")
    _, calls = renderer._page()  # noqa: SLF001 - the benchmark drives the renderer's own page
    on_demand = calls.frames_on_demand
    calls.set_viewport(factors.viewport_w, factors.viewport_h, factors.dpr)
    clock = time.perf_counter()  # (set once per size change in the pipeline: not a stage)
    calls.evaluate(WRITE_JS, html)
    lap("document write")
    calls.evaluate(WAIT_JS)
    lap("load + style")
    calls.evaluate(READY_AGAIN_JS)
    clock = time.perf_counter()  # (not a stage)
    measured = json.loads(calls.evaluate(MEASURE_ONLY_JS, [TEXT_SOURCES, False]))
    lap("measure")
    if not on_demand:
        calls.evaluate(FRAME_JS)
    lap("frame wait")
    png = calls.screenshot()
    lap("capture")
    pixels = decode_png(png)
    lap("decode")
    rendered = Rendered(image=png, width=pixels.shape[1], height=pixels.shape[0],
                        nodes=measured_nodes(measured), blocked_requests=0)
    annotate(layout, rendered, pixels)
    lap("annotate")
    return t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--samples", type=int, default=40)
    ap.add_argument("--styles", nargs="+", default=["material", "kit-bootstrap5", "kit-bulma"])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--chromium-arg", action="append", default=[], help="an extra Chromium flag to try (repeatable)")
    ap.add_argument("--drop-chromium-arg", action="append", default=[],
                    help="one of the renderer's Chromium flags to leave out, to price it (repeatable)")
    ap.add_argument("--no-frames-on-demand", action="store_true",
                    help="Chromium draws frames of its own (the path before frames on demand)")
    args = ap.parse_args()
    for flag in args.drop_chromium_arg:
        CHROMIUM_ARGS.remove(flag)  # ValueError names a flag the renderer does not pass
    CHROMIUM_ARGS.extend(args.chromium_arg)  # the list the renderer launches Chromium with
    rows = []
    with WebRenderer(frames_on_demand=not args.no_frames_on_demand) as renderer:
        print(f"frames on demand: {renderer._chromium.frames_on_demand}")  # noqa: SLF001 - what was measured
        for style in args.styles:
            cfg = RenderConfig(renderer="web", style=style, count=args.samples + 2, seed=args.seed)
            for i in range(2):  # warm-up: fonts, a kit's stylesheets, caches
                profile_one(renderer, cfg, i)
            per = [profile_one(renderer, cfg, i) for i in range(2, args.samples + 2)]
            t0 = time.perf_counter()
            n = sum(1 for _ in render_samples(cfg, range(2, args.samples + 2), renderer, "bench"))
            pipeline = (time.perf_counter() - t0) / n
            rows.append((style, {s: statistics.mean(p[s] for p in per) for s in STAGES}, pipeline))
    print(f"| stage | {' | '.join(s for s, _, _ in rows)} |")
    print("|---|" + "---:|" * len(rows))
    for stage in STAGES:
        cells = [f"{m[stage] * 1e3:.1f} ms ({m[stage] / sum(m.values()):.0%})" for _, m, _ in rows]
        print(f"| {stage} | {' | '.join(cells)} |")
    print(f"| **sum of stages** | {' | '.join(f'{sum(m.values()) * 1e3:.1f} ms' for _, m, _ in rows)} |")
    print(f"| **pipeline per sample** (`render_samples`, overlapped) | "
          f"{' | '.join(f'{p * 1e3:.1f} ms' for _, _, p in rows)} |")


if __name__ == "__main__":
    main()
