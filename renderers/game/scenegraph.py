"""The scene graph of one frame: what was drawn, where, in which order and by which primitive, plus an
id-buffer (one int32 per screen pixel) holding the draw index of the last primitive that painted it.

Nodes are numbered in draw (pre-)order, so a node's subtree is the index range [start, end). After
drawing, a node's visible pixels are those in its rectangle still owned by an index in its range: anything
drawn later over it (a tooltip, a notification, a scrim) has taken them. visible_fraction = owned / full
area; the visible box is the bounding box of the owned pixels, clipped to the screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

import numpy as np

from renderers.base import NodeMeasure

Rect = tuple[int, int, int, int]


@dataclass
class Entry:
    nid: str
    rect: Rect
    source: str  # HUD primitive (source_type)
    cls: str | None
    text: str
    state: Mapping[str, bool | None]
    parent: str | None
    start: int  # draw index of this node
    end: int = 0  # one past the last draw index of its subtree
    painted: bool = False  # wrote its index into the id-buffer


@dataclass
class SceneGraph:
    width: int
    height: int
    entries: list[Entry] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.buf = np.zeros((self.height, self.width), np.int32)  # 0: the game scene

    def open(self, nid: str, rect: Rect, source: str, cls: str | None, text: str, state, parent: str | None) -> Entry:
        e = Entry(nid, rect, source, cls, text, state, parent, start=len(self.entries) + 1)
        self.entries.append(e)
        return e

    def close(self, e: Entry) -> None:
        e.end = len(self.entries) + 1

    def paint(self, e: Entry, rect: Rect | None = None) -> None:
        """Record that `e` covered `rect` (default: its own rectangle) in the id-buffer."""
        x0, y0, x1, y1 = self._clip(rect or e.rect)
        if x1 > x0 and y1 > y0:
            self.buf[y0:y1, x0:x1] = e.start
        e.painted = True

    def _clip(self, r: Rect) -> tuple[int, int, int, int]:
        return max(0, r[0]), max(0, r[1]), min(self.width, r[0] + r[2]), min(self.height, r[1] + r[3])

    def measures(self) -> dict[str, NodeMeasure]:
        painted = [e for e in self.entries if e.painted]
        starts = np.array([e.start for e in painted] or [0], np.int64)
        boxes = np.array([self._clip(e.rect) for e in painted] or [(0, 0, 0, 0)], np.int64)
        out = {}
        for e in self.entries:
            x0, y0, x1, y1 = self._clip(e.rect)
            area = e.rect[2] * e.rect[3]
            if x1 <= x0 or y1 <= y0 or area <= 0:
                out[e.nid] = self._measure(e, None, 0.0)
                continue
            clip = (x0, y0, x1 - x0, y1 - y0)
            if e.cls is None:  # structure: not annotated, occlusion not needed
                out[e.nid] = self._measure(e, clip, (x1 - x0) * (y1 - y0) / area)
                continue
            # Fast path: nothing drawn after this subtree overlaps it, so it owns its whole clipped rectangle.
            later = (
                (starts >= e.end) & (boxes[:, 0] < x1) & (boxes[:, 2] > x0) & (boxes[:, 1] < y1) & (boxes[:, 3] > y0)
            )
            if e.painted and not later.any():
                out[e.nid] = self._measure(e, clip, (x1 - x0) * (y1 - y0) / area)
                continue
            sub = self.buf[y0:y1, x0:x1]
            owned = (sub >= e.start) & (sub < e.end)
            count = int(owned.sum())
            if count == 0:  # entirely covered: a box with nothing visible in it, dropped as occluded
                out[e.nid] = self._measure(e, clip, 0.0)
                continue
            rows, cols = np.flatnonzero(owned.any(axis=1)), np.flatnonzero(owned.any(axis=0))
            box = (x0 + int(cols[0]), y0 + int(rows[0]), int(cols[-1] - cols[0]) + 1, int(rows[-1] - rows[0]) + 1)
            out[e.nid] = self._measure(e, box, count / area)
        return out

    @staticmethod
    def _measure(e: Entry, box, fraction: float) -> NodeMeasure:
        return NodeMeasure(
            nid=e.nid,
            visible=box is not None,
            bbox=tuple(float(v) for v in box) if box else None,
            full_bbox=tuple(float(v) for v in e.rect),
            visible_fraction=max(0.0, min(1.0, fraction)),
            text=e.text,
            source_type=e.source,
            cls=e.cls,
            state=dict(e.state),
            parent=e.parent,
        )
