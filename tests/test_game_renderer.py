"""The game renderer against real pygame-ce (SDL, headless): annotation invariants for every game grammar and
style, HUD classes, occlusion through the id-buffer, determinism, clear errors."""

from __future__ import annotations

from functools import partial

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from factory.config import RenderConfig
from factory.core.layout import Layout, Node
from factory.sample import make_layout
from renderers import RENDERERS
from renderers.base import RendererError
from tests.invariants import check_invariants, make_factors, render_annotated

pytestmark = pytest.mark.game
SPEC = RENDERERS.get("game")
STYLES = SPEC.styles.names()
GAME_GRAMMARS = RenderConfig(renderer="game", style="pixel", count=1).grammar_names()
HUD_CLASSES = {"inventory_slot", "resource_counter", "crosshair", "minimap", "progress_bar"}


render = partial(render_annotated, "game")
_factors = partial(make_factors, "game")


def test_hud_classes_appear_across_samples(game_renderer):
    seen, states = set(), set()
    for i in range(14):
        cfg = RenderConfig(renderer="game", style=STYLES[i % len(STYLES)], count=1, grammars=("game_hud",), seed=5)
        _, layout, factors = make_layout(cfg, i)
        out, pixels, ann = render(game_renderer, layout, cfg.style, factors)
        seen |= {e.cls for e in ann.elements}
        states |= {(e.source_type, e.state["enabled"]) for e in ann.elements if e.cls == "inventory_slot"}
    assert HUD_CLASSES <= seen, HUD_CLASSES - seen
    assert ("hud.slot[cooldown]", False) in states, "hotbar slots on cooldown are annotated as disabled"


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(index=st.integers(0, 10**9), style=st.sampled_from(STYLES))
def test_annotation_invariants_property(game_renderer, index, style):
    cfg = RenderConfig(renderer="game", style=style, count=index + 1)
    _, layout, factors = make_layout(cfg, index)
    check_invariants(layout, *render(game_renderer, layout, style, factors), own_pixels=True)


def test_same_inputs_same_bytes_in_a_fresh_renderer(game_renderer):
    cfg = RenderConfig(renderer="game", style="fantasy", count=5)
    _, layout, factors = make_layout(cfg, 3)
    a = render(game_renderer, layout, "fantasy", factors)
    with SPEC.open() as other:
        b = render(other, layout, "fantasy", factors)
    assert a[0].image == b[0].image
    assert a[2].elements == b[2].elements


def _slot(i: int) -> Node:
    return Node(f"n{i}", "inventory_slot", props={"item": "sword", "rarity": "rare", "pattern": i})


def _uncovered_box(r, cover):
    """Bounding box of rectangle r minus rectangle cover (both [x, y, w, h])."""
    x, y, w, h = r
    cx, cy, cw, ch = cover
    across = cx <= x and cx + cw >= x + w
    if across and cy <= y < cy + ch:
        return (x, cy + ch, w, y + h - cy - ch)
    if across and cy < y + h <= cy + ch:
        return (x, y, w, cy - y)
    return r


@pytest.mark.parametrize("shape", ["cross", "dot", "circle", "chevron"])
@pytest.mark.parametrize("style", ["pixel", "scifi"])
def test_a_crosshair_is_boxed_by_what_it_draws(game_renderer, shape, style):
    """The same screen drawn with and without a crosshair differs exactly where the crosshair drew: its box holds
    every pixel of that and is at most 1 px larger a side. (A dot was boxed by its ~50 px square, a chevron by its
    whole square.)"""
    import numpy as np

    def screen(*children):
        root = Node("n0", "screen", props={"scene_seed": 3, "view": "first_person"}, children=children)
        return Layout("handmade", root, "en_US", "desktop")

    cross = Node("n1", "crosshair", props={"shape": shape, "spread": 1}, intent={"anchor": "center"})
    out, with_it, _ = render(game_renderer, screen(cross), style, _factors())
    _, without, _ = render(game_renderer, screen(), style, _factors())
    ys, xs = np.nonzero((with_it != without).any(axis=2))
    ink = (xs.min(), ys.min(), xs.max() + 1, ys.max() + 1)
    x, y, w, h = out.nodes["n1"].bbox
    box = (x, y, x + w, y + h)
    assert box[0] <= ink[0] and box[1] <= ink[1] and box[2] >= ink[2] and box[3] >= ink[3], (box, ink)
    assert max(ink[0] - box[0], ink[1] - box[1], box[2] - ink[2], box[3] - ink[3]) <= 1, (box, ink)
    if shape == "dot":  # a few pixels of the square a cross fills
        square = render(game_renderer, screen(Node("n1", "crosshair", intent={"anchor": "center"})), style,
                        _factors())[0].nodes["n1"].bbox
        assert w * h < 0.1 * square[2] * square[3], (box, square)


