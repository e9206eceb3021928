"""Hugging Face `datasets` features of a dataset's samples, so that its `webdataset` loader types every column
from the schema instead of guessing from the first 5 samples (a state flag that is null in all five and set
later fails to cast there):

    from datasets import load_dataset
    from factory.hf import dataset_features
    ds = load_dataset("webdataset", data_files={"train": "DIR/shards/*.tar"}, split="train",
                      features=dataset_features("DIR"))

The document's features are derived from the schema v1 JSON Schema (factory/data/sample_v1.schema.json) and the
factors from `factory.core.styles.Factors`: one source of truth, no second copy to keep in step.
"""

from __future__ import annotations

import dataclasses
import typing
from pathlib import Path

from factory.core.dataset import open_dataset
from factory.core.errors import ConfigError, DataError
from factory.core.schema import IMAGE_FORMATS, SAMPLE_EXTRAS, json_schema
from factory.core.styles import Factors

_SCALARS = {"string": "string", "integer": "int64", "number": "float64", "boolean": "bool"}
_PY = {str: "string", int: "int64", float: "float64", bool: "bool"}
# --episodes: the step's action (factory.episode_samples.ACTION_KEYS; element is null for a scroll)
_ACTION = {"type": "string", "target": "string", "text": "string", "option": "string", "dy": "int64",
           "element": "int64", "point": ["float64"], "step": "int64", "episode": "string"}


def _feature(spec: dict, path: str):
    """The `datasets` feature of one JSON Schema node (nullable: every Arrow column may hold nulls)."""
    from datasets import Value

    if path == "factors":
        hints = typing.get_type_hints(Factors)
        return {f.name: Value(_PY[hints[f.name]]) for f in dataclasses.fields(Factors)}
    if "const" in spec or "enum" in spec:
        values = spec.get("enum", [spec.get("const")])
        kinds = {type(v) for v in values}
        if len(kinds) != 1 or next(iter(kinds)) not in _PY:
            raise TypeError(f"schema node {path}: cannot type the values {values!r}")
        return Value(_PY[next(iter(kinds))])
    kinds = spec.get("type")
    kinds = [k for k in (kinds if isinstance(kinds, list) else [kinds]) if k != "null"]
    if len(kinds) != 1:
        raise TypeError(f"schema node {path}: one type (and null) expected, got {spec.get('type')!r}")
    kind = kinds[0]
    if kind in _SCALARS:
        return Value(_SCALARS[kind])
    if kind == "array":
        return [_feature(spec["items"], f"{path}[]")]
    if kind == "object":
        return {k: _feature(v, f"{path}.{k}") for k, v in spec["properties"].items()}
    raise TypeError(f"schema node {path}: no feature for type {kind!r}")


def doc_features() -> dict:
    """The features of a schema-v1 document (`<key>.json`), from the shipped JSON Schema."""
    return {k: _feature(v, k) for k, v in json_schema()["properties"].items()}


def features(image_format: str = "png", extras: typing.Iterable[str] = ()):
    """The `datasets.Features` of a sample: `<key>.<image_format>` (an Image), `<key>.json` (the document) and the
    optional members `extras` (names of factory.core.schema.SAMPLE_EXTRAS present in the dataset)."""
    from datasets import Features, Image, Value

    if image_format not in IMAGE_FORMATS:
        raise ConfigError(f"image format {image_format!r} is not one of {', '.join(IMAGE_FORMATS)}")
    out = {image_format: Image(), "json": doc_features()}
    for extra in extras:
        if extra not in SAMPLE_EXTRAS:
            raise ConfigError(f"{extra!r} is not a sample member the factory writes; known: {', '.join(SAMPLE_EXTRAS)}")
        if extra == "after.json":
            out[extra] = doc_features()
        elif extra == "action.json":
            out[extra] = {k: [Value(v[0])] if isinstance(v, list) else Value(v) for k, v in _ACTION.items()}
        elif extra.startswith("after."):
            out[extra] = Image()
        else:  # a source (html, ui): Hugging Face's loader keeps it as bytes
            out[extra] = Value("binary")
    out["__key__"] = Value("string")
    out["__url__"] = Value("string")
    return Features(out)


def dataset_features(directory: str | Path):
    """The features of the samples of a rendered dataset (a part, or a version or root whose parts agree): the
    manifests, checked by factory.core.dataset, name the image format and whether samples carry sources or
    episode steps."""
    try:
        parts = open_dataset(Path(directory)).parts
    except DataError as e:
        raise ConfigError(f"{directory}: not a readable dataset manifest ({e}); give a directory `factory render` "
                          f"wrote") from None
    wanted = {_members(part.manifest["config"]) for part in parts}
    if len(wanted) > 1:
        raise ConfigError(f"{directory}: its parts store different members ({sorted(wanted)}); load one part at a "
                          f"time")
    fmt, extras = wanted.pop()
    return features(fmt, extras)


def _members(cfg: dict) -> tuple[str, tuple[str, ...]]:
    """(image format, optional members) that a render with this config writes."""
    fmt = cfg.get("image_format", "png")
    extras = []
    if cfg.get("keep_source"):
        extras.append({"web": "html", "desktop": "ui"}.get(cfg.get("renderer"), ""))
    if cfg.get("episodes"):
        extras += ["action.json", f"after.{fmt}", "after.json"]
    return fmt, tuple(e for e in extras if e)
