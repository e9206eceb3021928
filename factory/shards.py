"""Shard I/O: one WebDataset tar plus `samples`/`elements` Parquet tables per shard, committed atomically.

Files are written under temporary names, fsynced, then renamed; the tar is renamed last and a small
part record (hashes, counts, drops) marks the shard complete. A crash leaves only temporary files,
which the next run deletes.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import webdataset as wds

from factory.schema import arrow_schemas, element_rows, sample_row

TMP_SUFFIX = ".tmp"
PARTS_DIR = ".parts"


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _fsync_rename(tmp: Path, final: Path) -> None:
    with open(tmp, "rb") as f:
        os.fsync(f.fileno())
    os.replace(tmp, final)


def atomic_write_text(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + TMP_SUFFIX)
    tmp.write_text(text, encoding="utf-8")
    _fsync_rename(tmp, path)


@dataclass
class ShardPaths:
    root: Path
    name: str  # e.g. web_material-000003

    @property
    def tar(self) -> Path:
        return self.root / "shards" / f"{self.name}.tar"

    @property
    def samples(self) -> Path:
        return self.root / "tables" / "samples" / f"{self.name}.parquet"

    @property
    def elements(self) -> Path:
        return self.root / "tables" / "elements" / f"{self.name}.parquet"

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

    def __post_init__(self) -> None:
        for p in self.paths.outputs():
            p.parent.mkdir(parents=True, exist_ok=True)
            tmp = p.with_name(p.name + TMP_SUFFIX)
            tmp.unlink(missing_ok=True)
        self._tar_tmp = self.paths.tar.with_name(self.paths.tar.name + TMP_SUFFIX)
        self._stream = open(self._tar_tmp, "wb")
        # Fixed member metadata: bytes depend on content only, never on time or user.
        self._tar = wds.TarWriter(self._stream, user="gui-factory", group="gui-factory", mode=0o444,
                                  mtime=0.0, encoder=False)

    def write(self, sample) -> None:
        rec = sample.record
        self._tar.write({"__key__": rec.key, rec.image_format: sample.image, "json": rec.to_json()})
        self.samples.append(sample_row(rec, self.paths.name))
        rows = element_rows(rec)
        self.elements.extend(rows)
        self.class_counts.update(r["class"] for r in rows)
        self.drops.update(sample.drops)

    def commit(self, fingerprint: str, indices: range) -> dict:
        """Write the tables, rename everything into place, record the part; returns the part record."""
        self._tar.close()  # closes the stream too
        s_schema, e_schema = arrow_schemas()
        for rows, schema, final in ((self.samples, s_schema, self.paths.samples),
                                    (self.elements, e_schema, self.paths.elements)):
            tmp = final.with_name(final.name + TMP_SUFFIX)
            pq.write_table(pa.Table.from_pylist(rows, schema=schema), tmp, compression="zstd",
                           row_group_size=100_000)
            _fsync_rename(tmp, final)
        _fsync_rename(self._tar_tmp, self.paths.tar)
        record = {
            "name": self.paths.name, "fingerprint": fingerprint, "first_index": indices.start,
            "samples": len(self.samples), "elements": len(self.elements),
            "files": {self.paths.relative(p): {"sha256": sha256_file(p), "bytes": p.stat().st_size}
                      for p in self.paths.outputs()},
            "drops": dict(sorted(self.drops.items())), "classes": dict(sorted(self.class_counts.items())),
        }
        self.paths.part.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(self.paths.part, json.dumps(record, sort_keys=True, indent=1))
        return record

    def abort(self) -> None:
        self._stream.close()
        self._tar_tmp.unlink(missing_ok=True)


def part_is_complete(paths: ShardPaths, fingerprint: str, indices: range, record: dict) -> bool:
    """True if `record` says this shard finished under the same fingerprint and its files are intact in size."""
    if record.get("fingerprint") != fingerprint or record.get("first_index") != indices.start \
            or record.get("samples") != len(indices):
        return False
    for rel, meta in record["files"].items():
        p = paths.root / rel
        if not p.exists() or p.stat().st_size != meta["bytes"]:
            return False
    return True
