"""Worker processes and their supervisor: shards go to idle workers; a worker that dies or falls silent
is killed and replaced, and its shard goes back to the queue to be rendered again from the start.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import queue
import signal
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from factory.config import RenderConfig

if TYPE_CHECKING:
    from factory.pipeline import JobOptions


class RenderFailed(RuntimeError):
    """The job could not finish: a worker raised, or workers kept dying."""


def _die_with_parent() -> None:
    """Linux: the kernel kills this worker if the supervisor dies, so no orphan keeps a browser alive."""
    if sys.platform.startswith("linux"):
        import ctypes

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def _worker_main(wid: int, cfg: RenderConfig, out: str, version: str, fingerprint: str, opts: "JobOptions",
                 tasks, events) -> None:
    from factory.pipeline import render_shard
    from renderers import RENDERERS

    _die_with_parent()
    shard = None
    try:
        spec = RENDERERS.get(cfg.renderer)
        with spec.open(timeout_s=opts.timeout_s, recycle_every=opts.recycle_every) as renderer:
            events.put(("ready", wid, os.getpid()))
            while (shard := tasks.get()) is not None:
                events.put(("start", wid, shard))
                record = render_shard(cfg, shard, Path(out), renderer, version, fingerprint,
                                      lambda n, s=shard: events.put(("progress", wid, s, n)))
                events.put(("done", wid, shard, record, getattr(renderer, "restarts", 0)))
    except OSError as e:  # the machine's fault (a full disk...), not a bug: one message, no traceback
        events.put(("oserror", wid, shard, e.errno, e.strerror or str(e), e.filename))
    except BaseException as e:  # noqa: BLE001 - reported to the supervisor, which stops the job loudly
        events.put(("error", wid, shard, f"{type(e).__name__}: {e}", traceback.format_exc()))


@dataclass
class _Worker:
    proc: mp.Process
    tasks: object
    shard: int | None = None
    ready: bool = False
    last_seen: float = field(default_factory=time.monotonic)
    restarts_seen: int = 0


class _Pool:
    def __init__(self, cfg, out, version, fingerprint, opts):
        self.ctx = mp.get_context("spawn")  # never fork a process that may hold a browser or QApplication
        self.events = self.ctx.Queue()
        self.args = (cfg, str(out), version, fingerprint, opts)
        self.workers: dict[int, _Worker] = {}
        self.next_wid = 0

    def spawn(self) -> None:
        wid, self.next_wid = self.next_wid, self.next_wid + 1
        tasks = self.ctx.Queue()
        proc = self.ctx.Process(target=_worker_main, args=(wid, *self.args, tasks, self.events), daemon=True)
        proc.start()
        self.workers[wid] = _Worker(proc, tasks)

    def kill(self, wid: int) -> None:
        w = self.workers.pop(wid)
        w.proc.kill()
        w.proc.join(10)

    def close(self) -> None:
        for w in self.workers.values():
            try:
                w.tasks.put(None)
            except (OSError, ValueError):
                pass
        deadline = time.monotonic() + 20
        for w in self.workers.values():
            w.proc.join(max(0.1, deadline - time.monotonic()))
            if w.proc.is_alive():
                w.proc.kill()
                w.proc.join(5)
        self.workers.clear()
        self.events.close()


@dataclass
class Outcome:
    records: dict[int, dict]  # shard -> part record
    worker_restarts: int = 0
    renderer_retries: int = 0


def render_shards(cfg: RenderConfig, out: Path, version: str, fingerprint: str, opts: "JobOptions", todo: list[int],
                  on_progress: Callable[[int, int], None]) -> Outcome:
    """Render shards `todo` on `opts.workers` processes; `on_progress(shard, samples_done_in_shard)`."""
    result = Outcome(records={})
    pool = _Pool(cfg, out, version, fingerprint, opts)
    pending = list(todo)
    try:
        for _ in range(min(opts.workers, len(pending))):
            pool.spawn()
        while pending or any(w.shard is not None for w in pool.workers.values()):
            for w in pool.workers.values():
                if w.ready and w.shard is None and pending:
                    w.shard = pending.pop(0)
                    w.last_seen = time.monotonic()
                    w.tasks.put(w.shard)
            try:
                ev = pool.events.get(timeout=0.5)
            except queue.Empty:
                ev = None
            if ev is not None:
                _handle(ev, pool, result, on_progress)
            _replace_dead_or_hung(pool, pending, result, opts, on_progress)
    finally:
        pool.close()
    return result


def _handle(ev, pool: "_Pool", result: Outcome, on_progress) -> None:
    kind, wid = ev[0], ev[1]
    w = pool.workers.get(wid)
    if w is not None:
        w.last_seen = time.monotonic()
    if kind == "ready" and w is not None:
        w.ready = True
    elif kind == "progress":
        on_progress(ev[2], ev[3])
    elif kind == "done":
        result.records[ev[2]] = ev[3]
        on_progress(ev[2], ev[3]["samples"])
        result.renderer_retries += ev[4] - (w.restarts_seen if w else 0)
        if w is not None:
            w.restarts_seen, w.shard = ev[4], None
    elif kind == "oserror":
        raise OSError(ev[3], ev[4], ev[5])
    elif kind == "error":
        raise RenderFailed(f"worker {wid} failed on shard {ev[2]}: {ev[3]}\n{ev[4]}")


def _replace_dead_or_hung(pool: "_Pool", pending: list[int], result: Outcome, opts, on_progress) -> None:
    for wid, w in list(pool.workers.items()):
        hung = w.shard is not None and time.monotonic() - w.last_seen > opts.hang_s
        if w.proc.is_alive() and not hung:
            continue
        if w.shard is not None:
            pending.insert(0, w.shard)
            on_progress(w.shard, 0)
        pool.kill(wid)
        result.worker_restarts += 1
        if result.worker_restarts > opts.max_worker_restarts:
            raise RenderFailed(f"workers died or hung {result.worker_restarts} times; giving up "
                               f"(last exit code {w.proc.exitcode})")
        if pending or any(x.shard is not None for x in pool.workers.values()):
            pool.spawn()
