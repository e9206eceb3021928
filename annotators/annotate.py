"""Join a Layout with what a renderer measured: one Element per visible, checked, canonical node."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from factory.core.layout import Layout, Node
from factory.core.schema import STATE_FIELDS, Element
from factory.core.taxonomy import CLASS_ID, INTERACTABLE
from factory.core.rendered import Rendered
from annotators.checks import check, full_box, pixel_box


@dataclass
class Annotation:
    elements: tuple[Element, ...]
    drops: Counter  # 'dropped_<reason>' -> count of elements left out


def _parents(root: Node) -> dict[str, Node | None]:
    out: dict[str, Node | None] = {root.id: None}
    stack = [root]
    while stack:
        n = stack.pop()
        for c in n.children:
            out[c.id] = n
            stack.append(c)
    return out


def _inside(child: tuple[int, int, int, int], parent: tuple[int, int, int, int], slack: int = 1) -> bool:
    return (child[0] >= parent[0] - slack and child[1] >= parent[1] - slack
            and child[0] + child[2] <= parent[0] + parent[2] + slack
            and child[1] + child[3] <= parent[1] + parent[3] + slack)


def annotate(layout: Layout, rendered: Rendered, pixels: np.ndarray) -> Annotation:
    """Elements in document (pre-)order; parents are the nearest kept annotated ancestor."""
    parents = _parents(layout.root)
    kept: dict[str, Element] = {}
    drops: Counter = Counter()
    for node, _ in layout.nodes():
        if node.role not in CLASS_ID:
            continue  # structure: rows, columns, grids, overlays
        m = rendered.nodes.get(node.id)
        if m is None:
            drops["dropped_unmeasured"] += 1
            continue
        if m.cls != node.role:
            drops["dropped_class_mismatch"] += 1
            continue
        box = pixel_box(m.bbox, rendered.width, rendered.height) if m.visible and m.bbox else None
        reason = check(box, m.visible_fraction, pixels)
        if reason:
            drops[f"dropped_{reason}"] += 1
            continue
        parent = parents[node.id]
        while parent is not None and parent.id not in kept:
            parent = parents[parent.id]
        depth = 0 if parent is None else kept[parent.id].depth + 1
        overflows = parent is not None and not _inside(box, kept[parent.id].bbox)
        kept[node.id] = Element(
            id=int(node.id[1:]), parent=None if parent is None else int(parent.id[1:]), cls=m.cls, bbox=box,
            full_bbox=full_box(m.full_bbox), text=m.text, interactable=m.cls in INTERACTABLE,
            state={k: m.state.get(k) for k in STATE_FIELDS}, source_type=m.source_type,
            visible_fraction=round(m.visible_fraction, 4), depth=depth, overflows_parent=overflows,
        )
    return Annotation(elements=tuple(kept.values()), drops=drops)
