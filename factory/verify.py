"""Verify a dataset against its manifests: hashes, images, JSON schema, and tar keys joined with table keys.

Every fault names the file and, where there is one, the sample key. Nothing is repaired.
"""

from __future__ import annotations

import io
import json
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import pyarrow.parquet as pq
from PIL import Image

from factory.dataset import Dataset, Part
from factory.schema import SampleRecord, element_rows
from factory.shards import sha256_file

IMAGE_EXTS = ("png", "webp", "jpg")


@dataclass(frozen=True)
class Fault:
    file: str
    key: str | None
    problem: str

    def __str__(self) -> str:
        return f"{self.file}" + (f" [{self.key}]" if self.key else "") + f": {self.problem}"


def _record_from_doc(doc: dict) -> SampleRecord:
    """Rebuild a record from its JSON so the table rows can be derived exactly as the writer derived them."""
    from factory.schema import Element

    elements = tuple(Element(id=e["id"], parent=e["parent"], cls=e["class"], bbox=tuple(e["bbox"]),
                             full_bbox=tuple(e["full_bbox"]), text=e["text"], interactable=e["interactable"],
                             state=e["state"], source_type=e["source_type"], visible_fraction=e["visible_fraction"],
                             depth=e["depth"], overflows_parent=e["overflows_parent"]) for e in doc["elements"])
    fields = {k: doc[k] for k in ("key", "index", "seed", "attempt", "renderer", "renderer_version", "style", "grammar",
                                  "width", "height", "image_format", "factors", "schema_version")}
    return SampleRecord(**fields, elements=elements)


def _tar_samples(path: Path) -> Iterator[tuple[str, dict[str, bytes]]]:
    """(key, {ext: bytes}) per sample, members grouped by the key before the first dot."""
    current, members = None, {}
    with tarfile.open(path, "r:") as tar:
        for info in tar:
            if not info.isfile():
                continue
            key, _, ext = info.name.partition(".")
            if key != current and current is not None:
                yield current, members
                members = {}
            current = key
            members[ext] = tar.extractfile(info).read()
    if current is not None:
        yield current, members


def verify_part(part: Part, log: Callable[[str], None] = lambda s: None) -> list[Fault]:
    from factory.schema import validate

    faults: list[Fault] = []
    rel = lambda p: str(p.relative_to(part.root))  # noqa: E731
    listed = {part.root / f for s in part.manifest["shards"] for f in s["files"]}
    for pattern in ("shards/*.tar", "tables/samples/*.parquet", "tables/elements/*.parquet"):
        for p in sorted(part.root.glob(pattern)):
            if p not in listed:
                faults.append(Fault(rel(p), None, "extra file not listed in manifest.json"))
    for shard in part.manifest["shards"]:
        broken = False
        for f, meta in sorted(shard["files"].items()):
            p = part.root / f
            if not p.exists():
                faults.append(Fault(f, None, "missing"))
                broken = True
            elif p.stat().st_size != meta["bytes"]:
                faults.append(Fault(f, None, f"size {p.stat().st_size} != manifest {meta['bytes']} (truncated?)"))
            elif sha256_file(p) != meta["sha256"]:
                faults.append(Fault(f, None, "sha256 differs from manifest"))
        if broken:
            continue
        tar = next(part.root / f for f in shard["files"] if f.endswith(".tar"))
        samples = next(part.root / f for f in shard["files"] if f.endswith(".parquet") and "/samples/" in f)
        elements = next(part.root / f for f in shard["files"] if f.endswith(".parquet") and "/elements/" in f)
        log(f"checking {rel(tar)}")
        expected_elements: list[dict] = []
        tar_keys: list[str] = []
        try:
            for key, members in _tar_samples(tar):
                tar_keys.append(key)
                faults.extend(_check_sample(rel(tar), key, members, expected_elements, validate))
        except (tarfile.TarError, EOFError, OSError) as e:
            faults.append(Fault(rel(tar), tar_keys[-1] if tar_keys else None, f"unreadable tar: {e}"))
            continue
        faults.extend(_check_tables(rel(samples), rel(elements), samples, elements, tar_keys, expected_elements))
    return faults


def _check_sample(tar_name, key, members, expected_elements, validate) -> list[Fault]:
    faults = []
    if "json" not in members:
        return [Fault(tar_name, key, "no .json member")]
    try:
        doc = json.loads(members["json"])
        validate(doc)
    except Exception as e:  # noqa: BLE001 - JSON and schema errors are both faults to name
        return [Fault(tar_name, key, f"invalid JSON document: {str(e).splitlines()[0]}")]
    if doc["key"] != key:
        faults.append(Fault(tar_name, key, f"JSON key {doc['key']!r} differs from tar key"))
    ext = doc["image_format"]
    if ext not in members:
        return faults + [Fault(tar_name, key, f"no .{ext} member")]
    try:
        with Image.open(io.BytesIO(members[ext])) as img:
            img.load()
            if img.size != (doc["width"], doc["height"]):
                faults.append(Fault(tar_name, key, f"image is {img.size}, JSON says {(doc['width'], doc['height'])}"))
    except Exception as e:  # noqa: BLE001 - any decoder error means a bad image
        faults.append(Fault(tar_name, key, f"image does not decode: {e}"))
    expected_elements.extend(element_rows(_record_from_doc(doc)))
    return faults


def _check_tables(s_name, e_name, samples, elements, tar_keys, expected_elements) -> list[Fault]:
    faults = []
    table_keys = pq.read_table(samples, columns=["key"]).column("key").to_pylist()
    if table_keys != tar_keys:
        missing = sorted(set(tar_keys) - set(table_keys))
        extra = sorted(set(table_keys) - set(tar_keys))
        faults.append(Fault(s_name, (missing or extra or [None])[0],
                            f"keys differ from the tar: {len(missing)} missing, {len(extra)} extra"
                            + ("" if missing or extra else ", order differs")))
    rows = pq.read_table(elements).to_pylist()
    if len(rows) != len(expected_elements):
        faults.append(Fault(e_name, None, f"{len(rows)} rows, the JSON documents give {len(expected_elements)}"))
    for got, want in zip(rows, expected_elements):
        if got != want:
            diff = sorted(k for k in want if got.get(k) != want[k])
            faults.append(Fault(e_name, want["key"], f"row of element {want['id']} differs from the JSON in {diff}"))
    return faults


def verify(ds: Dataset, log: Callable[[str], None] = lambda s: None) -> list[Fault]:
    faults: list[Fault] = []
    if ds.kind == "version":
        manifest = json.loads((ds.root / "manifest.json").read_text(encoding="utf-8"))
        for entry in manifest["parts"]:
            p = ds.root / entry["path"] / "manifest.json"
            if sha256_file(p) != entry["manifest_sha256"]:
                faults.append(Fault(str(p.relative_to(ds.root)), None, "part manifest differs from the version manifest"))
    for part in ds.parts:
        prefix = "" if ds.kind == "part" else f"{part.root.relative_to(ds.root)}/"
        faults.extend(Fault(prefix + f.file, f.key, f.problem) for f in verify_part(part, log))
    return faults
