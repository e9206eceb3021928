"""`factory plan`: the calibration's bytes are the real render's bytes, and the projection follows from it."""

from __future__ import annotations

import json

import pytest

from factory.config import RenderConfig
from factory.plan import WARMUP, calibrate, human_bytes, human_time
from renderers import RENDERERS
from tests.conftest import run_factory

pytestmark = pytest.mark.game


def test_calibration_weighs_what_a_render_of_the_same_samples_writes(tmp_path):
    spec = RENDERERS.get("game")
    cfg = RenderConfig(renderer="game", style="scifi", count=10**6, seed=5)
    p = calibrate(cfg, 2, spec.version(), spec.open)
    n = WARMUP + 2
    out = tmp_path / "real"
    res = run_factory("render", "--renderer", "game", "--style", "scifi", "--count", str(n), "--shard-size", str(n),
                      "--seed", "5", "--workers", "1", "--out", str(out))
    assert res.returncode == 0, res.stderr[-2000:]
    manifest = json.loads((out / "manifest.json").read_text())
    written = sum(f["bytes"] for s in manifest["shards"] for f in s["files"].values())
    assert p.bytes_per_sample * n == written, "the calibration renders the plan's first samples, byte for byte"
    assert p.seconds_per_sample > 0 and p.total_bytes == p.bytes_per_sample * 10**6
    assert p.wall_clock_s(4) == pytest.approx(10**6 * p.seconds_per_sample / 4)


def test_plan_command_prints_the_projection(tmp_path):
    res = run_factory("plan", "--renderer", "game", "--count", "1e6", "--calibration", "2", "--workers", "4",
                      "--workers", "64")
    assert res.returncode == 0, res.stderr[-2000:]
    assert "1,000,000 game/pixel samples, png lossless, in 1,000 shards of 1,000" in res.stdout
    assert "per sample (tar + tables)" in res.stdout and "samples/s per worker" in res.stdout
    rows = [line for line in res.stdout.splitlines() if line.startswith("│")]
    assert [r.split("│")[1].strip() for r in rows] == ["4", "64"]


def test_plan_refuses_bad_input_before_rendering():
    res = run_factory("plan", "--renderer", "game", "--style", "nope", "--count", "10")
    assert res.returncode == 2 and "nope" in res.stderr and "Traceback" not in res.stderr


def test_units_read_well():
    assert human_bytes(999) == "999 B" and human_bytes(151_800) == "151.8 KB" and human_bytes(1.5e12) == "1.5 TB"
    assert human_time(30) == "30 s" and human_time(600) == "10 min" and human_time(3 * 3600) == "3.0 h"
    assert human_time(3 * 86400) == "3.0 days"
