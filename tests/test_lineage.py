"""benchmarks/lineage.py: every shipped detector is in the lineage, screens seen add up along it, the plot parses."""

from __future__ import annotations

import importlib.util
import math
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _lineage():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    spec = importlib.util.spec_from_file_location("lineage", ROOT / "benchmarks" / "lineage.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["lineage"] = mod  # dataclasses look their module up there
    spec.loader.exec_module(mod)
    return mod


def _git(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)


def test_every_shipped_model_is_in_the_lineage():
    probe = _git("rev-parse", "--is-shallow-repository")
    if probe.returncode != 0 or probe.stdout.strip() != "false":
        pytest.skip("needs the project's full git history")
    lin = _lineage()
    shipped = _git("log", "--format=%h", "--abbrev=7", "--", lin.MODEL).stdout.split()
    assert shipped, "no commit changed the shipped model?"
    full = {_git("rev-parse", c).stdout.strip() for c in shipped}
    listed = {_git("rev-parse", r.commit).stdout.strip() for r in lin.ROUNDS}
    assert full == listed, f"shipped but not in ROUNDS: {full - listed}; in ROUNDS but never shipped: {listed - full}"
    order = [_git("rev-parse", r.commit).stdout.strip() for r in lin.ROUNDS]
    assert order == [_git("rev-parse", c).stdout.strip() for c in reversed(shipped)], "ROUNDS is oldest first"


def test_screens_seen_add_up_along_the_parents():
    lin = _lineage()
    by = {r.name: r for r in lin.ROUNDS}
    assert lin.seen(by["bake-off winner"]) == 374 * 8
    assert lin.seen(by["round 1"]) == 8_000  # from scratch again: not the bake-off winner's continuation
    assert lin.seen(by["round 4"]) == 8_000 + 560 * 8 + 850 * 8 + 827 * 32
    assert lin.seen(by["round 15"]) == lin.seen(by["round 13"]) + 8_000
    assert all(not r.parent or r.parent in by for r in lin.ROUNDS)
    assert set(lin.PROJECT_FROM) <= set(by)


def test_the_fit_is_a_line_on_a_log2_axis():
    lin = _lineage()
    a, b = lin.fit([(1_000, 0.5), (2_000, 0.52), (4_000, 0.54)])
    assert b == pytest.approx(0.02)
    assert a + b * math.log2(8_000) == pytest.approx(0.56)


def test_the_plot_is_svg_with_a_line_per_split_and_metric():
    lin = _lineage()
    rows = [{"screens_seen": s, "in_dist": {"mAP50": m, "mAP": m / 2}, "real": {"mAP50": m / 4, "mAP": m / 8}}
            for s, m in ((3_000, 0.1), (8_000, 0.2), (200_000, 0.76))]
    root = ET.fromstring(lin.svg(rows, ["in_dist", "real"]))
    ns = "{http://www.w3.org/2000/svg}"
    lines = root.findall(f"{ns}polyline")
    assert len(lines) == 4
    ys = [[float(p.split(",")[1]) for p in pl.get("points").split()] for pl in lines]
    assert all(y[0] > y[-1] for y in ys), "higher scores are drawn higher (smaller y)"
    assert len(root.findall(f"{ns}circle")) == 4 * 3
