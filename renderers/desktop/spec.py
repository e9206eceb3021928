"""Registers the desktop renderer; importing this module is cheap (PySide6 loads in `open` and `version`)."""

from __future__ import annotations

from functools import lru_cache

from factory.core.styles import Viewports
from renderers import RENDERERS
from renderers.base import RendererSpec
from renderers.desktop.styles import DESKTOP_STYLES


def _open(**kwargs):
    from renderers.desktop.renderer import DesktopRenderer

    return DesktopRenderer(**kwargs)


@lru_cache(maxsize=1)
def _version() -> str:
    """Qt, PySide6 and libdeflate versions plus the font files' sizes: output bytes depend on all of them."""
    from renderers.desktop.fonts import fonts_fingerprint
    from renderers.desktop.qtapp import import_qt

    from renderers.png import deflate_version

    qt = import_qt()
    return f"Qt {qt.QtCore.qVersion()} PySide6 {qt.version} {deflate_version()} fonts {fonts_fingerprint()}"


# Window sizes in logical pixels; the saved image is size x DPR. Repeats weight the common cases.
VIEWPORTS = Viewports(
    desktop=((1280, 800), (1366, 768), (1440, 900), (1024, 768), (1280, 720), (1152, 720)),
    mobile=((480, 720), (540, 760)),  # narrow windows, only drawn when a config asks for mobile layouts
    desktop_dpr=(1.0, 1.0, 1.0, 1.25, 1.5, 2.0),
    mobile_dpr=(1.0, 2.0),
    mobile_share=0.0,  # desktop windows: the grammars' mobile variants (bottom navigation...) are not drawn
)

RENDERERS.register("desktop", RendererSpec(
    name="desktop",
    description="Desktop applications as real PySide6 (Qt) widget trees, offscreen, annotated from the widget tree",
    open=_open,
    version=_version,
    styles=DESKTOP_STYLES,
    default_style="fusion",
    viewports=VIEWPORTS,
    source_member="ui",
    source_note="<key>.ui: the live widget tree as a Qt Designer .ui file (loads with QUiLoader): stock Qt classes "
                "(our painted widgets as their stock stand-ins, the role in the gfKind property), object names "
                "<class>_nN for the node of element id N, texts, states, values, items, box and grid layouts, "
                "geometry where no layout places a widget; not the theme (palette, QSS, fonts)",
))
