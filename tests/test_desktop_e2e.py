"""End to end on the desktop renderer: `factory render --renderer desktop` -> shards read back with webdataset
and DuckDB; identical bytes for one and two workers; a dying Qt worker is replaced without changing a byte."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import run_factory, tree_hashes
from tests.invariants import dataset_fixture, read_back

pytestmark = [pytest.mark.desktop, pytest.mark.slow]
ARGS = ("render", "--renderer", "desktop", "--style", "classic", "--count", "24", "--shard-size", "8", "--seed", "5")
desktop_dataset = dataset_fixture("desktop", ARGS)


def test_shards_read_back_with_webdataset_and_duckdb(desktop_dataset: Path):
    rb = read_back(desktop_dataset, "desktop", samples=24, shards=3)
    assert rb.manifest["config"]["renderer_version"].startswith("Qt ")
    for doc in rb.docs:
        assert (doc["width"], doc["height"]) == (round(doc["factors"]["viewport_w"] * doc["factors"]["dpr"]),
                                                 round(doc["factors"]["viewport_h"] * doc["factors"]["dpr"]))
    classes = {e["source_type"].split("(")[0].split("[")[0] for doc in rb.docs for e in doc["elements"]}
    assert len({doc["grammar"] for doc in rb.docs}) >= 6 and {"QPushButton", "QLabel"} <= classes
    assert rb.one("SELECT count(DISTINCT dpr) FROM samples") >= 2


def test_same_bytes_for_one_and_two_workers(desktop_dataset: Path, tmp_path: Path):
    one = tmp_path / "desktop"
    res = run_factory(*ARGS, "--workers", "1", "--out", str(one))
    assert res.returncode == 0, res.stderr
    assert tree_hashes(one) == tree_hashes(desktop_dataset)


def test_dying_qt_worker_is_replaced_and_output_unchanged(desktop_dataset: Path, tmp_path: Path):
    out = tmp_path / "desktop"
    res = run_factory(*ARGS, "--workers", "2", "--out", str(out),
                      env={**os.environ, "COLUMNS": "120", "GUI_FACTORY_FAILPOINT": "exit@11"})
    assert res.returncode == 0, res.stderr
    assert "1 worker restarts" in res.stderr, res.stderr[-3000:]
    assert tree_hashes(out) == tree_hashes(desktop_dataset)
    assert not list(out.glob(".failpoint-*")) and not list(out.rglob("*.tmp"))
