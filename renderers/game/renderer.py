"""The game renderer: Layout -> pixel rectangles (flow.py) -> a procedural game scene -> UI primitives drawn
with pygame-ce in draw order, each recorded in the scene graph and id-buffer -> PNG + one measurement per node.

Everything random about a frame (scene, palette shift, UI scale, pixelation) comes from the layout's
`scene_seed` (drawn by the grammar from the sample's seed) and the factors, through private RNGs: the same
(layout, style, factors) gives the same bytes in any process.
"""

from __future__ import annotations

import hashlib
import random
import time
from collections import Counter

from factory.core import check_labels
from factory.core.layout import Layout, Node
from factory.core.styles import Factors, Style
from renderers.base import NodeMeasure, Rendered, RendererError
from renderers.game.engine import import_pygame
from renderers.game.fonts import Fonts
from renderers.game.primitives import canonical_class, painters, source_type

PANEL_ROLES = ("card", "dialog", "tooltip", "toolbar", "list_item", "table")
SELECTABLE = ("tab", "menu_item", "list_item", "inventory_slot")
SCRIM = (6, 8, 20, 150)
MAX_FIT = 4  # layout attempts, each at 85% of the previous scale, until everything fits


def seed_of(layout: Layout) -> int:
    """The scene seed the grammar chose, or one derived from the layout itself for layouts without one."""
    if "scene_seed" in layout.root.props:
        return int(layout.root.props["scene_seed"])
    return int.from_bytes(hashlib.blake2b(layout.to_json().encode(), digest_size=8).digest(), "big") >> 1


def node_state(n: Node, cls: str | None) -> dict[str, bool | None]:
    """The schema's state fields as drawn: None where a state does not apply to the class."""
    st = n.state
    return {
        "enabled": not st.get("disabled", False),
        "checked": bool(st.get("checked")) if cls in ("checkbox", "radio", "switch") else None,
        "selected": bool(st.get("selected")) if cls in SELECTABLE else (True if st.get("selected") else None),
        "focused": bool(st.get("focused")),
        "expanded": bool(st.get("expanded")) if cls == "dropdown" else (True if st.get("expanded") else None),
        "invalid": bool(st.get("invalid")) if cls == "text_input" else None,
        "filled": bool(n.props.get("value")) if cls == "text_input" else None,
    }


def node_text(n: Node, cls: str | None) -> str:
    if cls == "text_input":
        return str(n.props.get("value") or n.props.get("placeholder") or "")
    return n.text


