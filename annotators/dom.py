"""Elements of a real page's screen from its DOM labeller's output (renderers/web/label_dom.js).

The labeller already chose classes and boxes; this checks each element against the saved image with the same
checks as synthetic samples (annotators.checks: invisible, occluded, tiny, flat; occlusion judged by the
hit-test share alone, so an element cut by the screen's edge stays unless a sliver is left: `cut`), and
re-links parents to the nearest kept ancestor. Element ids are the labeller's indices (document order), stable
for a given page.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from annotators.annotate import Annotation, _inside
from annotators.checks import check, full_box, pixel_box
from factory.core.schema import STATE_FIELDS, Element
from factory.core.taxonomy import CLASS_ID, INTERACTABLE

MIN_CUT_SIDE = 8  # pixels: less of an element cut by the screen's edge (or a clipping box) is not labelled


def annotate_dom(measured: list[dict], pixels: np.ndarray, scale: float = 1.0) -> Annotation:
    """Elements in document order from the labeller's records; `scale` maps CSS px to image px (the DPR)."""
    height, width = pixels.shape[:2]
    kept: dict[int, Element] = {}
    drops: Counter = Counter()
    for i, m in enumerate(measured):
        cls = m["cls"]
        if cls not in CLASS_ID:
            raise ValueError(f"the DOM labeller produced {cls!r}, which is not a canonical class")
        vis = [v * scale for v in m["vis"]] if m["vis"] else None
        box = pixel_box(vis, width, height) if vis else None
        full = full_box([v * scale for v in m["full"]])
        # Occlusion is judged by what is drawn over the element (the hit-test share), not by the part the
        # screen's edge cuts off: a picture half out of a screen caught mid-scroll is still there to detect.
        reason = check(box, max(0.0, min(1.0, m["onTop"])), pixels)
        if not reason and box != full and min(box[2], box[3]) < MIN_CUT_SIDE:
            reason = "cut"  # a sliver at the screen's edge
        if reason:
            drops[f"dropped_{reason}"] += 1
            continue
        parent = m["parent"]
        while parent != -1 and parent not in kept:
            parent = measured[parent]["parent"]
        up = kept.get(parent)
        kept[i] = Element(
            id=i, parent=None if up is None else up.id, cls=cls, bbox=box,
            full_bbox=full, text=m["text"], interactable=cls in INTERACTABLE,
            state={k: m["state"].get(k) for k in STATE_FIELDS}, source_type=m["src"],
            visible_fraction=round(max(0.0, min(1.0, m["frac"])), 4), depth=0 if up is None else up.depth + 1,
            overflows_parent=up is not None and not _inside(box, up.bbox),
        )
    return Annotation(elements=tuple(kept.values()), drops=drops)
