"""Real pages in headless Chromium: load a page a package ships by file:// URL, offline, let it settle, and take
screens of it (viewport screenshots at scroll positions) with every element labelled from its DOM.

Determinism: the page's clock is Playwright's fake clock, started at a fixed instant and advanced by fixed steps
(carousels, counters, `new Date()` and rAF-driven scripts give the same result every run); animations and
transitions are cut to zero length, those of the parts that form controls draw inside themselves too; lazy pictures
are loaded eagerly; fonts and pictures are awaited, then two rendering frames (IntersectionObserver-driven scripts
such as scrollspies have run), then the page's requests still on their way; videos are never loaded. Each (page,
viewport) gets a fresh browser context, so no state leaks from one page into the next, and each screen is repainted
and split into composited layers afresh before it is taken, so the frames that a load happened to draw leave
nothing in it (screenshot_of_fresh_layers). Labels and screens come out byte-identical run to run (measured: three
builds of the whole set, 346 screens, every file alike; without these measures two builds differed in 4 screens:
spectre-docs' logo by 1-3 levels in 6 pixels, a Doxygen tab bar without its pictures; UIkit's progress bar in others).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Callable

from renderers.base import RendererError
from renderers.web.browser import CLOSE_MS, Chromium
from renderers.web.page_calls import PageCalls

log = logging.getLogger(__name__)
LABEL_JS = resources.files("renderers.web").joinpath("label_dom.js").read_text(encoding="utf-8")
CLOCK_START = dt.datetime(2024, 1, 15, 12, 0, 0, tzinfo=dt.timezone.utc)
SETTLE_MS = 1000  # fake time run after load: scripts that draw on load or in the first frames have drawn
SCROLL_SETTLE_MS = 300  # fake time run after a scroll: scroll handlers (shrinking navbars, sticky bars) ran
REQUESTS_WAIT_S = 10.0  # real time allowed, after settling, for the page's requests still on their way
STILL = ("animation-delay: 0s !important; animation-duration: 0s !important; animation-iteration-count: 1 !important; "
         "transition-delay: 0s !important; transition-duration: 0s !important;")
# The parts that form controls draw inside themselves take rules of their own: `*` does not reach them (UIkit's
# progress bar grows its value by a 0.6 s transition, in real time: taken at its start in 3 builds, at its end in
# 1), and a selector list that names a part the browser does not know is dropped whole.
STILL_PARTS = ("::-webkit-progress-value", "::-webkit-progress-bar", "::-webkit-meter-bar",
               "::-webkit-meter-optimum-value", "::-webkit-meter-suboptimum-value",
               "::-webkit-meter-even-less-good-value", "::-webkit-slider-thumb", "::-webkit-slider-runnable-track",
               "::placeholder", "::file-selector-button")
STILL_CSS = (f"*, *::before, *::after {{ {STILL} caret-color: transparent !important; "
             f"scroll-behavior: auto !important; }}" + "".join(f"\n{part} {{ {STILL} }}" for part in STILL_PARTS))
# FRAME_JS waits for one rendering frame (an IntersectionObserver's first notice comes after a frame, and the fake
# clock does not drive it). SETTLE_JS waits for pictures and fonts, then for two frames: observers of the page
# (scrollspy, lazy loaders, reveal on scroll) have seen the scroll position and run, so the screenshot and the labels
# show their result.
FRAME_JS = """() => new Promise(done => {
  const io = new IntersectionObserver(() => { io.disconnect(); done(); });
  io.observe(document.documentElement);
})"""
SETTLE_JS = """async () => {
  document.querySelectorAll("img[loading=lazy]").forEach(img => { img.loading = "eager"; });
  await Promise.all([...document.images].map(img => img.decode().catch(() => null)));
  await document.fonts.ready;
  const frame = """ + FRAME_JS + """;
  await frame();
  await frame();
  await Promise.all([...document.images].map(img => img.decode().catch(() => null)));
}"""
# The element that scrolls the page: the document, or (pages whose body does not scroll) the largest visible
# scrolling container. Returns how far it scrolls, in CSS pixels.
SCROLLER_JS = """() => {
  const doc = document.scrollingElement || document.documentElement;
  window.__gfScroller = doc;
  if (doc.scrollHeight - window.innerHeight > 4) return doc.scrollHeight - window.innerHeight;
  let best = null, area = 0;
  for (const el of document.querySelectorAll("body *")) {
    const cs = getComputedStyle(el);
    if (!/(auto|scroll)/.test(cs.overflowY) || el.scrollHeight - el.clientHeight <= 4) continue;
    const r = el.getBoundingClientRect();
    const a = Math.max(0, Math.min(r.right, innerWidth) - Math.max(r.left, 0)) *
              Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0));
    if (a > area) { best = el; area = a; }
  }
  if (!best || area < innerWidth * innerHeight / 4) return 0;
  window.__gfScroller = best;
  return best.scrollHeight - best.clientHeight;
}"""
SCROLL_JS = """y => {
  const s = window.__gfScroller || document.scrollingElement;
  if (s === document.scrollingElement || s === document.documentElement) window.scrollTo(0, y); else s.scrollTop = y;
  const target = s === document.scrollingElement || s === document.documentElement ? document : s;
  target.dispatchEvent(new Event("scroll", { bubbles: true }));
  return Math.round(s === document.scrollingElement || s === document.documentElement ? window.scrollY : s.scrollTop);
}"""


@dataclass
class Shot:
    """One screen: PNG bytes, the labeller's raw elements (CSS px = image px), where it was taken."""

    png: bytes
    width: int
    height: int
    elements: list[dict]
    scroll_y: int
    requests: Counter = field(default_factory=Counter)  # blocked_requests, missing_files... of this page load


