"""--seed-stream: a part's name mixed into its samples' seeds, so parts rendered from one --seed draw different
layouts (without it every style at one seed draws the same layouts in its own look)."""

from __future__ import annotations


import pytest

from factory.config import ConfigError, RenderConfig
from factory.core.seeding import derive_seed, sample_seed
from factory.sample import make_layout
from tests.conftest import factory_cli


def _layouts(style: str, stream: str, n: int = 6) -> list[str]:
    cfg = RenderConfig(renderer="web", style=style, count=n, seed=0, seed_stream=stream).validate()
    return [make_layout(cfg, i)[1].to_json() for i in range(n)]


def test_without_a_stream_two_styles_draw_the_same_layouts():
    assert _layouts("material", "") == _layouts("bootstrap", "")


def test_streams_give_each_part_its_own_layouts_and_stay_reproducible():
    material, bootstrap = _layouts("material", "web-material"), _layouts("bootstrap", "web-bootstrap")
    assert not set(material) & set(bootstrap), "two streams shared a layout"
    assert not set(material) & set(_layouts("material", "")), "a stream drew the stream-less layouts"
    assert _layouts("material", "web-material") == material, "same stream, same layouts"


def test_no_stream_keeps_the_seeds_of_before():
    assert sample_seed(7, 3) == sample_seed(7, 3, 0, "") == derive_seed(7, 3, 0)
    assert sample_seed(7, 3, 0, "a") != sample_seed(7, 3, 0, "b")


def test_the_manifest_records_a_stream_only_when_given():
    assert "seed_stream" not in RenderConfig(renderer="web", style="material", count=1).resolved("v")
    cfg = RenderConfig(renderer="web", style="material", count=1, seed_stream="web-material")
    assert cfg.resolved("v")["seed_stream"] == "web-material"
    assert cfg.shard_fingerprint("v") != RenderConfig(renderer="web", style="material", count=1).shard_fingerprint("v")


@pytest.mark.parametrize("bad", ["../x", "a b", "x" * 65, 3])
def test_bad_streams_are_refused(bad):
    with pytest.raises(ConfigError, match="--seed-stream"):
        RenderConfig(renderer="web", style="material", count=1, seed_stream=bad).validate()


def test_cli_refuses_a_bad_stream_before_writing(tmp_path):
    out = tmp_path / "ds"
    res = factory_cli("render", "--renderer", "game", "--count", "2", "--seed-stream", "a/b", "--out", str(out))
    assert res.returncode == 2, res.stdout + res.stderr
    assert "--seed-stream" in res.stderr and not out.exists()
