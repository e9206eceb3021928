"""Calls into a page that cannot wait for ever: CDP commands and page functions with a deadline.

Chromium never answers a CDP command sent to a crashed page (or one that a hung page never gets to), and Playwright
fails the calls of its own session when a page crashes, not those of a CDPSession of ours: such a call waited for ever
(e9d597f). page.evaluate has no timeout at all (microsoft/playwright#13253). So every call goes over our CDP session
with CDPSession.send's timeout (Playwright >= 1.65), page functions as Runtime.evaluate, sent as page.evaluate sends
them (awaited, by value, as a user gesture); and a page that crashes is closed at once, which fails a call waiting
on it at once instead of at its deadline. Either way the call raises PageFailed, and the renderer recovers (a fresh
page, the sample drawn again). A dead browser or driver fails the call by itself (Playwright fails the calls of a
closed connection); Playwright's own calls that take no timeout are bounded by renderers.web.browser.Chromium.
"""

from __future__ import annotations

import base64
import json
import logging
import math
import time

log = logging.getLogger(__name__)


class PageFailed(RuntimeError):
    """The page crashed, or did not answer a call within the deadline."""


# A frame asked for right after the view changed size comes without a screenshot (the surface is being resized): asked
# again, the next one has it (one extra frame per size change, measured). More than this many means something is wrong.
FRAME_TRIES = 5
PENDING = "__gfPendingCall"  # the window property a page function's outcome is left in when frames come on demand


