"""Session fixtures shared by the trainer tests (imported by tests/test_trainer_*.py).

Runs are tiny (ViT-Tiny on a 128x64 canvas, a handful of steps) so the whole `-m train` set takes a few
minutes on two CPU cores; the components are the real ones (timm, torchvision FCOS, webdataset...).
"""

from __future__ import annotations

import csv
import os
import shutil
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_factory

TINY = ["--width", "128", "--height", "64", "--batch-size", "4", "--workers", "1", "--threads", "1",
        "--log-every", "1", "--warmup", "2"]


def losses(run: Path) -> dict[int, str]:
    """step -> loss (as written, exact digits) from a run's metrics.csv."""
    with (run / "metrics.csv").open() as f:
        return {int(r["step"]): r["loss"] for r in csv.DictReader(f)}


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


PY = sys.executable
__all__ = ["ROOT", "TINY", "losses", "env1", "pretrain_straight", "two_sources", "run_factory", "PY"]
