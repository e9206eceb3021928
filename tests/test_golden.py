"""Golden samples: stored renders per renderer and style must re-render identically in the pinned
environment (same engine version: Chromium build, Qt, pygame/SDL), or within a named tolerance under
another version (same elements, boxes within 3 px, mean absolute pixel difference below 3 of 255)."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from factory.config import RenderConfig
from factory.sample import render_sample
from renderers import RENDERERS

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted((p.parent.name, p.stem) for p in GOLDEN.glob("*/*.json"))
BOX_TOLERANCE_PX = 3
PIXEL_TOLERANCE = 3.0
SEED = 2024
MARKS = {"web": pytest.mark.browser, "desktop": pytest.mark.desktop, "game": pytest.mark.game}


@pytest.mark.parametrize("renderer", sorted(MARKS))
def test_every_style_has_golden_samples(renderer):
    styles = {stem.rsplit("-", 1)[0] for r, stem in CASES if r == renderer}
    assert styles == set(RENDERERS.get(renderer).styles.names()), f"run tests/golden/make_golden.py {renderer}"


@pytest.mark.parametrize("renderer, case", [pytest.param(r, c, marks=MARKS[r], id=f"{r}-{c}") for r, c in CASES])
def test_golden_sample_rerenders(request, renderer, case):
    style, index = case.rsplit("-", 1)
    want_json = (GOLDEN / renderer / f"{case}.json").read_bytes()
    want = json.loads(want_json)
    image_path = GOLDEN / renderer / f"{case}.{want['image_format']}"
    cfg = RenderConfig(renderer=renderer, style=style, count=int(index) + 1, seed=SEED)
    version = RENDERERS.get(renderer).version()
    got = render_sample(cfg, int(index), request.getfixturevalue(f"{renderer}_renderer"), version)
    if version == want["renderer_version"]:
        assert got.record.to_json() == want_json
        # Compared by digest: pytest's diff of two ~100 KB byte strings ran for over 20 minutes in CI.
        want_image = image_path.read_bytes()
        assert hashlib.sha256(got.image).hexdigest() == hashlib.sha256(want_image).hexdigest(), \
            f"{case}: image bytes differ from the golden ({len(got.image)} vs {len(want_image)} bytes)"
        return
    # Another engine version: the documented tolerance.
    doc = json.loads(got.record.to_json())
    assert [(e["id"], e["class"]) for e in doc["elements"]] == [(e["id"], e["class"]) for e in want["elements"]]
    for a, b in zip(doc["elements"], want["elements"]):
        assert max(abs(x - y) for x, y in zip(a["bbox"], b["bbox"])) <= BOX_TOLERANCE_PX, (a, b)
    mine = np.asarray(Image.open(io.BytesIO(got.image)).convert("RGB"), dtype=np.int16)
    theirs = np.asarray(Image.open(image_path).convert("RGB"), dtype=np.int16)
    assert mine.shape == theirs.shape
    assert np.abs(mine - theirs).mean() < PIXEL_TOLERANCE
