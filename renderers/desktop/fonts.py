"""Fonts: registered with the application from the Debian font files and asserted present.

Offscreen Qt may see no fonts at all (text drawn as boxes, wrong geometry), so every family a style may
pick is registered explicitly, and the CJK family is named as a fallback on every font we build.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from renderers.base import RendererError

# family -> (Debian package, font files); the first existing directory of each file wins.
FONT_FILES = {
    "Noto Sans": ("fonts-noto-core", ("truetype/noto/NotoSans-Regular.ttf", "truetype/noto/NotoSans-Bold.ttf",
                                      "truetype/noto/NotoSans-Italic.ttf")),
    "DejaVu Sans": ("fonts-dejavu-core", ("truetype/dejavu/DejaVuSans.ttf", "truetype/dejavu/DejaVuSans-Bold.ttf")),
    "DejaVu Sans Mono": ("fonts-dejavu-core", ("truetype/dejavu/DejaVuSansMono.ttf",)),
    "Liberation Sans": ("fonts-liberation2", ("truetype/liberation2/LiberationSans-Regular.ttf",
                                              "truetype/liberation2/LiberationSans-Bold.ttf")),
    "Noto Sans CJK JP": ("fonts-noto-cjk", ("opentype/noto/NotoSansCJK-Regular.ttc",
                                            "opentype/noto/NotoSansCJK-Bold.ttc")),
}
FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
MONO = "DejaVu Sans Mono"
# CJK fallback per locale: the .ttc holds JP/SC/TC/KR variants whose glyph shapes follow local norms.
CJK_FALLBACK = {"zh_CN": "Noto Sans CJK SC"}
DEFAULT_CJK = "Noto Sans CJK JP"

_registered = False
_mono_id = -1  # the application-font id of the monospace file, re-registered to flush Qt's font caches


def _find(rel: str) -> Path | None:
    for d in FONT_DIRS:
        if (d / rel).is_file():
            return d / rel
    return None


def font_paths() -> list[Path]:
    """Every font file we register, in a fixed order; RendererError naming the package if one is missing."""
    out = []
    for family, (package, files) in FONT_FILES.items():
        for rel in files:
            path = _find(rel)
            if path is None:
                raise RendererError(f"font file {rel} for {family!r} is missing: install the Debian package "
                                    f"{package} (`make setup` does)")
            out.append(path)
    return out


def fonts_fingerprint() -> str:
    """A short hash of the font files' names and sizes (pixels depend on them)."""
    h = hashlib.sha256()
    for p in font_paths():
        h.update(f"{p.name}:{p.stat().st_size};".encode())
    return h.hexdigest()[:10]


def register_fonts() -> None:
    """addApplicationFont for every file, then assert each family (and the CJK fallbacks) is known to Qt."""
    global _registered
    if _registered:
        return
    from PySide6.QtGui import QFontDatabase

    global _mono_id
    for path in font_paths():
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            raise RendererError(f"Qt could not load the font file {path}; reinstall its Debian package")
        if path.name == "DejaVuSansMono.ttf":
            _mono_id = font_id
    families = set(QFontDatabase.families())
    for family in [*FONT_FILES, *CJK_FALLBACK.values(), DEFAULT_CJK]:
        if family not in families:
            package = FONT_FILES.get(family, ("fonts-noto-cjk",))[0]
            raise RendererError(f"font family {family!r} is not available to Qt after registration: install the "
                                f"Debian package {package} (`make setup` does)")
    _registered = True


def flush_font_caches() -> None:
    """Empty Qt's font-engine and glyph caches, which grow with every new CJK glyph at every size.

    Qt clears them whenever the application fonts change, so one small font is removed and added back; the
    same file gives the same glyphs, so output bytes do not change."""
    from PySide6.QtGui import QFontDatabase

    global _mono_id
    path = next(p for p in font_paths() if p.name == "DejaVuSansMono.ttf")
    if _mono_id >= 0:
        QFontDatabase.removeApplicationFont(_mono_id)
    _mono_id = QFontDatabase.addApplicationFont(str(path))
    if _mono_id < 0:
        raise RendererError(f"Qt could not reload the font file {path}")
    _font.cache_clear()


def ui_font(family: str, px: float, locale: str, weight: int | None = None):
    """A QFont of `family` at `px` logical pixels, falling back to Noto Sans CJK for CJK text."""
    return _font(family, max(6, round(px)), locale, weight)


@lru_cache(maxsize=256)
def _font(family: str, px: int, locale: str, weight: int | None):
    from PySide6.QtGui import QFont

    if family not in FONT_FILES:
        raise RendererError(f"desktop renderer: font family {family!r} is not registered; known: {sorted(FONT_FILES)}")
    font = QFont()
    font.setFamilies([family, CJK_FALLBACK.get(locale, DEFAULT_CJK)])
    font.setPixelSize(px)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)  # same glyph shapes at every DPR
    if weight is not None:
        font.setWeight(QFont.Weight(weight))
    return font
