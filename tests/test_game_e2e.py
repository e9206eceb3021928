"""End to end with the game renderer: `factory render --renderer game` -> shards read back with webdataset and
DuckDB, HUD classes in the tables, and the same bytes whatever the number of workers."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_factory, tree_hashes
from tests.invariants import dataset_fixture, read_back

pytestmark = pytest.mark.game
ARGS = ("render", "--renderer", "game", "--style", "fantasy", "--count", "48", "--shard-size", "12", "--seed", "3")
game_dataset = dataset_fixture("game", ARGS)


def test_shards_read_back_with_webdataset_and_duckdb(game_dataset: Path):
    rb = read_back(game_dataset, "game", samples=48, shards=4)
    assert rb.manifest["config"]["renderer_version"].startswith("pygame-ce")
    assert all(doc["grammar"].startswith("game_") for doc in rb.docs)
    classes = {c for (c,) in rb.con.execute("SELECT DISTINCT class FROM elements").fetchall()}
    assert {"inventory_slot", "resource_counter", "progress_bar", "minimap", "dialog", "button"} <= classes
    hud = rb.one("SELECT count(*) FROM elements WHERE source_type LIKE 'hud.%'")
    assert hud > 48, "HUD primitives are recorded as the elements' source types"
    sizes = set(rb.con.execute("SELECT DISTINCT width, height FROM samples").fetchall())
    assert len(sizes) >= 3 and all(w in (1024, 1280, 1334, 1366, 1440, 1520, 1600, 1680, 1792, 1920) for w, _ in sizes)


def test_same_bytes_for_one_and_two_workers(game_dataset: Path, tmp_path: Path):
    one = tmp_path / "game"
    res = run_factory(*ARGS, "--workers", "1", "--out", str(one))
    assert res.returncode == 0, res.stderr
    assert tree_hashes(one) == tree_hashes(game_dataset)
