"""What every renderer promises: started once per worker, `render(layout, style, factors)` returns the
encoded image plus one measurement per layout node. Renderers measure; they never invent or drop nodes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Protocol

from factory.core.layout import Layout
from factory.core.rendered import NodeMeasure, Rendered  # noqa: F401 - the renderer's output, re-exported
from factory.core.registry import Registry
from factory.core.styles import Factors, Style, Viewports


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
    open: Callable[..., Renderer]  # imports the heavy module lazily; kwargs: timeout_s, recycle_every, keep_source
    version: Callable[[], str]  # engine version, recorded in the manifest (bytes depend on it)
    styles: Registry[Style]
    default_style: str
    viewports: Viewports
    grammars: tuple[str, ...] | None = None  # None: every grammar that lists this renderer
    extra: Mapping[str, Any] = field(default_factory=dict)
    # The sample member (a key of factory.core.schema.SOURCE_LANGUAGES) holding the screen's source when the
    # renderer is opened with keep_source=True; None: this renderer's samples carry no source.
    source_member: str | None = None
    source_note: str = ""  # what the source is (recorded in the manifest of a --keep-source render)
    # Raises ConfigError (naming the fix) when a style cannot be drawn here, e.g. its npm kit is not installed;
    # RenderConfig.validate calls it, so a render fails before it starts rather than drawing unstyled pages.
    check_style: Callable[[Style], None] | None = None
    # Draws right-to-left locales (factory.core.content.RTL_LOCALES) mirrored; RenderConfig refuses them elsewhere.
    rtl: bool = False
