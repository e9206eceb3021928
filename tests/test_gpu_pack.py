"""benchmarks/gpu_pack.py: gpu_data.sh's parts into trips that each fit one device call."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACK = ROOT / "benchmarks" / "gpu_pack.py"


def part(data: Path, name: str, mb: float) -> Path:
    p = data / name
    (p / "shards").mkdir(parents=True)
    (p / "manifest.json").write_text("{}")
    (p / "shards" / "shard-000000.tar").write_bytes(b"x" * int(mb * 1e6))
    (p / "preview.png").write_bytes(b"p" * 2_000_000)  # left behind: it would take a trip's room
    return p


def pack(data: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(PACK), str(data), "--first-mb", "3", "--mb", "5", "--out", str(out)],
                          capture_output=True, text=True)


def test_parts_go_into_trips_under_the_limits_previews_left_behind(tmp_path):
    data = tmp_path / "data"
    for name, mb in [("train-a", 2), ("train-b", 2), ("train-c", 2), ("train-d", 2.5), ("train-e", 1)]:
        part(data, name, mb)
    (data / "train-a.run.json").write_text("{}")  # a run record beside a part is no part
    (data / "unfinished").mkdir()  # no manifest: not a part
    out = tmp_path / "trips"
    r = pack(data, out)
    assert r.returncode == 0, r.stderr
    trips = {t.name: sorted(p.name for p in t.iterdir()) for t in out.iterdir() if t.is_dir()}
    assert trips == {"p1": ["train-a"], "p2": ["train-b", "train-c"], "p3": ["train-d", "train-e"]}
    for t in out.iterdir():
        if t.is_dir():
            assert sum(f.stat().st_size for f in t.rglob("*") if f.is_file()) <= (3e6 if t.name == "p1" else 5e6)
    assert not list(out.rglob("preview.png"))
    assert (out / "p1" / "train-a" / "shards" / "shard-000000.tar").stat().st_nlink == 2, "not hard-linked"
    assert pack(data, out).returncode == 0, "its own earlier trips are replaced"


def test_an_output_it_did_not_write_is_refused_and_kept(tmp_path):
    data = tmp_path / "data"
    part(data, "train-a", 1)
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me")
    r = pack(data, out)
    assert r.returncode == 2 and "not written by gpu_pack.py" in r.stderr
    assert (out / "notes.txt").read_text() == "keep me"
    r = pack(tmp_path / "empty", tmp_path / "t2")
    assert r.returncode == 2 and "no parts" in r.stderr
