"""The one QApplication of a worker process, set up for deterministic offscreen rendering.

Qt reads its platform and hash seed from the environment when the application starts, so both are set
before PySide6 is imported. Widgets are not thread-safe: parallelism means processes, one app each.
"""

from __future__ import annotations

import os
from types import SimpleNamespace

from renderers.base import RendererError

INSTALL_HINT = ("the desktop renderer needs PySide6 and the Debian libraries Qt loads: "
                "pip install 'gui-factory[desktop]' and apt-get install libegl1 libgl1 libxkbcommon0 libfontconfig1 "
                "libfreetype6 libglib2.0-0 libdbus-1-3 (`make setup` does both)")
# Set before Qt starts: offscreen platform, fixed hashing (QHash order), no platform theme or scaling
# from the machine we happen to run on.
QT_ENV = {"QT_QPA_PLATFORM": "offscreen", "QT_HASH_SEED": "0", "QT_QPA_PLATFORMTHEME": "", "QT_SCALE_FACTOR": "1",
          "QT_ENABLE_HIGHDPI_SCALING": "0", "QT_STYLE_OVERRIDE": "", "QT_FONT_DPI": "96"}

_app = None


class QtMissing(RendererError):
    """PySide6 or a system library it needs is not installed."""


def import_qt() -> SimpleNamespace:
    """PySide6's modules, imported after the environment is set; QtMissing with the install hint if absent."""
    for k, v in QT_ENV.items():
        os.environ[k] = v
    try:
        import PySide6
        from PySide6 import QtCore, QtGui, QtWidgets
    except ImportError as e:  # a missing wheel or a missing libEGL/libxkbcommon... both end here
        raise QtMissing(f"{INSTALL_HINT} (import failed: {e})") from e
    return SimpleNamespace(QtCore=QtCore, QtGui=QtGui, QtWidgets=QtWidgets, version=PySide6.__version__)


def application():
    """The process's QApplication, created once: Fusion style, no animations, no cursor blinking."""
    global _app
    if _app is not None:
        return _app
    qt = import_qt()
    QtCore, QtGui, QtWidgets = qt.QtCore, qt.QtGui, qt.QtWidgets
    existing = QtWidgets.QApplication.instance()
    if existing is not None:
        if existing.platformName() != "offscreen" or not isinstance(existing, QtWidgets.QApplication):
            raise RendererError("the desktop renderer needs its own offscreen QApplication, but this process "
                                f"already runs a {type(existing).__name__} on {existing.platformName()!r}")
        app = existing
    else:
        QtGui.QGuiApplication.setDesktopSettingsAware(False)  # no fonts/palette from the host's desktop
        app = QtWidgets.QApplication(["gui-factory-desktop"])
    app.setStyle(QtWidgets.QStyleFactory.create("Fusion"))
    for effect in (QtCore.Qt.UIEffect.UI_AnimateMenu, QtCore.Qt.UIEffect.UI_FadeMenu,
                   QtCore.Qt.UIEffect.UI_AnimateCombo, QtCore.Qt.UIEffect.UI_AnimateTooltip,
                   QtCore.Qt.UIEffect.UI_FadeTooltip, QtCore.Qt.UIEffect.UI_AnimateToolBox):
        app.setEffectEnabled(effect, False)
    hints = app.styleHints()
    hints.setCursorFlashTime(0)  # a focused line edit shows a steady caret: no wall-clock blink phase
    QtGui.QCursor.setPos(-10000, -10000)  # no widget is ever under the mouse: no hover highlights
    _app = app
    return app
