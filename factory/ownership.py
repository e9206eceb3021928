"""What a render output directory may hold, and the only files the factory ever deletes there.

The factory owns exactly the names of its layout: shards, tables, part records, manifest.json, _info.json,
preview.png, stats/ (`factory stats` writes it there), its lock file, failpoint markers and the `.tmp` name of
each while it is written. A directory holding anything else is refused before any work starts, and every
cleanup walks this layout by name, never a pattern over the tree, so a user's file is never deleted.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Callable, Iterator

from factory.core.errors import ConfigError
from factory.core.schema import MANIFEST, PARTS_DIR, SHARDS_DIR, TABLES, TABLES_DIR, TIMM_INFO

TMP = ".tmp"
LOCK_NAME = ".factory.lock"
PROBE_PREFIX = ".factory-probe-"
SHARD_NAME = r"[A-Za-z0-9_]+-\d{6}"  # <prefix>-NNNNNN: config.py caps a plan at a million shards
DIRS = (SHARDS_DIR, TABLES_DIR, *(f"{TABLES_DIR}/{t}" for t in TABLES), PARTS_DIR, "stats")
_NAMES = rf"""
      {re.escape(MANIFEST)} | {re.escape(TIMM_INFO)} | preview\.png | {re.escape(LOCK_NAME)} | \.write-probe  # (older)
    | slice\.json  # a slice of a plan (factory.slices)
    | {SHARDS_DIR}/{SHARD_NAME}\.tar | {TABLES_DIR}/({"|".join(TABLES)})/{SHARD_NAME}\.parquet
    | {re.escape(PARTS_DIR)}/{SHARD_NAME}\.json
    | stats/[A-Za-z0-9_]+\.(json|csv) | stats/\.gui-factory-stats | \.failpoint-[a-z]+-\d+
    | {re.escape(PROBE_PREFIX)}[A-Za-z0-9_]+
"""
# Each name while it is written: NAME.tmp (render), or .NAME.XXXXXXXX.tmp beside it (factory.outputs.write_atomic,
# which `factory preview` and `factory stats` use for the dataset's preview.png and stats/).
_FILES = re.compile(rf"""
      ({_NAMES})({re.escape(TMP)})?
    | (stats/)?\.(preview\.png | [A-Za-z0-9_]+\.(json|csv))\.[A-Za-z0-9_]+{re.escape(TMP)}
""", re.X)
# Linux limits: a name is at most 255 bytes, a path at most 4095; checked up front, not met halfway through.
NAME_MAX, PATH_MAX = 255, 4095
SHOWN = 5  # foreign entries named in a refusal


def shown(path: object) -> str:
    """A path as text that can always be printed (undecodable bytes as escapes)."""
    return os.fsencode(str(path)).decode("utf-8", "backslashreplace")


def is_owned(rel: str) -> bool:
    """True if `rel` (relative, '/'-separated) is a file name of the factory's layout."""
    return _FILES.fullmatch(rel) is not None


def foreign_entries(root: Path, limit: int = SHOWN) -> list[str]:
    """Up to `limit` entries under `root` that are not of the layout ('/' ends a directory), sorted.

    Unknown directories are reported, not entered, so `--out /` is refused after reading one directory."""
    found: list[str] = []
    pending = [""]
    while pending and len(found) < limit:
        rel_dir = pending.pop()
        with os.scandir(root / rel_dir) as it:
            entries = sorted(it, key=lambda e: e.name)
        for e in entries:
            rel = f"{rel_dir}/{e.name}" if rel_dir else e.name
            if e.is_dir(follow_symlinks=False):
                if rel in DIRS:
                    pending.append(rel)
                else:
                    found.append(rel + "/")
            elif not (e.is_file(follow_symlinks=False) and is_owned(rel)):
                found.append(rel)  # an unknown name, or a symlink / socket / fifo: the factory writes none
            if len(found) >= limit:
                break
    return found


