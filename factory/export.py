"""Exports for other tools: COCO detection JSON and YOLO txt + data.yaml, in any mapped taxonomy; screen-to-code
pairs (factory.code_pairs: images/, sources/, pairs.jsonl) of datasets rendered with --keep-source; and, through
staged() and checked_samples(), the grounding export of factory.grounding.

Images are written next to the labels (OUT/images/<key>.<ext>); elements whose class maps to the
taxonomy's ignore value are left out. Every sample is checked by the safe tar reader and its image
decoded before anything is written, so file names come only from safe keys and no corrupt image is
copied. The export is built in a staging directory inside OUT and moved into place when complete; OUT
is marked as an export, so a later export may replace it, and OUT holding anything else is refused.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

import yaml

from factory.core.dataset import Dataset, Part
from factory.core.errors import ConfigError, DataError
from factory.core.guards import KEY_RE
from factory.outputs import check_dir, made_dirs, marker, remove_tree, write_atomic
from factory.core.schema import SOURCE_LANGUAGES
from factory.core.taxonomy import IGNORE, mapping, target_classes
from factory.tario import IMAGE_EXTS, FaultPolicy, Sample, SampleFault, samples

FORMATS = ("coco", "yolo", "code-pairs")  # and "grounding", "actions" (factory.grounding), through staged() below
MARKER = ".gui-factory-export"
STAGING = ".gui-factory-export.partial"
# What an export of ours holds: the only files a later export replaces or deletes.
OWNED = re.compile(rf"(annotations\.json|data\.yaml|pairs\.jsonl"
                   rf"|(images|after)/{KEY_RE.pattern}\.({'|'.join(IMAGE_EXTS)})"
                   rf"|labels/{KEY_RE.pattern}\.txt|sources/{KEY_RE.pattern}\.({'|'.join(SOURCE_LANGUAGES)})"
                   rf"|grounding\.jsonl|conversations\.jsonl|grounding_stats\.json|actions\.jsonl|actions_stats\.json)")
SUBDIRS = ("images", "labels", "sources", "after")  # the directories an export of ours makes inside OUT


@dataclass
class ExportResult:
    counts: dict[str, int]  # boxes per target class (code-pairs: pairs per source language)
    images: int = 0
    skipped: list[SampleFault] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)  # code-pairs: parts without sources


def export(ds: Dataset, fmt: str, out: Path, taxonomy: str = "canonical", skip_bad: bool = False) -> ExportResult:
    """Write the export into OUT; returns what was written (and, with `skip_bad`, the bad samples skipped)."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "code-pairs" and taxonomy != "canonical":
        raise ConfigError("--taxonomy maps the classes of coco and yolo exports; code pairs have no classes: "
                          "leave --taxonomy out")
    try:
        table = mapping(taxonomy)
    except ValueError as e:
        raise ConfigError(str(e)) from None
    if fmt == "code-pairs":
        from factory.code_pairs import with_sources

        check_dir(out, "export", MARKER)  # a foreign OUT is refused first, as for every format
        with_sources(ds)  # a dataset without sources is refused before OUT is touched
    return staged(out, fmt, lambda stage: _write(ds, fmt, stage, out, taxonomy, table, skip_bad),
                  {"taxonomy": taxonomy})


def staged(out: Path, fmt: str, write: Callable[[Path], Any], meta: dict) -> Any:
    """Run `write(stage)` into a staging directory inside OUT, then move its files into OUT (replacing an
    earlier export of ours, refusing foreign files) and mark OUT as an export of `fmt` with `meta`; returns
    what `write` returned (a result with the number of `images` written)."""
    earlier = check_dir(out, "export", MARKER)
    with made_dirs(out):
        staging = out / STAGING
        remove_tree(staging)  # left by an export that was killed: ours, named in our layout
        try:
            staging.mkdir()
            result = write(staging)
            _commit(staging, out, earlier)
            write_atomic(out / MARKER, json.dumps({"generator": marker("export"), "format": fmt, **meta,
                                                   "images": result.images}, indent=1) + "\n")
        finally:
            remove_tree(staging)
    return result


def checked_samples(ds: Dataset, policy: FaultPolicy, parts: list[Part] | None = None) -> Iterator[Sample]:
    """The samples (of `parts`, default all) whose image decodes and whose key no earlier sample had (faults go
    to `policy`)."""
    seen: dict[str, str] = {}
    for s in samples(ds, parts, on_fault=policy):
        try:
            s.load_image().close()  # validated before it is copied: no corrupt image leaves the dataset
            if s.key in seen:  # two versions of a root share keys: one file name, two images
                raise SampleFault(s.file, s.key, f"the key is also in {seen[s.key]}: export one version at a time")
        except SampleFault as f:
            policy(f)
            continue
        seen[s.key] = s.file
        yield s


def copy_image(s: Sample, stage: Path) -> str:
    """Write the sample's image to stage/images/ (made on first use); returns its name there."""
    file_name = f"{s.key}.{s.doc['image_format']}"  # a checked key and a known extension: a plain file name
    (stage / "images").mkdir(exist_ok=True)
    (stage / "images" / file_name).write_bytes(s.image)
    return file_name


