"""Dataset-level files: manifest.json (hashes, counts, resolved config) and _info.json (timm's reader), and
the run record beside the dataset (OUT.run.json: the wall-clock facts of the last run).

manifest.json and _info.json are deterministic functions of the shard part records; wall-clock facts go to
the run record only, which lives outside the dataset directory so that the dataset's bytes do not change.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

from factory.config import RenderConfig
from factory.core.errors import ConfigError
from factory.ownership import check_path, shown
from factory.core.schema import MANIFEST, SCHEMA_VERSION, TIMM_INFO
from factory.shards import atomic_write_text, episode_counts, fsync_dir
from factory.outputs import write_atomic



def _dump(obj) -> str:
    return json.dumps(obj, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def dataset_counts(records: list[dict]) -> dict:
    """The manifest's counts over shard part records."""
    classes, drops = Counter(), Counter()
    for r in records:
        classes.update(r["classes"])
        drops.update(r["drops"])
    counts = {"samples": sum(r["samples"] for r in records), "elements": sum(r["elements"] for r in records),
              "shards": len(records), "classes": dict(sorted(classes.items())), "drops": dict(sorted(drops.items()))}
    if any("episodes" in r for r in records):  # --episodes: samples are steps; layouts and early stops too
        episodes = Counter()
        for r in records:
            episodes.update(r.get("episodes", {}))
        counts["episodes"] = episode_counts(episodes)
    return counts


def write_dataset_files(out: Path, cfg: RenderConfig, renderer_version: str, records: list[dict]) -> dict:
    manifest = {
        "schema_version": SCHEMA_VERSION,
        "config": cfg.resolved(renderer_version),
        "counts": dataset_counts(records),
        "shards": records,
    }
    if cfg.balance:  # only when on: a render without balancing writes the manifest it always wrote
        from factory.sample import steering

        manifest["balance"] = steering(cfg).to_manifest()
    if cfg.keep_source:  # likewise: only with --keep-source
        manifest["sources"] = sources_record(cfg)
    tars = [next(k for k in r["files"] if k.endswith(".tar")) for r in records]
    info = {
        "name": cfg.prefix,
        "splits": {"train": {"name": "train", "num_samples": manifest["counts"]["samples"], "filenames": tars,
                             "shard_lengths": [r["samples"] for r in records]}},
    }
    atomic_write_text(out / TIMM_INFO, _dump(info))
    atomic_write_text(out / MANIFEST, _dump(manifest))  # last: its presence means the dataset is complete
    return manifest


def sources_record(cfg: RenderConfig) -> dict:
    """What the samples of a --keep-source render carry: the member, its language and a note (or, for a renderer
    without source, member null and why)."""
    from factory.core.schema import SOURCE_LANGUAGES
    from renderers import RENDERERS

    spec = RENDERERS.get(cfg.renderer)
    member = spec.source_member
    return {"member": member, "language": SOURCE_LANGUAGES[member] if member else None, "note": spec.source_note}


# --- the run record ------------------------------------------------------------------------------------------

RUN_RECORD_KEYS = ("finished_utc", "renderer_version")  # a file with these is a run record the factory wrote


def default_run_record(out: Path) -> Path:
    out = Path(os.path.abspath(out))
    return out.with_name(out.name + ".run.json")


def check_run_record(path: Path, *datasets: Path) -> None:
    """ConfigError unless the run record can go to `path`: a valid name outside the dataset directories, and
    either a new file or a run record of an earlier run (the factory replaces no other file)."""
    try:
        check_path(path, "--run-record")
    except ConfigError as e:
        raise ConfigError(f"{e} (by default the run record is OUT.run.json: shorten --out or give "
                          f"--run-record)") from None
    real = Path(os.path.realpath(path))
    for d in datasets:
        rd = Path(os.path.realpath(d))
        if real == rd or rd in real.parents:
            raise ConfigError(f"--run-record {shown(path)} lies inside the dataset directory {shown(d)}, whose "
                              f"bytes must not depend on the clock; put it elsewhere (default: beside it)")
    if not os.path.lexists(path):
        return
    if path.is_symlink() or not path.is_file():
        raise ConfigError(f"--run-record {shown(path)} exists and is not a regular file; choose another path")
    try:
        old = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        old = None
    if not (isinstance(old, dict) and all(k in old for k in RUN_RECORD_KEYS)):
        raise ConfigError(f"--run-record {shown(path)} exists and is not a run record written by the factory; "
                          f"it would be overwritten: choose another path")


def write_run_record(path: Path, record: dict) -> None:
    """Write the run record atomically under a unique temporary name (so no file of that name is clobbered)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, json.dumps(record, indent=1) + "\n")
    fsync_dir(path.parent)
