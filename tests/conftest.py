"""Shared fixtures: one browser per test session, small rendered datasets reused across tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FACTORY = [sys.executable, "-m", "factory"]


def run_factory(*args: str, timeout: float = 600, env: dict | None = None) -> subprocess.CompletedProcess:
    env = env or {**os.environ, "COLUMNS": "120"}
    return subprocess.run([*FACTORY, *args], capture_output=True, text=True, timeout=timeout, env=env, cwd=ROOT)


def factory_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """`factory ARGS` in this process (click's CliRunner), read like run_factory's result.

    For the data commands (verify, export, merge, stats, report): a fresh interpreter spends 2-3 s of CPU
    importing pyarrow, duckdb and webdataset, which this process has loaded already. An exception that escapes
    the command is written into stderr as the interpreter would (so "Traceback" checks still see it)."""
    import traceback

    from click.testing import CliRunner

    from factory.cli import main

    res = CliRunner().invoke(main, list(args), env={"COLUMNS": "120", **(env or {})})
    stderr = res.stderr
    if res.exception is not None and not isinstance(res.exception, SystemExit):
        stderr += "Traceback (most recent call last):\n" + "".join(traceback.format_exception(res.exception))
    return subprocess.CompletedProcess(["factory", *args], res.exit_code, res.stdout, stderr)


def snapshot(root: Path, skip: Path | None = None) -> dict[str, str]:
    """Every entry under `root` but `skip` (links not followed): file hashes, link targets, directories.

    The adversarial tests compare it before and after a command: nothing outside the output may change."""
    found: dict[str, str] = {}
    if not root.exists():
        return found
    for dirpath, dirnames, filenames in os.walk(root):
        d = Path(dirpath)
        if skip is not None and (d == skip or skip in d.parents):
            dirnames[:] = []
            continue
        for name in dirnames + filenames:
            p = d / name
            if p == skip:
                continue
            rel = p.relative_to(root).as_posix()
            if p.is_symlink():
                found[rel] = "-> " + os.readlink(p)
            elif p.is_dir():
                found[rel] = "dir"
            else:
                import hashlib

                found[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
    return found


def tree_hashes(root: Path) -> dict[str, str]:
    import hashlib

    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


# What each renderer needs installed, as a marker (`-m "not browser"` deselects Chromium's tests). A test that
# uses a renderer or a dataset rendered by one gets its marker from the fixture (pytest_collection_modifyitems).
MARKS = {"web": "browser", "desktop": "desktop", "game": "game"}
NEEDS = {"web_renderer": "browser", "web_dataset": "browser", "pretrain_straight": "browser", "two_sources": "browser",
         "desktop_renderer": "desktop", "game_renderer": "game", "small_game_dataset": "game"}


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(items) -> None:
    for item in items:
        for name in {NEEDS[f] for f in getattr(item, "fixturenames", ()) if f in NEEDS}:
            item.add_marker(name)


def renderer_param(name: str, *values, id: str | None = None):
    """pytest.param for a test over renderer `name`, with the marker of what it needs."""
    marks = [getattr(pytest.mark, MARKS[name])] if name in MARKS else []
    return pytest.param(name, *values, marks=marks, id=id or name)


@pytest.fixture(scope="session")
def open_renderers():
    """Renderers by registry name, each opened on first use and kept for the session (one browser, one
    QApplication): `open_renderers("web")`."""
    import contextlib

    from renderers import RENDERERS

    opened: dict = {}
    with contextlib.ExitStack() as stack:
        def get(name: str):
            if name not in opened:
                opened[name] = stack.enter_context(RENDERERS.get(name).open())
            return opened[name]

        yield get


@pytest.fixture(scope="session")
def web_renderer(open_renderers):
    return open_renderers("web")


@pytest.fixture(scope="session")
def desktop_renderer(open_renderers):
    return open_renderers("desktop")


@pytest.fixture(scope="session")
def game_renderer(open_renderers):
    return open_renderers("game")


@pytest.fixture(scope="session")
def small_game_dataset(tmp_path_factory) -> Path:
    """4 game screens in 2 shards of 2 (the fast renderer), for tests that read a real dataset or copy it
    to damage the copy. Never modify it in place: it is shared by the whole session."""
    out = tmp_path_factory.mktemp("small-game") / "g"
    res = run_factory("render", "--renderer", "game", "--count", "4", "--shard-size", "2", "--workers", "1",
                      "--out", str(out))
    assert res.returncode == 0, res.stderr[-2000:]
    (out.parent / "g.run.json").unlink()
    return out


@pytest.fixture(scope="session")
def web_dataset(tmp_path_factory) -> Path:
    """36 web samples in 3 shards of 12, rendered with 2 workers (the end-to-end fixture)."""
    out = tmp_path_factory.mktemp("e2e") / "web"
    res = run_factory("render", "--renderer", "web", "--style", "material", "--count", "36", "--shard-size", "12",
                      "--seed", "7", "--workers", "2", "--out", str(out))
    assert res.returncode == 0, res.stderr
    return out


# --- trainer session fixtures -------------------------------------------------------------------------------

# Runs are tiny (ViT-Tiny on a 128x64 canvas, a handful of steps) so the whole `-m train` set takes a few minutes.
TINY = ["--width", "128", "--height", "64", "--batch-size", "4", "--workers", "1", "--threads", "1",
        "--log-every", "1", "--warmup", "2"]


def env1() -> dict:
    return {**os.environ, "COLUMNS": "120", "OMP_NUM_THREADS": "1"}


@pytest.fixture(scope="session")
def pretrain_straight(web_dataset, tmp_path_factory) -> Path:
    """6 MAE steps without interruption (checkpoint every 3)."""
    out = tmp_path_factory.mktemp("mae") / "straight"
    res = run_factory("pretrain", str(web_dataset), "--out", str(out), "--steps", "6", "--ckpt-every", "3",
                      "--recon-every", "3", *TINY, env=env1())
    assert res.returncode == 0, res.stderr[-3000:]
    return out


@pytest.fixture(scope="session")
def two_sources(web_dataset, tmp_path_factory) -> tuple[Path, Path]:
    """Two copies of the web fixture under different names: sources that mixing can tell apart."""
    root = tmp_path_factory.mktemp("mix")
    a, b = root / "alpha", root / "beta"
    shutil.copytree(web_dataset, a)
    shutil.copytree(web_dataset, b)
    return a, b
