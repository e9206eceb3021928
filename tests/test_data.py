"""Data management over a rendered dataset: stats, query, verify (with injected damage), exports, loaders, report."""

from __future__ import annotations

import io
import re
import json
import shutil
import tarfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from factory.core.dataset import open_dataset
from factory.core.schema import STATE_FIELDS
from factory.core.taxonomy import IGNORE, mapping
from tests.conftest import factory_cli, run_factory

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def copy(web_dataset: Path, tmp_path: Path) -> Path:
    out = tmp_path / "web"
    shutil.copytree(web_dataset, out)
    return out


def test_stats_json_agrees_with_duckdb_and_writes_files(web_dataset: Path, tmp_path: Path):
    res = factory_cli("stats", str(web_dataset), "--json", "--out", str(tmp_path / "stats"))
    assert res.returncode == 0, res.stderr
    stats = json.loads(res.stdout)
    con = duckdb.connect()
    elements = f"read_parquet('{web_dataset}/tables/elements/*.parquet')"
    direct = dict(con.execute(f"SELECT class, count(*) FROM {elements} GROUP BY ALL").fetchall())
    assert stats["classes"] == direct
    assert stats["summary"]["samples"] == 36
    assert stats["summary"]["elements"] == sum(direct.values())
    assert 0 < stats["summary"]["text_coverage"] < 1 and 0 < stats["summary"]["interactable_share"] < 1
    manifest = json.loads((web_dataset / "manifest.json").read_text())
    assert stats["drops"] == manifest["counts"]["drops"]
    metrics = json.loads((tmp_path / "stats" / "stats.json").read_text())
    assert metrics["elements"] == stats["summary"]["elements"]
    for name in ("class_hist", "box_sizes", "elements_per_screen", "aspect_ratios", "per_style"):
        assert (tmp_path / "stats" / f"{name}.csv").read_text().count("\n") >= 2


def test_query_formats_and_read_only(web_dataset: Path, tmp_path: Path):
    res = run_factory("query", str(web_dataset),
                      "SELECT class, count(*) AS n FROM elements GROUP BY ALL ORDER BY n DESC",
                      "--format", "json")
    assert res.returncode == 0, res.stderr
    rows = json.loads(res.stdout)
    assert rows[0]["n"] >= rows[-1]["n"] and {"class", "n"} == set(rows[0])
    res = run_factory("query", str(web_dataset), "SELECT version, count(*) FROM samples GROUP BY ALL",
                      "--format", "csv")
    assert res.stdout.splitlines()[1] == "web,36"
    target = tmp_path / "leak.csv"
    for sql in (f"COPY (SELECT 1) TO '{target}'", "CREATE TABLE x AS SELECT 1",
                "SELECT * FROM read_csv('/etc/passwd')", f"COPY (SELECT 1) TO '{web_dataset}/x.csv'"):
        res = run_factory("query", str(web_dataset), sql)
        assert res.returncode == 2 and "Traceback" not in res.stderr, (sql, res.stderr)
    assert not target.exists() and not (web_dataset / "x.csv").exists()
    res = run_factory("query", str(web_dataset), "SELEC 1")
    assert res.returncode == 2 and "does not parse" in res.stderr
    res = run_factory("query", str(tmp_path), "SELECT 1")
    assert res.returncode == 2 and "holds no dataset" in res.stderr


def test_verify_passes_on_intact_dataset(web_dataset: Path):
    res = factory_cli("verify", str(web_dataset))
    assert res.returncode == 0, res.stderr
    assert "OK" in res.stdout


def _verify_faults(path: Path) -> str:
    res = factory_cli("verify", str(path))
    assert res.returncode == 1, res.stdout + res.stderr
    return res.stderr