def owned_files(root: Path) -> Iterator[Path]:
    """Every file of the layout under `root` (regular files only; nothing else is ever ours)."""
    for rel_dir in ("", *DIRS):
        d = root / rel_dir
        if not d.is_dir() or d.is_symlink():
            continue
        with os.scandir(d) as it:
            for e in it:
                rel = f"{rel_dir}/{e.name}" if rel_dir else e.name
                if e.is_file(follow_symlinks=False) and is_owned(rel):
                    yield Path(e.path)


def remove_owned(root: Path, which: Callable[[Path], bool]) -> None:
    """Delete the layout's files under `root` for which `which(path)` is true; nothing else."""
    for p in list(owned_files(root)):
        if which(p):
            p.unlink(missing_ok=True)


def remove_temporaries(root: Path) -> None:
    """Delete the factory's own temporary files under `root` (names of the layout ending in .tmp)."""
    remove_owned(root, lambda p: p.name.endswith(TMP))


def remove_dataset(root: Path) -> list[str]:
    """Delete a factory dataset directory: its layout files, then its layout directories if empty.

    Returns what was left because it is not ours (the directory then stays)."""
    remove_owned(root, lambda p: True)
    for rel_dir in sorted(DIRS, key=lambda d: -d.count("/")):
        try:
            (root / rel_dir).rmdir()
        except (FileNotFoundError, NotADirectoryError):
            pass
        except OSError as e:
            if e.errno != errno.ENOTEMPTY:
                raise
    left = foreign_entries(root)
    if not left:
        root.rmdir()
    return left


# --- checks on --out and --scratch before any work -------------------------------------------------------

