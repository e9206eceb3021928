"""The web renderer: Layout -> HTML -> headless Chromium -> PNG + one measurement per node.

One browser per worker process; one page whose context is recycled every `recycle_every` renders; every
non-data:/file: request aborted and counted; page crashes and browser deaths recovered by relaunching and
re-rendering the same layout. A sample whose text sizes share a font-cache key with sizes the page's renderer
process drew earlier is drawn again in another page: the worker's spare page (a second renderer process) when that
process never drew them either, a fresh page otherwise (renderers.web.font_claims). Every call into the page has a
deadline (renderers.web.page_calls): a crashed or hung page fails the render, which is then recovered, instead of
waiting for ever. Playwright's calls that take no timeout (opening a page, closing a context) are bounded too: past
the deadline the browser and its driver are killed and a fresh pair started (renderers.web.browser.Chromium).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from importlib import resources

from factory.core.layout import Layout
from factory.core.styles import Factors, Style
from renderers.base import NodeMeasure, Rendered, RendererError
from renderers.web.browser import CLOSE_MS, Chromium
from renderers.web.classes import TEXT_EXTENT, canonical_class, source_type, text_extent_sources
from renderers.web.font_claims import FontClaims, page_claims
from renderers.web.html import page_html
from renderers.web.kit import KITS_DIR, KITS_URL
from renderers.web.offline_routes import FONT_FILES, GOOGLE_CSS, OfflineRoutes
from renderers.web.page_calls import PageCalls

log = logging.getLogger(__name__)
MEASURE_JS = resources.files("renderers.web").joinpath("measure.js").read_text(encoding="utf-8")
FONT_SIZES_JS = resources.files("renderers.web").joinpath("font_sizes.js").read_text(encoding="utf-8")
# One call: boxes and the page's text sizes; `frameWait` false where the screenshot is a frame drawn on demand.
MEASURE_WITH_SIZES_JS = f"([text, frameWait]) => ({MEASURE_JS})(text, {FONT_SIZES_JS}, frameWait)"
KIT_ADDRESSES = (KITS_URL, *GOOGLE_CSS, FONT_FILES)  # what a kit style's page may load (all offline)
TEXT_SOURCES = text_extent_sources()
WRITE_JS = "html => { document.open(); document.write(html); document.close(); }"


def _kit_cdn_mirrors() -> list[tuple[str, str]]:
    """(address prefix, directory under node_modules) of every registered kit style's CDN mirrors, sorted."""
    from renderers.web.styles import WEB_STYLES

    kits = [WEB_STYLES.get(name).assets.get("kit") for name in WEB_STYLES.names()]
    return sorted({m for kit in kits if kit is not None for m in kit.cdn_mirrors.items()})


@dataclass
class _Page:
    """A worker's page: its browser context, the page, its calls (which know the view they set), how many samples it
    drew, the style of the last, and the font-size claims of its renderer process (renderers.web.font_claims)."""

    context: object
    page: object
    calls: PageCalls
    renders: int = 0
    style: str | None = None
    claims: FontClaims = field(default_factory=FontClaims)