class PageCalls:
    """CDP commands and page functions on one page, each bounded by `timeout_ms`. `frames_on_demand`: the browser
    draws only the frames asked for (renderers.web.browser.FRAMES_ON_DEMAND_ARGS), so the screenshot is such a frame,
    and a page function that awaits animation frames (a web component kit's readiness) is given frames until it has
    settled."""

    def __init__(self, page, cdp, timeout_ms: float, frames_on_demand: bool = False):
        self.cdp = cdp
        self.timeout_ms = timeout_ms
        self.frames_on_demand = frames_on_demand
        self.viewport: tuple[int, int, float] | None = None  # (width, height, ratio) of the last set_viewport
        self.crashed = False
        page.on("crash", self._on_crash)

    def _on_crash(self, page) -> None:
        self.crashed = True
        try:
            page.close()  # fails the call waiting on the page (Target.detachedFromTarget ends our session)
        except Exception as e:  # noqa: BLE001 - an event handler's exception would only reach asyncio's log
            log.warning("closing a crashed page failed: %s", e)

    def send(self, method: str, params: dict | None = None) -> dict:
        from playwright.sync_api import Error, TimeoutError

        if self.crashed:
            raise PageFailed(f"{method}: the page has crashed")
        try:
            return self.cdp.send(method, params, timeout=self.timeout_ms)
        except TimeoutError as e:
            raise PageFailed(f"{method}: no answer from the page within {self.timeout_ms / 1000:g} s (hung or "
                             f"crashed)") from e
        except Error as e:
            if self.crashed:
                raise PageFailed(f"{method}: the page crashed") from e
            raise

    def evaluate(self, function: str, arg=None):
        """page.evaluate(function, arg) with the deadline: the JS function `function` called with `arg` (JSON) in the
        page's main world, its promise awaited; its result by value."""
        call = f"(\n{function}\n)({'' if arg is None else json.dumps(arg)})"
        if self.frames_on_demand:
            return self._evaluate_giving_frames(call)
        return _value(self.send("Runtime.evaluate", {"expression": call, "awaitPromise": True, "returnByValue": True,
                                                     "userGesture": True}))

    def _evaluate_giving_frames(self, call: str):
        """`call` started, then frames that draw nothing (their animation-frame callbacks, style and layout run) given
        until its promise has settled: awaited as one CDP call, a function awaiting a frame would wait for ever."""
        start = (f"window.{PENDING} = undefined; Promise.resolve().then(() => {call}).then("
                 f"value => {{ window.{PENDING} = {{value}}; }}, e => {{ window.{PENDING} = {{error: String(e && "
                 f"e.stack || e)}}; }}); 0")
        _value(self.send("Runtime.evaluate", {"expression": start, "returnByValue": True, "userGesture": True}))
        deadline = time.monotonic() + self.timeout_ms / 1000
        while True:
            outcome = _value(self.send("Runtime.evaluate", {"expression": f"window.{PENDING}", "returnByValue": True}))
            if outcome is not None:
                if "error" in outcome:
                    raise RuntimeError(f"a page script threw: {outcome['error']}")
                return outcome.get("value")
            if time.monotonic() > deadline:
                raise PageFailed(f"a page function did not settle within {self.timeout_ms / 1000:g} s")
            self.send("HeadlessExperimental.beginFrame", {"noDisplayUpdates": True})

    def set_viewport(self, width: int, height: int, dpr: float) -> None:
        """The page's viewport in CSS pixels and its device pixel ratio; screenshots come at device pixels. The page's
        document may be left blank with frames on demand (see below); the caller writes the next one.

        With frames on demand the view itself is made width x dpr by height x dpr device pixels, the page scaled
        into it (what Page.captureScreenshot does for each capture of an emulated ratio). And every change of ratio
        starts from the same state: a blank document drawn once at ratio 1. Without that, a page drawn after one at
        ratio 2 or 3 came out with a few pixels along raster tile edges 1-7 levels off (measured: material at 1 or 1.25
        after a phone screen), so a sample's pixels depended on the sample before it; with it, every sample drawn
        after one of each ratio equals the sample drawn in a fresh page (tests/test_web_renderer.py).

        The view set last is remembered: setting it again sends nothing."""
        if (width, height, dpr) == self.viewport:
            return
        metrics = {"width": width, "height": height, "deviceScaleFactor": dpr, "mobile": False}
        if not self.frames_on_demand:
            self.send("Emulation.setDeviceMetricsOverride", metrics)
        else:
            if self.viewport is None or dpr != self.viewport[2]:
                self.viewport = None  # (a failure from here on leaves the view unknown)
                _value(self.send("Runtime.evaluate", {"expression": "document.open(); document.close(); 0"}))
                self._view({**metrics, "deviceScaleFactor": 1}, 1)
                self.send("HeadlessExperimental.beginFrame", {})
            self._view(metrics, dpr)
        self.viewport = (width, height, dpr)

    def forget_viewport(self) -> None:
        """The page did not lay out at the view set last: the next set_viewport sets it again, from a blank page."""
        self.viewport = None

    def _view(self, metrics: dict, scale: float) -> None:
        self.send("Emulation.setDeviceMetricsOverride", {**metrics, "scale": scale, "dontSetVisibleSize": True})
        self.send("Emulation.setVisibleSize", {"width": math.ceil(metrics["width"] * scale),
                                               "height": math.ceil(metrics["height"] * scale)})

    def screenshot(self) -> bytes:
        """The page as drawn, a PNG at device pixels, encoded for speed: a frame drawn for it (frames on demand), else
        CDP's capture (which draws a new frame too)."""
        if not self.frames_on_demand:
            shot = self.send("Page.captureScreenshot", {"format": "png", "optimizeForSpeed": True})
            return base64.b64decode(shot["data"])
        for _ in range(FRAME_TRIES):
            frame = self.send("HeadlessExperimental.beginFrame",
                              {"screenshot": {"format": "png", "optimizeForSpeed": True}})
            if "screenshotData" in frame:
                return base64.b64decode(frame["screenshotData"])
        raise PageFailed(f"{FRAME_TRIES} frames in a row came without a screenshot")


def _value(reply: dict):
    """A Runtime.evaluate reply's value; a script's exception raised, with its description."""
    if "exceptionDetails" in reply:
        details = reply["exceptionDetails"]
        raise RuntimeError(f"a page script threw: {details.get('exception', {}).get('description') or details['text']}")
    return reply["result"].get("value")
