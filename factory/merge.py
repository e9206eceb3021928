"""A dataset version: a named directory whose manifest lists its parts (render outputs) with their hashes."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from factory.core.dataset import NotADataset, open_dataset
from factory.core.schema import MANIFEST, TIMM_INFO
from factory.core.errors import ConfigError
from factory.core.schema import SCHEMA_VERSION
from factory.shards import atomic_write_text, sha256_file

NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")  # the version manifest's schema (factory.core.dataset)


def _check_version_dir(version_dir: Path) -> None:
    """Refuse a version directory whose manifest.json exists and is not a version manifest (e.g. a part's)."""
    mpath = version_dir / MANIFEST
    if not mpath.exists():
        return
    try:
        manifest = json.loads(mpath.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        manifest = None
    if not isinstance(manifest, dict) or "parts" not in manifest:
        raise ConfigError(f"{mpath} exists and is not a version manifest (a render output's, or not the "
                          f"factory's): merge would replace it; give --out a version directory that holds the parts")


def merge(version_dir: Path, name: str, part_dirs: list[Path]) -> dict:
    """Write VERSION_DIR/manifest.json and _info.json (timm's reader over every part's shards)."""
    if not NAME_RE.fullmatch(name):
        raise ConfigError(f"--name {name[:80]!r}: a version name is 1-64 letters, digits, '_', '-' or '.', "
                          f"starting with a letter or digit (e.g. v1)")
    version_dir = version_dir.resolve()
    _check_version_dir(version_dir)
    entries, classes, drops = [], Counter(), Counter()
    filenames, lengths = [], []
    for d in part_dirs:
        d = Path(d).resolve()
        ds = open_dataset(d)
        if ds.kind != "part":
            raise NotADataset(f"{d} is not a render output (a part); merge takes the directories "
                              f"`factory render` wrote")
        try:
            rel = d.relative_to(version_dir).as_posix()
        except ValueError:
            raise NotADataset(f"part {d} must lie inside the version directory {version_dir}") from None
        if rel == ".":
            raise NotADataset(f"part {d} is the version directory itself; put parts in subdirectories, e.g. "
                              f"{version_dir}/parts/NAME")
        if any(e["path"] == rel for e in entries):
            raise ConfigError(f"part {d} is given twice")
        m = ds.parts[0].manifest
        entries.append({"path": rel, "manifest_sha256": sha256_file(d / MANIFEST), "renderer": m["config"]["renderer"],
                        "style": m["config"]["style"], "config": m["config"], "counts": m["counts"]})
        classes.update(m["counts"]["classes"])
        drops.update(m["counts"]["drops"])
        for s in m["shards"]:
            filenames.append(f"{rel}/" + next(f for f in s["files"] if f.endswith(".tar")))
            lengths.append(s["samples"])
    manifest = {
        "name": name, "schema_version": SCHEMA_VERSION, "parts": entries,
        "counts": {"samples": sum(e["counts"]["samples"] for e in entries),
                   "elements": sum(e["counts"]["elements"] for e in entries),
                   "shards": len(filenames), "classes": dict(sorted(classes.items())),
                   "drops": dict(sorted(drops.items()))},
    }
    info = {"name": name, "splits": {"train": {"name": "train", "num_samples": sum(lengths), "filenames": filenames,
                                               "shard_lengths": lengths}}}
    version_dir.mkdir(parents=True, exist_ok=True)
    atomic_write_text(version_dir / TIMM_INFO, json.dumps(info, indent=1, sort_keys=True) + "\n")
    atomic_write_text(version_dir / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    return manifest
