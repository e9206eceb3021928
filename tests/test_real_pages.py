"""Real pages' time limits (renderers/web/real_pages.py): a page that never yields fails at the deadline."""

from __future__ import annotations

import threading
import time

import pytest

pytestmark = pytest.mark.browser


def test_a_page_that_spins_under_the_fake_clock_fails_at_the_deadline(tmp_path):
    """A timer of the page that never returns runs inside Playwright's fake clock (context.clock.run_for, which
    takes no timeout): the page load waited for ever. It fails with a clear error at the deadline instead."""
    from renderers.base import RendererError
    from renderers.web.offline_routes import OfflineRoutes
    from renderers.web.real_pages import RealPages, file_url

    page = tmp_path / "spin.html"
    page.write_text("<!doctype html><html><body><p>Spinning</p><script>setTimeout(() => { for (;;) {} }, 10);"
                    "</script></body></html>", encoding="utf-8")
    result = {}

    def run():  # a thread of its own: Playwright's sync API runs one instance per thread (see _within)
        start = time.monotonic()
        try:
            with RealPages(lambda: OfflineRoutes(), timeout_s=5, max_retries=0) as rp:
                rp.shoot(file_url(page), (640, 400), [0])
        except BaseException as e:  # noqa: BLE001 - handed to the test's thread
            result["error"] = e
        result["seconds"] = time.monotonic() - start

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(90)
    assert not thread.is_alive(), "still waiting after 90 s: the fake clock's call has no deadline"
    assert isinstance(result.get("error"), RendererError), result
    assert "within 5 s" in str(result["error"]), result["error"]
    assert result["seconds"] < 45, result
