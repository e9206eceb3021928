"""Units of the game renderer that need no drawing: the layout engine, the PNG writer, source types."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from factory.core.layout import Node
from renderers.game.flow import Flow
from renderers.game.primitives import PRIMITIVE_CLASS, ROLE_PRIMITIVE, canonical_class, source_type

pytestmark = pytest.mark.game


def _flow() -> Flow:
    leaf = lambda n, w, h: (min(w, 40.0), 20.0)  # noqa: E731 - every leaf wants 40 x 20
    return Flow(unit=4.0, leaf=leaf, pad=lambda n: 0.0, stretches=lambda n: n.role in ("row", "column"), margin=10.0)


def test_weights_share_the_rest_and_anchors_stack_in_corners():
    row = Node(
        "r",
        "row",
        intent={"direction": "row", "gap": 0},
        children=(Node("a", "icon"), Node("s", "spacer", intent={"weight": 1}), Node("b", "icon")),
    )
    hud = Node(
        "o",
        "overlay",
        children=(
            Node("c1", "icon", intent={"anchor": "top-right"}),
            Node("c2", "icon", intent={"anchor": "top-right"}),
            Node("d", "icon", intent={"anchor": "bottom-left"}),
            Node("f", "icon", intent={"anchor": "free", "at": [0.5, 0.5]}),
        ),
    )
    root = Node("root", "screen", intent={"direction": "column"}, children=(row, hud))
    flow = _flow()
    rects = flow.run(root, 400, 300)
    assert rects["a"][0] == 0 and rects["b"][0] + rects["b"][2] == 400, "the spacer pushes b to the right edge"
    assert rects["c1"] == (350, 10, 40, 20) and rects["c2"][1] == 10 + 20 + 8, "same-anchor nodes stack"
    assert rects["d"] == (10, 270, 40, 20)
    assert rects["f"] == (180, 140, 40, 20)
    assert not flow.overflow


def test_too_long_rows_shrink_text_first_and_flag_overflow():
    row = Node(
        "r",
        "row",
        intent={"direction": "row", "gap": 0},
        children=(Node("t", "text", text="long"), Node("i", "icon"), Node("j", "icon")),
    )
    flow = _flow()
    rects = flow.run(Node("root", "screen", children=(row,)), 100, 50)
    assert flow.overflow
    assert rects["i"][2] == rects["j"][2] == 40 and rects["t"][2] == 20, "the text gives way, widgets keep size"


def test_tooltips_go_beside_their_target():
    grid = Node("g", "overlay", children=(Node("slot", "inventory_slot", intent={"anchor": "center"}),))
    tip = Node("o2", "overlay", children=(Node("tip", "tooltip", intent={"anchor": "near", "target": "slot"}),))
    rects = _flow().run(Node("root", "screen", children=(grid, tip)), 400, 300)
    sx, sy, sw, sh = rects["slot"]
    assert rects["tip"][0] == sx + sw + 8 and rects["tip"][1] == sy


@pytest.mark.parametrize("shape", [(1, 1), (7, 3), (33, 64)])
def test_png_writer_round_trips(shape):
    from renderers.game.encode import png_bytes

    pixels = np.random.default_rng(0).integers(0, 256, (*shape, 3), dtype=np.uint8)
    png = png_bytes(pixels)
    assert np.array_equal(np.asarray(Image.open(io.BytesIO(png)).convert("RGB")), pixels)
    assert png_bytes(pixels) == png, "same pixels, same bytes"


def test_every_primitive_maps_to_a_canonical_class():
    for role, (base, _) in ROLE_PRIMITIVE.items():
        assert canonical_class(source_type(Node("n1", role))) == role, role
    assert canonical_class(source_type(Node("n1", "text", props={"variant": "crit"}))) == "text"
    assert source_type(Node("n1", "inventory_slot", props={"cooldown": 0.4})) == "hud.slot[cooldown]"
    assert source_type(Node("n1", "progress_bar", props={"kind": "mana"})) == "hud.bar[mana]"
    assert set(PRIMITIVE_CLASS.values()) == set(ROLE_PRIMITIVE)