def check_path(path: Path, flag: str) -> None:
    """ConfigError unless `path` is UTF-8 (Parquet and JSON store it) and within the file system's name limits."""
    text = str(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ConfigError(f"{flag} {shown(path)} is not valid UTF-8; choose a UTF-8 name") from None
    long = [part for part in path.parts if len(part.encode()) > NAME_MAX]
    if long:
        raise ConfigError(f"{flag}: the name {long[0][:40]}... has {len(long[0].encode())} bytes; the file system "
                          f"allows {NAME_MAX}: choose a shorter name")
    if len(os.fsencode(os.path.abspath(text))) > PATH_MAX:
        raise ConfigError(f"{flag} path is longer than {PATH_MAX} bytes; choose a shorter path")


def _is_home_or_root(real: Path) -> bool:
    try:
        home = Path(os.path.realpath(Path.home()))
    except (KeyError, RuntimeError):  # no HOME and no passwd entry: there is no home to protect
        home = Path(real.anchor)
    return real == Path(real.anchor) or real == home or real in home.parents


def check_output_dir(path: Path, flag: str) -> None:
    """ConfigError unless `path` is absent, or a directory holding nothing but a factory dataset's files."""
    check_path(path, flag)
    real = Path(os.path.realpath(path))
    if _is_home_or_root(real):
        raise ConfigError(f"{flag} {shown(path)} is the file system root or a home directory; give a directory of "
                          f"its own, e.g. datasets/NAME")
    if not os.path.lexists(path):
        return
    if not path.is_dir():
        raise ConfigError(f"{flag} {shown(path)} exists and is not a directory; choose a directory")
    try:
        foreign = foreign_entries(path, SHOWN + 1)
    except PermissionError as e:
        raise ConfigError(f"cannot read {flag} {shown(path)}: {e.strerror}; choose a directory you can write") from None
    if foreign:
        more = ", ..." if len(foreign) > SHOWN else ""
        raise ConfigError(f"{flag} {shown(path)} holds files that are not part of a factory dataset "
                          f"({', '.join(shown(f) for f in foreign[:SHOWN])}{more}); the factory writes only into "
                          f"a new or empty directory or one of its own datasets and never deletes other files: "
                          f"choose another directory")


def check_apart(scratch: Path, out: Path) -> None:
    """ConfigError if --scratch and --out are the same directory or one lies inside the other."""
    s, o = Path(os.path.realpath(scratch)), Path(os.path.realpath(out))
    if s == o or o in s.parents or s in o.parents:
        raise ConfigError(f"--scratch {shown(scratch)} and --out {shown(out)} overlap; the finished dataset moves "
                          f"from scratch to out, so give two separate directories")


def check_writable(d: Path, flag: str, shown_as: Path | None = None) -> None:
    """ConfigError unless a file can be created in directory `d` (or, if absent, its nearest existing ancestor).

    Probes with a unique temporary file that is removed at once: no existing name is ever touched."""
    probe_in = d
    while not os.path.lexists(probe_in) and probe_in != probe_in.parent:
        probe_in = probe_in.parent
    try:
        fd, name = tempfile.mkstemp(prefix=PROBE_PREFIX, suffix=TMP, dir=probe_in)
        os.close(fd)
        os.unlink(name)
    except OSError as e:
        raise ConfigError(f"cannot write to {flag} {shown(shown_as or d)}: {e.strerror or e}; choose a writable "
                          f"directory") from None


def prepare_dir(path: Path, flag: str) -> None:
    """Create `path` and its missing parents (`check_writable` said it can); ConfigError, nothing left, if not."""
    created: list[Path] = []
    try:
        for d in reversed([path, *path.parents]):
            if not d.exists():
                d.mkdir()
                created.append(d)
    except OSError as e:
        for d in reversed(created):
            d.rmdir()  # made just now and still empty
        raise ConfigError(f"cannot write to {flag} {shown(path)}: {e.strerror or e}; choose a writable "
                          f"directory") from None


# --- moving a finished dataset from --scratch to --out ---------------------------------------------------

def _copy_synced(src: str, dst: str) -> str:
    shutil.copyfile(src, dst)
    with open(dst, "rb") as f:
        os.fsync(f.fileno())
    return dst


def replace_dataset(src: Path, dst: Path) -> None:
    """Move the finished dataset `src` to `dst`, replacing a factory dataset there.

    The new dataset is first brought next to `dst` under a factory-made temporary name (a rename, or a copy
    from another file system), the old one is renamed aside, the new one renamed into place, and only then are
    the old one's layout files deleted. A user file that appeared in `dst` meanwhile stops the move."""
    dst = Path(os.path.realpath(dst))
    new = Path(tempfile.mkdtemp(prefix=".factory-new-", suffix=TMP, dir=dst.parent))
    copied = False
    try:
        os.rename(src, new)  # onto the empty directory mkdtemp made
    except OSError as e:
        if e.errno != errno.EXDEV:
            new.rmdir()
            raise
        shutil.copytree(src, new, dirs_exist_ok=True, copy_function=_copy_synced)
        shutil.copymode(src, new)  # mkdtemp made it private (0700); the dataset keeps its own mode
        copied = True
    old = None
    if os.path.lexists(dst):
        foreign = foreign_entries(dst)
        if foreign:
            raise ConfigError(f"--out {shown(dst)} gained files that are not the factory's during the render "
                              f"({', '.join(map(shown, foreign))}); the new dataset is kept in {shown(new)}")
        old = Path(tempfile.mkdtemp(prefix=".factory-old-", suffix=TMP, dir=dst.parent))
        os.rename(dst, old)
    try:
        os.rename(new, dst)
    except OSError:
        if old is not None:
            os.rename(old, dst)  # put the previous dataset back
        raise
    for done in ([old] if old is not None else []) + ([src] if copied else []):
        left = remove_dataset(done)
        if left:
            raise ConfigError(f"the dataset is in place at {shown(dst)}, but {shown(done)} still holds files that "
                              f"are not the factory's ({', '.join(map(shown, left))}); they were not deleted")
