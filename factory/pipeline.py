"""The render job: plan shards, skip finished ones, render the rest in worker processes, write the manifest.

Sample i always lands in shard i // shard_size at position i % shard_size, so the bytes do not depend on
the number of workers or on which worker rendered what. Workers are processes (one renderer each); a
worker that dies or hangs is replaced and its shard rendered again from the start.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from factory.config import ConfigError, RenderConfig
from factory.manifest import write_dataset_files
from factory.shards import PARTS_DIR, TMP_SUFFIX, ShardPaths, ShardWriter, part_is_complete
from factory.supervisor import RenderFailed, render_shards

__all__ = ["JobOptions", "JobResult", "RenderFailed", "run", "prepare_out", "move_dataset", "render_shard"]


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


# --- one shard, inside a worker process ---------------------------------------------------------------

def _failing(indices: range, out: Path) -> Iterator[int]:
    from factory.failpoints import maybe_fail

    for index in indices:
        maybe_fail(index, out)
        yield index


def render_shard(cfg: RenderConfig, shard: int, out: Path, renderer, version: str, fingerprint: str,
                 progress: Callable[[int], None]) -> dict:
    """Render one shard's samples in order and commit it atomically; returns its part record."""
    from factory.sample import render_samples

    indices = cfg.shard_range(shard)
    writer = ShardWriter(ShardPaths(out, shard_name(cfg, shard)))
    try:
        for n, sample in enumerate(render_samples(cfg, _failing(indices, out), renderer, version), 1):
            writer.write(sample)
            progress(n)
        return writer.commit(fingerprint, indices)
    except BaseException:
        writer.abort()
        raise


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
    restarts = renderer_retries = 0
    if todo:
        def shard_progress(shard: int, done: int) -> None:
            progress_by_shard[shard] = done
            report()

        try:
            outcome = render_shards(cfg, out, version, fingerprint, opts, todo, shard_progress)
        finally:
            _clean_temporaries(out)
        records.update(outcome.records)
        restarts, renderer_retries = outcome.worker_restarts, outcome.renderer_retries
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
