"""Checks shared by the renderer tests (web, desktop, game): one annotated render agrees with its layout and its
pixels, and a rendered dataset reads back with webdataset and DuckDB with tars, tables and manifest agreeing."""

from __future__ import annotations

import io
import json
import random
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pytest
import webdataset as wds
from PIL import Image

from annotators.annotate import Annotation, annotate
from annotators.checks import is_flat
from factory.core.content import Content
from factory.core.layout import Layout
from factory.core.schema import validate
from factory.core.styles import Factors, Style
from factory.core.taxonomy import CLASSES
from factory.grammars.base import GRAMMARS
from renderers import RENDERERS
from renderers.base import Rendered
from tests.conftest import run_factory


# A plain sample's factors per renderer; tests override what they vary (make_factors("web", theme="dark")).
FACTORS = {
    "web": dict(theme="light", locale="en_US", form_factor="desktop", viewport_w=800, viewport_h=600, dpr=1.0,
                font_family="DejaVu Sans", font_scale=1.0, density=1.0, accent="#3355aa"),
    "desktop": dict(theme="light", locale="en_US", form_factor="desktop", viewport_w=640, viewport_h=400, dpr=1.0,
                    font_family="Noto Sans", font_scale=1.0, density=1.0, accent="#3355aa"),
    "game": dict(theme="dark", locale="en_US", form_factor="desktop", viewport_w=1280, viewport_h=720, dpr=1.0,
                 font_family="DejaVu Sans Mono", font_scale=1.0, density=1.0, accent="#ff6b35"),
}


def make_factors(renderer: str, **kw) -> Factors:
    return Factors(**{**FACTORS[renderer], **kw})


def generate(grammar: str, seed: int, form_factor: str = "desktop", locale: str = "en_US") -> Layout:
    """The layout a grammar draws for `seed` (its own RNG and content, as the render pipeline seeds them per sample)."""
    rng = random.Random(seed)
    return GRAMMARS.get(grammar).generate(rng, Content(locale, seed, rng), form_factor)


def render_annotated(renderer_name: str, renderer, layout: Layout, style: str | Style, factors: Factors):
    """(Rendered, its pixels decoded from the PNG, the annotation) of one layout; `style` by name or as a Style."""
    style = RENDERERS.get(renderer_name).styles.get(style) if isinstance(style, str) else style
    out = renderer.render(layout, style, factors)
    pixels = np.asarray(Image.open(io.BytesIO(out.image)).convert("RGB"))
    return out, pixels, annotate(layout, out, pixels)


