"""Dataset-level files: manifest.json (hashes, counts, resolved config) and _info.json (timm's reader).

Both are deterministic functions of the shard part records: no wall-clock facts here (those go to run.json).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from factory.config import RenderConfig
from factory.schema import SCHEMA_VERSION
from factory.shards import atomic_write_text

MANIFEST = "manifest.json"
TIMM_INFO = "_info.json"


def _dump(obj) -> str:
    return json.dumps(obj, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def write_dataset_files(out: Path, cfg: RenderConfig, renderer_version: str, records: list[dict]) -> dict:
    classes, drops = Counter(), Counter()
    for r in records:
        classes.update(r["classes"])
        drops.update(r["drops"])
    manifest = {
        "schema_version": SCHEMA_VERSION,
        "config": cfg.resolved(renderer_version),
        "counts": {"samples": sum(r["samples"] for r in records), "elements": sum(r["elements"] for r in records),
                   "shards": len(records), "classes": dict(sorted(classes.items())),
                   "drops": dict(sorted(drops.items()))},
        "shards": records,
    }
    tars = [next(k for k in r["files"] if k.endswith(".tar")) for r in records]
    info = {
        "name": cfg.prefix,
        "splits": {"train": {"name": "train", "num_samples": manifest["counts"]["samples"], "filenames": tars,
                             "shard_lengths": [r["samples"] for r in records]}},
    }
    atomic_write_text(out / TIMM_INFO, _dump(info))
    atomic_write_text(out / MANIFEST, _dump(manifest))  # last: its presence means the dataset is complete
    return manifest


def read_manifest(root: Path) -> dict:
    path = root / MANIFEST
    if not path.exists():
        raise FileNotFoundError(f"{root} is not a finished dataset: no {MANIFEST} (run `factory render --out {root}`)")
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if manifest.get("schema_version") != SCHEMA_VERSION:
        raise ValueError(f"{root} has schema version {manifest.get('schema_version')}, this factory reads "
                         f"{SCHEMA_VERSION}: re-render it or use a matching gui-factory release")
    return manifest
