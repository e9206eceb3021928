"""The shard plan on a Ray cluster (`factory render --executor ray [--address ADDR]`): the same shards, rendered
by the same code (factory.worker.render_shard) in Ray actors instead of local worker processes.

One actor per worker slot opens one renderer and keeps it across shards, as a local worker does. Sample i lands
in shard i // shard_size whatever ran it, so the bytes equal a local run's. OUT must be a path every node sees
(a shared file system). An actor whose process dies is restarted by Ray and its shard rendered again from the
start (max_restarts, max_task_retries); a shard that still fails is retried by the driver, then reported by
name: the job exits non-zero with every other shard committed, and a rerun resumes. Actors report each sample
they finish to a small board actor: the driver's progress bar moves per sample, and an actor that reports
nothing for --hang-timeout seconds mid-shard (a renderer stuck on a page) is killed; Ray restarts it and the
shard is rendered again, as the local supervisor does with a hung worker process.

Without --address a local Ray instance with --workers CPUs is started for the job (and stopped after it).
Ray is an optional extra (`pip install .[ray]`), imported only here.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import tempfile
import time
from pathlib import Path
from typing import Callable

from factory.config import JobOptions, RenderConfig
from factory.core.errors import ConfigError
from factory.shards import layouts_done
from factory.supervisor import (STARTUP_S, Outcome, RenderFailed, make_worker_dir, remove_worker_dir,
                                sweep_stale_worker_dirs)
from factory.worker import CodeChanged, code_changed, render_shard, shard_name

SHARD_ATTEMPTS = 3  # per shard, beyond Ray's own retries after an actor's death
POLL_S = 1.0  # how often the driver reads the board while no shard finishes
REPORT_S = 0.5  # how often an actor reports its samples done to the board (progress, hang detection)


def require_ray():
    try:
        import ray
    except ImportError:
        raise ConfigError("--executor ray needs Ray: install the project's ray extra (pip install '.[ray]'), or "
                          "leave --executor out to render on this machine") from None
    return ray


class _Board:
    """A Ray actor holding the samples done in each running shard, as the shard actors report them."""

    def __init__(self):
        self.done: dict[int, int] = {}

    def report(self, shard: int, n: int) -> None:
        self.done[shard] = n

    def snapshot(self) -> dict[int, int]:
        return dict(self.done)


class _ShardActor:
    """A Ray actor (one process): one renderer, kept open across the shards it renders."""

    def __init__(self, cfg: RenderConfig, out: str, version: str, fingerprint: str, opts: JobOptions, board):
        from renderers import RENDERERS

        # A temporary folder of its own, as a local worker has (factory.supervisor), named after this process: one an
        # actor killed before close() left behind is removed by the next actor started on the same machine.
        sweep_stale_worker_dirs()
        self.tmp = make_worker_dir(os.getpid(), "ray")
        os.environ["TMPDIR"] = self.tmp  # for the processes it starts (a browser's profile, Chromium's scratch files)
        tempfile.tempdir = None  # and for this one: gettempdir() reads TMPDIR again
        self.args = (cfg, Path(out), version, fingerprint)
        self.board = board
        self.stack = contextlib.ExitStack()
        self.renderer = self.stack.enter_context(
            RENDERERS.get(cfg.renderer).open(timeout_s=opts.timeout_s, recycle_every=opts.recycle_every,
                                             keep_source=cfg.keep_source))

    def render(self, shard: int) -> tuple[dict, int]:
        cfg, out, version, fingerprint = self.args
        if why := code_changed(cfg, version, fingerprint):  # a node with other code than the driver's checkout
            raise CodeChanged(why)
        self.board.report.remote(shard, 0)
        last = [0.0]

        def report(n: int) -> None:  # at most every REPORT_S: a remote call per sample cost a 2-worker game render 6%
            now = time.monotonic()
            if now - last[0] >= REPORT_S:
                last[0] = now
                self.board.report.remote(shard, n)

        record = render_shard(cfg, shard, out, self.renderer, version, fingerprint, report)
        return record, self.renderer.restarts

    def pid(self) -> int:
        return os.getpid()

    def close(self) -> None:
        self.stack.close()
        remove_worker_dir(self.tmp)


def check_address(address: str) -> None:
    """ConfigError unless `address` (host:port, or ray://host:port) accepts a connection within 3 s. Ray itself
    retries an unreachable address for minutes; this says so at once, before anything is written."""
    m = re.fullmatch(r"(?:ray://)?\[?([A-Za-z0-9_.:-]+?)\]?:(\d{1,5})", address.strip())
    if not m:
        raise ConfigError(f"--address {address[:80]!r} is not host:port (e.g. 10.0.0.5:6379, the head node's "
                          f"address that `ray start --head` prints)")
    try:
        socket.create_connection((m[1], int(m[2])), timeout=3).close()
    except OSError as e:
        raise ConfigError(f"cannot reach a Ray cluster at --address {address!r} ({e.strerror or e}); start one "
                          f"with `ray start --head` and give its address, or leave --address out for a local "
                          f"Ray instance") from None


@contextlib.contextmanager
def connected(address: str | None, workers: int):
    """ray.init to the cluster at `address`, or a local instance with `workers` CPUs; ConfigError if unreachable."""
    ray = require_ray()
    try:
        if address:
            ray.init(address=address, log_to_driver=False, configure_logging=False)
        else:
            try:
                ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False, configure_logging=False)
            except Exception as e:  # noqa: BLE001 - Ray raises a bare Exception when its processes start too slowly
                ray.shutdown()
                raise RenderFailed(f"a local Ray instance did not start ({str(e).splitlines()[0][:200]}); nothing "
                                   f"was rendered: rerun the same command (finished shards are kept)") from None
    except (ConnectionError, TimeoutError, ValueError, RuntimeError) as e:
        ray.shutdown()
        raise ConfigError(f"cannot reach a Ray cluster at --address {address!r} ({str(e).splitlines()[0][:200]}); "
                          f"give the head node's address (ray start --head prints it), e.g. 10.0.0.5:6379, or "
                          f"leave --address out for a local Ray instance") from None
    try:
        yield ray
    finally:
        ray.shutdown()


def render_shards(cfg: RenderConfig, out: Path, version: str, fingerprint: str, opts: JobOptions, todo: list[int],
                  on_progress: Callable[[int, int], None]) -> Outcome:
    """The local supervisor's contract (factory.supervisor.render_shards), on Ray actors."""
    result = Outcome(records={})
    with connected(opts.address, opts.workers) as ray:
        board = ray.remote(num_cpus=0)(_Board).remote()
        actor_cls = ray.remote(num_cpus=1, max_restarts=-1, max_task_retries=2)(_ShardActor)
        actors = [actor_cls.remote(cfg, str(out), version, fingerprint, opts, board)
                  for _ in range(min(opts.workers, len(todo)))]
        pending, failures, errors = list(todo), {}, {}
        running: dict = {}  # task -> [actor slot, shard, samples seen done, when that last changed]
        seen_restarts = {i: 0 for i in range(len(actors))}
        warm: set[int] = set()  # actor slots whose renderer is open (they finished a sample since they started)

        def submit(i: int) -> None:
            shard = pending.pop(0)
            running[actors[i].render.remote(shard)] = [i, shard, 0, time.monotonic()]

        for i in range(len(actors)):
            if pending:
                submit(i)
        while running:
            done, _ = ray.wait(list(running), num_returns=1, timeout=POLL_S)
            if not done:
                _watch(ray, board, actors, running, warm, result, opts, on_progress)
                continue
            i, shard, _, _ = running.pop(done[0])
            try:
                record, restarts = ray.get(done[0])
            except ray.exceptions.RayError as e:
                if isinstance(getattr(e, "cause", None), CodeChanged):  # not a fault that a retry mends
                    raise RenderFailed(f"{e.cause}. On Ray: every node must run the driver's code") from None
                failures[shard] = failures.get(shard, 0) + 1
                result.worker_restarts += isinstance(e, ray.exceptions.RayActorError)
                if isinstance(e, ray.exceptions.RayActorError):
                    warm.discard(i)
                if failures[shard] < SHARD_ATTEMPTS:
                    pending.insert(0, shard)
                    on_progress(shard, 0)
                else:
                    errors[shard] = str(e).strip().splitlines()[-1][:300] if str(e).strip() else type(e).__name__
            else:
                result.records[shard] = record
                warm.add(i)
                result.renderer_retries += max(0, restarts - seen_restarts[i])
                seen_restarts[i] = restarts
                on_progress(shard, layouts_done(record))
            if pending:
                submit(i)
        for a in actors:
            with contextlib.suppress(ray.exceptions.RayError):
                ray.get(a.close.remote(), timeout=30)
    if errors:
        names = ", ".join(f"{shard_name(cfg, s)} ({msg})" for s, msg in sorted(errors.items())[:5])
        raise RenderFailed(f"{len(errors)} shard(s) failed {SHARD_ATTEMPTS} times on Ray: {names}; the other "
                           f"{len(result.records)} are committed")
    return result


def _watch(ray, board, actors: list, running: dict, warm: set, result: Outcome, opts: JobOptions,
           on_progress) -> None:
    """Per-sample progress from the board; kill the actor of a shard silent for --hang-timeout (an actor that
    has not finished a sample since it started is also opening its renderer: at least STARTUP_S). Ray restarts
    a killed actor and runs its shard again (max_task_retries); a shard that keeps hanging ends as a failed
    task, retried by the driver."""
    counts = ray.get(board.snapshot.remote())
    now = time.monotonic()
    for task in running.values():
        i, shard, seen, since = task
        n = counts.get(shard, 0)
        if n != seen:
            task[2:] = [n, now]
            on_progress(shard, n)
            if n:
                warm.add(i)
        elif now - since > (opts.hang_s if i in warm else max(opts.hang_s, STARTUP_S)):
            ray.kill(actors[i], no_restart=False)
            warm.discard(i)
            task[2:] = [0, now]
            board.report.remote(shard, 0)
            on_progress(shard, 0)
            result.worker_restarts += 1
