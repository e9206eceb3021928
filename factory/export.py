"""Exports for other tools: COCO detection JSON and YOLO txt + data.yaml, in any mapped taxonomy.

Images are written next to the labels (OUT/images/<key>.<ext>); elements whose class maps to the
taxonomy's ignore value are left out.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from factory.dataset import Dataset
from factory.taxonomy import IGNORE, mapping, target_classes
from factory.verify import _tar_samples

FORMATS = ("coco", "yolo")


def _samples(ds: Dataset):
    for part in ds.parts:
        for tar in part.tars:
            for key, members in _tar_samples(tar):
                doc = json.loads(members["json"])
                yield doc, members[doc["image_format"]]


def export(ds: Dataset, fmt: str, out: Path, taxonomy: str = "canonical") -> dict:
    """Write the export; returns counts per target class (what was written)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    table = mapping(taxonomy)  # ValueError with the known names for an unknown taxonomy
    names = target_classes(taxonomy)
    index = {n: i for i, n in enumerate(names)}
    (out / "images").mkdir(parents=True, exist_ok=True)
    counts = {n: 0 for n in names}
    coco = {"info": {"description": f"GUI Factory export ({taxonomy} taxonomy)", "version": "1"},
            "licenses": [], "images": [], "annotations": [],
            "categories": [{"id": i + 1, "name": n, "supercategory": "ui"} for i, n in enumerate(names)]}
    if fmt == "yolo":
        (out / "labels").mkdir(parents=True, exist_ok=True)
    for image_id, (doc, image) in enumerate(_samples(ds), 1):
        file_name = f"{doc['key']}.{doc['image_format']}"
        (out / "images" / file_name).write_bytes(image)
        w, h = doc["width"], doc["height"]
        lines = []
        if fmt == "coco":
            coco["images"].append({"id": image_id, "file_name": f"images/{file_name}", "width": w, "height": h})
        for e in doc["elements"]:
            target = table[e["class"]]
            if target == IGNORE:
                continue
            counts[target] += 1
            x, y, bw, bh = e["bbox"]
            if fmt == "coco":
                coco["annotations"].append({
                    "id": len(coco["annotations"]) + 1, "image_id": image_id, "category_id": index[target] + 1,
                    "bbox": [x, y, bw, bh], "area": bw * bh, "iscrowd": 0})
            else:
                lines.append(f"{index[target]} {(x + bw / 2) / w:.6f} {(y + bh / 2) / h:.6f} {bw / w:.6f} {bh / h:.6f}")
        if fmt == "yolo":
            (out / "labels" / f"{doc['key']}.txt").write_text("\n".join(lines) + ("\n" if lines else ""))
    if fmt == "coco":
        (out / "annotations.json").write_text(json.dumps(coco), encoding="utf-8")
    else:
        data = {"path": str(out.resolve()), "train": "images", "val": "images",
                "nc": len(names), "names": {i: n for i, n in enumerate(names)}}
        (out / "data.yaml").write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return counts
