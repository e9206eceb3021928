"""Renderers turn Layout trees into pixels and measurements. One subpackage per renderer; none imports another.

Importing this package is cheap: heavy engines (Playwright, Qt, SDL) load only when a renderer is opened.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil

from factory.core.registry import Registry
from renderers.base import NodeMeasure, Rendered, Renderer, RendererError, RendererSpec


def _load() -> None:
    """Import `renderers/<name>/spec.py` of every renderer subpackage: each registers itself."""
    for mod in pkgutil.iter_modules(__path__):
        if mod.ispkg and importlib.util.find_spec(f"{__name__}.{mod.name}.spec") is not None:
            importlib.import_module(f"{__name__}.{mod.name}.spec")


RENDERERS: Registry[RendererSpec] = Registry("renderer", loader=_load)

__all__ = ["RENDERERS", "NodeMeasure", "Rendered", "Renderer", "RendererError", "RendererSpec"]
