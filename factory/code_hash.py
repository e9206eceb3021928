"""The hash of the code that draws and labels a sample: part of every shard's fingerprint.

A resumed render keeps the shards whose fingerprint matches its own. The fingerprint held the config, the
renderer's version and the factory's version, so a change to a grammar, a template or a labeller without a
version bump let a resume keep shards drawn by the old code beside shards drawn by the new: one dataset, two
generators, and nothing in it to tell them apart. Hashing the sources closes that gap: any edit to the packages
that make samples starts the affected datasets over, and the manifest says which code drew them.

Hashed: every file of the `factory`, `renderers` and `annotators` packages (Python, templates, CSS, JS, data,
the web kits' pinned package.json and package-lock.json), by path relative to the package and content, sorted.
Not hashed: `__pycache__`, `node_modules` (installed from the hashed lock file) and hidden files; the trainer,
which reads samples but draws none.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import os
from pathlib import Path

PACKAGES = ("factory", "renderers", "annotators")
SKIPPED_DIRS = frozenset({"__pycache__", "node_modules"})
SKIPPED_SUFFIXES = frozenset({".pyc", ".pyo"})


def package_root(package: str) -> Path:
    return Path(importlib.import_module(package).__file__).parent


def source_files(package: str) -> list[Path]:
    """The files of `package` that the hash covers, sorted by their path inside it.

    Skipped directories are pruned, not walked and filtered: the web kits' node_modules hold ~59,000 entries,
    and walking them cost every render process about a second of CPU."""
    root = package_root(package)
    files = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):  # followlinks: as Path.rglob on 3.11
        dirnames[:] = [d for d in dirnames if d not in SKIPPED_DIRS and not d.startswith(".")]
        for name in filenames:
            path = Path(dirpath) / name
            if name in SKIPPED_DIRS or name.startswith(".") or path.suffix in SKIPPED_SUFFIXES:
                continue
            if path.is_file():
                files.append(path)
    return sorted(files, key=lambda p: p.relative_to(root).as_posix())


@functools.lru_cache(maxsize=1)
def code_sha256() -> str:
    """sha256 over (package, relative path, size, content) of every source file; computed once per process."""
    h = hashlib.sha256()
    for package in PACKAGES:
        root = package_root(package)
        for path in source_files(package):
            data = path.read_bytes()
            h.update(f"{package}/{path.relative_to(root).as_posix()}\0{len(data)}\0".encode())
            h.update(data)
    return h.hexdigest()
