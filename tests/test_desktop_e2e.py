"""End to end on the desktop renderer: `factory render --renderer desktop` -> shards read back with webdataset
and DuckDB; identical bytes for one and two workers; a dying Qt worker is replaced without changing a byte."""

from __future__ import annotations

import json
import os
from pathlib import Path

import duckdb
import pytest
import webdataset as wds

from factory.schema import validate
from tests.conftest import run_factory, tree_hashes

pytestmark = [pytest.mark.desktop, pytest.mark.slow]
ARGS = ("render", "--renderer", "desktop", "--style", "classic", "--count", "24", "--shard-size", "8", "--seed", "5")


@pytest.fixture(scope="module")
def desktop_dataset(tmp_path_factory) -> Path:
    """24 desktop samples in 3 shards of 8, rendered with 2 workers."""
    out = tmp_path_factory.mktemp("desktop-e2e") / "desktop"
    res = run_factory(*ARGS, "--workers", "2", "--out", str(out))
    assert res.returncode == 0, res.stderr
    return out


def test_shards_read_back_with_webdataset_and_duckdb(desktop_dataset: Path):
    manifest = json.loads((desktop_dataset / "manifest.json").read_text())
    assert manifest["counts"]["samples"] == 24 and manifest["counts"]["shards"] == 3
    assert manifest["config"]["renderer_version"].startswith("Qt ")
    tars = sorted(str(p) for p in (desktop_dataset / "shards").glob("*.tar"))
    tar_keys, json_elements, grammars, classes = [], 0, set(), set()
    for sample in wds.WebDataset(tars, shardshuffle=False):
        assert set(sample) >= {"__key__", "png", "json"} and "." not in sample["__key__"]
        doc = json.loads(sample["json"])
        validate(doc)
        assert doc["key"] == sample["__key__"] and doc["renderer"] == "desktop"
        assert sample["png"][:8] == b"\x89PNG\r\n\x1a\n"
        assert (doc["width"], doc["height"]) == (round(doc["factors"]["viewport_w"] * doc["factors"]["dpr"]),
                                                 round(doc["factors"]["viewport_h"] * doc["factors"]["dpr"]))
        tar_keys.append(sample["__key__"])
        json_elements += len(doc["elements"])
        grammars.add(doc["grammar"])
        classes |= {e["source_type"].split("(")[0].split("[")[0] for e in doc["elements"]}
    assert len(tar_keys) == 24 and len(set(tar_keys)) == 24
    assert len(grammars) >= 6 and {"QPushButton", "QLabel"} <= classes
    con = duckdb.connect()
    con.execute("CREATE TEMP TABLE tar_keys(key VARCHAR)")
    con.executemany("INSERT INTO tar_keys VALUES (?)", [(k,) for k in tar_keys])
    samples = f"read_parquet('{desktop_dataset}/tables/samples/*.parquet')"
    elements = f"read_parquet('{desktop_dataset}/tables/elements/*.parquet')"
    only_tar, only_table = con.execute(
        f"SELECT count(*) FILTER (WHERE s.key IS NULL), count(*) FILTER (WHERE t.key IS NULL) "
        f"FROM tar_keys t FULL OUTER JOIN {samples} s USING (key)").fetchone()
    assert (only_tar, only_table) == (0, 0)
    n_el, orphans = con.execute(
        f"SELECT count(*), count(*) FILTER (WHERE s.key IS NULL) FROM {elements} e "
        f"LEFT JOIN {samples} s USING (key)").fetchone()
    assert n_el == json_elements == manifest["counts"]["elements"] and orphans == 0
    assert con.execute(f"SELECT count(*) FROM {elements} WHERE w <= 0 OR h <= 0").fetchone()[0] == 0
    assert con.execute(f"SELECT count(DISTINCT dpr) FROM {samples}").fetchone()[0] >= 2


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
    assert "1 worker restarts" in res.stderr
    assert tree_hashes(out) == tree_hashes(desktop_dataset)
    assert not list(out.glob(".failpoint-*")) and not list(out.rglob("*.tmp"))
