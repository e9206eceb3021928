"""Shared fixtures: one browser per test session, small rendered datasets reused across tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FACTORY = [sys.executable, "-m", "factory"]


def run_factory(*args: str, timeout: float = 600, env: dict | None = None) -> subprocess.CompletedProcess:
    env = env or {**os.environ, "COLUMNS": "120"}
    return subprocess.run([*FACTORY, *args], capture_output=True, text=True, timeout=timeout, env=env, cwd=ROOT)


def tree_hashes(root: Path) -> dict[str, str]:
    import hashlib

    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def web_renderer():
    from renderers import RENDERERS

    with RENDERERS.get("web").open() as r:
        yield r


@pytest.fixture(scope="session")
def desktop_renderer():
    from renderers import RENDERERS

    with RENDERERS.get("desktop").open() as r:
        yield r


@pytest.fixture(scope="session")
def web_dataset(tmp_path_factory) -> Path:
    """36 web samples in 3 shards of 12, rendered with 2 workers (the end-to-end fixture)."""
    out = tmp_path_factory.mktemp("e2e") / "web"
    res = run_factory("render", "--renderer", "web", "--style", "material", "--count", "36", "--shard-size", "12",
                      "--seed", "7", "--workers", "2", "--out", str(out))
    assert res.returncode == 0, res.stderr
    return out
