"""A sample's JSON record, checked for the types the trainer relies on before any value is used.

The trainer reads three fields of schema v1 (factory/core/schema.py): `image_format` (which member holds the
pixels: one of the schema's IMAGE_FORMATS, png if absent) and, for detection, each element's `class` and
`bbox`. JSON from a shard may hold anything: a list instead of an object, a bbox as a string, NaN, 1e308, a
class no taxonomy knows. Each is a BadRecord naming the file and key (skipped and counted by the loader),
never a TypeError deep inside numpy or albumentations.
"""

from __future__ import annotations

import json
import math

from factory.core.schema import IMAGE_FORMATS
from trainer.faults import BadImage, BadRecord


def where(sample: dict) -> str:
    """'<shard>: sample <key>' for messages."""
    return f"{sample.get('__url__', '?')}: sample {str(sample.get('__key__', '?'))[:80]}"


def parse(sample: dict) -> dict:
    """The sample's JSON member as a dict; BadRecord if it is missing, not UTF-8 JSON, or not an object."""
    raw = sample.get("json")
    if raw is None:
        raise BadRecord(f"{where(sample)}: no .json member")
    try:
        rec = json.loads(raw)
    except (UnicodeDecodeError, ValueError) as e:  # JSONDecodeError is a ValueError
        raise BadRecord(f"{where(sample)}: JSON does not parse ({e})") from None
    if not isinstance(rec, dict):
        raise BadRecord(f"{where(sample)}: JSON is a {type(rec).__name__}, expected an object")
    return rec


def image_bytes(sample: dict, rec: dict) -> bytes:
    """The bytes of the member that `image_format` names (png by default)."""
    fmt = rec.get("image_format", "png")
    if fmt not in IMAGE_FORMATS:  # (a list or dict is not `in` a tuple of strings: no TypeError here)
        raise BadRecord(f"{where(sample)}: image_format {str(fmt)[:40]!r} is not one of {', '.join(IMAGE_FORMATS)}")
    data = sample.get(fmt)
    if data is None:
        raise BadImage(f"{where(sample)}: no .{fmt} member")
    return data


def _bbox(value: object) -> tuple[float, float, float, float] | None:
    """Four finite numbers (not booleans), or None."""
    if not isinstance(value, list) or len(value) != 4:
        return None
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value):
        return None
    try:
        box = tuple(float(v) for v in value)
    except OverflowError:  # an integer too large for a float
        return None
    return box if all(math.isfinite(v) for v in box) else None  # type: ignore[return-value]


def elements(sample: dict, rec: dict, classes: dict[str, int]) -> list[tuple[int, tuple[float, float, float, float]]]:
    """(label, bbox [x, y, w, h]) of every element: a list of objects, each with a class of `classes` and a
    bbox of four finite numbers; label -1 marks a class mapped to __ignore__ (kept for the caller to drop)."""
    els = rec.get("elements", [])
    if not isinstance(els, list):
        raise BadRecord(f"{where(sample)}: elements is a {type(els).__name__}, expected a list")
    out = []
    for i, e in enumerate(els):
        if not isinstance(e, dict):
            raise BadRecord(f"{where(sample)}: elements[{i}] is a {type(e).__name__}, expected an object")
        cls = e.get("class")
        if not isinstance(cls, str) or cls not in classes:
            raise BadRecord(f"{where(sample)}: elements[{i}] class {str(cls)[:60]!r} is not in the taxonomy")
        box = _bbox(e.get("bbox"))
        if box is None:
            raise BadRecord(f"{where(sample)}: elements[{i}] bbox {str(e.get('bbox'))[:60]!r} is not "
                            f"[x, y, w, h] of four finite numbers")
        out.append((classes[cls], box))
    return out
