"""The supervisor hears every live worker even after one died in the middle of a report.

With one multiprocessing.Queue shared by all workers this hung: a worker that died while its feeder thread held
the queue's write lock left every other writer blocked for good (CI saw `render` hang on an `exit@N` failpoint).
Each worker now reports on its own pipe; these stand-in workers die in the worst places.
"""

from __future__ import annotations

import os
import struct
import time
from pathlib import Path

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


def _litter_then_report(wid, cfg, out, version, fingerprint, opts, tasks, conn) -> None:
    """Leaves a file in its temporary folder, as a browser's profile or Chromium's scratch files, then waits."""
    import tempfile

    path = os.path.join(tempfile.gettempdir(), "scratch")
    with open(path, "w") as f:
        f.write("x")
    conn.send(("ready", wid, os.getpid(), path))
    tasks.get()


def test_each_worker_has_its_own_temporary_folder_removed_when_it_is_killed_or_ends(tmp_path):
    pool = _pool(tmp_path, _litter_then_report)
    try:
        pool.spawn()
        pool.spawn()
        seen = _receive_until(pool, lambda s: len(s) == 2, 60)
        paths = {e[1]: e[3] for e in seen}
        assert {os.path.dirname(p) for p in paths.values()} == {pool.workers[0].tmp, pool.workers[1].tmp}
        assert all(os.path.exists(p) for p in paths.values()), "each worker writes into a folder of its own"
        pool.kill(0)  # as the supervisor kills a hung worker, which cannot clean up after itself
        assert not os.path.exists(os.path.dirname(paths[0])) and os.path.exists(paths[1])
    finally:
        pool.close()
    assert not os.path.exists(os.path.dirname(paths[1])), "a worker's folder goes when the pool closes"


def test_folders_of_a_killed_supervisor_are_swept_and_nothing_else(tmp_path):
    import subprocess

    from factory.supervisor import WORKER_TMP_PREFIX, sweep_stale_worker_dirs

    dead = subprocess.Popen(["true"])
    dead.wait()  # a pid that ran and ended: its supervisor is gone
    stale = tmp_path / f"{WORKER_TMP_PREFIX}{dead.pid}-0-abc"
    live = tmp_path / f"{WORKER_TMP_PREFIX}{os.getpid()}-1-abc"  # a running job's
    other = tmp_path / "gui-factory-worker-notes"  # not ours by name
    target = tmp_path / "kept"
    for d in (stale, live, other, target):
        d.mkdir()
        (d / "f").write_text("x")
    link = tmp_path / f"{WORKER_TMP_PREFIX}{dead.pid}-1-link"
    link.symlink_to(target)  # a link is never followed nor removed
    assert sweep_stale_worker_dirs(str(tmp_path)) == [str(stale)]
    assert not stale.exists() and (live / "f").exists() and (other / "f").exists() and (target / "f").exists()
    assert link.is_symlink()


def test_a_ray_actor_has_its_own_temporary_folder_and_sweeps_a_dead_ones(tmp_path, monkeypatch):
    """Ray's actors (factory.ray_executor) get the local workers' folders too: named after the actor's own process,
    removed at close; an actor killed before close leaves its folder to the next actor started on the machine."""
    import subprocess
    import tempfile

    from factory.ray_executor import _ShardActor
    from factory.supervisor import WORKER_TMP_PREFIX

    # The actor sets TMPDIR and tempfile's cache for its process, here the test's: setenv records the old state (unset
    # too: delenv of an unset name records nothing), so both come back; else later browsers start in a removed folder.
    monkeypatch.setenv("TMPDIR", tempfile.gettempdir())
    monkeypatch.setattr(tempfile, "tempdir", None)
    dead = subprocess.Popen(["true"])
    dead.wait()
    stale = Path(tempfile.gettempdir()) / f"{WORKER_TMP_PREFIX}{dead.pid}-ray-test"
    stale.mkdir()
    (stale / "playwright_chromiumdev_profile-x").mkdir()
    actor = _ShardActor(RenderConfig(renderer="game", style="neon", count=1), str(tmp_path), "v", "f", JobOptions(),
                        None)
    try:
        assert not stale.exists(), "a dead actor's folder is removed when the next one starts"
        assert Path(actor.tmp).name.startswith(f"{WORKER_TMP_PREFIX}{os.getpid()}-ray-")
        assert os.environ["TMPDIR"] == actor.tmp and tempfile.gettempdir() == actor.tmp
    finally:
        actor.close()
    assert not Path(actor.tmp).exists()


def test_a_worker_whose_code_is_not_the_renders_draws_nothing(tmp_path):
    """A worker spawned after the code on disk changed (a replacement, hours into a render) would draw samples of
    another generator into the same dataset. It computes the fingerprint of the code it imported; the render stops
    with one message naming the cause and the way out, before any renderer opens or any shard is written."""
    from factory.supervisor import RenderFailed, render_shards
    from factory.worker import code_changed

    cfg = RenderConfig(renderer="game", style="neon", count=2)
    assert code_changed(cfg, "v", cfg.shard_fingerprint("v")) == ""  # the code it started with: draws
    out = tmp_path / "out"
    out.mkdir()
    started = time.monotonic()
    try:  # the fingerprint of other code: what the render's own would be after an edit to a grammar
        render_shards(cfg, out, "v", "0" * 16, JobOptions(workers=1), [0], lambda *a: None)
    except RenderFailed as e:
        message = str(e)
    else:
        raise AssertionError("the render went on with a worker of other code")
    assert "code on disk changed after the render began" in message and "rerun the same command" in message
    assert "Traceback" not in message
    assert time.monotonic() - started < 60  # stopped at once, not after the restarts of a dying worker
    assert not any(out.rglob("*")), "nothing written"
