"""Progress where no terminal is attached (a cluster job's log): a plain line every 30 s, rate and ETA right."""

from __future__ import annotations

import io

from rich.console import Console

from factory import progress


def test_plain_lines_every_interval_with_rate_and_eta(monkeypatch):
    out = io.StringIO()
    monkeypatch.setattr(progress, "console", Console(file=out, force_terminal=False, width=60))
    now = [100.0]
    update = progress.plain_progress(every_s=30, clock=lambda: now[0])
    update(200, 1200)  # 200 samples kept from an earlier run: not in the rate
    for t, done in ((10, 300), (31, 400), (45, 500), (61, 600), (90, 1200)):
        now[0] = 100.0 + t
        update(done, 1200)
    lines = out.getvalue().splitlines()
    assert lines == [
        "rendering: 400/1,200 (33.3%)  6.45 samples/s  elapsed 0:00:31  ETA 0:02:04",
        "rendering: 600/1,200 (50.0%)  6.56 samples/s  elapsed 0:01:01  ETA 0:01:31",
        "rendering: 1,200/1,200 (100.0%)  11.11 samples/s  elapsed 0:01:30  ETA 0:00:00",
    ], lines  # one line per 30 s however often update is called, the last at completion, never wrapped


def test_render_progress_is_plain_without_a_terminal(monkeypatch):
    out = io.StringIO()
    monkeypatch.setattr(progress, "console", Console(file=out, force_terminal=False))
    with progress.render_progress(10) as update:
        update(0, 10)
        update(10, 10)
    assert out.getvalue().startswith("rendering: 10/10 (100.0%)") and "\x1b[" not in out.getvalue()
