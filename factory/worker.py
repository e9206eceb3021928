"""A render worker: one process, one renderer, shard after shard, each committed atomically, reporting to the
supervisor (factory.supervisor) on a pipe of its own.

Sample i always lands in shard i // shard_size at position i % shard_size, whichever worker renders it.
"""

from __future__ import annotations

import os
import signal
import sys
import traceback
from collections import Counter
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Callable, Iterable

from factory import failpoints
from factory.config import JobOptions, RenderConfig
from factory.shards import ShardPaths, ShardWriter


def shard_name(cfg: RenderConfig, shard: int) -> str:
    return f"{cfg.prefix}-{shard:06d}"


def render_shard(cfg: RenderConfig, shard: int, out: Path, renderer, version: str, fingerprint: str,
                 progress: Callable[[int], None]) -> dict:
    """Render one shard's samples in order and commit it atomically; returns its part record. With --episodes
    the shard's indices are layouts, each written as its episode's steps (factory.episode_samples)."""
    from factory.sample import render_samples

    indices = cfg.shard_range(shard)
    todo: Iterable[int] = failpoints.inject(indices, out) if failpoints.armed() else indices  # reliability tests
    writer = ShardWriter(ShardPaths(out, shard_name(cfg, shard)), episodes=Counter() if cfg.episodes else None)
    try:
        if cfg.episodes:
            from factory.episode_samples import step_samples

            for n, index in enumerate(todo, 1):
                for sample in step_samples(cfg, index, renderer, version, writer.episodes):
                    writer.write(sample)
                progress(n)
        else:
            for n, sample in enumerate(render_samples(cfg, todo, renderer, version), 1):
                writer.write(sample)
                progress(n)
        return writer.commit(fingerprint, indices)
    except BaseException as e:
        writer.abort()
        if isinstance(e, OSError) and e.filename is None:
            e.filename = str(writer.writing)  # a failed buffered write does not say which file it was
        raise


def die_with_parent() -> None:
    """Linux: the kernel kills this process if its parent dies, so no orphan keeps a browser alive."""
    if sys.platform.startswith("linux"):
        import ctypes

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


class CodeChanged(Exception):
    """Raised by a Ray actor whose code is not the render's (code_changed says why): the driver stops at once."""


def code_changed(cfg: RenderConfig, version: str, fingerprint: str) -> str:
    """"" when this process draws with the code the render started with, else why it must not draw.
    A spawned worker imports the code on disk when it starts (a replacement for a dead or hung one, hours into a
    render): an edit to a grammar, template or labeller since the render began would put samples of two
    generators in one dataset whose manifest names one (factory.code_hash)."""
    if cfg.shard_fingerprint(version) == fingerprint:
        return ""
    return ("a worker's code is not the code this render started with (its code hash differs: the code on disk "
            "changed after the render began), so its samples would be drawn by another generator than the rest of "
            "the dataset. Undo the edit and rerun the same command to resume; or keep it and rerun: the render "
            "then starts over with the new code (finished shards of the old code are not reused)")


def worker_main(wid: int, cfg: RenderConfig, out: str, version: str, fingerprint: str, opts: JobOptions,
                tasks, conn: Connection) -> None:
    """A worker process's body: open the renderer, then render each shard number `tasks` yields until None.
    Events sent on `conn` (synchronously: no feeder thread that could die holding a lock): ready, start,
    progress, done (with the renderer's relaunch count), oserror, error; code_changed (and nothing else) when the
    code on disk is not the code the render started with (code_changed)."""
    from renderers import RENDERERS

    die_with_parent()
    if why := code_changed(cfg, version, fingerprint):
        conn.send(("code_changed", wid, why))
        return
    shard = None
    try:
        spec = RENDERERS.get(cfg.renderer)
        with spec.open(timeout_s=opts.timeout_s, recycle_every=opts.recycle_every,
                       keep_source=cfg.keep_source) as renderer:
            conn.send(("ready", wid, os.getpid()))
            while (shard := tasks.get()) is not None:
                conn.send(("start", wid, shard))
                record = render_shard(cfg, shard, Path(out), renderer, version, fingerprint,
                                      lambda n, s=shard: conn.send(("progress", wid, s, n)))
                conn.send(("done", wid, shard, record, renderer.restarts))
    except OSError as e:  # the machine's fault (a full disk...), not a bug: one message, no traceback
        conn.send(("oserror", wid, shard, e.errno, e.strerror or str(e), e.filename))
    except BaseException as e:  # noqa: BLE001 - reported to the supervisor, which stops the job loudly
        conn.send(("error", wid, shard, f"{type(e).__name__}: {e}", traceback.format_exc()))
