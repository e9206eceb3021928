"""The desktop renderer: Layout -> real PySide6 widget tree -> offscreen render at the sample's DPR -> PNG,
plus one measurement per node read back from the widgets.

One QApplication per worker process. Each sample's window is a child of a tiny, always-active stage
window: nothing is created on the platform per sample, focus works, and no backing store repaints it.
"""

from __future__ import annotations

import ctypes
import logging
import sys

from renderers.desktop.qtapp import application, import_qt

import_qt()  # sets the Qt environment before anything below imports PySide6

import shiboken6  # noqa: E402
from PySide6.QtCore import QCoreApplication, QLocale, Qt  # noqa: E402
from PySide6.QtGui import QImage, QPixmapCache  # noqa: E402
from PySide6.QtWidgets import QWidget  # noqa: E402

from factory.core import check_labels  # noqa: E402
from factory.core.layout import Layout  # noqa: E402
from factory.core.styles import Factors, Style  # noqa: E402
from renderers.base import Rendered, RendererError  # noqa: E402
from renderers.desktop.builder import Scene, build_scene  # noqa: E402
from renderers.desktop.encode import encode_png  # noqa: E402
from renderers.desktop.fonts import register_fonts  # noqa: E402
from renderers.desktop.measure import measure  # noqa: E402
from renderers.desktop.theme import make_theme  # noqa: E402
from renderers.desktop.uifile import ui_file  # noqa: E402

log = logging.getLogger(__name__)


def recycle_caches() -> None:
    """Drop what sizes, colours and DPRs keep adding to: Qt's style pixmaps and our icons, pictures, fonts
    and palettes. Every render rebuilds what it needs, so the bytes do not change; memory stays bounded."""
    from renderers.desktop import fonts, icons, pictures, theme

    QPixmapCache.clear()
    for cached in (icons.qicon, icons.icon_pixmap, pictures.picture_pixmap, theme._palette):
        cached.cache_clear()
    fonts.flush_font_caches()
    if sys.platform.startswith("linux"):  # hand freed image buffers (3-20 MB each) back to the system
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def settle(app) -> None:
    """Run what Qt deferred: layout requests, item-view layouts and header resizes (zero-time timers)."""
    for _ in range(2):
        QCoreApplication.sendPostedEvents()
        app.processEvents()


class DesktopRenderer:
    """Context manager started once per worker: `render(layout, style, factors)` -> Rendered (PNG, pixels and
    one NodeMeasure per node). An unexpected error is retried with a fresh widget tree; a RendererError (a
    role it cannot draw) is not."""

    def __init__(self, timeout_s: float = 30.0, recycle_every: int = 200, max_retries: int = 2,
                 keep_source: bool = False):
        self.keep_source = keep_source  # Rendered.source: the drawn widget tree as a Qt Designer .ui file
        self.timeout_s = timeout_s  # a hung Qt call cannot be interrupted in-process: the supervisor kills us
        self.recycle_every = recycle_every
        self.max_retries = max_retries
        self.restarts = 0  # renders retried after an unexpected error
        self.renders = 0
        self._app = None
        self._stage: QWidget | None = None
        self._images: dict[tuple[int, int, float], QImage] = {}

    # --- lifecycle ------------------------------------------------------------------------------
    def __enter__(self) -> "DesktopRenderer":
        self._app = application()
        register_fonts()
        self._stage = QWidget(None, Qt.WindowType.FramelessWindowHint)
        self._stage.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._stage.setGeometry(0, 0, 1, 1)  # 1x1: the platform backing store never repaints our windows
        self._stage.show()
        self._stage.activateWindow()
        self._app.processEvents()
        return self

    def __exit__(self, *exc) -> None:
        if self._stage is not None:
            self._stage.close()
            shiboken6.delete(self._stage)
            self._stage = None
        self._images.clear()
        QPixmapCache.clear()

    # --- rendering ------------------------------------------------------------------------------
    def render(self, layout: Layout, style: Style, factors: Factors) -> Rendered:
        last: Exception | None = None
        for attempt in range(self.max_retries + 1):
            try:
                return self._render_once(layout, style, factors)
            except RendererError:
                raise  # a layout we cannot draw: retrying will not help
            except Exception as e:  # noqa: BLE001 - an unexpected Qt/Python error: clean up and try again
                last = e
                self.restarts += 1
                log.warning("desktop render failed (attempt %d): %s", attempt + 1, e)
        raise RendererError(f"desktop render failed after {self.max_retries + 1} attempts: {last}")

    def _image(self, w: int, h: int, dpr: float) -> QImage:
        """The last image reused while the size and DPR repeat (only one is kept: they are 3-20 MB)."""
        key = (w, h, dpr)
        img = self._images.get(key)
        if img is None:
            self._images.clear()
            img = QImage(round(w * dpr), round(h * dpr), QImage.Format.Format_RGB32)
            img.setDevicePixelRatio(dpr)
            self._images[key] = img
        return img

    def _render_once(self, layout: Layout, style: Style, factors: Factors) -> Rendered:
        if self._stage is None:
            raise RuntimeError("DesktopRenderer used outside its `with` block")
        self.renders += 1
        if self.renders % self.recycle_every == 0:
            recycle_caches()
        theme = make_theme(style, factors)
        QLocale.setDefault(QLocale(factors.locale))
        # The application palette and font too: style sheets reset some widgets (scroll-area viewports...)
        # to the application's palette. Only the stage exists now, so this costs nothing.
        self._app.setPalette(theme.palette())
        self._app.setFont(theme.font())
        self._stage.setFocus()
        scene = Scene()
        try:
            # A checkbox's words are drawn by the QCheckBox itself (measured as its part): not built apart.
            scene = build_scene(theme, check_labels.drawn(layout).root, self._stage)
            return self._draw(scene, layout, factors)
        finally:
            if scene.root is not None:
                shiboken6.delete(scene.root)  # the whole widget tree, now: no deleteLater, no event loop

    def _draw(self, scene: Scene, layout: Layout, factors: Factors) -> Rendered:
        root, w, h, dpr = scene.root, factors.viewport_w, factors.viewport_h, factors.dpr
        root.setGeometry(0, 0, w, h)
        root.show()
        settle(self._app)
        for fn in scene.after_layout:
            fn()
        for f in scene.floats:
            if f.mode == "fill":
                f.widget.setGeometry(f.widget.parentWidget().rect())
                f.widget.show()
                f.widget.raise_()
        settle(self._app)
        if scene.after_floats:  # popups, placed where their openers now are (none on a screen drawn closed)
            for fn in scene.after_floats:
                fn()
            settle(self._app)
        if scene.focus is not None:
            scene.focus.setFocus(Qt.FocusReason.TabFocusReason)  # keyboard focus: styles draw the focus frame
        image = self._image(w, h, dpr)  # no clearing needed: the window fills its background (style_root)
        root.render(image)
        png, pixels = encode_png(image)
        nodes = measure(scene, layout, w, h, dpr)
        source = ui_file(scene) if self.keep_source else None
        return Rendered(image=png, width=image.width(), height=image.height(), nodes=nodes, pixels=pixels,
                        source=source)
