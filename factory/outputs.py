"""Writing a reader's outputs (report, card, preview, stats, export) without harming what is already there.

Rules: a file the factory did not write is never overwritten (ours carry a generator marker, or are named
as ours in a dataset directory); every file is written to a unique temporary name beside it, fsynced and
renamed, so a failed write leaves the previous file in place; directories made for a write that fails are
removed again.
"""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from factory.core.errors import ConfigError
from factory.core.files import write_atomic  # noqa: F401 - the writers below and the CLI use it
from factory.core.schema import MANIFEST

GENERATOR = "gui-factory"
HEAD_BYTES = 4096  # markers sit in the first bytes: a <meta> in <head>, a PNG text chunk before the pixels


def marker(what: str) -> str:
    """The text that marks a file as written by the factory's `what` command, e.g. 'gui-factory report'."""
    return f"{GENERATOR} {what}"


def in_dataset_dir(path: Path, names: tuple[str, ...]) -> bool:
    """True if `path` is one of `names` directly inside a dataset directory (one holding manifest.json)."""
    return path.name in names and (path.parent / MANIFEST).is_file()


def check_file(path: Path, what: str, dataset_names: tuple[str, ...] = ()) -> None:
    """Refuse (ConfigError) to replace `path` unless it is absent or was written by the factory's `what`."""
    if not os.path.lexists(path):
        return
    if path.is_symlink() or not path.is_file():
        raise ConfigError(f"{path} exists and is not a regular file; choose another output path")
    if in_dataset_dir(path, dataset_names):
        return
    with open(path, "rb") as f:
        head = f.read(HEAD_BYTES)
    if marker(what).encode() not in head:
        raise ConfigError(f"{path} exists and was not written by `factory {what}`: the factory does not overwrite "
                          f"files it did not write; remove it or choose another output path")


def check_dir(path: Path, what: str, marker_file: str, dataset_names: tuple[str, ...] = ()) -> bool:
    """Refuse (ConfigError) an output directory that holds files not written by `factory {what}`.

    Accepted: absent, empty, marked by `marker_file`, or named as ours in a dataset directory.
    Returns True when the directory holds an earlier output of ours."""
    if not os.path.lexists(path):
        return False
    if path.is_symlink() or not path.is_dir():
        raise ConfigError(f"--out {path} exists and is not a directory; choose a new or empty directory")
    if (path / marker_file).is_file() or in_dataset_dir(path, dataset_names):
        return True
    if any(path.iterdir()):
        raise ConfigError(f"--out {path} is not empty and holds no earlier `factory {what}` output: the factory "
                          f"does not write among files it did not write; choose a new or empty directory")
    return False


@contextmanager
def made_dirs(path: Path) -> Iterator[Path]:
    """Make directory `path` and its missing parents; if the block fails, remove those left empty."""
    made = []
    p = Path(path)
    while not os.path.lexists(p) and p != p.parent:
        made.append(p)
        p = p.parent
    try:
        for d in reversed(made):
            d.mkdir()
        yield path
    except BaseException:
        for d in made:  # deepest first; a directory someone else filled meanwhile stays
            try:
                d.rmdir()
            except OSError:
                break
        raise


def write_owned(path: Path, data: bytes | str, what: str, dataset_names: tuple[str, ...] = ()) -> Path:
    """Write a derived output file atomically, refusing (ConfigError) to replace one the factory did not write."""
    check_file(path, what, dataset_names)
    with made_dirs(path.parent):
        return write_atomic(path, data)


def remove_tree(path: Path) -> None:
    """Remove a directory tree the factory made itself (a staging directory), if it is there."""
    if os.path.lexists(path):
        shutil.rmtree(path)