class GameRenderer:
    def __init__(self, timeout_s: float = 30.0, recycle_every: int = 200, png_level: int = 1,
                 keep_source: bool = False):
        # keep_source is accepted and ignored: a game screen is drawn by painters, not from code (its scene graph,
        # primitives, boxes and parents, is the sample's JSON already); the spec has no source member.
        self.png_level = png_level
        self.restarts = 0  # the Renderer protocol's relaunch count: drawing is in-process, nothing to relaunch
        self.timings: Counter = Counter()  # seconds per phase, summed over renders (benchmarks read it)
        self.renders = 0
        self.pg = None

    def __enter__(self) -> "GameRenderer":
        self.pg = import_pygame()
        from renderers.game import encode, scenes  # noqa: F401 - load every module once, up front

        from renderers.game.text import LineCache

        self.fonts = Fonts(self.pg)
        self.lines = LineCache(self.fonts.outlined)
        self.painters = painters()
        return self

    def __exit__(self, *exc) -> None:
        self.fonts = None

    def render(self, layout: Layout, style: Style, factors: Factors) -> Rendered:
        from renderers.game.canvas import Canvas
        from renderers.game.palette import resolve
        from renderers.game.scenegraph import SceneGraph
        from renderers.game.scenes import draw_scene

        if self.pg is None:
            raise RendererError("game renderer used outside its `with` block")
        if style.renderer != "game" or "skin" not in style.assets:
            raise RendererError(f"game renderer cannot use style {style.name!r} of the {style.renderer} renderer")
        sources = {n.id: source_type(n) for n, _ in layout.nodes()}  # RendererError for an unknown role
        # A checkbox's words are drawn by the checkbox (check_labels): laid out and painted with it, measured apart.
        layout = check_labels.drawn(layout)
        skin = style.assets["skin"]
        t0 = time.perf_counter()
        seed = seed_of(layout)
        digest = hashlib.blake2b(f"{seed}:{style.name}:{factors.theme}:{factors.accent}".encode(), digest_size=8)
        rng = random.Random(int.from_bytes(digest.digest(), "big"))
        w, h = round(factors.viewport_w * factors.dpr), round(factors.viewport_h * factors.dpr)
        night = factors.theme == "dark"
        pixel = rng.randint(*skin.pixel)
        names = sorted(skin.scenes)
        kind = layout.root.props.get("view") or rng.choices(names, weights=[skin.scenes[k] for k in names])[0]
        ui_scale = rng.uniform(*skin.ui_scale)
        pal = resolve(skin, factors.theme, factors.accent, rng)
        metrics, rects = self._layout(layout, skin, factors, w, h, ui_scale)
        t1 = time.perf_counter()
        surface = self.pg.Surface((w, h))
        blur = 3 if layout.root.props.get("backdrop") == "blur" else 1
        draw_scene(surface, kind, seed, night, pixel, blur)
        t2 = time.perf_counter()
        cv = Canvas(surface, pal, skin, metrics, pixel=pixel if pixel > 1 else 1, night=night)
        cv.rects, cv.lines = rects, self.lines
        graph = SceneGraph(w, h)
        self._draw(layout.root, None, "scene", cv, graph, rects, sources)
        t3 = time.perf_counter()
        nodes = self._measure(graph)
        t4 = time.perf_counter()
        png, pixels = self._encode(surface)
        t5 = time.perf_counter()
        self.timings.update(
            {"layout": t1 - t0, "scene": t2 - t1, "draw": t3 - t2, "measure": t4 - t3, "encode": t5 - t4}
        )
        self.renders += 1
        return Rendered(image=png, width=w, height=h, nodes=nodes, pixels=pixels)

    def _measure(self, graph) -> dict[str, NodeMeasure]:
        """Boxes and visible fractions from the scene graph and its id-buffer."""
        return graph.measures()

    def _encode(self, surface):
        """(PNG bytes, the same pixels as an RGB array for the pipeline)."""
        from renderers.game.encode import png_bytes, surface_pixels

        pixels = surface_pixels(self.pg, surface)
        return png_bytes(pixels, self.png_level), pixels

    def _layout(self, layout: Layout, skin, factors: Factors, w: int, h: int, ui_scale: float):
        """Pixel rectangles for every node; retried at smaller scales until nothing overflows."""
        from renderers.game.flow import Flow
        from renderers.game.metrics import Metrics

        scale = min(h / 720, w / 1280) * factors.density * ui_scale
        for _ in range(MAX_FIT):
            metrics = Metrics(
                self.fonts, skin, factors.font_family, w, h, scale, factors.font_scale, factors.form_factor == "mobile"
            )
            flow = Flow(metrics.u, metrics.leaf, metrics.pad, metrics.stretches, margin=3 * metrics.u)
            rects = flow.run(layout.root, w, h)
            if not flow.overflow:
                break
            scale *= 0.85
        return metrics, rects

    def _draw(self, n: Node, parent: str | None, where: str, cv, graph, rects, sources) -> None:
        """Paint `n` then its children (pre-order: later siblings and their subtrees lie on top)."""
        r = rects[n.id]
        cls = canonical_class(sources[n.id])
        # A checkbox or radio button is boxed by its box or circle, its words (a node of their own) by their extent;
        # a crosshair by what it draws (a dot is a few pixels in the middle of its square).
        check = n.role in ("checkbox", "radio")
        box = r
        if check:
            from renderers.game.paint_controls import check_rects, check_words  # pygame-bound, as the painters

            box = check_rects(cv.u, r)[0]
        elif n.role == "crosshair":
            from renderers.game.paint_hud import crosshair_extent

            box = crosshair_extent(cv, n, r)
        entry = graph.open(n.id, box, sources[n.id], cls, node_text(n, cls), node_state(n, cls), parent)
        if n.role == "overlay" and n.props.get("dim"):
            cv.fill(r, SCRIM)
            graph.paint(entry)
        elif n.props.get("kind") == "popup":  # a popup's panel (its items are drawn on it)
            from renderers.game.frames import panel

            panel(cv, r, "tooltip")
            graph.paint(entry)
        elif cls is not None:
            cv.where = where
            self.painters[n.role](cv, n, r, where)
            graph.paint(entry)
        inner = "panel" if n.role in PANEL_ROLES or n.props.get("kind") == "popup" else where
        for i, c in enumerate(n.children):
            header = n.role == "dialog" and i == 0 and c.role == "row" and any(k.role == "heading" for k in c.children)
            self._draw(c, n.id, "header" if header else inner, cv, graph, rects, sources)
        graph.close(entry)
        if n.role in check_labels.ROLES and n.props.get("label"):  # its words: its sibling (a switch here draws none)
            words = Node(n.props["label"], "text", text=n.text)
            wcls = canonical_class(sources[words.id])
            w = graph.open(words.id, check_words(cv, n, r) if check else (r[0], r[1], 0, 0), sources[words.id], wcls,
                           n.text, node_state(words, wcls), parent)
            if check:
                graph.paint(w)
            graph.close(w)
