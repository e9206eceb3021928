"""Verify a dataset against its manifests: hashes, images, JSON schema, and tar keys joined with table keys.

Every fault names the file and, where there is one, the sample key. Nothing is repaired. Shards are read
with the safe tar reader (factory.tario), so a hostile shard is a list of faults, never a crash.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import pyarrow as pa
import pyarrow.parquet as pq

from factory.code_pairs import source_member
from factory.core.dataset import Dataset, Part
from factory.core.schema import Element, element_rows, MANIFEST, SAMPLE_EXTRAS, SampleRecord
from factory.episode_samples import read_step
from factory.shards import sha256_file
from factory.tario import Sample, SampleFault, check_image, parse_doc, tar_groups


@dataclass(frozen=True)
class Fault:
    file: str
    key: str | None
    problem: str

    def __str__(self) -> str:
        return f"{self.file}" + (f" [{self.key}]" if self.key else "") + f": {self.problem}"


def _record_from_doc(doc: dict) -> SampleRecord:
    """Rebuild a record from its JSON so the table rows can be derived exactly as the writer derived them."""
    elements = tuple(Element(id=e["id"], parent=e["parent"], cls=e["class"], bbox=tuple(e["bbox"]),
                             full_bbox=tuple(e["full_bbox"]), text=e["text"], interactable=e["interactable"],
                             state=e["state"], source_type=e["source_type"], visible_fraction=e["visible_fraction"],
                             depth=e["depth"], overflows_parent=e["overflows_parent"]) for e in doc["elements"])
    fields = {k: doc[k] for k in ("key", "index", "seed", "attempt", "renderer", "renderer_version", "style", "grammar",
                                  "width", "height", "image_format", "factors", "schema_version")}
    return SampleRecord(**fields, elements=elements)


def verify_part(part: Part, log: Callable[[str], None] = lambda s: None) -> list[Fault]:
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
            if not p.is_file():
                faults.append(Fault(f, None, "missing" if not p.exists() else "not a regular file"))
                broken = True
            elif p.stat().st_size != meta["bytes"]:
                faults.append(Fault(f, None, f"size {p.stat().st_size} != manifest {meta['bytes']} (truncated?)"))
            elif sha256_file(p) != meta["sha256"]:
                faults.append(Fault(f, None, "sha256 differs from manifest"))
        if broken:
            continue
        tar, samples, elements = part.shard_files(shard)
        log(f"checking {rel(tar)}")
        faults.extend(_check_shard(rel(tar), tar, rel(samples), samples, rel(elements), elements, shard["samples"],
                                   source_member(part), _episodes(part)))
    return faults


def _episodes(part: Part) -> bool:
    """Whether the part's manifest says it was rendered with --episodes (each sample one step of an episode)."""
    cfg = part.manifest["config"]
    return type(cfg.get("episodes")) is int and cfg["episodes"] > 0


def _check_shard(tar_name, tar, s_name, samples, e_name, elements, n_listed, source: str | None,
                 episodes: bool = False) -> list[Fault]:
    """Every member and sample of one shard's tar, then its tables against the tar's JSON documents. `source`: the
    member every sample holds (the manifest says the part was rendered with --keep-source), or None; `episodes`:
    every sample is a step whose action and after-screen are checked too (factory.episode_samples.read_step)."""
    faults: list[Fault] = []
    add = lambda f: faults.append(Fault(f.file, f.key, f.problem))  # noqa: E731
    expected_elements: list[dict] = []
    tar_keys: list[str] = []
    for key, members in tar_groups(tar, tar_name, add):
        tar_keys.append(key)
        try:
            doc = parse_doc(tar_name, key, members)
        except SampleFault as f:
            add(f)
            continue
        # The rows the writer derived from this document: the tables are checked against them even when the
        # image is bad, so one bad image is one fault, not a cascade of table faults.
        expected_elements.extend(element_rows(_record_from_doc(doc)))
        try:
            sample = Sample(key, doc, check_image(tar_name, key, members, doc), tar_name,
                            {ext: data for ext, data in members.items() if ext in SAMPLE_EXTRAS})
            sample.load_image().close()
            if episodes:
                read_step(sample)
        except SampleFault as f:
            add(f)
        if source is not None and source not in members:
            faults.append(Fault(tar_name, key, f"no .{source} member, though manifest.json says the part was "
                                               f"rendered with --keep-source"))
    if len(tar_keys) != n_listed:
        faults.append(Fault(tar_name, None, f"{len(tar_keys)} samples in the tar, manifest.json says {n_listed}"))
    return faults + _check_tables(s_name, e_name, samples, elements, tar_keys, expected_elements)


def _check_tables(s_name, e_name, samples, elements, tar_keys, expected_elements) -> list[Fault]:
    faults: list[Fault] = []
    keys = _read_rows(samples, s_name, faults, columns=["key"])
    rows = _read_rows(elements, e_name, faults)
    if keys is None or rows is None:
        return faults
    table_keys = [r["key"] for r in keys]
    if table_keys != tar_keys:
        missing = sorted(set(tar_keys) - set(table_keys))
        extra = sorted(set(table_keys) - set(tar_keys))
        faults.append(Fault(s_name, (missing or extra or [None])[0],
                            f"keys differ from the tar: {len(missing)} missing, {len(extra)} extra"
                            + ("" if missing or extra else ", order differs")))
    if len(rows) != len(expected_elements):
        faults.append(Fault(e_name, None, f"{len(rows)} rows, the JSON documents give {len(expected_elements)}"))
    for got, want in zip(rows, expected_elements):
        if got != want:
            diff = sorted(k for k in want if got.get(k) != want[k])
            faults.append(Fault(e_name, want["key"], f"row of element {want['id']} differs from the JSON in {diff}"))
    return faults


def _read_rows(path, name: str, faults: list[Fault], columns: list[str] | None = None) -> list[dict] | None:
    """The rows of a Parquet table, or None after adding a fault naming it when it does not read."""
    try:
        return pq.read_table(path, columns=columns).to_pylist()
    except (pa.ArrowException, OSError) as e:
        faults.append(Fault(name, None, f"unreadable table ({(str(e).splitlines() or [type(e).__name__])[0][:120]})"))
        return None


def verify(ds: Dataset, log: Callable[[str], None] = lambda s: None) -> list[Fault]:
    faults: list[Fault] = []
    for part in ds.parts:
        p = part.root / MANIFEST
        if part.listed_sha256 is not None and sha256_file(p) != part.listed_sha256:
            faults.append(Fault(str(p.relative_to(ds.root)), None, "part manifest differs from the version manifest"))
    for part in ds.parts:
        prefix = "" if ds.kind == "part" else f"{part.root.relative_to(ds.root)}/"
        faults.extend(Fault(prefix + f.file, f.key, f.problem) for f in verify_part(part, log))
    return faults