def scroll_positions(max_scroll: int, viewport_h: int, scrolls: int, step: float) -> list[int]:
    """Distinct scroll offsets 0, step*h, 2*step*h... (at most `scrolls`), the last clamped to the page's end."""
    out: list[int] = []
    for k in range(scrolls):
        y = min(round(k * step * viewport_h), max(0, int(max_scroll)))
        if y not in out:
            out.append(y)
    return out


class RealPages:
    """`with RealPages(make_routes) as rp:` one Chromium; `rp.positions(url, vp, scrolls, step)` and
    `rp.shoot(url, vp, scroll_ys)`. `make_routes()` gives a fresh offline route handler per page load
    (renderers.web.offline_routes.OfflineRoutes), whose counts travel with the screens."""

    def __init__(self, make_routes: Callable[[], Callable], timeout_s: float = 60.0, max_retries: int = 2):
        self.make_routes = make_routes
        self.timeout_ms = timeout_s * 1000
        self.max_retries = max_retries
        self.restarts = 0
        self.page_errors = 0  # errors thrown by the pages' own scripts (counted, not fatal)
        self._chromium = Chromium(self.timeout_ms)

    def __enter__(self) -> "RealPages":
        self._chromium.start()
        return self

    def __exit__(self, *exc) -> None:
        self._chromium.stop()

    # --- one page load ----------------------------------------------------------------------------------------
    # Playwright's calls here that take no timeout (opening a context and a page, add_style_tag, the fake clock's
    # calls, closing) are bounded by the browser's deadline (renderers.web.browser.Chromium.deadline).
    def _open(self, url: str, viewport: tuple[int, int]):
        routes = self.make_routes()
        deadline = self._chromium.deadline
        with deadline("opening a context"):
            context = self._chromium.browser.new_context(
                viewport={"width": viewport[0], "height": viewport[1]}, device_scale_factor=1, locale="en-US",
                timezone_id="UTC", color_scheme="light", reduced_motion="reduce", java_script_enabled=True)
        try:
            with deadline("opening a page"):
                context.route("**/*", routes)
                context.clock.install(time=CLOCK_START)
                context.clock.pause_at(CLOCK_START + dt.timedelta(seconds=1))
                page = context.new_page()
                page.set_default_timeout(self.timeout_ms)
                # The page's requests not finished yet (Playwright's request events arrive while a call waits)
                loading: set = set()
                page.on("request", lambda r: loading.add(r))  # Playwright takes Python functions, not set.add
                page.on("requestfinished", lambda r: loading.discard(r))
                page.on("requestfailed", lambda r: loading.discard(r))
                calls = PageCalls(page, context.new_cdp_session(page), self.timeout_ms)
            page.goto(url, wait_until="load")
            with deadline("adding the style sheet that stops animations"):
                page.add_style_tag(content=STILL_CSS)
            self._settle(page, calls, context, SETTLE_MS, loading)
        except BaseException:
            self._close(context)
            raise
        return context, page, calls, routes, loading

    def _close(self, context) -> None:
        """Close a page's context; a hung browser is killed after CLOSE_MS. A failure is logged, not raised: it would
        hide the error that made us close the context, and the next page load relaunches a dead browser."""
        try:
            with self._chromium.deadline("closing a context", CLOSE_MS):
                context.close()
        except Exception as e:  # noqa: BLE001 - a crashed or killed browser's context cannot be closed cleanly
            log.warning("closing a context failed: %s", e)

    def _settle(self, page, calls: PageCalls, context, ms: int, loading: set) -> None:
        """Run the fake clock `ms` forward, then wait (real time) for fonts, pictures and the page's requests.

        A page script that throws inside a timer makes the fake clock re-raise once every due timer has run;
        that is the page's own error (kits' test pages have some), not ours: it is counted, not fatal."""
        from playwright.sync_api import Error, TimeoutError

        try:
            with self._chromium.deadline(f"running the page's fake clock for {ms} ms"):
                context.clock.run_for(ms)
        except TimeoutError:
            raise
        except Error as e:
            if page.is_closed() or "closed" in str(e).splitlines()[0].lower():
                raise
            self.page_errors += 1
            log.info("a script of the page threw: %s", str(e).splitlines()[0][:200])
        calls.evaluate(SETTLE_JS)
        # SETTLE_JS awaits <img> pictures and fonts, not what CSS draws. A script that the fake clock runs can build
        # part of the page, and only then are its CSS pictures asked for (Doxygen's tab bar: jQuery's ready handler,
        # a timer, builds the menu that tabs.css draws with tab_b.png and tab_s.png); in one of two builds of the
        # whole set on a busy machine, jsoncpp-docs' tab bar was taken without them. So the requests still on their
        # way are awaited, a rendering frame at a time, and the page is settled again to draw what they brought.
        if loading:
            end = time.monotonic() + REQUESTS_WAIT_S
            while loading and time.monotonic() < end:
                calls.evaluate(FRAME_JS)
            if loading:
                log.warning("%d requests of the page unfinished after %g s: %s", len(loading), REQUESTS_WAIT_S,
                            sorted(r.url for r in loading)[:3])
            calls.evaluate(SETTLE_JS)

    def _retrying(self, what: str, fn):
        last: Exception | None = None
        for attempt in range(self.max_retries + 1):
            try:
                return fn()
            except Exception as e:  # noqa: BLE001 - crash, timeout or dead browser: relaunch and retry
                last = e
                self.restarts += 1
                log.warning("%s failed (attempt %d): %s", what, attempt + 1, e)
                self._chromium.relaunch_if_dead()
        raise RendererError(f"{what} failed after {self.max_retries + 1} attempts: {last}")

    def positions(self, url: str, viewport: tuple[int, int], scrolls: int, step: float) -> list[int]:
        """The distinct scroll offsets of a page at a viewport (see scroll_positions)."""
        def once() -> list[int]:
            context, _, calls, _, _ = self._open(url, viewport)
            try:
                return scroll_positions(calls.evaluate(SCROLLER_JS), viewport[1], scrolls, step)
            finally:
                self._close(context)
        return self._retrying(f"measuring {url}", once)

    def shoot(self, url: str, viewport: tuple[int, int], scroll_ys: list[int]) -> list[Shot]:
        """One screen per scroll offset, in order, from one load of the page."""
        def once() -> list[Shot]:
            context, page, calls, routes, loading = self._open(url, viewport)
            try:
                calls.evaluate(SCROLLER_JS)
                shots = []
                for y in scroll_ys:
                    at = calls.evaluate(SCROLL_JS, y)
                    self._settle(page, calls, context, SCROLL_SETTLE_MS, loading)
                    # The screenshot first: its frame dispatches the browser's own scroll event; the labeller
                    # then reads the state that was painted (the fake clock is paused in between).
                    png = screenshot_of_fresh_layers(calls)
                    measured = json.loads(calls.evaluate(LABEL_JS))
                    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
                    if (width, height) != viewport or measured["dpr"] != 1:
                        raise RuntimeError(f"screen is {width}x{height} at {measured['dpr']}x, expected "
                                           f"{viewport[0]}x{viewport[1]} at 1x")
                    shots.append(Shot(png, width, height, measured["elements"], at))
                if shots:  # what the page load asked for, counted once (with its first screen)
                    shots[0].requests = Counter(routes.counts)
                return shots
            finally:
                self._close(context)
        return self._retrying(f"rendering {url}", once)


def screenshot_of_fresh_layers(calls: PageCalls) -> bytes:
    """The page as drawn, painted and split into composited layers afresh from the page as it now is.

    Blink carries what it painted, and how it split the page into composited layers, from one frame to the next, and
    some of what frames drawn while the page was still being parsed left behind outlives the load: spectre-docs'
    sidebar logo then stayed in a layer of its own, where a load that drew no such frame puts it in one layer with
    the sidebar's menu, and its anti-aliased edge rasters 1-3 levels apart in the two (6 pixels; which frames a load
    draws depends on timing, so the PNG changed from build to build). Switching DevTools' LayerTree agent on makes
    Blink's next paint record layer debug information: it repaints the whole page without its paint cache and works
    out the layers again (LocalFrameView::RunPaintLifecyclePhase, UpdatePaintDebugInfoEnabled). That paint is the
    awaited frame (a capture right after switching the agent on still showed the old layers in 18 of 45 loads);
    switching the agent off makes the capture's frame work out the layers once more, from the same paint."""
    calls.send("LayerTree.enable")
    calls.evaluate(FRAME_JS)
    calls.send("LayerTree.disable")
    return calls.screenshot()


def file_url(path: Path) -> str:
    return Path(path).resolve().as_uri()
