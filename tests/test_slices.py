"""Job arrays: `factory render --shards A:B` renders slices of one plan in separate directories, and
`factory merge SLICE...` joins them into the very bytes one render of the whole plan writes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from factory.config import RenderConfig
from factory.core.errors import ConfigError
from factory.slices import parse
from tests.conftest import factory_cli, run_factory, snapshot, tree_hashes

pytestmark = pytest.mark.game
ARGS = ("render", "--renderer", "game", "--style", "pixel", "--count", "10", "--shard-size", "2", "--seed", "4",
        "--workers", "1")


@pytest.fixture(scope="module")
def whole(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("whole") / "game"
    res = factory_cli(*ARGS, "--out", str(out))  # in this process: no fresh interpreter importing torch and pyarrow
    assert res.returncode == 0, res.stderr[-2000:]
    return out


@pytest.fixture(scope="module")
def sliced(tmp_path_factory) -> list[Path]:
    root = tmp_path_factory.mktemp("slices")
    dirs = []
    for spec in ("3:5", "0:3"):  # any order, any sizes
        d = root / f"slice-{spec.replace(':', '-')}"
        res = factory_cli(*ARGS, "--shards", spec, "--out", str(d))
        assert res.returncode == 0, res.stderr[-2000:]
        assert f"shards {spec} of the plan" in res.stderr and "factory merge" in res.stderr
        assert (d / "slice.json").is_file() and not (d / "manifest.json").exists()
        dirs.append(d)
    return dirs


def test_merged_slices_are_the_whole_render_byte_for_byte(whole, sliced, tmp_path):
    out = tmp_path / "merged"
    res = factory_cli("merge", *map(str, sliced), "--out", str(out))
    assert res.returncode == 0, res.stderr[-2000:]
    assert "10 samples in 5 shards" in res.stdout
    assert tree_hashes(out) == tree_hashes(whole)
    res = factory_cli("verify", str(out))
    assert res.returncode == 0, res.stdout[-2000:] + res.stderr[-2000:]


def test_a_slice_resumes_and_renders_only_its_shards(sliced):
    d = sliced[1]  # shards 0:3
    names = sorted(p.name for p in (d / "shards").iterdir())
    assert names == [f"game_pixel-00000{i}.tar" for i in range(3)]
    before = tree_hashes(d)
    res = factory_cli(*ARGS, "--shards", "0:3", "--out", str(d))
    assert res.returncode == 0, res.stderr[-2000:]
    assert "0 rendered, 3 kept" in res.stderr
    assert tree_hashes(d) == before


@pytest.mark.parametrize("case", ["gap", "overlap", "other-seed", "unfinished", "name", "mixed"])
def test_slices_that_do_not_make_one_plan_are_refused(whole, sliced, tmp_path, case):
    parts = list(sliced)
    extra: list[str] = []
    if case == "gap":
        parts = parts[:1]
    elif case == "overlap":
        d = tmp_path / "again"
        assert factory_cli(*ARGS, "--shards", "2:4", "--out", str(d)).returncode == 0
        parts.append(d)
    elif case == "other-seed":
        d = tmp_path / "seed9"
        other = [a if a != "4" else "9" for a in ARGS]
        assert factory_cli(*other, "--shards", "3:5", "--out", str(d)).returncode == 0
        parts = [sliced[1], d]
    elif case == "unfinished":
        d = tmp_path / "damaged"
        shutil.copytree(sliced[0], d)
        (d / "shards" / "game_pixel-000004.tar").write_bytes(b"cut short")
        parts = [sliced[1], d]
    elif case == "name":
        extra = ["--name", "v1"]
    elif case == "mixed":
        parts = [sliced[1], whole]
    out = tmp_path / "merged"
    before = {p: snapshot(Path(p)) for p in parts}
    res = factory_cli("merge", *map(str, parts), *extra, "--out", str(out))
    assert res.returncode == 2, res.stderr[-2000:]
    assert res.stderr.count("Error") == 1 and "Traceback" not in res.stderr, res.stderr
    assert not out.exists(), "nothing written for a refused merge"
    assert {p: snapshot(Path(p)) for p in parts} == before, "the slices are only read"
    want = {"gap": "no slice holds shard(s) 0:3", "overlap": "both hold shard", "other-seed": "another plan",
            "unfinished": "unfinished or damaged", "name": "leave --name out", "mixed": "mix slices"}[case]
    assert want in res.stderr, res.stderr


def test_shard_spec_is_checked_against_the_plan():
    n = RenderConfig(renderer="game", style="pixel", count=10, shard_size=2).n_shards
    assert parse("1:5", n) == range(1, 5)
    for bad in ("5:5", "3:2", "0:6", "-1:2", "1:", "a:b", "1:2:3", ""):
        with pytest.raises(ConfigError, match="0 <= A < B <= 5"):
            parse(bad, n)


def test_bad_shards_option_exits_2_before_anything_is_written(tmp_path):
    out = tmp_path / "never"
    res = run_factory(*ARGS, "--shards", "4:9", "--out", str(out))
    assert res.returncode == 2 and "--shards '4:9'" in res.stderr, res.stderr
    assert not out.exists()
    record = json.dumps({"kind": "not ours"})
    (tmp_path / "fake").mkdir()
    (tmp_path / "fake" / "slice.json").write_text(record)
    res = factory_cli("merge", str(tmp_path / "fake"), "--out", str(tmp_path / "m"))
    assert res.returncode == 2 and "not a slice record" in res.stderr, res.stderr