def bad_samples_policy(ds: Dataset, skip_bad: bool) -> FaultPolicy:
    return FaultPolicy(ds.root, skip=skip_bad, skip_hint=", or `--skip-bad` skips bad samples")


def _write(ds: Dataset, fmt: str, stage: Path, out: Path, taxonomy: str, table: dict, skip_bad: bool) -> ExportResult:
    if fmt == "code-pairs":
        return _write_pairs(ds, stage, skip_bad)
    names = target_classes(taxonomy)
    index = {n: i for i, n in enumerate(names)}
    result = ExportResult({n: 0 for n in names})
    coco = {"info": {"description": f"GUI Factory export ({taxonomy} taxonomy)", "version": "1"},
            "licenses": [], "images": [], "annotations": [],
            "categories": [{"id": i + 1, "name": n, "supercategory": "ui"} for i, n in enumerate(names)]}
    (stage / "images").mkdir()
    if fmt == "yolo":
        (stage / "labels").mkdir()
    policy = bad_samples_policy(ds, skip_bad)
    for s in checked_samples(ds, policy):
        doc, w, h = s.doc, s.doc["width"], s.doc["height"]
        file_name = copy_image(s, stage)
        result.images += 1
        if fmt == "coco":
            coco["images"].append({"id": result.images, "file_name": f"images/{file_name}", "width": w, "height": h})
        lines = []
        for e in doc["elements"]:
            target = table[e["class"]]
            if target == IGNORE:
                continue
            result.counts[target] += 1
            x, y, bw, bh = e["bbox"]
            if fmt == "coco":
                coco["annotations"].append({
                    "id": len(coco["annotations"]) + 1, "image_id": result.images, "category_id": index[target] + 1,
                    "bbox": [x, y, bw, bh], "area": bw * bh, "iscrowd": 0})
            else:
                lines.append(f"{index[target]} {(x + bw / 2) / w:.6f} {(y + bh / 2) / h:.6f} {bw / w:.6f} {bh / h:.6f}")
        if fmt == "yolo":
            (stage / "labels" / f"{s.key}.txt").write_text("\n".join(lines) + ("\n" if lines else ""), encoding="utf-8")
    if not result.images:
        raise DataError(f"{ds.root}: no sample to export" + (f" ({len(policy.skipped)} bad ones skipped)"
                                                             if policy.skipped else ""))
    result.skipped = policy.skipped
    if fmt == "coco":
        (stage / "annotations.json").write_text(json.dumps(coco), encoding="utf-8")
    else:
        data = {"path": str(out.resolve()), "train": "images", "val": "images",
                "nc": len(names), "names": {i: n for i, n in enumerate(names)}}
        (stage / "data.yaml").write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return result


def _write_pairs(ds: Dataset, stage: Path, skip_bad: bool) -> ExportResult:
    from factory.code_pairs import write_pairs

    policy = bad_samples_policy(ds, skip_bad)
    pairs = write_pairs(ds, stage, policy)
    if not pairs.total:
        raise DataError(f"{ds.root}: no pair to export" + (f" ({len(policy.skipped)} bad samples skipped)"
                                                           if policy.skipped else ""))
    return ExportResult(dict(pairs.counts), pairs.total, policy.skipped, pairs.left_out)


def _owned(out: Path) -> set[str]:
    """Files of an earlier export of ours in OUT (by our layout's names); anything else there is left alone."""
    found = set()
    for sub in ("", *SUBDIRS):
        d = out / sub
        if d.is_dir() and not d.is_symlink():
            for p in d.iterdir():
                rel = f"{sub}/{p.name}" if sub else p.name
                if OWNED.fullmatch(rel) and p.is_file() and not p.is_symlink():
                    found.add(rel)
    return found


def _commit(stage: Path, out: Path, earlier: bool) -> None:
    """Move the staged export into OUT, replacing (and removing the rest of) an earlier export of ours."""
    new = {p.relative_to(stage).as_posix() for p in stage.rglob("*") if p.is_file()}
    owned = _owned(out) if earlier else set()
    foreign = sorted(rel for rel in new - owned if os.path.lexists(out / rel))
    if foreign:
        raise ConfigError(f"{out / foreign[0]} exists and was not written by an export: the factory does not "
                          f"overwrite it; remove it or choose a new --out")
    subs = [sub for sub in SUBDIRS if (stage / sub).is_dir()]
    for sub in subs:
        if os.path.lexists(out / sub) and ((out / sub).is_symlink() or not (out / sub).is_dir()):
            raise ConfigError(f"{out / sub} is not a directory an export made (a link?); choose a new --out")
    for rel in sorted(owned - new):
        (out / rel).unlink()
    for sub in subs:
        (out / sub).mkdir(exist_ok=True)
    for rel in sorted(new):
        os.replace(stage / rel, out / rel)
    for sub in SUBDIRS:  # e.g. a YOLO export replaced by a COCO one: the emptied labels/ was ours
        d = out / sub
        if earlier and sub not in subs and d.is_dir() and not d.is_symlink() and not any(d.iterdir()):
            d.rmdir()
