"""End to end with the game renderer: `factory render --renderer game` -> shards read back with webdataset and
DuckDB, HUD classes in the tables, and the same bytes whatever the number of workers."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
import webdataset as wds

from factory.schema import validate
from tests.conftest import run_factory, tree_hashes

pytestmark = pytest.mark.game
ARGS = ("render", "--renderer", "game", "--style", "fantasy", "--count", "48", "--shard-size", "12", "--seed", "3")


@pytest.fixture(scope="module")
def game_dataset(tmp_path_factory) -> Path:
    """48 game samples in 4 shards of 12, rendered with 2 workers."""
    out = tmp_path_factory.mktemp("game-e2e") / "game"
    res = run_factory(*ARGS, "--workers", "2", "--out", str(out))
    assert res.returncode == 0, res.stderr
    return out


def test_shards_read_back_with_webdataset_and_duckdb(game_dataset: Path):
    manifest = json.loads((game_dataset / "manifest.json").read_text())
    assert manifest["counts"]["samples"] == 48 and manifest["counts"]["shards"] == 4
    assert manifest["config"]["renderer_version"].startswith("pygame-ce")
    tars = sorted(str(p) for p in (game_dataset / "shards").glob("*.tar"))
    tar_keys, json_elements = [], 0
    for sample in wds.WebDataset(tars, shardshuffle=False).decode("pil"):
        doc = sample["json"]  # decoded by webdataset, like the PNG
        validate(doc)
        assert doc["key"] == sample["__key__"] and doc["renderer"] == "game" and doc["grammar"].startswith("game_")
        assert sample["png"].size == (doc["width"], doc["height"])
        tar_keys.append(sample["__key__"])
        json_elements += len(doc["elements"])
    assert len(set(tar_keys)) == 48
    con = duckdb.connect()
    con.execute("CREATE TEMP TABLE tar_keys(key VARCHAR)")
    con.executemany("INSERT INTO tar_keys VALUES (?)", [(k,) for k in tar_keys])
    samples = f"read_parquet('{game_dataset}/tables/samples/*.parquet')"
    elements = f"read_parquet('{game_dataset}/tables/elements/*.parquet')"
    only_tar, only_table = con.execute(
        f"SELECT count(*) FILTER (WHERE s.key IS NULL), count(*) FILTER (WHERE t.key IS NULL) "
        f"FROM tar_keys t FULL OUTER JOIN {samples} s USING (key)"
    ).fetchone()
    assert (only_tar, only_table) == (0, 0)
    n_el, orphans = con.execute(
        f"SELECT count(*), count(*) FILTER (WHERE s.key IS NULL) FROM {elements} e "
        f"LEFT JOIN {samples} s USING (key)"
    ).fetchone()
    assert n_el == json_elements == manifest["counts"]["elements"] and orphans == 0
    assert con.execute(f"SELECT count(*) FROM {elements} WHERE w <= 0 OR h <= 0").fetchone()[0] == 0
    classes = {c for (c,) in con.execute(f"SELECT DISTINCT class FROM {elements}").fetchall()}
    assert {"inventory_slot", "resource_counter", "progress_bar", "minimap", "dialog", "button"} <= classes
    hud = con.execute(f"SELECT count(*) FROM {elements} WHERE source_type LIKE 'hud.%'").fetchone()[0]
    assert hud > 48, "HUD primitives are recorded as the elements' source types"
    sizes = {(w, h) for w, h in con.execute(f"SELECT DISTINCT width, height FROM {samples}").fetchall()}
    assert len(sizes) >= 3 and all(w in (1024, 1280, 1334, 1366, 1440, 1520, 1600, 1680, 1792, 1920) for w, _ in sizes)


def test_same_bytes_for_one_and_two_workers(game_dataset: Path, tmp_path: Path):
    one = tmp_path / "game"
    res = run_factory(*ARGS, "--workers", "1", "--out", str(one))
    assert res.returncode == 0, res.stderr
    assert tree_hashes(one) == tree_hashes(game_dataset)
