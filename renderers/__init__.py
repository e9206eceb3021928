"""Renderers turn Layout trees into pixels and measurements. One subpackage per renderer; none imports another.

Importing this package is cheap: heavy engines (Playwright, Qt, SDL) load only when a renderer is opened.
"""

from __future__ import annotations

import importlib

from factory.registry import Registry
from renderers.base import NodeMeasure, Rendered, Renderer, RendererError, RendererSpec

_SPEC_MODULES = ("renderers.web.spec",)


def _load() -> None:
    for mod in _SPEC_MODULES:
        importlib.import_module(mod)


RENDERERS: Registry[RendererSpec] = Registry("renderer", loader=_load)

__all__ = ["RENDERERS", "NodeMeasure", "Rendered", "Renderer", "RendererError", "RendererSpec"]