def test_a_later_layer_occludes_slots_exactly(game_renderer):
    """A notification over a grid of slots takes their pixels: visible fractions follow the overlap."""
    grid = Node(
        "n20", "grid", children=tuple(_slot(i) for i in range(12)), intent={"columns": 4, "gap": 1, "anchor": "center"}
    )
    note = Node(
        "n22",
        "card",
        props={"frame": "toast"},
        intent={"anchor": "center", "direction": "column"},
        children=(Node("n21", "heading", text="Level up! Level up!", props={"level": 2}),),
    )
    root = Node(
        "n30",
        "screen",
        props={"scene_seed": 7, "view": "dungeon"},
        children=(Node("n23", "overlay", children=(grid,)), Node("n24", "overlay", children=(note,))),
    )
    layout = Layout("handmade", root, "en_US", "desktop")
    out, pixels, ann = render(game_renderer, layout, "pixel", _factors())
    nx, ny, nw, nh = out.nodes["n22"].full_bbox
    fractions = []
    for i in range(12):
        m = out.nodes[f"n{i}"]
        x, y, w, h = m.full_bbox
        ox = max(0.0, min(x + w, nx + nw) - max(x, nx))
        oy = max(0.0, min(y + h, ny + nh) - max(y, ny))
        assert m.visible_fraction == pytest.approx(1 - ox * oy / (w * h)), i
        fractions.append(m.visible_fraction)
        if m.visible_fraction > 0:
            assert m.bbox == _uncovered_box((x, y, w, h), (nx, ny, nw, nh)), i
    assert min(fractions) < 0.3 and max(fractions) == 1.0
    assert ann.drops["dropped_occluded"] == sum(f < 0.3 for f in fractions) > 0
    kept = {e.id for e in ann.elements}
    assert 22 in kept and 21 in kept, "the notification itself is fully visible"


def test_inventory_tooltips_cover_slots(game_renderer):
    covered = 0
    for i in range(8):
        cfg = RenderConfig(renderer="game", style="scifi", count=1, grammars=("game_inventory",), seed=11)
        _, layout, factors = make_layout(cfg, i)
        out = game_renderer.render(layout, SPEC.styles.get("scifi"), factors)
        covered += any(n.role == "inventory_slot" and out.nodes[n.id].visible_fraction < 1 for n, _ in layout.nodes())
    assert covered >= 2, "tooltips drawn over the grid take pixels from the slots under them"


def test_unknown_role_names_renderer_and_role(game_renderer):
    odd = Node("n1", "icon")
    object.__setattr__(odd, "role", "hologram")  # Node refuses unknown roles; forge one to reach the renderer
    layout = Layout("handmade", Node("n0", "screen", children=(odd,)), "en_US", "desktop")
    with pytest.raises(RendererError, match="game renderer cannot draw role 'hologram'"):
        game_renderer.render(layout, SPEC.styles.get("pixel"), _factors())


def test_style_of_another_renderer_is_refused(game_renderer):
    web_style = RENDERERS.get("web").styles.get("material")
    layout = Layout("handmade", Node("n0", "screen", children=(Node("n1", "crosshair"),)), "en_US", "desktop")
    with pytest.raises(RendererError, match="cannot use style 'material'"):
        game_renderer.render(layout, web_style, _factors())


def test_text_falls_back_to_fonts_that_have_the_glyphs(game_renderer):
    fonts = game_renderer.fonts
    assert "CJK" in fonts.pick("設定を保存", "DejaVu Sans Mono", 20, False, "Noto Sans CJK").name
    assert "Mono" in fonts.pick("Сохранить", "DejaVu Sans Mono", 20, False, "Noto Sans CJK").name
    assert "Liberation" in fonts.pick("Quit", "Liberation Sans", 20, True, "Noto Sans CJK").name
