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


# A fixed brand (a round badge: anti-aliased edges, and a word) beside a fixed menu that scrolls, in a flex page whose
# tall content comes after a script: the parser stops at the script, and Chromium draws a frame of the sidebar alone.
LOADING_FRAME_PAGE = """<!doctype html><html><head><meta charset="utf-8"><style>
body { margin: 0; font: 16px/24px sans-serif; }
.page { display: flex; min-height: 100vh; }
.side { width: 240px; flex: none; }
.brand { position: fixed; top: 17px; left: 30px; display: flex; align-items: center; padding: 4px; }
.badge { width: 32px; height: 32px; border-radius: 16px; background: #5755d9; margin-right: 10px; }
.menu { position: fixed; top: 70px; bottom: 30px; width: 180px; padding: 10px 30px; overflow-y: auto; }
.main { flex: auto; height: 2000px; }
</style></head><body><div class="page"><div class="side">
<div class="brand"><div class="badge"></div><b>BRAND</b></div>
<div class="menu">%s</div></div>
%s<div class="main"><p>Text</p></div></div>
</body></html>"""


def test_a_screen_does_not_depend_on_the_frames_drawn_while_the_page_loaded(tmp_path):
    """Chromium kept the composited layers of the frame it drew while the parser waited for a script (the badge in
    a layer of its own) after the page had loaded (the badge in one with the menu), and rastered the badge's edge a
    few levels apart from the same page drawn without that frame: 6 pixels, a different PNG (spectre-docs' logo, in
    some builds and not others). Shot from layers worked out afresh, both pages give the same bytes."""
    from renderers.web.offline_routes import OfflineRoutes

    items = "".join(f"<p>Item {i}</p>" for i in range(40))
    blocked, plain = tmp_path / "blocked.html", tmp_path / "plain.html"
    blocked.write_text(LOADING_FRAME_PAGE % (items, '<script src="https://cdn.example.test/slow.js"></script>\n'),
                       encoding="utf-8")
    plain.write_text(LOADING_FRAME_PAGE % (items, ""), encoding="utf-8")

    def make_routes():
        routes = OfflineRoutes()

        def slow(route):  # the script is refused (offline) after a while: frames are drawn in between
            if route.request.url.endswith("/slow.js"):
                time.sleep(0.2)
            routes(route)
        slow.counts = routes.counts
        return slow

    first, second = _first_screens(make_routes, [blocked, plain], (800, 600))
    assert first == second, "the screen of the page that drew a frame while loading differs"


def _first_screens(make_routes, pages, viewport: tuple[int, int]) -> list[bytes]:
    """The PNG of each page's first screen, shot in a thread of its own (see the first test)."""
    from renderers.web.real_pages import RealPages, file_url

    result = {}

    def run():
        try:
            with RealPages(make_routes, timeout_s=20, max_retries=0) as rp:
                result["pngs"] = [rp.shoot(file_url(p), viewport, [0])[0].png for p in pages]
        except BaseException as e:  # noqa: BLE001 - handed to the test's thread
            result["error"] = e

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(90)
    assert not thread.is_alive() and "error" not in result, result
    return result["pngs"]


# A progress bar whose value a timer of the page sets, drawn with a long transition of its value part.
PROGRESS_PAGE = """<!doctype html><html><head><meta charset="utf-8"><style>
body { margin: 20px; } progress { display: block; width: 400px; height: 20px; appearance: none; border: 0; }
progress::-webkit-progress-bar { background: #eee; }
progress::-webkit-progress-value { background: #1e87f0; %s }
</style></head><body><progress max="100" value="0"></progress>
<script>setTimeout(() => { document.querySelector("progress").value = 60; }, 500);</script></body></html>"""


def test_the_parts_of_form_controls_do_not_move_when_shot(tmp_path):
    """STILL_CSS cuts animations and transitions to zero length, but `*` does not reach the parts that form controls
    draw inside themselves: UIkit's progress bar grew its value by a 0.6 s transition (real time, not the page's fake
    clock), and the capture caught it at its start in some builds and at its end in others."""
    from renderers.web.offline_routes import OfflineRoutes

    moving, still = tmp_path / "moving.html", tmp_path / "still.html"
    moving.write_text(PROGRESS_PAGE % "transition: width 30s linear;", encoding="utf-8")
    still.write_text(PROGRESS_PAGE % "", encoding="utf-8")
    first, second = _first_screens(lambda: OfflineRoutes(), [moving, still], (480, 100))
    assert first == second, "the progress bar was shot in the middle of its transition"