def check_invariants(layout: Layout, out: Rendered, pixels: np.ndarray, ann: Annotation, *,
                     own_pixels: bool = False) -> None:
    """Boxes inside the image, on drawn pixels and inside their parents (or flagged), structure as in the layout.
    `own_pixels`: the renderer hands over its pixels (then they must be the PNG's)."""
    h, w = pixels.shape[:2]
    assert (out.width, out.height) == (w, h)
    if own_pixels or out.pixels is not None:
        assert np.array_equal(out.pixels, pixels), "the pixels handed to the pipeline are the PNG's pixels"
    assert ann.elements, "no element survived"
    assert ann.drops.get("dropped_class_mismatch", 0) == 0, "the drawn source type disagrees with the layout role"
    assert ann.drops.get("dropped_unmeasured", 0) == 0
    assert out.blocked_requests == 0
    assert set(out.nodes) == {n.id for n, _ in layout.nodes()}, "renderers measure every node, invent none"
    by_id = {e.id: e for e in ann.elements}
    assert len(by_id) == len(ann.elements), "element ids are unique"
    for e in ann.elements:
        x, y, bw, bh = e.bbox
        assert bw > 0 and bh > 0 and x >= 0 and y >= 0 and x + bw <= w and y + bh <= h, e
        assert e.cls in CLASSES
        assert not is_flat(pixels, e.bbox), f"{e.cls} {e.id} is flat background"
        assert 0.3 <= e.visible_fraction <= 1, e
        if e.parent is not None:
            p = by_id[e.parent]
            assert e.depth == p.depth + 1
            # Children lie inside their parents unless flagged as overflowing (and the flag is right).
            px, py, pw, ph = p.bbox
            inside = x >= px - 1 and y >= py - 1 and x + bw <= px + pw + 1 and y + bh <= py + ph + 1
            assert inside != e.overflows_parent, (e, p)
    # An open menu's items hang below their menu-bar entry by design; any other overflow is counted.
    flagged = sum(e.overflows_parent and not (e.parent is not None and by_id[e.parent].cls == "menu_item"
                                              and by_id[e.parent].state.get("expanded"))
                  for e in ann.elements)
    assert flagged <= max(2, len(ann.elements) // 10), f"{flagged} of {len(ann.elements)} elements overflow: layout bug"
    # The renderer's parent chain (DOM, Qt widgets, scene graph) agrees with the layout's.
    parents = {c.id: n.id for n, _ in layout.nodes() for c in n.children}
    for nid, m in out.nodes.items():
        assert m.parent == parents.get(nid), nid


def dataset_fixture(name: str, args: tuple[str, ...]):
    """A module fixture NAME_dataset: `factory render ARGS --workers 2` into a fresh folder, which must succeed."""

    @pytest.fixture(scope="module", name=f"{name}_dataset")
    def rendered(tmp_path_factory) -> Path:
        """The dataset that `factory render ARGS --workers 2` writes into a fresh folder."""
        out = tmp_path_factory.mktemp(f"{name}-e2e") / name
        res = run_factory(*args, "--workers", "2", "--out", str(out))
        assert res.returncode == 0, res.stderr
        return out

    return rendered


@dataclass
class ReadBack:
    """A dataset read back: its manifest, the JSON documents in tar order, DuckDB views `samples` and `elements`."""

    manifest: dict
    docs: list[dict]
    con: duckdb.DuckDBPyConnection

    def one(self, sql: str) -> Any:
        return self.con.execute(sql).fetchone()[0]


def read_back(root: Path, renderer: str, samples: int, shards: int) -> ReadBack:
    """Read `factory render` output with webdataset and DuckDB; tars, tables, manifest and _info.json agree."""
    manifest = json.loads((root / "manifest.json").read_text())
    assert manifest["counts"]["samples"] == samples and manifest["counts"]["shards"] == shards
    assert manifest["counts"]["drops"].get("blocked_requests", 0) == 0
    tars = sorted(str(p) for p in (root / "shards").glob("*.tar"))
    docs = []
    for sample in wds.WebDataset(tars, shardshuffle=False):
        assert set(sample) >= {"__key__", "png", "json"} and "." not in sample["__key__"]
        doc = json.loads(sample["json"])
        validate(doc)
        assert doc["key"] == sample["__key__"] and doc["renderer"] == renderer
        assert sample["png"][:8] == b"\x89PNG\r\n\x1a\n"
        assert Image.open(io.BytesIO(sample["png"])).size == (doc["width"], doc["height"])
        docs.append(doc)
    keys = [d["key"] for d in docs]
    assert len(keys) == len(set(keys)) == samples
    con = duckdb.connect()
    con.execute(f"CREATE VIEW samples AS SELECT * FROM read_parquet('{root}/tables/samples/*.parquet')")
    con.execute(f"CREATE VIEW elements AS SELECT * FROM read_parquet('{root}/tables/elements/*.parquet')")
    con.execute("CREATE TEMP TABLE tar_keys(key VARCHAR)")
    con.executemany("INSERT INTO tar_keys VALUES (?)", [(k,) for k in keys])
    # Tar keys and table keys join exactly: nothing missing on either side.
    only_tar, only_table = con.execute(
        "SELECT count(*) FILTER (WHERE s.key IS NULL), count(*) FILTER (WHERE t.key IS NULL) "
        "FROM tar_keys t FULL OUTER JOIN samples s USING (key)").fetchone()
    assert (only_tar, only_table) == (0, 0)
    n_el, orphans = con.execute(
        "SELECT count(*), count(*) FILTER (WHERE s.key IS NULL) FROM elements e LEFT JOIN samples s USING (key)"
    ).fetchone()
    assert n_el == sum(len(d["elements"]) for d in docs) == manifest["counts"]["elements"] and orphans == 0
    assert con.execute("SELECT sum(n_elements) FROM samples").fetchone()[0] == n_el
    assert con.execute("SELECT count(*) FROM elements WHERE w <= 0 OR h <= 0").fetchone()[0] == 0
    # _info.json is what timm's WebDataset reader expects.
    info = json.loads((root / "_info.json").read_text())
    assert info["splits"]["train"]["num_samples"] == samples
    assert [str(root / f) for f in info["splits"]["train"]["filenames"]] == tars
    return ReadBack(manifest, docs, con)


def tar_members(d: Path) -> dict[str, dict[str, bytes]]:
    """Every sample of a dataset's shards: key -> {member extension (after the key's dot): bytes}."""
    got: dict[str, dict[str, bytes]] = {}
    for tar in sorted((d / "shards").glob("*.tar")):
        with tarfile.open(tar) as tf:
            for m in tf:
                key, ext = m.name.split(".", 1)
                got.setdefault(key, {})[ext] = tf.extractfile(m).read()
    return got
