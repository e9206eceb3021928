"""Fonts from the real font files on disk, cached per (file, size, bold), with per-text fallback to a
CJK font (Chinese, Japanese) or DejaVu Sans (symbols) when the style's font lacks a glyph."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from renderers.base import RendererError

FONT_DIRS = (
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/truetype/noto",
    "/usr/share/fonts/opentype/noto",
    "/usr/share/fonts/truetype/liberation2",
    "/usr/share/fonts/truetype/liberation",
)
# family -> (regular file, bold file)
FAMILIES = {
    "DejaVu Sans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    "DejaVu Sans Mono": ("DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf"),
    "DejaVu Sans Condensed": ("DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf"),
    "DejaVu Serif": ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"),
    "Noto Sans": ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    "Noto Sans Display": ("NotoSansDisplay-Regular.ttf", "NotoSansDisplay-Bold.ttf"),
    "Noto Serif": ("NotoSerif-Regular.ttf", "NotoSerif-Bold.ttf"),
    "Liberation Sans": ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    "Liberation Sans Narrow": ("LiberationSansNarrow-Regular.ttf", "LiberationSansNarrow-Bold.ttf"),
    "Liberation Serif": ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf"),
    "Liberation Mono": ("LiberationMono-Regular.ttf", "LiberationMono-Bold.ttf"),
    "Noto Sans CJK": ("NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc"),
    "Noto Serif CJK": ("NotoSerifCJK-Regular.ttc", "NotoSerifCJK-Bold.ttc"),
}
FONT_HINT = "install the fonts with: apt-get install fonts-dejavu-core fonts-noto-core fonts-noto-cjk fonts-liberation2 fonts-liberation"


@lru_cache(maxsize=None)
def font_file(family: str, bold: bool) -> str:
    """Path of a family's regular or bold file; RendererError naming the family and the fix when absent."""
    if family not in FAMILIES:
        raise RendererError(f"game renderer knows no font family {family!r}; known: {', '.join(sorted(FAMILIES))}")
    name = FAMILIES[family][1 if bold else 0]
    for d in FONT_DIRS:
        p = Path(d) / name
        if p.is_file():
            return str(p)
    raise RendererError(f"game renderer: font file {name} ({family}) not found in {', '.join(FONT_DIRS)}; {FONT_HINT}")


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return 0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFF00 <= o <= 0xFFEF or 0xAC00 <= o <= 0xD7AF


def _needs_check(text: str) -> bool:
    # Latin, Greek and Cyrillic are in every family we use; anything beyond may need a fallback.
    return any(ord(ch) >= 0x0530 for ch in text)


class Fonts:
    """Font objects and glyph coverage, cached for the life of a renderer (fonts load once per worker)."""

    def __init__(self, pygame):
        self.pg = pygame
        self._fonts: dict[tuple[str, int, int], object] = {}  # (file, size, outline) -> Font
        self._keys: dict[int, tuple[str, int, int]] = {}  # id(Font) -> its key (fonts live as long as this)
        self._has: dict[tuple[str, str], object] = {}  # (file, char) -> has glyph; (file, 'notdef') -> its shape

    def font(self, family: str, size: int, bold: bool = False):
        return self._load(font_file(family, bold), size, 0)

    def _load(self, path: str, size: int, outline: int):
        key = (path, size, outline)
        f = self._fonts.get(key)
        if f is None:
            f = self._fonts[key] = self.pg.font.Font(path, size)
            f.outline = outline
            self._keys[id(f)] = key
        return f

    def outlined(self, font, width: int):
        """The same face and size with an outline of `width` pixels: a separate object, because changing a
        font's outline empties SDL_ttf's glyph cache (rendering becomes ten times slower)."""
        path, size, _ = self._keys[id(font)]
        return self._load(path, size, width)

    def _has_glyph(self, font, path: str, ch: str) -> bool:
        """SDL_ttf draws a missing glyph as the font's .notdef box, so compare with a surely missing one."""

        def shape(c: str) -> tuple:
            surf = font.render(c, False, (255, 255, 255))
            return surf.get_size(), self.pg.image.tobytes(surf, "RGB")

        notdef = self._has.get((path, "notdef"))
        if notdef is None:
            notdef = self._has[(path, "notdef")] = shape("\U0010ffff")
        return shape(ch) != notdef

    def _covers(self, family: str, bold: bool, size: int, text: str) -> bool:
        path = font_file(family, bold)
        cjk_family = "CJK" in family
        for ch in sorted(set(text)):
            if ord(ch) < 0x0530 or ch.isspace():
                continue
            if is_cjk(ch):  # known without looking: CJK families have these, the others do not
                if cjk_family:
                    continue
                return False
            ok = self._has.get((path, ch))
            if ok is None:
                ok = self._has[(path, ch)] = self._has_glyph(self._load(path, 24, 0), path, ch)
            if not ok:
                return False
        return True

    def pick(self, text: str, family: str, size: int, bold: bool, cjk: str):
        """The first of (style family, CJK family, DejaVu Sans) that has every glyph of `text`."""
        if _needs_check(text):
            for fam in (family, cjk, "DejaVu Sans"):
                if self._covers(fam, bold, size, text):
                    return self.font(fam, size, bold)
        return self.font(family, size, bold)
