"""What a renderer hands the annotator: the encoded image and one measurement per layout node."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping


@dataclass(frozen=True)
class NodeMeasure:
    """One node as drawn. Boxes are [x, y, w, h] floats in pixels of the saved image."""

    nid: str
    visible: bool
    bbox: tuple[float, float, float, float] | None  # visible part, clipped to image and clipping ancestors
    full_bbox: tuple[float, float, float, float]
    visible_fraction: float  # visible, unoccluded area / full area
    text: str
    source_type: str  # DOM tag/ARIA role, Qt class, HUD primitive
    cls: str | None  # canonical class as the renderer reads it from its source type; None for structure
    state: Mapping[str, bool | None]
    parent: str | None  # nearest measured ancestor as the renderer sees it


@dataclass(frozen=True)
class Rendered:
    image: bytes  # encoded PNG
    width: int
    height: int
    nodes: Mapping[str, NodeMeasure]
    blocked_requests: int = 0  # network requests the page tried and we aborted (0 in normal runs)
    # Optional (height, width, 3) uint8 RGB array of exactly the pixels in `image`: a renderer that has them
    # (the game renderer) saves the pipeline from decoding the PNG it just encoded. None: decode `image`.
    pixels: Any = None
    # The code that drew the screen, when the renderer was opened with keep_source=True and has one (web: the HTML
    # page, desktop: a Qt Designer .ui file); its member name is the renderer spec's `source_member`.
    source: bytes | None = None
