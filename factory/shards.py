"""Shard I/O: one WebDataset tar plus `samples`/`elements` Parquet tables per shard, committed atomically.

Files are written under temporary names, fsynced, then renamed; the tar is renamed last and a small
part record (hashes, counts, drops) marks the shard complete. A crash leaves only temporary files,
which the next run deletes; a failed write (a full disk) deletes its temporary file and leaves the
previous file of that name as it was.
"""

from __future__ import annotations

import contextlib
import json
import io
import os
import tarfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from factory.core.files import sha256_file  # noqa: F401 - manifests and verify use it
from factory.core.schema import (PARTS_DIR, SAMPLE_EXTRAS, SHARDS_DIR, TABLES_DIR, arrow_schemas, element_rows,
                                 sample_row)

TMP_SUFFIX = ".tmp"


class TarMembers:
    """A WebDataset tar written with the standard library: each sample's members named `key.ext`, in sorted
    extension order, with fixed metadata (mode 0444, mtime 0, owner gui-factory), so the bytes depend on the
    content only. As webdataset writes them: POSIX (pax) format, and an mtime of 0.0 as a float, which tarfile
    records in a pax header before each member. Byte for byte what `webdataset.TarWriter(stream, user=, group=,
    mode=0o444, mtime=0.0, encoder=False)` writes (tests/test_tar_members.py compares them), without importing
    webdataset, which imports torch: ~3 s of every render process's start-up for nothing a writer needs."""

    OWNER = "gui-factory"

    def __init__(self, stream) -> None:
        self._tar = tarfile.open(fileobj=stream, mode="w|", format=tarfile.PAX_FORMAT)

    def write(self, key: str, members: dict[str, bytes | str]) -> None:
        for ext in sorted(members):
            data = members[ext]
            data = data.encode("utf-8") if isinstance(data, str) else bytes(data)
            info = tarfile.TarInfo(f"{key}.{ext}")
            info.size, info.mtime, info.mode = len(data), 0.0, 0o444
            info.uname = info.gname = self.OWNER
            self._tar.addfile(info, io.BytesIO(data))

    def close(self) -> None:
        """Writes the end of the archive; the stream stays open (the caller owns it)."""
        self._tar.close()


def fsync_rename(tmp: Path, final: Path) -> None:
    with open(tmp, "rb") as f:
        os.fsync(f.fileno())
    os.replace(tmp, final)
    fsync_dir(final.parent)


