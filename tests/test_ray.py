"""`factory render --executor ray` on a real Ray instance on this machine: the bytes of a local run, a worker
killed mid-shard retried, a stopped driver resumed, and clear errors for a wrong address or a missing extra."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import FACTORY, ROOT, run_factory, tree_hashes
from tests.invariants import dataset_fixture

pytest.importorskip("ray", reason="the ray extra is not installed (pip install '.[ray]')")
pytestmark = [pytest.mark.game, pytest.mark.slow]
BASE = ("render", "--renderer", "game", "--style", "scifi", "--count", "12", "--shard-size", "2", "--seed", "8")
ARGS = (*BASE, "--workers", "2")
local = dataset_fixture("local", BASE)  # the same plan rendered by local worker processes


def test_ray_writes_the_bytes_of_a_local_run_even_when_a_worker_dies_mid_shard(local_dataset, tmp_path):
    """One Ray run whose worker dies inside shard 2: that shard is retried, the 5 others take the plain path,
    and the whole output is the local run's bytes (one Ray start instead of a separate fault-free run)."""
    out = tmp_path / "game"
    env = {**os.environ, "COLUMNS": "120", "GUI_FACTORY_FAILPOINT": "exit@5"}  # dies inside shard 2
    res = run_factory(*ARGS, "--executor", "ray", "--out", str(out), env=env)
    assert res.returncode == 0, res.stderr[-3000:]
    assert tree_hashes(out) == tree_hashes(local_dataset)
    assert not list(out.rglob("*.tmp")) and not list(out.glob(".failpoint-*"))


def test_a_hung_worker_is_killed_and_its_shard_rendered_again(local_dataset, tmp_path):
    """A renderer stuck mid-shard (no sample for --hang-timeout seconds) on Ray: its actor is killed, restarted
    by Ray, the shard rendered again; the job finishes with the bytes of a local run."""
    out = tmp_path / "game"
    env = {**os.environ, "COLUMNS": "120", "GUI_FACTORY_FAILPOINT": "hang@9"}  # shard 4 stops after 1 sample
    t0 = time.monotonic()
    res = run_factory(*ARGS, "--executor", "ray", "--hang-timeout", "5", "--out", str(out), env=env, timeout=300)
    assert res.returncode == 0, res.stderr[-3000:]
    # an actor that already finished a sample is held to --hang-timeout, not to the 120 s startup allowance
    assert time.monotonic() - t0 < 100
    assert "1 worker restarts" in res.stderr, res.stderr[-3000:]
    assert tree_hashes(out) == tree_hashes(local_dataset)
    assert not list(out.rglob("*.tmp")) and not list(out.glob(".failpoint-*"))


def test_a_stopped_driver_resumes(local_dataset, tmp_path):
    out = tmp_path / "game"
    env = {**os.environ, "COLUMNS": "120", "GUI_FACTORY_FAILPOINT": "hang@9"}  # shard 4 never finishes
    proc = subprocess.Popen([*FACTORY, *ARGS, "--executor", "ray", "--out", str(out)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 240
    while time.time() < deadline and len(list((out / ".parts").glob("*.json"))) < 3:
        time.sleep(0.5)
    os.killpg(proc.pid, signal.SIGKILL)  # the driver and the local Ray instance it started
    proc.wait(30)
    deadline = time.time() + 120  # Ray's own processes (GCS, raylet, workers) follow their driver
    while time.time() < deadline and _ray_processes():
        time.sleep(1)
    assert not _ray_processes(), "the stopped driver's Ray processes are gone"
    kept = len(list((out / ".parts").glob("*.json")))
    assert kept >= 3, "some shards were committed before the driver stopped"
    res = run_factory(*ARGS, "--executor", "ray", "--out", str(out))
    assert res.returncode == 0, res.stderr[-3000:]
    assert f"{kept} kept from an earlier run" in res.stderr
    assert tree_hashes(out) == tree_hashes(local_dataset)


def _ray_processes() -> list[int]:
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"gcs_server" in cmd or b"raylet" in cmd or b"ray::" in cmd or b"default_worker.py" in cmd:
            found.append(int(pid))
    return found


def test_wrong_address_is_one_clear_error_and_nothing_written(tmp_path):
    out = tmp_path / "game"
    t0 = time.monotonic()
    res = run_factory(*ARGS, "--executor", "ray", "--address", "127.0.0.1:9", "--out", str(out))
    assert res.returncode == 2 and "cannot reach a Ray cluster at --address '127.0.0.1:9'" in res.stderr, res.stderr
    assert time.monotonic() - t0 < 60 and not out.exists()
    res = run_factory(*ARGS, "--address", "127.0.0.1:9", "--out", str(out))
    assert res.returncode == 2 and "give --executor ray" in res.stderr and not out.exists()


def test_missing_extra_is_one_clear_error(tmp_path):
    """Ray hidden from the interpreter (a None entry in sys.modules makes `import ray` fail)."""
    code = ("import sys; sys.modules['ray'] = None; sys.argv = ['factory', *sys.argv[1:]]; "
            "from factory.cli import main; main()")
    out = tmp_path / "game"
    res = subprocess.run([sys.executable, "-c", code, *ARGS, "--executor", "ray", "--out", str(out)], cwd=ROOT,
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 2 and "pip install '.[ray]'" in res.stderr and "Traceback" not in res.stderr
    assert not out.exists()


def test_a_ray_node_with_other_code_stops_the_render_at_once(tmp_path):
    """An actor whose code is not the driver's (another checkout on a node; here: the fingerprint of other code)
    draws nothing: the render stops with that cause, not after retries as if the shard were at fault."""
    from factory.config import JobOptions, RenderConfig
    from factory.ray_executor import render_shards
    from factory.supervisor import RenderFailed

    cfg = RenderConfig(renderer="game", style="scifi", count=2, shard_size=2)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(RenderFailed, match="every node must run the driver's code") as e:
        render_shards(cfg, out, "v", "0" * 16, JobOptions(workers=1, executor="ray"), [0], lambda *a: None)
    assert "code on disk changed after the render began" in str(e.value)
    assert not any(out.rglob("*")), "nothing written"
