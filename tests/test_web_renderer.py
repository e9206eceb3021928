"""The web renderer and annotator against real Chromium: invariants for every style, safety, recovery."""

from __future__ import annotations

import dataclasses
from functools import partial

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from factory.config import RenderConfig
from factory.core.layout import Layout, Node
from factory.sample import make_layout
from renderers import RENDERERS
from tests.invariants import check_invariants, make_factors, render_annotated

pytestmark = pytest.mark.browser
SPEC = RENDERERS.get("web")
STYLES = SPEC.styles.names()


render = partial(render_annotated, "web")
_factors = partial(make_factors, "web")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(index=st.integers(0, 10**9), style=st.sampled_from(STYLES))
def test_annotation_invariants_property(web_renderer, index, style):
    cfg = RenderConfig(renderer="web", style=style, count=index + 1)
    _, layout, factors = make_layout(cfg, index)
    check_invariants(layout, *render(web_renderer, layout, style, factors))


def test_same_inputs_same_annotations_and_pixels(web_renderer):
    cfg = RenderConfig(renderer="web", style="material", count=5)
    _, layout, factors = make_layout(cfg, 4)
    a = render(web_renderer, layout, "material", factors)
    b = render(web_renderer, layout, "material", factors)
    assert a[0].image == b[0].image
    assert a[2].elements == b[2].elements


def test_generated_text_is_escaped(web_renderer):
    evil = '<img src="http://127.0.0.1:9/x.png" onerror="document.body.innerHTML=1"><b>bold</b> & "q"'
    root = Node("n0", "screen", children=(
        Node("n1", "heading", text=evil, props={"level": 1}),
        Node("n2", "button", text=evil, props={"variant": "primary"}),
        Node("n3", "text_input", props={"placeholder": evil, "value": evil, "state": {"filled": True}}),
    ))
    layout = Layout("handmade", root, "en_US", "desktop")
    out, pixels, ann = render(web_renderer, layout, "material", _factors())
    assert out.blocked_requests == 0, "escaped markup must not load anything"
    texts = {e.cls: e.text for e in ann.elements}
    assert texts["heading"] == evil
    assert texts["button"] == evil
    assert texts["text_input"] == evil
    assert set(out.nodes) == {"n0", "n1", "n2", "n3"}, "no injected elements"


def test_network_requests_are_aborted_and_counted(web_renderer):
    page, _ = web_renderer._page()
    before = web_renderer.blocked
    page.set_content('<img src="http://127.0.0.1:9/a.png"><link rel="stylesheet" href="https://example.invalid/x.css">',
                     wait_until="load")
    assert web_renderer.blocked - before == 2


def test_crashed_page_is_recovered_with_identical_output(web_renderer):
    cfg = RenderConfig(renderer="web", style="material", count=3)
    _, layout, factors = make_layout(cfg, 2)
    before, _, _ = render(web_renderer, layout, "material", factors)
    page, _ = web_renderer._page()
    with pytest.raises(Exception):
        page.goto("chrome://crash", timeout=5000)
    restarts = web_renderer.restarts
    after, _, _ = render(web_renderer, layout, "material", factors)
    assert web_renderer.restarts == restarts + 1
    assert after.image == before.image


def _within(seconds: float, scenario, **renderer_kw):
    """scenario(renderer) run with a fresh web renderer in a thread of its own (Playwright's sync API stays in the
    thread that started it): its result, or a failure once `seconds` have passed, so that a hang fails the test."""
    import threading

    from renderers.web.renderer import WebRenderer

    result = {}

    def run():
        try:
            with WebRenderer(**renderer_kw) as renderer:
                result["value"] = scenario(renderer)
        except BaseException as e:  # noqa: BLE001 - handed to the test's thread, raised there
            result["error"] = e

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"the renderer still waits after {seconds} s: a call into the page has no deadline"
    if "error" in result:
        raise result["error"]
    return result["value"]