def fsync_dir(d: Path) -> None:
    """Make a rename in `d` durable (on a crash the directory entry could otherwise still name the old file)."""
    fd = os.open(d, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_text(path: Path, text: str) -> None:
    """Replace `path` with `text`: write a temporary file, fsync, rename. If any step fails (a full disk),
    the temporary file is deleted and `path` keeps its previous content."""
    tmp = path.with_name(path.name + TMP_SUFFIX)
    try:
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException as e:
        tmp.unlink(missing_ok=True)
        if isinstance(e, OSError) and e.filename is None:
            e.filename = str(tmp)  # a failed write or fsync does not say which file it was
        raise
    fsync_dir(path.parent)


@dataclass
class ShardPaths:
    root: Path
    name: str  # e.g. web_material-000003

    @property
    def tar(self) -> Path:
        return self.root / SHARDS_DIR / f"{self.name}.tar"

    @property
    def samples(self) -> Path:
        return self.root / TABLES_DIR / "samples" / f"{self.name}.parquet"

    @property
    def elements(self) -> Path:
        return self.root / TABLES_DIR / "elements" / f"{self.name}.parquet"

    @property
    def part(self) -> Path:
        return self.root / PARTS_DIR / f"{self.name}.json"

    def outputs(self) -> list[Path]:
        return [self.samples, self.elements, self.tar]

    def relative(self, p: Path) -> str:
        return p.relative_to(self.root).as_posix()


@dataclass
class ShardWriter:
    """Streams samples into a temporary tar; tables and the commit happen in `commit`."""

    paths: ShardPaths
    samples: list[dict] = field(default_factory=list)
    elements: list[dict] = field(default_factory=list)
    drops: Counter = field(default_factory=Counter)
    class_counts: Counter = field(default_factory=Counter)
    episodes: Counter | None = None  # --episodes: layouts, steps, stopped_early... (factory.episode_samples)

    def __post_init__(self) -> None:
        for p in self.paths.outputs():
            p.parent.mkdir(parents=True, exist_ok=True)
            tmp = p.with_name(p.name + TMP_SUFFIX)
            tmp.unlink(missing_ok=True)
        self._tar_tmp = self.paths.tar.with_name(self.paths.tar.name + TMP_SUFFIX)
        self.writing = self._tar_tmp  # the file being written: named when a write fails without saying where
        self._stream = open(self._tar_tmp, "wb")
        self._tar = TarMembers(self._stream)

    def write(self, sample) -> None:
        rec = sample.record
        extras = sample.extras
        unknown = sorted(set(extras) - set(SAMPLE_EXTRAS))
        if unknown:  # a programming error: every member a shard may hold is declared in the schema
            raise ValueError(f"sample {rec.key}: member(s) {unknown} are not in schema.SAMPLE_EXTRAS")
        for ext, data in extras.items():
            if len(data) > SAMPLE_EXTRAS[ext]:  # readers would refuse it: never write it
                raise ValueError(f"sample {rec.key}: member .{ext} has {len(data):,} bytes, over its cap of "
                                 f"{SAMPLE_EXTRAS[ext]:,}")
        self._tar.write(rec.key, {rec.image_format: sample.image, "json": rec.to_json(), **extras})
        self.samples.append(sample_row(rec, self.paths.name))
        rows = element_rows(rec)
        self.elements.extend(rows)
        self.class_counts.update(r["class"] for r in rows)
        self.drops.update(sample.drops)

    def commit(self, fingerprint: str, indices: range) -> dict:
        """Write the tables, rename everything into place, record the part; returns the part record."""
        self._tar.close()  # writes the end of the archive; the file stays open
        self._stream.close()
        s_schema, e_schema = arrow_schemas()
        for rows, schema, final in ((self.samples, s_schema, self.paths.samples),
                                    (self.elements, e_schema, self.paths.elements)):
            tmp = self.writing = final.with_name(final.name + TMP_SUFFIX)
            pq.write_table(pa.Table.from_pylist(rows, schema=schema), tmp, compression="zstd",
                           row_group_size=100_000)
            fsync_rename(tmp, final)
        self.writing = self._tar_tmp
        fsync_rename(self._tar_tmp, self.paths.tar)
        record = {
            "name": self.paths.name, "fingerprint": fingerprint, "first_index": indices.start,
            "samples": len(self.samples), "elements": len(self.elements),
            "files": {self.paths.relative(p): {"sha256": sha256_file(p), "bytes": p.stat().st_size}
                      for p in self.paths.outputs()},
            "drops": dict(sorted(self.drops.items())), "classes": dict(sorted(self.class_counts.items())),
        }
        if self.episodes is not None:  # only with --episodes: a plain render's record is as it always was
            record["episodes"] = episode_counts(self.episodes)
        self.writing = self.paths.part
        self.paths.part.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(self.paths.part, json.dumps(record, sort_keys=True, indent=1))
        return record

    def abort(self) -> None:
        """Discard the shard: close the tar writer and its file, delete this shard's temporary files.

        Called while another error (the one that stopped the shard) propagates. Closing may fail again for
        the same cause (the disk is still full); that is not a new error, and the file is deleted anyway.
        The tar writer must be closed here, not left to the garbage collector: tarfile's stream would then
        flush into the closed file and print "Exception ignored" noise after the real error."""
        with contextlib.suppress(OSError, ValueError):
            self._tar.close()
        with contextlib.suppress(OSError, ValueError):
            self._stream.close()
        for p in self.paths.outputs():
            p.with_name(p.name + TMP_SUFFIX).unlink(missing_ok=True)


EPISODE_COUNTS = ("layouts", "steps", "stopped_early", "stopped_no_action", "stopped_after_empty")


def episode_counts(counts: Counter) -> dict[str, int]:
    """An episode render's counts in their fixed form: every name of EPISODE_COUNTS, zero where none."""
    return {k: counts[k] for k in EPISODE_COUNTS}


def layouts_done(record: dict) -> int:
    """What a finished shard's record counts toward the plan: its samples, or with --episodes its layouts."""
    return record["episodes"]["layouts"] if "episodes" in record else record["samples"]


def _well_formed(paths: ShardPaths, record: object) -> bool:
    """A part record as `commit` writes it, naming exactly this shard's files (records are read back from
    disk, so a path or a type in them is never trusted)."""
    if not isinstance(record, dict) or record.get("name") != paths.name:
        return False
    files = record.get("files")
    expected = {paths.relative(p) for p in paths.outputs()}
    if not isinstance(files, dict) or set(files) != expected:
        return False
    counts = [record.get(k) for k in ("samples", "elements", "first_index")]
    counters = [record.get(k) for k in ("drops", "classes")]
    if "episodes" in record:
        episodes = record["episodes"]
        if not (isinstance(episodes, dict) and set(episodes) == set(EPISODE_COUNTS)
                and all(type(n) is int and n >= 0 for n in episodes.values())):
            return False
    return all(type(v) is int and v >= 0 for v in counts) \
        and all(isinstance(c, dict) and all(type(n) is int for n in c.values()) for c in counters) \
        and all(isinstance(m, dict) and isinstance(m.get("sha256"), str) and type(m.get("bytes")) is int
                for m in files.values())


def part_is_complete(paths: ShardPaths, fingerprint: str, indices: range, record: object) -> bool:
    """True if `record` says this shard finished under the same fingerprint and its files are intact in size."""
    if not _well_formed(paths, record) or record.get("fingerprint") != fingerprint \
            or record.get("first_index") != indices.start or layouts_done(record) != len(indices):
        return False
    for rel, meta in record["files"].items():
        p = paths.root / rel
        if not p.is_file() or p.is_symlink() or p.stat().st_size != meta["bytes"]:
            return False
    return True
