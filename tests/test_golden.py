"""Golden samples: stored renders per web style must re-render identically in the pinned environment
(same Chromium build), or within a named tolerance under another build (boxes within 3 px, same elements,
mean absolute pixel difference below 3 of 255)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from factory.config import RenderConfig
from factory.sample import render_sample
from renderers import RENDERERS

pytestmark = pytest.mark.browser
GOLDEN = Path(__file__).parent / "golden" / "web"
CASES = sorted(p.stem for p in GOLDEN.glob("*.json"))
BOX_TOLERANCE_PX = 3
PIXEL_TOLERANCE = 3.0


def test_every_style_has_golden_samples():
    styles = {c.rsplit("-", 1)[0] for c in CASES}
    assert styles == set(RENDERERS.get("web").styles.names()), "run tests/golden/make_golden.py for new styles"


@pytest.mark.parametrize("case", CASES)
def test_golden_sample_rerenders(web_renderer, case):
    style, index = case.rsplit("-", 1)
    want_json = (GOLDEN / f"{case}.json").read_bytes()
    want = json.loads(want_json)
    cfg = RenderConfig(renderer="web", style=style, count=int(index) + 1, seed=2024)
    version = RENDERERS.get("web").version()
    got = render_sample(cfg, int(index), web_renderer, version)
    if version == want["renderer_version"]:
        assert got.record.to_json() == want_json
        assert got.image == (GOLDEN / f"{case}.png").read_bytes()
        return
    # Another Chromium build: the documented tolerance.
    doc = json.loads(got.record.to_json())
    assert [(e["id"], e["class"]) for e in doc["elements"]] == [(e["id"], e["class"]) for e in want["elements"]]
    for a, b in zip(doc["elements"], want["elements"]):
        assert max(abs(x - y) for x, y in zip(a["bbox"], b["bbox"])) <= BOX_TOLERANCE_PX, (a, b)
    mine = np.asarray(Image.open(io.BytesIO(got.image)).convert("RGB"), dtype=np.int16)
    theirs = np.asarray(Image.open(GOLDEN / f"{case}.png").convert("RGB"), dtype=np.int16)
    assert mine.shape == theirs.shape
    assert np.abs(mine - theirs).mean() < PIXEL_TOLERANCE
