"""The render job: plan shards, skip finished ones, render the rest in worker processes, write the manifest.

Sample i always lands in shard i // shard_size at position i % shard_size, so the bytes do not depend on
the number of workers or on which worker rendered what. Workers are processes (one renderer each); a
worker that dies or hangs is replaced and its shard rendered again from the start.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import queue
import shutil
import signal
import sys
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from factory.config import ConfigError, RenderConfig
from factory.manifest import write_dataset_files
from factory.shards import PARTS_DIR, TMP_SUFFIX, ShardPaths, ShardWriter, part_is_complete


class RenderFailed(RuntimeError):
    """The job could not finish: a worker raised, or workers kept dying."""


@dataclass(frozen=True)
class JobOptions:
    workers: int = 1
    resume: bool = True
    timeout_s: float = 30.0  # per renderer call
    hang_s: float = 300.0  # a worker silent this long is killed and replaced
    recycle_every: int = 200
    max_worker_restarts: int = 8


@dataclass
class JobResult:
    out: Path
    manifest: dict
    rendered_shards: int
    reused_shards: int
    seconds: float
    worker_restarts: int
    renderer_retries: int
    samples_rendered: int = 0
    drops: Counter = field(default_factory=Counter)


def shard_name(cfg: RenderConfig, shard: int) -> str:
    return f"{cfg.prefix}-{shard:06d}"


# --- worker process ---------------------------------------------------------------------------------

def render_shard(cfg: RenderConfig, shard: int, out: Path, renderer, version: str, fingerprint: str,
                 progress: Callable[[int], None]) -> dict:
    from factory.failpoints import maybe_fail
    from factory.sample import render_sample

    indices = cfg.shard_range(shard)
    writer = ShardWriter(ShardPaths(out, shard_name(cfg, shard)))
    try:
        for n, index in enumerate(indices, 1):
            maybe_fail(index, out)
            writer.write(render_sample(cfg, index, renderer, version))
            progress(n)
        return writer.commit(fingerprint, indices)
    except BaseException:
        writer.abort()
        raise


def _die_with_parent() -> None:
    """Linux: the kernel kills this worker if the supervisor dies, so no orphan keeps a browser alive."""
    if sys.platform.startswith("linux"):
        import ctypes

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def _worker_main(wid: int, cfg: RenderConfig, out: str, version: str, fingerprint: str, opts: JobOptions,
                 tasks, events) -> None:
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
    except BaseException as e:  # noqa: BLE001 - reported to the supervisor, which stops the job loudly
        events.put(("error", wid, shard, f"{type(e).__name__}: {e}", traceback.format_exc()))


# --- supervisor ---------------------------------------------------------------------------------------

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


def _clean_temporaries(out: Path) -> None:
    for p in out.rglob(f"*{TMP_SUFFIX}"):
        p.unlink()


def _remove_unplanned_shards(out: Path, cfg: RenderConfig) -> None:
    """Our own shard files past the planned count (an earlier, larger run) would be extra shards."""
    planned = {shard_name(cfg, s) for s in range(cfg.n_shards)}
    for pattern in ("shards/*.tar", "tables/samples/*.parquet", "tables/elements/*.parquet", f"{PARTS_DIR}/*.json"):
        for p in out.glob(pattern):
            if p.stem.startswith(f"{cfg.prefix}-") and p.stem not in planned:
                p.unlink()


def _finished_records(out: Path) -> dict[str, dict]:
    """Part records of finished shards: from .parts/ (running job) and the manifest (finished job)."""
    records: dict[str, dict] = {}
    manifest = out / "manifest.json"
    if manifest.exists():
        try:
            for rec in json.loads(manifest.read_text(encoding="utf-8")).get("shards", []):
                records[rec["name"]] = rec
        except json.JSONDecodeError:
            pass
    for p in sorted((out / PARTS_DIR).glob("*.json")):
        try:
            records[p.stem] = json.loads(p.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            p.unlink()
    return records


def prepare_out(out: Path) -> None:
    """Create --out (and its parents); fail with ConfigError if it cannot be written."""
    created = []
    try:
        for parent in reversed([out, *out.parents]):
            if not parent.exists():
                parent.mkdir()
                created.append(parent)
        probe = out / f".write-probe{TMP_SUFFIX}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as e:
        for d in reversed(created):
            shutil.rmtree(d, ignore_errors=True)
        raise ConfigError(f"cannot write to --out {out}: {e.strerror or e}; choose a writable directory") from None


def run(cfg: RenderConfig, out: Path, opts: JobOptions, version: str,
        on_progress: Callable[[int, int], None] | None = None) -> JobResult:
    """Render `cfg` into `out`; `on_progress(done_samples, total_samples)` is called as work advances."""
    t0 = time.monotonic()
    fingerprint = cfg.shard_fingerprint(version)
    _clean_temporaries(out)
    _remove_unplanned_shards(out, cfg)
    stale_manifest = out / "manifest.json"
    finished = _finished_records(out) if opts.resume else {}
    if stale_manifest.exists():
        stale_manifest.unlink()  # rewritten at the end; never describes a dataset that is half re-rendered
    records: dict[int, dict] = {}
    todo: list[int] = []
    for shard in range(cfg.n_shards):
        paths = ShardPaths(out, shard_name(cfg, shard))
        rec = finished.get(paths.name)
        ok = rec is not None and part_is_complete(paths, fingerprint, cfg.shard_range(shard), rec)
        if ok:
            records[shard] = rec
        else:
            todo.append(shard)
    reused = len(records)
    progress_by_shard = {s: records[s]["samples"] for s in records}

    def report() -> None:
        if on_progress:
            on_progress(sum(progress_by_shard.values()), cfg.count)

    report()
    restarts = 0
    renderer_retries = 0
    if todo:
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
                    kind, wid = ev[0], ev[1]
                    w = pool.workers.get(wid)
                    if w is not None:
                        w.last_seen = time.monotonic()
                    if kind == "ready" and w is not None:
                        w.ready = True
                    elif kind == "progress":
                        progress_by_shard[ev[2]] = ev[3]
                        report()
                    elif kind == "done":
                        records[ev[2]] = ev[3]
                        progress_by_shard[ev[2]] = ev[3]["samples"]
                        renderer_retries += ev[4] - (w.restarts_seen if w else 0)
                        if w is not None:
                            w.restarts_seen, w.shard = ev[4], None
                        report()
                    elif kind == "error":
                        raise RenderFailed(f"worker {wid} failed on shard {ev[2]}: {ev[3]}\n{ev[4]}")
                # Replace workers that died or hung; their shard goes back to the queue.
                for wid, w in list(pool.workers.items()):
                    hung = w.shard is not None and time.monotonic() - w.last_seen > opts.hang_s
                    if w.proc.is_alive() and not hung:
                        continue
                    if w.shard is not None:
                        pending.insert(0, w.shard)
                        progress_by_shard.pop(w.shard, None)
                    pool.kill(wid)
                    restarts += 1
                    if restarts > opts.max_worker_restarts:
                        raise RenderFailed(f"workers died or hung {restarts} times; giving up "
                                           f"(last exit code {w.proc.exitcode})")
                    if pending or any(x.shard is not None for x in pool.workers.values()):
                        pool.spawn()
        finally:
            pool.close()
            _clean_temporaries(out)
    manifest = write_dataset_files(out, cfg, version, [records[s] for s in range(cfg.n_shards)])
    shutil.rmtree(out / PARTS_DIR, ignore_errors=True)
    for marker in out.glob(".failpoint-*"):
        marker.unlink()
    drops = Counter()
    for s in todo:
        drops.update(records[s]["drops"])
    return JobResult(out=out, manifest=manifest, rendered_shards=len(todo), reused_shards=reused,
                     seconds=time.monotonic() - t0, worker_restarts=restarts, renderer_retries=renderer_retries,
                     samples_rendered=sum(records[s]["samples"] for s in todo), drops=drops)


def move_dataset(src: Path, dst: Path) -> None:
    """Move a finished dataset from a scratch directory to its final place (rename if possible, else copy)."""
    if dst.exists():
        shutil.rmtree(dst)
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = dst.with_name(dst.name + TMP_SUFFIX)
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        os.replace(src, tmp)
    except OSError:  # another file system: copy, then delete the scratch
        shutil.copytree(src, tmp)
        shutil.rmtree(src)
    os.replace(tmp, dst)
