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

log = logging.getLogger(__name__)


class PageFailed(RuntimeError):
    """The page crashed, or did not answer a call within the deadline."""


class PageCalls:
    """CDP commands and page functions on one page, each bounded by `timeout_ms`."""

    def __init__(self, page, cdp, timeout_ms: float):
        self.cdp = cdp
        self.timeout_ms = timeout_ms
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
        reply = self.send("Runtime.evaluate", {"expression": call, "awaitPromise": True, "returnByValue": True,
                                               "userGesture": True})
        if "exceptionDetails" in reply:
            details = reply["exceptionDetails"]
            raise RuntimeError("a page script threw: "
                               f"{details.get('exception', {}).get('description') or details['text']}")
        return reply["result"].get("value")

    def screenshot(self) -> bytes:
        """The page as drawn, a PNG at device pixels (CDP's capture: a new frame, encoded for speed)."""
        shot = self.send("Page.captureScreenshot", {"format": "png", "optimizeForSpeed": True})
        return base64.b64decode(shot["data"])