def test_verify_flipped_byte(copy: Path):
    tar = copy / "shards" / "web_material-000001.tar"
    data = bytearray(tar.read_bytes())
    data[len(data) // 2] ^= 0xFF
    tar.write_bytes(bytes(data))
    assert "shards/web_material-000001.tar: sha256 differs" in _verify_faults(copy)


def test_verify_truncated_missing_and_extra_shards(copy: Path):
    t0 = copy / "shards" / "web_material-000000.tar"
    t0.write_bytes(t0.read_bytes()[:5000])
    (copy / "shards" / "web_material-000002.tar").unlink()
    (copy / "shards" / "web_material-000009.tar").write_bytes(b"")
    err = _verify_faults(copy)
    assert "shards/web_material-000000.tar: size" in err
    assert "shards/web_material-000002.tar: missing" in err
    assert "shards/web_material-000009.tar: extra file" in err


def test_verify_bad_image_inside_valid_tar_names_the_key(copy: Path):
    tar_path = copy / "shards" / "web_material-000001.tar"
    members = []
    with tarfile.open(tar_path) as tar:
        for info in tar:
            members.append((info, tar.extractfile(info).read()))
    victim = members[4][0].name.split(".")[0]
    with tarfile.open(tar_path, "w") as tar:
        for info, data in members:
            if info.name == f"{victim}.png":
                data = data[:100] + b"\0" * (len(data) - 100)  # valid tar, broken PNG
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    err = _verify_faults(copy)
    assert f"[{victim}]: image does not decode" in err


def test_verify_edited_table_row_names_file_and_key(copy: Path):
    path = copy / "tables" / "elements" / "web_material-000002.parquet"
    table = pq.read_table(path)
    rows = table.to_pylist()
    rows[3]["x"] += 7
    pq.write_table(type(table).from_pylist(rows, schema=table.schema), path, compression="zstd")
    err = _verify_faults(copy)
    # the file is named: by its checksum, or by its size when the edit changed how it compresses
    assert re.search(r"tables/elements/web_material-000002\.parquet: (sha256 differs|size \d+ != manifest)", err), err
    assert f"[{rows[3]['key']}]: row of element {rows[3]['id']} differs from the JSON in ['x']" in err


@pytest.mark.parametrize("taxonomy", ["canonical", "rico", "vins"])
def test_coco_export_loads_in_pycocotools_with_duckdb_counts(web_dataset: Path, tmp_path: Path, taxonomy: str):
    from pycocotools.coco import COCO

    out = tmp_path / "coco"
    res = factory_cli("export", str(web_dataset), "--format", "coco", "--taxonomy", taxonomy, "--out", str(out))
    assert res.returncode == 0, res.stderr
    coco = COCO(str(out / "annotations.json"))
    assert len(coco.getImgIds()) == 36
    got = {c["name"]: len(coco.getAnnIds(catIds=[c["id"]])) for c in coco.loadCats(coco.getCatIds())}
    table = mapping(taxonomy)
    con = duckdb.connect()
    con.create_function("mapped", lambda c: table[c], ["VARCHAR"], "VARCHAR")
    want = dict(con.execute(f"SELECT mapped(class) AS t, count(*) "
                            f"FROM read_parquet('{web_dataset}/tables/elements/*.parquet') "
                            f"WHERE mapped(class) <> '{IGNORE}' GROUP BY ALL").fetchall())
    assert {k: v for k, v in got.items() if v} == want
    img = coco.loadImgs(coco.getImgIds()[0])[0]
    assert (out / img["file_name"]).exists()


def test_yolo_export(web_dataset: Path, tmp_path: Path):
    import yaml

    out = tmp_path / "yolo"
    res = factory_cli("export", str(web_dataset), "--format", "yolo", "--taxonomy", "interactable", "--out", str(out))
    assert res.returncode == 0, res.stderr
    data = yaml.safe_load((out / "data.yaml").read_text())
    assert data["names"] == {0: "interactable"}
    labels = sorted((out / "labels").glob("*.txt"))
    assert len(labels) == 36 and len(list((out / "images").iterdir())) == 36
    n = 0
    for p in labels:
        for line in p.read_text().splitlines():
            c, *box = line.split()
            assert c == "0" and all(0 <= float(v) <= 1 for v in box)
            n += 1
    want = duckdb.connect().execute(f"SELECT count(*) FROM read_parquet('{web_dataset}/tables/elements/*.parquet') "
                                    f"WHERE interactable").fetchone()[0]
    assert n == want


def test_hugging_face_datasets_webdataset_loader(web_dataset: Path, tmp_path: Path):
    from datasets import load_dataset

    from factory.hf import dataset_features

    files = sorted(str(p) for p in (web_dataset / "shards").glob("*.tar"))
    ds = load_dataset("webdataset", data_files={"train": files}, split="train", cache_dir=str(tmp_path / "hf"),
                      features=dataset_features(web_dataset))
    assert len(ds) == 36
    row = ds[0]
    assert row["__key__"] == "web_material_000000000"
    assert row["png"].size == (row["json"]["width"], row["json"]["height"])
    # typed from the schema, not guessed from the first 5 samples: every state flag is a bool column (null where
    # it does not apply), and every element of every sample came through with its flags
    state = ds.features["json"]["elements"].feature["state"]
    assert {k: v.dtype for k, v in state.items()} == {k: "bool" for k in STATE_FIELDS}
    flags = [e["state"]["checked"] for r in ds for e in r["json"]["elements"]]
    assert True in flags and False in flags and None in flags
    docs = []
    for f in files:
        with tarfile.open(f) as tar:
            docs += [json.loads(tar.extractfile(m).read()) for m in tar if m.name.endswith(".json")]
    assert [len(r["json"]["elements"]) for r in ds] == [len(d["elements"]) for d in docs]


def test_timm_webdataset_reader(web_dataset: Path):
    from timm.data import create_dataset

    ds = create_dataset("wds/gui", root=str(web_dataset), split="train", is_training=False, batch_size=1,
                        target_key="index")
    seen = [(img.size, target) for img, target in ds]
    assert len(seen) == 36
    assert sorted(t for _, t in seen) == list(range(36))


def test_merge_versions_and_query_across_versions(web_dataset: Path, tmp_path: Path):
    root = tmp_path / "datasets"
    for v in ("v1", "v2"):
        shutil.copytree(web_dataset, root / v / "parts" / "web-material")
        res = factory_cli("merge", str(root / v / "parts" / "web-material"), "--name", v, "--out", str(root / v))
        assert res.returncode == 0, res.stderr
    ds = open_dataset(root)
    assert ds.kind == "root" and ds.versions == ["v1", "v2"]
    res = run_factory("query", str(root), "SELECT version, count(*) AS n FROM samples GROUP BY ALL ORDER BY 1",
                      "--format", "csv")
    assert res.stdout.splitlines()[1:] == ["v1,36", "v2,36"]
    assert factory_cli("verify", str(root / "v1")).returncode == 0
    info = json.loads((root / "v1" / "_info.json").read_text())
    assert info["splits"]["train"]["filenames"][0] == "parts/web-material/shards/web_material-000000.tar"


def test_report_renders_in_chromium_without_console_errors(web_dataset: Path, tmp_path: Path):
    from playwright.sync_api import sync_playwright

    from renderers.web.browser import CHROMIUM_ARGS, chromium_path

    out = tmp_path / "report.html"
    res = factory_cli("report", str(web_dataset), "--out", str(out), "--card", str(tmp_path / "card.md"))
    assert res.returncode == 0, res.stderr
    assert "## Licence" in (tmp_path / "card.md").read_text()
    errors, requests = [], []

    def look() -> tuple[int, int, int]:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium_path(pw), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("request", lambda r: requests.append(r.url) if not r.url.startswith(("data:", "file:")) else None)
            page.goto(out.as_uri())
            counts = (page.locator(".shot img").count(), page.locator(".shot rect").count(),
                      page.locator("svg[aria-label='Elements per class'] rect").count())
            page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
            browser.close()
            return counts

    # A thread of its own: a session fixture's Playwright (sync API) may be alive in this thread already, and a
    # second sync_playwright() in the same thread refuses to start ("Sync API inside the asyncio loop").
    with ThreadPoolExecutor(max_workers=1) as pool:
        shots, boxes, bars = pool.submit(look).result()
    assert shots == 4 and boxes > 20 and bars > 5
    assert errors == [] and requests == []
    assert (tmp_path / "report.png").stat().st_size > 10_000


def test_hf_features_follow_the_schema_and_refuse_what_the_factory_does_not_write(tmp_path: Path):
    from factory.core.errors import ConfigError
    from factory.core.schema import json_schema
    from factory.hf import dataset_features, doc_features, features

    doc = doc_features()
    assert set(doc) == set(json_schema()["properties"])
    assert set(doc["elements"][0]) == set(json_schema()["properties"]["elements"]["items"]["properties"])
    f = features("webp", ["after.webp", "after.json", "action.json"])
    assert {"webp", "json", "after.webp", "after.json", "action.json", "__key__", "__url__"} == set(f)
    with pytest.raises(ConfigError, match="not one of"):
        features("gif")
    with pytest.raises(ConfigError, match="not a sample member"):
        features("png", ["notes.txt"])
    with pytest.raises(ConfigError, match="not a readable dataset manifest"):
        dataset_features(tmp_path)
