"""Schema v1 of an annotated sample: the one module that the shard writer, verifier and trainer share.

Per sample a JSON document (`SampleRecord.to_json`) stored beside the image in the tar, and two flat
Parquet tables: `samples` (one row per sample) and `elements` (one row per element).

A sample's tar members: `<key>.json`, `<key>.<image_format>` and, optionally, members named in
SAMPLE_EXTRAS (`<key>.<extra>`, e.g. `<key>.html` with `factory render --keep-source`, `<key>.action.json`,
`<key>.after.png` and `<key>.after.json` with `factory render --episodes N`). An extra's name is
one or two lowercase words joined by a dot (`html`, `after.png`): the key is everything before the first dot.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Mapping

SCHEMA_VERSION = 1
IMAGE_FORMATS = ("png", "webp", "jpg")  # v1's image_format values: the tar member holding a sample's pixels
RENDER_IMAGE_FORMATS = IMAGE_FORMATS  # `factory render` writes each (jpg and webp lossy with a --quality)
# The files that make a directory a dataset (its presence means complete) and timm's reader index.
MANIFEST = "manifest.json"
TIMM_INFO = "_info.json"
# Its layout: one tar, two Parquet tables and one part record per shard, each kind in its own directory.
SHARDS_DIR, TABLES_DIR, PARTS_DIR = "shards", "tables", ".parts"
TABLES = ("samples", "elements")
PER_SHARD_DIRS = (SHARDS_DIR, *TABLES, PARTS_DIR)  # the directories holding one file per shard
# Optional members of a sample beyond <key>.json and <key>.<image>: extension -> size cap in bytes. The one list
# that the shard writer, the safe tar reader (factory.tario) and the trainer's loader share: a member named here
# is written when a Sample carries it, read into tario.Sample.extras, and skipped unread by the trainer; any
# other member is refused. Add an entry to add a member (and document it in README.md "What a dataset holds").
SAMPLE_EXTRAS: dict[str, int] = {
    "html": 32 << 20,  # web: the HTML page that drew the screen (--keep-source)
    "ui": 32 << 20,  # desktop: the widget tree as a Qt Designer .ui file (--keep-source)
    # --episodes: each sample is one step of an episode (factory.episode_samples): the action taken on the screen,
    # the screen after it (in the render's image format) and the after-screen's schema-v1 document
    "action.json": 64 << 10,
    **{f"after.{fmt}": 256 << 20 for fmt in IMAGE_FORMATS},
    "after.json": 16 << 20,
}
# The extras that hold a screen's source code (--keep-source), and their language in exports.
SOURCE_LANGUAGES = {"html": "html", "ui": "qt-ui"}
EXTRA_NAME = r"[a-z0-9]+(?:\.[a-z0-9]+)?"  # what an extra may be called: at most one dot
STATE_FIELDS = ("enabled", "checked", "selected", "focused", "expanded", "invalid", "filled")
FACTOR_FIELDS = ("theme", "locale", "form_factor", "viewport_w", "viewport_h", "dpr", "font_family",
                 "font_scale", "density", "accent")


@dataclass(frozen=True)
class Element:
    id: int
    parent: int | None
    cls: str  # serialized as "class"
    bbox: tuple[int, int, int, int]  # visible part, [x, y, w, h] in pixels of the saved image
    full_bbox: tuple[int, int, int, int]  # whole element, may extend past the image
    text: str
    interactable: bool
    state: Mapping[str, bool | None]
    source_type: str
    visible_fraction: float
    depth: int
    overflows_parent: bool  # the visible box reaches past the parent's (flagged, not clipped: pixels are there)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["class"] = d.pop("cls")
        d["bbox"] = list(self.bbox)
        d["full_bbox"] = list(self.full_bbox)
        d["state"] = {k: self.state.get(k) for k in STATE_FIELDS}
        return d


@dataclass(frozen=True)
class SampleRecord:
    key: str
    index: int
    seed: int
    attempt: int
    renderer: str
    renderer_version: str
    style: str
    grammar: str
    width: int
    height: int
    image_format: str
    factors: Mapping[str, Any]
    elements: tuple[Element, ...] = field(default_factory=tuple)
    schema_version: int = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        d = {k: v for k, v in asdict(self).items() if k != "elements"}
        d["factors"] = dict(self.factors)
        d["elements"] = [e.to_dict() for e in self.elements]
        return d

    def to_json(self) -> bytes:
        """Canonical bytes: sorted keys, no whitespace, UTF-8; the same record gives the same bytes."""
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


@lru_cache(maxsize=1)
def json_schema() -> dict:
    """The JSON Schema (draft 2020-12) of a per-sample document, shipped as factory/data/sample_v1.schema.json."""
    text = resources.files("factory.data").joinpath("sample_v1.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def validate(doc: Mapping[str, Any]) -> None:
    """Raise jsonschema.ValidationError when `doc` is not a valid schema-v1 sample document."""
    import jsonschema

    jsonschema.validate(doc, json_schema())


# --- Parquet tables ---------------------------------------------------------------------------

def arrow_schemas():
    """(samples, elements) pyarrow schemas; fixed column order so that files are byte-stable."""
    import pyarrow as pa

    samples = pa.schema([
        ("key", pa.string()), ("index", pa.int64()), ("seed", pa.int64()), ("attempt", pa.int32()),
        ("shard", pa.string()), ("renderer", pa.string()), ("renderer_version", pa.string()),
        ("style", pa.string()), ("grammar", pa.string()), ("width", pa.int32()), ("height", pa.int32()),
        ("image_format", pa.string()), ("n_elements", pa.int32()), ("schema_version", pa.int32()),
        ("theme", pa.string()), ("locale", pa.string()), ("form_factor", pa.string()),
        ("viewport_w", pa.int32()), ("viewport_h", pa.int32()), ("dpr", pa.float64()),
        ("font_family", pa.string()), ("font_scale", pa.float64()), ("density", pa.float64()),
        ("accent", pa.string()),
    ])
    elements = pa.schema([
        ("key", pa.string()), ("id", pa.int32()), ("parent", pa.int32()), ("class", pa.string()),
        ("class_id", pa.int32()), ("x", pa.int32()), ("y", pa.int32()), ("w", pa.int32()), ("h", pa.int32()),
        ("full_x", pa.int32()), ("full_y", pa.int32()), ("full_w", pa.int32()), ("full_h", pa.int32()),
        ("text", pa.string()), ("interactable", pa.bool_()), ("source_type", pa.string()),
        ("visible_fraction", pa.float64()), ("depth", pa.int32()), ("overflows_parent", pa.bool_()),
        *[(f"state_{s}", pa.bool_()) for s in STATE_FIELDS],
        ("renderer", pa.string()), ("style", pa.string()), ("grammar", pa.string()),
    ])
    return samples, elements


def sample_row(rec: SampleRecord, shard: str) -> dict[str, Any]:
    f = rec.factors
    return {
        "key": rec.key, "index": rec.index, "seed": rec.seed, "attempt": rec.attempt, "shard": shard,
        "renderer": rec.renderer, "renderer_version": rec.renderer_version, "style": rec.style,
        "grammar": rec.grammar, "width": rec.width, "height": rec.height, "image_format": rec.image_format,
        "n_elements": len(rec.elements), "schema_version": rec.schema_version,
        **{k: f.get(k) for k in FACTOR_FIELDS},
    }


def element_rows(rec: SampleRecord) -> list[dict[str, Any]]:
    from factory.core.taxonomy import CLASS_ID

    rows = []
    for e in rec.elements:
        rows.append({
            "key": rec.key, "id": e.id, "parent": e.parent, "class": e.cls, "class_id": CLASS_ID[e.cls],
            "x": e.bbox[0], "y": e.bbox[1], "w": e.bbox[2], "h": e.bbox[3],
            "full_x": e.full_bbox[0], "full_y": e.full_bbox[1], "full_w": e.full_bbox[2], "full_h": e.full_bbox[3],
            "text": e.text, "interactable": e.interactable, "source_type": e.source_type,
            "visible_fraction": e.visible_fraction, "depth": e.depth, "overflows_parent": e.overflows_parent,
            **{f"state_{s}": e.state.get(s) for s in STATE_FIELDS},
            "renderer": rec.renderer, "style": rec.style, "grammar": rec.grammar,
        })
    return rows