class WebRenderer:
    def __init__(self, timeout_s: float = 30.0, recycle_every: int = 200, max_retries: int = 3,
                 keep_source: bool = False, frames_on_demand: bool = True):
        self.timeout_ms = timeout_s * 1000
        self.keep_source = keep_source  # Rendered.source: the page's HTML (UTF-8), exactly as written into Chromium
        self.recycle_every = recycle_every
        self.max_retries = max_retries
        self.blocked = 0  # network requests aborted since start
        self.restarts = 0  # page or browser relaunches after a crash or error
        self.font_redraws = 0  # samples drawn again in a fresh page: their font sizes clashed with earlier ones
        # Frames drawn only when asked for, where the browser can (a headless shell): renderers.web.browser.
        self._chromium = Chromium(self.timeout_ms, frames_on_demand=frames_on_demand)
        self._page_entry: _Page | None = None
        self._spare: _Page | None = None  # the page drawn in before the last font clash (same style), kept open
        cdn = _kit_cdn_mirrors()  # CDN addresses a kit's own CSS names (Carbon's IBM Plex), from its npm packages
        self._kit_files = OfflineRoutes(mirrors=[(KITS_URL, KITS_DIR), *((url, KITS_DIR / d) for url, d in cdn)],
                                        fontsource=KITS_DIR / "@fontsource")
        self._kit_addresses = (*KIT_ADDRESSES, *(url for url, _ in cdn))

    # --- lifecycle ------------------------------------------------------------------------------
    def __enter__(self) -> "WebRenderer":
        self._chromium.start()
        try:
            self._warm_up_retrying()
        except BaseException:
            self.__exit__()  # no browser outlives a renderer that did not open
            raise
        return self

    def _warm_up_retrying(self) -> None:
        """The warm-up, retried as `render` retries a sample: a crashed, hung or failing browser (Chromium's
        "Unable to capture screenshot" ended a 3,720-screen render at a worker's start) gets a fresh page or browser."""
        for attempt in range(self.max_retries + 1):
            try:
                return self._warm_up()
            except Exception as e:  # noqa: BLE001 - crash, timeout or dead browser: relaunch and retry
                if attempt == self.max_retries:
                    raise RendererError(f"the web renderer's warm-up failed {attempt + 1} times: {e}") from e
                self.restarts += 1
                log.warning("warm-up failed (attempt %d): %s; relaunching", attempt + 1, e)
                self._recover()

    def _warm_up(self) -> None:
        """Draw text of every script in every font family once, so that the first real sample of a worker
        does not race the loading of fallback fonts (a cold first shard laid out differently under load)."""
        from renderers.web.styles import WEB_STYLES

        families = sorted({f for name in WEB_STYLES.names() for f in WEB_STYLES.get(name).fonts})
        text = "Sign in Anmelden ログイン 登录 Войти 0123456789 ¥€₽$"
        spans = "".join(f'<p style="font-family: \'{f}\', sans-serif; font-weight: {w}">{text}</p>'
                        for f in families for w in (400, 700))
        _, calls = self._page()
        calls.evaluate(WRITE_JS, f"<!doctype html><html><body>{spans}</body></html>")
        calls.evaluate("async () => { await document.fonts.ready; document.body.offsetHeight; }")
        calls.screenshot()
        self._page_entry.claims.add(page_claims(calls.evaluate(FONT_SIZES_JS)))

    def __exit__(self, *exc) -> None:
        self._close_pages()
        self._chromium.stop()

    def _close_pages(self) -> None:
        """Close the contexts of the page and of the spare; a hung browser (closing takes no timeout) is killed after
        CLOSE_MS."""
        for entry in (self._page_entry, self._spare):
            if entry is not None:
                self._close_context(entry.context)
        self._page_entry = self._spare = None

    def _close_context(self, context) -> None:
        try:
            with self._chromium.deadline("closing a context", CLOSE_MS):
                context.close()
        except Exception as e:  # noqa: BLE001 - a crashed context cannot be closed cleanly
            log.warning("closing a context failed: %s", e)

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(("data:", "file:")):
            route.continue_()
        elif url.startswith(self._kit_addresses):  # a kit's files and fonts, served from its pinned npm packages
            before = self._kit_files.counts["blocked_requests"]
            self._kit_files(route)
            self.blocked += self._kit_files.counts["blocked_requests"] - before
        else:
            self.blocked += 1
            route.abort()

    def _page(self, style: str | None = None):
        """The worker's page and its calls (PageCalls: CDP commands and page functions with a deadline); a fresh
        context every `recycle_every` renders, and when `style` differs from the last page's: a kit's scripts can
        leave state in the window that document.write keeps (Fluent's design system adopts style sheets on the
        document, which restyled the next material page), so a page of one style never follows another's in the
        same window. A render is of one style: this costs only runs and tests that mix styles. Without a style (the
        warm-up, tests using the page) nothing is recycled: a test that crashes the page must find the crashed page
        in the next render."""
        entry = self._page_entry
        restyled = style is not None and entry is not None and entry.style not in (None, style)
        if entry is not None and (entry.renders >= self.recycle_every or restyled):
            self._close_pages()
        if self._page_entry is None:
            context = None
            try:
                with self._chromium.deadline("opening a page"):  # no timeout in Playwright; no renderer, no page
                    context = self._chromium.browser.new_context()
                    context.route("**/*", self._route)
                    page = context.new_page()
                    page.set_default_timeout(self.timeout_ms)
                    calls = PageCalls(page, context.new_cdp_session(page), self.timeout_ms,
                                      self._chromium.frames_on_demand)
            except Exception as e:
                # A fresh page that crashes at birth ("Target crashed": Chromium's zygote gone) comes from a browser
                # that cannot start renderers: relaunched before the render is tried again, not asked again.
                self._chromium.condemn(f"opening a page failed ({e})")
                if context is not None:
                    self._close_context(context)
                raise
            self._page_entry = _Page(context, page, calls)
        self._page_entry.renders += 1
        if style is not None:  # the warm-up and tests' direct use of the page leave the style as it was
            self._page_entry.style = style
        return self._page_entry.page, self._page_entry.calls

    # --- rendering ------------------------------------------------------------------------------
    def render(self, layout: Layout, style: Style, factors: Factors) -> Rendered:
        html = page_html(layout, style, factors)  # RendererError for unknown roles: not retried
        last: Exception | None = None
        for attempt in range(self.max_retries + 1):
            try:
                return self._render_once(html, factors, style.name)
            except Exception as e:  # noqa: BLE001 - crash, timeout or dead browser: relaunch and retry
                last = e
                self.restarts += 1
                log.warning("render failed (attempt %d): %s; relaunching", attempt + 1, e)
                self._recover()
        raise RendererError(f"web render failed after {self.max_retries + 1} attempts: {last}")

    def _recover(self) -> None:
        self._close_pages()
        self._chromium.relaunch_if_dead()

    def _render_once(self, html: str, factors: Factors, style: str) -> Rendered:
        _, calls = self._page(style)
        blocked_before = self.blocked
        # Viewport and DPR through our own CDP session (which skips a view already set): its screenshots then come
        # at device pixels.
        view = (factors.viewport_w, factors.viewport_h, factors.dpr)
        calls.set_viewport(*view)
        # The document is written into the page (no navigation, no lifecycle round trips; a crashed page
        # rejects the call at once); the measuring script then waits for pictures and fonts.
        calls.evaluate(WRITE_JS, html)
        measured = json.loads(calls.evaluate(MEASURE_WITH_SIZES_JS, [TEXT_SOURCES, not calls.frames_on_demand]))
        if (measured["width"], measured["height"], measured["dpr"]) != view:
            # The device metrics had not reached the page yet (seen on a loaded machine): never keep a
            # sample laid out at another size; the caller relaunches and draws it again.
            calls.forget_viewport()
            raise RuntimeError(f"page laid out at {measured['width']}x{measured['height']}@{measured['dpr']}, "
                               f"expected {view[0]}x{view[1]}@{view[2]}")
        # The renderer process keeps one font per size key for its life, made at the first size drawn under the key
        # (renderers.web.font_claims): a sample whose keys an earlier page claimed at another size would be drawn
        # with that page's font, so it is drawn again in another renderer process. About 1 sample in 40.
        fonts = page_claims(measured["fonts"])
        if self._page_entry.claims.clashes(fonts):
            self.font_redraws += 1
            self._other_page(fonts)
            return self._render_once(html, factors, style)  # the other page's process never drew clashing sizes
        self._page_entry.claims.add(fonts)
        png = calls.screenshot()
        width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")  # PNG IHDR
        return Rendered(image=png, width=width, height=height, nodes=measured_nodes(measured),
                        blocked_requests=self.blocked - blocked_before,
                        source=html.encode("utf-8") if self.keep_source else None)

    def _other_page(self, fonts: dict[int, set[int]]) -> None:
        """Make the page to draw again in a sample whose text sizes `fonts` clash with the page's process: the spare
        when its process has not drawn clashing sizes either (warm: drawing again there costs one sample), else a
        fresh page (a fresh process: about 3x a sample, and slower samples after it while its caches fill). The page
        left becomes the spare (a page of the same style: a restyle or recycle closes both)."""
        spare = self._spare
        if spare is not None and not spare.claims.clashes(fonts):
            log.info("a text size shares a font-cache key with one drawn earlier: drawing the sample in the spare page")
            self._page_entry, self._spare = spare, self._page_entry
            return
        log.info("a text size shares a font-cache key with one drawn earlier: drawing the sample in a fresh page")
        if spare is not None:
            self._close_context(spare.context)
        self._page_entry, self._spare = None, self._page_entry


def measured_nodes(measured: dict) -> dict[str, NodeMeasure]:
    """The measuring script's result (CSS pixels) -> one NodeMeasure per node, boxes in device pixels."""
    dpr = measured["dpr"]
    nodes = {}
    for m in measured["elements"]:
        scale = lambda b: (b[0] * dpr, b[1] * dpr, b[2] * dpr, b[3] * dpr)  # noqa: E731
        cls = canonical_class(m)
        if cls == "link" and m.get("pfull"):  # a padded link: its words grown by its padding (measure.js)
            m = {**m, "full": m["pfull"], "vis": m["pvis"], "frac": m["pfrac"]}
        elif cls in TEXT_EXTENT and m.get("tfull"):  # boxed by its text (an element without visible text: by itself)
            m = {**m, "full": m["tfull"], "vis": m["tvis"], "frac": m["tfrac"]}
        nodes[m["nid"]] = NodeMeasure(
            nid=m["nid"], visible=m["vis"] is not None, bbox=scale(m["vis"]) if m["vis"] else None,
            full_bbox=scale(m["full"]), visible_fraction=max(0.0, min(1.0, m["frac"])), text=m["text"],
            source_type=source_type(m), cls=cls, state=m["state"], parent=m["parent"],
        )
    return nodes
