"""The render job: plan shards, skip finished ones, render the rest in worker processes, write the manifest.

Sample i always lands in shard i // shard_size at position i % shard_size, so the bytes do not depend on
the number of workers or on which worker rendered what. Workers are processes (one renderer each); a
worker that dies or hangs is replaced and its shard rendered again from the start.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from factory.config import JobOptions, RenderConfig
from factory.manifest import dataset_counts, write_dataset_files
from factory.core.schema import MANIFEST, PARTS_DIR, PER_SHARD_DIRS, TIMM_INFO
from factory.ownership import owned_files, remove_owned, remove_temporaries
from factory.shards import ShardPaths, atomic_write_text, layouts_done, part_is_complete
from factory.supervisor import RenderFailed, render_shards
from factory.slices import SLICE, write_record as write_slice_record
from factory.worker import shard_name

__all__ = ["JobOptions", "JobResult", "RenderFailed", "run"]


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


def _unplanned(out: Path, cfg: RenderConfig, shards: range) -> list[Path]:
    """Shard files and part records of the layout that this plan (or slice) does not produce (an earlier, larger
    or other run's): left in place they would be extra shards. Only the factory's own names are ever listed."""
    planned = {shard_name(cfg, s) for s in shards}
    return [p for p in owned_files(out) if p.parent.name in PER_SHARD_DIRS
            and p.name.split(".")[0] not in planned]


def _read_json(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, OSError):  # unreadable, not UTF-8, not JSON: not a usable record, so it is re-rendered
        return None


def _finished_records(out: Path) -> tuple[dict[str, dict], dict[str, dict]]:
    """Part records of finished shards: (from the manifest of a finished job, from .parts/ of a running one).

    These files are read back from disk: anything malformed is ignored here and its shard rendered again
    (`part_is_complete` checks each record's form before it is trusted)."""
    from_manifest: dict[str, dict] = {}
    manifest = _read_json(out / MANIFEST)
    shards = manifest.get("shards") if isinstance(manifest, dict) else None
    for rec in shards if isinstance(shards, list) else []:
        if isinstance(rec, dict) and isinstance(rec.get("name"), str):
            from_manifest[rec["name"]] = rec
    from_parts: dict[str, dict] = {}
    parts = out / PARTS_DIR
    for p in sorted(parts.glob("*.json")) if parts.is_dir() else []:
        rec = _read_json(p)
        if isinstance(rec, dict):
            from_parts[p.stem] = rec
    return from_manifest, from_parts


def _retire_manifest(out: Path, kept: list[dict], from_parts: dict[str, dict]) -> None:
    """The dataset is about to change: keep the reused shards' records as part records (atomically), then
    remove manifest.json and _info.json, which must never describe a dataset that is half re-rendered.

    In this order, a run that fails at any point (a full disk) still finds every finished shard, in the old
    manifest or in .parts/, and the next run reuses them instead of rendering them again."""
    for rec in kept:
        if from_parts.get(rec["name"]) != rec:
            path = out / PARTS_DIR / f"{rec['name']}.json"
            path.parent.mkdir(exist_ok=True)
            atomic_write_text(path, json.dumps(rec, sort_keys=True, indent=1))
    for name in (MANIFEST, TIMM_INFO):
        (out / name).unlink(missing_ok=True)


def run(cfg: RenderConfig, out: Path, opts: JobOptions, version: str,
        on_progress: Callable[[int, int], None] | None = None, shards: range | None = None) -> JobResult:
    """Render `cfg` into `out`; `on_progress(done_samples, total_samples)` is called as work advances.
    `shards`: only this slice of the plan (factory.slices; `out` then gets slice.json, not a manifest).

    The caller holds `out`'s writer lock and has checked that `out` holds only the factory's files."""
    whole = range(cfg.n_shards)
    shards = whole if shards is None else shards
    is_slice = shards != whole
    t0 = time.monotonic()
    fingerprint = cfg.shard_fingerprint(version)
    remove_temporaries(out)
    from_manifest, from_parts = _finished_records(out) if opts.resume else ({}, {})
    finished = {**from_manifest, **from_parts}
    records: dict[int, dict] = {}
    todo: list[int] = []
    for shard in shards:
        paths = ShardPaths(out, shard_name(cfg, shard))
        rec = finished.get(paths.name)
        if rec is not None and part_is_complete(paths, fingerprint, cfg.shard_range(shard), rec):
            records[shard] = rec
        else:
            todo.append(shard)
    unplanned = _unplanned(out, cfg, shards)
    if todo or is_slice or any(p.parent.name != PARTS_DIR for p in unplanned):  # the old manifest goes stale
        _retire_manifest(out, list(records.values()), from_parts)
        for p in unplanned:
            p.unlink()
    reused = len(records)
    progress_by_shard = {s: layouts_done(records[s]) for s in records}

    total = sum(len(cfg.shard_range(s)) for s in shards)

    def report() -> None:
        if on_progress:
            on_progress(sum(progress_by_shard.values()), total)

    report()
    restarts = renderer_retries = 0
    if todo:
        def shard_progress(shard: int, done: int) -> None:
            progress_by_shard[shard] = done
            report()

        try:
            execute = render_shards
            if opts.executor == "ray":
                from factory.ray_executor import render_shards as execute
            outcome = execute(cfg, out, version, fingerprint, opts, todo, shard_progress)
        finally:
            remove_temporaries(out)
        records.update(outcome.records)
        restarts, renderer_retries = outcome.worker_restarts, outcome.renderer_retries
    if is_slice:  # its part records stay: `factory merge` reads them
        write_slice_record(out, cfg, version, fingerprint, shards)
        manifest = {"counts": dataset_counts([records[s] for s in shards]), "slice": [shards.start, shards.stop]}
        remove_owned(out, lambda p: p.name.startswith(".failpoint-"))
        return _result(out, manifest, records, todo, reused, t0, restarts, renderer_retries)
    (out / SLICE).unlink(missing_ok=True)  # the whole plan is here: a dataset, no longer a slice
    manifest = write_dataset_files(out, cfg, version, [records[s] for s in whole])
    remove_owned(out, lambda p: p.parent.name == PARTS_DIR or p.name.startswith(".failpoint-"))
    with contextlib.suppress(OSError):  # absent, or holding something that is not ours: then it stays
        (out / PARTS_DIR).rmdir()
    return _result(out, manifest, records, todo, reused, t0, restarts, renderer_retries)


def _result(out: Path, manifest: dict, records: dict[int, dict], todo: list[int], reused: int, t0: float,
            restarts: int, renderer_retries: int) -> JobResult:
    drops = Counter()
    for s in todo:
        drops.update(records[s]["drops"])
    return JobResult(out=out, manifest=manifest, rendered_shards=len(todo), reused_shards=reused,
                     seconds=time.monotonic() - t0, worker_restarts=restarts, renderer_retries=renderer_retries,
                     samples_rendered=sum(records[s]["samples"] for s in todo), drops=drops)
