"""Class balancing at the source (factory.balance, `factory render --balance N`): off changes nothing, on is a
pure function of (configuration, index) whatever the workers, rare classes rise to the floor, the manifest
records it, and an unreachable floor is reported rather than faked."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from factory.balance import calibrate, candidate_seed, class_counts, resample, tilt
from factory.cli import main
from factory.config import RenderConfig
from factory.core import check_labels
from factory.core.errors import ConfigError
from factory.core.content import Content
from factory.grammars import GRAMMARS, open_states
from factory.sample import draw_layout, make_layout, steering
from factory.core.seeding import rng_for, sample_seed
from factory.core.styles import sample_factors
from factory.core.taxonomy import CLASSES
from renderers import RENDERERS
from tests.conftest import run_factory, tree_hashes

FLOOR = 100
GAME = RenderConfig(renderer="game", style="pixel", count=10**6, balance=FLOOR)
RARE_IN_GAME = ("text_input", "dropdown", "crosshair")  # under 100 per 1,000 game/pixel screens unbalanced


def todays_layout(cfg: RenderConfig, index: int):
    """make_layout as it was before balancing existed, written out again: balance 0 must give exactly this."""
    spec = RENDERERS.get(cfg.renderer)
    seed = sample_seed(cfg.seed, index, 0)
    names = cfg.grammar_names()
    grammar = GRAMMARS.get(names[rng_for(seed, "grammar").randrange(len(names))])
    factors = sample_factors(rng_for(seed, "factors"), spec.styles.get(cfg.style), spec.viewports, cfg.locales or None)
    layout = grammar.generate(rng_for(seed, "layout"), Content(factors.locale, seed, rng_for(seed, "content")),
                              factors.form_factor)
    if cfg.renderer in open_states.RENDERERS:  # web and desktop screens caught open (its own stream)
        layout = open_states.open_state(layout, rng_for(seed, "open"))
    layout = check_labels.split(layout)  # checkboxes' words a text of their own
    return seed, layout, factors


def per_1000(cfg: RenderConfig, indices: range) -> dict[str, float]:
    totals = Counter()
    for i in indices:
        totals.update(dict(zip(CLASSES, class_counts(make_layout(cfg, i)[1]))))
    return {c: totals[c] * 1000 / len(indices) for c in CLASSES}


@pytest.mark.parametrize("renderer, style", [("web", "material"), ("desktop", "fusion"), ("game", "pixel")])
def test_balance_off_is_todays_layouts_and_config(renderer, style):
    cfg = RenderConfig(renderer=renderer, style=style, count=100, seed=7)
    for i in range(12):
        seed, layout, factors = make_layout(cfg, i)
        want = todays_layout(cfg, i)
        assert (seed, layout.to_json(), factors) == (want[0], want[1].to_json(), want[2])
    # The resolved config (manifest, shard fingerprint) has exactly the keys it had before balancing existed.
    assert set(cfg.resolved("v")) == {"renderer", "style", "count", "seed", "shard_size", "image_format", "grammars",
                                      "locales", "renderer_version", "schema_version", "factory_version",
                                      "code_sha256"}
    on = RenderConfig(renderer=renderer, style=style, count=100, seed=7, balance=FLOOR)
    assert on.resolved("v")["balance"] == FLOOR and on.resolved("v")["balance_candidates"] == 8
    assert on.shard_fingerprint("v") != cfg.shard_fingerprint("v"), "a balanced run must not reuse unbalanced shards"


def test_a_floor_every_class_meets_steers_nothing():
    low = RenderConfig(renderer="game", style="pixel", count=100, balance=1)
    st = steering(low)
    assert not st.active and st.to_manifest()["layouts_per_sample"] == 1
    off = RenderConfig(renderer="game", style="pixel", count=100)
    for i in range(10):
        assert make_layout(low, i)[1].to_json() == make_layout(off, i)[1].to_json()


def test_balanced_layout_is_a_pure_function_of_config_and_index_and_its_seed_recreates_it():
    st = steering(GAME)
    assert st.active and st.candidates == 8
    moved = 0
    for i in range(40):
        seed, layout, factors = make_layout(GAME, i)
        assert make_layout(GAME, i)[1].to_json() == layout.to_json()
        own = sample_seed(GAME.seed, i)
        assert seed in {candidate_seed(own, k) for k in range(st.candidates)}
        assert draw_layout(GAME, seed) == (layout, factors), "the recorded seed alone re-creates the sample"
        moved += seed != own
    assert 0 < moved < 40
    # Count, shard size and image format do not change the steering; renderer settings do.
    other = RenderConfig(renderer="game", style="pixel", count=3, shard_size=1, image_format="webp", balance=FLOOR)
    assert steering(other) is st


def test_rare_classes_rise_to_the_floor_on_layouts():
    st = steering(GAME)
    m = st.to_manifest()
    before, after = m["expected_per_1000_before"], m["expected_per_1000_after"]
    for c in RARE_IN_GAME:
        assert before[c] < FLOOR <= after[c], (c, before[c], after[c])
        assert c in m["lambda_steps"]
    assert m["below_floor"] == {} and all(v >= FLOOR for v in after.values()), after
    # Classes above the floor are not steered, and the mix stays close to the unbalanced one.
    assert "text" not in m["lambda_steps"] and "inventory_slot" not in m["lambda_steps"]
    assert abs(after["text"] - before["text"]) < 0.2 * before["text"]
    # Independently of the calibration's own estimate: layouts of real sample indices, off vs on.
    off = per_1000(RenderConfig(renderer="game", style="pixel", count=10**6), range(400))
    on = per_1000(GAME, range(400))
    for c in RARE_IN_GAME:
        assert off[c] < FLOOR and on[c] >= 0.85 * FLOOR and on[c] > 1.4 * off[c], (c, off[c], on[c])


def test_never_drawn_classes_are_listed_and_unreachable_floors_reported_honestly():
    cfg = RenderConfig(renderer="game", style="pixel", count=1)
    st = calibrate(lambda s: draw_layout(cfg, s)[0], floor=3000, candidates=4, screens=48)
    m = st.to_manifest()
    assert {"table", "date_picker", "scrollbar"} <= set(m["never_drawn"])
    assert not set(m["never_drawn"]) & set(m["expected_per_1000_after"])
    assert "crosshair" in m["below_floor"] and m["below_floor"]["crosshair"] < 3000
    assert m["below_floor"]["crosshair"] == m["expected_per_1000_after"]["crosshair"]
    notes = "\n".join(st.notes("game/pixel"))
    assert "never draws" in notes and "table" in notes
    assert "warning: balance floor 3,000" in notes and "crosshair (" in notes


def test_tilt_and_resample_are_exact():
    w = tilt([32, 0], [(0, 5), (1, 9), (2, 0)])  # 2 ** (L / 32) with L = 32 * n0, scaled to the largest
    assert w == [0.25, 0.5, 1.0]
    assert tilt([16], [(0,), (1,)])[0] == pytest.approx(2 ** -0.5, rel=1e-15)
    assert [resample([0.25, 0.5, 1.0], u) for u in (0.0, 0.14, 0.15, 0.42, 0.43, 0.999999)] == [0, 0, 1, 1, 2, 2]
    assert resample([0.0, 1.0, 0.0], 0.0) == 1


@pytest.mark.game
def test_cli_balanced_render_same_bytes_for_one_and_two_workers_and_manifest(tmp_path: Path):
    # 4 candidates instead of 8: each process calibrates (parent and workers), half the layouts to draw.
    args = ("render", "--renderer", "game", "--style", "pixel", "--count", "6", "--shard-size", "2",
            "--balance", str(FLOOR), "--balance-candidates", "4")
    cfg = RenderConfig(renderer="game", style="pixel", count=6, balance=FLOOR, balance_candidates=4)
    one, two = tmp_path / "one", tmp_path / "two"
    res = run_factory(*args, "--workers", "1", "--out", str(one))
    assert res.returncode == 0, res.stderr[-2000:]
    assert "balance: floor 100 per 1,000 screens" in res.stderr and "never draws" in res.stderr
    res = run_factory(*args, "--workers", "2", "--out", str(two))
    assert res.returncode == 0, res.stderr[-2000:]
    assert tree_hashes(one) == tree_hashes(two)
    manifest = json.loads((one / "manifest.json").read_text())
    assert manifest["config"]["balance"] == FLOOR and manifest["config"]["balance_candidates"] == 4
    assert manifest["balance"] == json.loads(json.dumps(steering(cfg).to_manifest()))
    assert manifest["balance"]["candidates"] == 4 and manifest["balance"]["lambda_steps"]
    # Each sample carries the seed of the candidate it kept: its grammar is that layout's.
    import pyarrow.parquet as pq

    rows = pq.read_table(one / "tables" / "samples").to_pylist()
    assert len(rows) == 6
    for r in rows:
        seed, layout, _ = make_layout(cfg, r["index"], r["attempt"])
        assert (r["seed"], r["grammar"]) == (seed, layout.grammar)


@pytest.mark.parametrize("args, message", [
    (["--balance", "-1"], "below the minimum"),
    (["--balance", "1e6"], "too large"),
    (["--balance", "2.5"], "not a whole number"),
    (["--balance", "100", "--balance-candidates", "1"], "below the minimum"),
    (["--balance", "100", "--balance-candidates", "65"], "too large"),
    (["--balance-candidates", "4"], "--balance-candidates 4 has no effect without balancing"),
])
def test_bad_balance_values_exit_2_and_leave_nothing(tmp_path: Path, args, message):
    out = tmp_path / "never" / "created"
    res = CliRunner().invoke(main, ["render", "--renderer", "game", "--count", "3", *args, "--out", str(out)])
    assert res.exit_code == 2, res.output
    assert message in res.output and "Traceback" not in res.output
    assert not (tmp_path / "never").exists()


def test_config_checks_balance_types():
    for bad in (dict(balance=-1), dict(balance=True), dict(balance=100_001), dict(balance=10, balance_candidates=1)):
        with pytest.raises(ConfigError, match="--balance"):
            RenderConfig(renderer="game", style="pixel", count=1, **bad).validate()
