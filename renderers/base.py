"""What every renderer promises: started once per worker, `render(layout, style, factors)` returns the
encoded image plus one measurement per layout node. Renderers measure; they never invent or drop nodes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Protocol

from factory.layout import Layout
from factory.registry import Registry
from factory.styles import Factors, Style, Viewports


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


class Renderer(Protocol):
    """What the pipeline uses: a context manager that renders layouts and counts its own relaunches."""

    restarts: int  # renders retried after the engine crashed or failed (a relaunched browser, a rebuilt scene)

    def __enter__(self) -> "Renderer": ...
    def __exit__(self, *exc: Any) -> None: ...
    def render(self, layout: Layout, style: Style, factors: Factors) -> Rendered: ...


class RendererError(RuntimeError):
    """A renderer could not draw a layout (bad role, crash that retries did not cure...)."""


@dataclass(frozen=True)
class RendererSpec:
    """How the pipeline finds a renderer without importing its heavy dependencies."""

    name: str
    description: str
    open: Callable[..., Renderer]  # imports the heavy module lazily; kwargs: timeout_s, recycle_every
    version: Callable[[], str]  # engine version, recorded in the manifest (bytes depend on it)
    styles: Registry[Style]
    default_style: str
    viewports: Viewports
    grammars: tuple[str, ...] | None = None  # None: every grammar that lists this renderer
    extra: Mapping[str, Any] = field(default_factory=dict)
