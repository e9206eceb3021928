"""Worker processes and their supervisor: shards go to idle workers; a worker that dies or falls silent
is killed and replaced, and its shard goes back to the queue to be rendered again from the start.

Each worker has a temporary folder of its own (its TMPDIR: the browser's profile, Chromium's and Qt's scratch files),
removed when the worker ends or is killed; a killed worker cannot clean up after itself, and folders of a supervisor
that was itself killed are removed by the next job's (`sweep_stale_worker_dirs`).

Each worker reports on a pipe of its own. A multiprocessing.Queue shared by all workers is not safe here:
its writers take one lock, so a worker that dies while its feeder thread holds that lock (os._exit, SIGKILL,
the OOM killer) leaves every other worker, and every replacement, blocked forever on their next report.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Callable
from unittest import mock

from factory.config import JobOptions, RenderConfig
from factory.shards import layouts_done
from factory.worker import worker_main

log = logging.getLogger(__name__)

WORKER_TMP_PREFIX = "gui-factory-worker-"  # + owner pid + "-" + worker id + "-" + mkdtemp's random part; the owner is
# the supervisor for local workers, the actor itself on Ray: the folder is stale once its owner no longer runs
STARTUP_S = 120.0  # a worker that has not opened its renderer by then (a browser that never came up) is replaced


class RenderFailed(RuntimeError):
    """The job could not finish: a worker raised, or workers kept dying."""


@dataclass
class _Worker:
    proc: mp.Process
    tasks: object
    reports: Connection  # the supervisor's (reading) end of this worker's pipe
    shard: int | None = None
    ready: bool = False
    last_seen: float = field(default_factory=time.monotonic)
    restarts_seen: int = 0
    gone: bool = False  # its pipe closed or broke: the process is dead or dying
    tmp: str = ""  # its own temporary folder (its TMPDIR), removed once it has ended

    def dead(self) -> bool:
        return self.gone or not self.proc.is_alive()


class _Pool:
    def __init__(self, cfg, out, version, fingerprint, opts):
        self.ctx = mp.get_context("spawn")  # never fork a process that may hold a browser or QApplication
        self.args = (cfg, str(out), version, fingerprint, opts)
        self.workers: dict[int, _Worker] = {}
        self.next_wid = 0
        self.target = worker_main  # the tests give it a stand-in that dies in chosen ways
        sweep_stale_worker_dirs()

    def spawn(self) -> None:
        wid, self.next_wid = self.next_wid, self.next_wid + 1
        tasks = self.ctx.Queue()
        reports, sender = self.ctx.Pipe(duplex=False)
        proc = self.ctx.Process(target=self.target, args=(wid, *self.args, tasks, sender), daemon=True)
        tmp = make_worker_dir(os.getpid(), str(wid))
        with mock.patch.dict(os.environ, TMPDIR=tmp):  # a spawned child starts with this process's environment now
            proc.start()
        sender.close()  # the child holds the only writing end now: its death reads as end-of-file here
        self.workers[wid] = _Worker(proc, tasks, reports, tmp=tmp)

    def receive(self, timeout: float) -> list[tuple]:
        """Every event the workers have sent, waiting up to `timeout` for the first; broken pipes mark workers gone."""
        by_conn = {w.reports: w for w in self.workers.values() if not w.gone}
        events = []
        for conn in wait(list(by_conn), timeout):
            w = by_conn[conn]
            try:
                while True:
                    events.append(conn.recv())
                    if not conn.poll():
                        break
            except (EOFError, OSError):  # died, possibly mid-message: only its own pipe is lost
                w.gone = True
        return events

    def kill(self, wid: int) -> None:
        w = self.workers.pop(wid)
        w.proc.kill()
        w.proc.join(10)
        w.reports.close()
        remove_worker_dir(w.tmp)

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
            w.reports.close()
            remove_worker_dir(w.tmp)
        self.workers.clear()


def make_worker_dir(owner: int, worker: str) -> str:
    """A new temporary folder for a worker, named after the process whose life it shares (`owner`)."""
    return tempfile.mkdtemp(prefix=f"{WORKER_TMP_PREFIX}{owner}-{worker}-")


def remove_worker_dir(path: str) -> None:
    """Remove a worker's temporary folder (one this module made with mkdtemp); a failure is logged, and the folder is
    left to the next job's sweep."""
    if not path:
        return
    try:
        shutil.rmtree(path)
    except FileNotFoundError:
        pass
    except OSError as e:
        log.warning("could not remove the worker's temporary folder %s: %s", path, e)


def sweep_stale_worker_dirs(root: str | None = None) -> list[str]:
    """Remove the temporary folders of workers whose supervisor is no longer running (it was killed before it could
    remove them): only real folders (no links) named WORKER_TMP_PREFIX<pid>-..., owned by this user, in the temp
    folder. Returns the folders removed."""
    root_dir = Path(root or tempfile.gettempdir())
    removed = []
    for d in root_dir.glob(f"{WORKER_TMP_PREFIX}*"):
        pid = d.name[len(WORKER_TMP_PREFIX):].split("-", 1)[0]
        if not pid.isdigit() or d.is_symlink() or not d.is_dir() or d.stat().st_uid != os.getuid():
            continue
        if _alive(int(pid)):
            continue
        remove_worker_dir(str(d))
        removed.append(str(d))
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True


@dataclass
class Outcome:
    records: dict[int, dict]  # shard -> part record
    worker_restarts: int = 0
    renderer_retries: int = 0


def render_shards(cfg: RenderConfig, out: Path, version: str, fingerprint: str, opts: JobOptions, todo: list[int],
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
            for ev in pool.receive(timeout=0.5):
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
        on_progress(ev[2], layouts_done(ev[3]))
        result.renderer_retries += ev[4] - (w.restarts_seen if w else 0)
        if w is not None:
            w.restarts_seen, w.shard = ev[4], None
    elif kind == "oserror":
        raise OSError(ev[3], ev[4], ev[5])
    elif kind == "error":
        raise RenderFailed(f"worker {wid} failed on shard {ev[2]}: {ev[3]}\n{ev[4]}")
    elif kind == "code_changed":
        raise RenderFailed(ev[2])


def _replace_dead_or_hung(pool: "_Pool", pending: list[int], result: Outcome, opts: JobOptions, on_progress) -> None:
    for wid, w in list(pool.workers.items()):
        silent_s = time.monotonic() - w.last_seen
        hung = ((w.shard is not None and silent_s > opts.hang_s)  # mid-shard
                or (not w.ready and silent_s > max(opts.hang_s, STARTUP_S)))  # never opened its renderer
        if not w.dead() and not hung:
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
