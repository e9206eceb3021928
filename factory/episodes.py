"""Episodes: a sampled screen, an action a user could take on it (factory.core.actions), the screen after it
drawn by the same renderer with the same style, factors and seed, then the next action on that screen...

Step k's after-screen is step k+1's before-screen. Only actions whose target is annotated on the before-screen
are chosen (nothing hidden, occluded or off-screen), and the point of an action is the centre of the target's
visible box there. Everything random comes from the sample's seed: rng_for(seed, "episode:<step>").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable

from factory.config import RenderConfig
from factory.core.actions import Action, apply, pick_action
from factory.core.layout import Layout, Node
from factory.core.schema import Element
from factory.core.seeding import rng_for
from factory.core.taxonomy import CLASS_ID
from factory.sample import Sample, _finish, make_layout, render_sample


@dataclass(frozen=True)
class Step:
    """One action: the screen before it, the action, where it happens, the screen after it."""

    before: Sample
    action: Action
    element: int | None  # the target's element id in `before` (None: a structural scroll container)
    point: tuple[float, float]  # centre of the target's visible box, in pixels of the before image
    after: Sample

    def action_dict(self) -> dict[str, Any]:
        """The action as stored beside the screens: the Action's fields plus element and point."""
        return {**self.action.to_dict(), "element": self.element, "point": [round(v, 1) for v in self.point]}


def _eid(node_id: str) -> int:
    return int(node_id[1:])  # grammar ids are n<int>; annotations keep the int (annotators.annotate)


def _centre(boxes: list[tuple[int, int, int, int]]) -> tuple[float, float]:
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[0] + b[2] for b in boxes), max(b[1] + b[3] for b in boxes)
    return (x0 + x1) / 2, (y0 + y1) / 2


def _clipped(e: Element, dy: int) -> bool:
    """Whether part of `e` is cut off on the side that scrolling by `dy` brings into view."""
    y, h, fy, fh = e.bbox[1], e.bbox[3], e.full_bbox[1], e.full_bbox[3]
    return fy + fh > y + h + 1 if dy > 0 else fy < y - 1


def _scroll_spot(node: Node, dy: int, shown: dict[int, Element]) -> tuple[int | None, tuple[float, float]] | None:
    """Where a scroll of `node` happens (its element and the centre of its visible part), or None when no content
    of it is cut off in that direction: scrolling would not move anything."""
    inside = [shown[_eid(d.id)] for d, _ in node.walk() if d is not node and d.role in CLASS_ID
              and _eid(d.id) in shown]
    if not any(_clipped(e, dy) for e in inside):
        return None
    own = shown.get(_eid(node.id))
    if own is not None:
        return own.id, _centre([own.bbox])
    return None, _centre([e.bbox for e in inside])


def action_spot(layout: Layout, elements: Iterable[Element], action: Action
                ) -> tuple[int | None, tuple[float, float]] | None:
    """Where `action` happens on the rendered screen of `layout` with these annotated `elements`: its target's
    element id and point; None when it cannot be done there (its target is not annotated; a scroll that would
    bring nothing into view)."""
    shown = {e.id: e for e in elements}
    if action.type == "scroll":
        node = next(n for n, _ in layout.nodes() if n.id == action.target)
        return _scroll_spot(node, action.dy, shown)
    e = shown.get(_eid(action.target))
    return None if e is None else (e.id, _centre([e.bbox]))


def render_episode(cfg: RenderConfig, index: int, renderer, steps: int, renderer_version: str | None = None,
                   stops: Counter | None = None) -> list[Step]:
    """Sample `index` of `cfg` (as `render_sample` draws it) and up to `steps` actions on it, each with the screen
    after it. Fewer steps when no action is possible on a screen (or an after-screen keeps no element): then
    `stops` counts why, "no_action" or "after_empty"."""
    from renderers import RENDERERS

    stops = Counter() if stops is None else stops
    spec = RENDERERS.get(cfg.renderer)
    version = spec.version() if renderer_version is None else renderer_version
    before = render_sample(cfg, index, renderer, version)
    attempt = before.record.attempt
    seed, layout, factors = make_layout(cfg, index, attempt)
    style = spec.styles.get(cfg.style)
    out: list[Step] = []
    for k in range(steps):
        action = pick_action(layout, rng_for(seed, f"episode:{k}"),
                             lambda a: action_spot(layout, before.record.elements, a) is not None)  # noqa: B023 - used at once
        if action is None:
            stops["no_action"] += 1
            break
        after_layout = apply(layout, action)
        drawn = renderer.render(after_layout, style, factors)
        after = _finish(cfg, index, attempt, seed, after_layout, factors, drawn, version, Counter())
        if after is None:
            stops["after_empty"] += 1
            break
        element, point = action_spot(layout, before.record.elements, action)
        out.append(Step(before, action, element, point, after))
        layout, before = after_layout, after
    return out
