"""End to end: `factory render` -> shards read back with webdataset and DuckDB; determinism; resume; crashes."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import FACTORY, ROOT, run_factory, tree_hashes
from tests.invariants import read_back

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_shards_read_back_with_webdataset_and_duckdb(web_dataset: Path):
    read_back(web_dataset, "web", samples=36, shards=3)


def test_same_bytes_for_one_and_two_workers(web_dataset: Path, tmp_path: Path):
    one = tmp_path / "web"
    res = run_factory("render", "--renderer", "web", "--style", "material", "--count", "36", "--shard-size", "12",
                      "--seed", "7", "--workers", "1", "--out", str(one))
    assert res.returncode == 0, res.stderr
    assert tree_hashes(one) == tree_hashes(web_dataset)


def test_resume_keeps_finished_shards(web_dataset: Path, tmp_path: Path):
    import shutil

    out = tmp_path / "web"
    shutil.copytree(web_dataset, out)
    victim = out / "shards" / "web_material-000001.tar"
    victim.write_bytes(victim.read_bytes()[:1000])  # a damaged shard is rendered again
    kept = (out / "shards" / "web_material-000000.tar").stat().st_mtime_ns
    res = run_factory("render", "--renderer", "web", "--style", "material", "--count", "36", "--shard-size", "12",
                      "--seed", "7", "--workers", "1", "--out", str(out))
    assert res.returncode == 0, res.stderr
    assert "1 rendered, 2 kept" in res.stderr
    assert (out / "shards" / "web_material-000000.tar").stat().st_mtime_ns == kept
    assert tree_hashes(out) == tree_hashes(web_dataset)


def _children(pid: int) -> list[int]:
    out = []
    for p in Path("/proc").iterdir():
        if p.name.isdigit():
            try:
                if int((p / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    out.append(int(p.name))
            except (OSError, IndexError, ValueError):
                continue
    return out


RUN_TAG = "GUI_FACTORY_TEST_RUN"  # set for one render; its browsers inherit it, other tests' browsers do not


def _start(out: Path, workers: int) -> subprocess.Popen:
    return subprocess.Popen([*FACTORY, "render", "--renderer", "web", "--style", "material", "--count", "36",
                             "--shard-size", "12", "--seed", "7", "--workers", str(workers), "--out", str(out)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                            env={**os.environ, RUN_TAG: str(out)})


def _wait_for_tmp(out: Path, proc: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline and proc.poll() is None:
        tmp = list((out / "shards").glob("*.tar.tmp")) if (out / "shards").exists() else []
        if tmp and tmp[0].stat().st_size > 200_000:
            return
        time.sleep(0.05)
    raise AssertionError("render never got going")


def test_sigkill_then_resume_matches_uninterrupted(web_dataset: Path, tmp_path: Path):
    out = tmp_path / "web"
    proc = _start(out, workers=2)
    _wait_for_tmp(out, proc)
    os.killpg(proc.pid, signal.SIGKILL)  # the whole job: supervisor, workers, browsers
    proc.wait()
    assert not (out / "manifest.json").exists()
    res = run_factory("render", "--renderer", "web", "--style", "material", "--count", "36", "--shard-size", "12",
                      "--seed", "7", "--workers", "2", "--out", str(out))
    assert res.returncode == 0, res.stderr
    assert tree_hashes(out) == tree_hashes(web_dataset)
    assert not list(out.rglob("*.tmp")), "temporary files left behind"


def _browser_processes(out: Path) -> set[int]:
    """Chromium processes of the render into `out` (its environment tag), wherever they were reparented: tests
    running beside this one (pytest-xdist) have their own browsers."""
    tag = f"{RUN_TAG}={out}".encode()
    found = set()
    for p in Path("/proc").iterdir():
        if p.name.isdigit():
            try:
                if b"chrom" in (p / "cmdline").read_bytes().split(b"\0")[0] and \
                        tag in (p / "environ").read_bytes().split(b"\0"):
                    found.add(int(p.name))
            except OSError:
                continue
    return found


def test_killed_worker_is_replaced_and_output_unchanged(web_dataset: Path, tmp_path: Path):
    out = tmp_path / "web"
    proc = _start(out, workers=2)
    _wait_for_tmp(out, proc)
    workers = [p for p in _children(proc.pid) if b"spawn_main" in Path(f"/proc/{p}/cmdline").read_bytes()]
    assert workers, "no worker processes found"
    assert _browser_processes(out), "the render's browsers cannot be told apart by their tag: the check below is void"
    os.kill(workers[0], signal.SIGKILL)
    stdout, stderr = proc.communicate(timeout=600)
    assert proc.returncode == 0, stderr.decode()
    assert "1 worker restarts" in stderr.decode()
    assert tree_hashes(out) == tree_hashes(web_dataset)
    deadline = time.time() + 10
    while _browser_processes(out) and time.time() < deadline:
        time.sleep(0.2)
    assert not _browser_processes(out), "orphaned browser processes remain"


def test_hung_worker_is_replaced(web_dataset: Path, tmp_path: Path):
    """A worker that stops answering mid-shard (no sample for --hang-timeout s) is killed and replaced. A worker
    that dies is test_killed_worker_is_replaced_and_output_unchanged's case (SIGKILL from outside: the same
    dead-process path as the exit@N failpoint, which test_desktop_e2e and test_ray fire)."""
    out = tmp_path / "web"
    fault = "hang@14"
    res = run_factory("render", "--renderer", "web", "--style", "material", "--count", "36", "--shard-size", "12",
                      "--seed", "7", "--workers", "2", "--hang-timeout", "8", "--out", str(out),
                      env={**os.environ, "COLUMNS": "120", "GUI_FACTORY_FAILPOINT": fault})
    assert res.returncode == 0, res.stderr
    assert "1 worker restarts" in res.stderr, res.stderr[-3000:]
    assert tree_hashes(out) == tree_hashes(web_dataset)
    assert not list(out.glob(".failpoint-*")) and not list(out.rglob("*.tmp"))