def test_crashed_page_fails_the_waiting_cdp_call_at_once():
    """A render at another size begins with a CDP call of ours (the device metrics), which a crashed page never
    answers (e9d597f: the suite hung on it): the crash fails it at once and the render is drawn again."""
    import time

    cfg = RenderConfig(renderer="web", style="material", count=3)
    _, layout, factors = make_layout(cfg, 2)
    other = dataclasses.replace(factors, viewport_w=factors.viewport_w + 40)

    def scenario(renderer):
        before, _, _ = render(renderer, layout, "material", factors)
        render(renderer, layout, "material", other)
        page, _ = renderer._page()
        with pytest.raises(Exception):
            page.goto("chrome://crash", timeout=5000)
        restarts, start = renderer.restarts, time.monotonic()
        after, _, _ = render(renderer, layout, "material", factors)
        return before, after, renderer.restarts - restarts, time.monotonic() - start

    before, after, restarts, seconds = _within(120, scenario, timeout_s=30)
    assert restarts == 1
    assert seconds < 15, f"recovered after {seconds:.1f} s: the crash did not fail the waiting call (deadline 30 s)"
    assert after.image == before.image


def test_hung_page_is_recovered_at_the_deadline():
    """A page whose script never yields answers no call (page.evaluate has no timeout): the render's first call
    fails at the renderer's deadline, and the render is drawn again on a fresh page."""
    import time

    cfg = RenderConfig(renderer="web", style="material", count=3)
    _, layout, factors = make_layout(cfg, 2)

    def scenario(renderer):
        before, _, _ = render(renderer, layout, "material", factors)
        page, _ = renderer._page()
        page.evaluate("() => { setTimeout(() => { for (;;) {} }, 0); }")  # from the next task on, it spins
        restarts, start = renderer.restarts, time.monotonic()
        after, _, _ = render(renderer, layout, "material", factors)
        return before, after, renderer.restarts - restarts, time.monotonic() - start

    before, after, restarts, seconds = _within(120, scenario, timeout_s=10)
    assert restarts == 1
    assert seconds >= 10, f"recovered after {seconds:.1f} s, before the 10 s deadline: the page did not hang"
    assert after.image == before.image


def test_a_page_function_that_throws_names_its_error(web_renderer):
    _, calls = web_renderer._page()
    with pytest.raises(RuntimeError, match="a page script threw: Error: no such widget"):
        calls.evaluate("name => { throw new Error(`no such ${name}`); }", "widget")


def test_unknown_role_names_renderer_and_role(web_renderer):
    from renderers.base import RendererError

    root = Node("n0", "screen", children=(Node("n1", "crosshair"),))
    with pytest.raises(RendererError, match="web renderer cannot draw role 'crosshair'"):
        web_renderer.render(Layout("handmade", root, "en_US", "desktop"), SPEC.styles.get("material"), _factors())


def _browser_main_pids() -> list[int]:
    """Chromium main processes (no --type=) descended from this test process."""
    import os
    from pathlib import Path

    parent = {}
    for p in Path("/proc").iterdir():
        if p.name.isdigit():
            try:
                parent[int(p.name)] = int((p / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    me, found = os.getpid(), []
    for pid in parent:
        q = pid
        while q in parent and q not in (0, 1, me):
            q = parent[q]
        if q != me:
            continue
        try:
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"chrom" in argv[0] and not any(a.startswith(b"--type=") for a in argv):
            found.append(pid)
    return found


def test_killed_browser_is_relaunched_with_identical_output(web_renderer):
    import os
    import signal

    cfg = RenderConfig(renderer="web", style="material", count=8)
    _, layout, factors = make_layout(cfg, 7)
    before, _, _ = render(web_renderer, layout, "material", factors)
    pids = _browser_main_pids()
    assert pids, "no browser process found"
    for pid in pids:
        os.kill(pid, signal.SIGKILL)
    restarts = web_renderer.restarts
    after, _, _ = render(web_renderer, layout, "material", factors)
    assert web_renderer.restarts > restarts
    assert after.image == before.image
    assert set(_browser_main_pids()).isdisjoint(pids)


def test_pipelined_rendering_equals_one_by_one(web_renderer):
    from factory.sample import render_sample, render_samples

    cfg = RenderConfig(renderer="web", style="fluent", count=6, seed=5)
    version = "test"
    piped = list(render_samples(cfg, range(6), web_renderer, version))
    single = [render_sample(cfg, i, web_renderer, version) for i in range(6)]
    assert [s.record.to_json() for s in piped] == [s.record.to_json() for s in single]
    assert [s.image for s in piped] == [s.image for s in single]
    assert [s.drops for s in piped] == [s.drops for s in single]
