"""Helpers shared by the trainer tests (their session fixtures, pretrain_straight and two_sources, are in conftest).

Runs are tiny (ViT-Tiny on a 128x64 canvas, a handful of steps) so the whole `-m train` set takes a few
minutes on two CPU cores; the components are the real ones (timm, torchvision FCOS, webdataset...).
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from tests.conftest import ROOT, TINY, env1, run_factory


def losses(run: Path) -> dict[int, str]:
    """step -> loss (as written, exact digits) from a run's metrics.csv."""
    with (run / "metrics.csv").open() as f:
        return {int(r["step"]): r["loss"] for r in csv.DictReader(f)}


PY = sys.executable
__all__ = ["ROOT", "TINY", "losses", "env1", "run_factory", "PY"]
