"""The supervisor hears every live worker even after one died in the middle of a report.

With one multiprocessing.Queue shared by all workers this hung: a worker that died while its feeder thread held
the queue's write lock left every other writer blocked for good (CI saw `render` hang on an `exit@N` failpoint).
Each worker now reports on its own pipe; these stand-in workers die in the worst places.
"""

from __future__ import annotations

import os
import struct
import time

from factory.config import RenderConfig
from factory.config import JobOptions
from factory.supervisor import _Pool


def _flood_then_die(wid, cfg, out, version, fingerprint, opts, tasks, conn) -> None:
    for i in range(500):
        conn.send(("progress", wid, 0, i, "x" * 2000))
    os.write(conn.fileno(), struct.pack("!i", 10_000) + b"half a message")  # dies mid-message
    os._exit(17)


def _report_ready(wid, cfg, out, version, fingerprint, opts, tasks, conn) -> None:
    conn.send(("ready", wid, os.getpid()))
    tasks.get()  # stays alive until the pool closes


def _pool(tmp_path, target) -> _Pool:
    pool = _Pool(RenderConfig(renderer="game", style="neon", count=1), tmp_path, "v", "f", JobOptions())
    pool.target = target
    return pool


def _receive_until(pool: _Pool, want, seconds: float) -> list[tuple]:
    seen, deadline = [], time.monotonic() + seconds
    while time.monotonic() < deadline and not want(seen):
        seen += pool.receive(timeout=0.2)
    return seen


def test_a_worker_dying_mid_report_blocks_no_one(tmp_path):
    pool = _pool(tmp_path, _flood_then_die)
    try:
        pool.spawn()
        dying = pool.workers[0]
        seen = _receive_until(pool, lambda s: dying.gone, 60)
        assert dying.gone and dying.dead(), "the broken pipe marks the worker gone"
        assert [e[3] for e in seen] == list(range(500)), "every whole report before the death arrives, in order"
        pool.target = _report_ready
        pool.spawn()
        seen = _receive_until(pool, lambda s: any(e[0] == "ready" for e in s), 60)
        assert ("ready", 1) in [e[:2] for e in seen], "the replacement is heard"
    finally:
        pool.close()


def test_killed_worker_reads_as_gone_and_others_still_report(tmp_path):
    pool = _pool(tmp_path, _report_ready)
    try:
        pool.spawn()
        pool.spawn()
        seen = _receive_until(pool, lambda s: len(s) == 2, 60)
        assert sorted(e[1] for e in seen) == [0, 1]
        pool.workers[0].proc.kill()
        pool.workers[0].proc.join(10)
        _receive_until(pool, lambda s: pool.workers[0].gone, 10)
        assert pool.workers[0].dead() and not pool.workers[1].dead()
    finally:
        pool.close()
