"""Small SVG glyphs (check marks, arrows, dots) that QSS sub-controls reference by file path.

QSS can only load images from files or resources, so each (glyph, colour) pair is written once into a
per-user cache directory, named after its content: every worker reuses the same few kilobytes of files, and a
killed worker leaves nothing new behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

GLYPHS = {
    "check": '<path d="M3.5 8.5l3 3 6-7" fill="none" stroke="{c}" stroke-width="2" stroke-linecap="round" '
             'stroke-linejoin="round"/>',
    "dash": '<path d="M4 8h8" stroke="{c}" stroke-width="2" stroke-linecap="round"/>',
    "dot": '<circle cx="8" cy="8" r="3.5" fill="{c}"/>',
    "down": '<path d="M4 6l4 4 4-4" fill="none" stroke="{c}" stroke-width="1.6" stroke-linecap="round" '
            'stroke-linejoin="round"/>',
    "up": '<path d="M4 10l4-4 4 4" fill="none" stroke="{c}" stroke-width="1.6" stroke-linecap="round" '
          'stroke-linejoin="round"/>',
    "right": '<path d="M6 4l4 4-4 4" fill="none" stroke="{c}" stroke-width="1.6" stroke-linecap="round" '
             'stroke-linejoin="round"/>',
    "left": '<path d="M10 4l-4 4 4 4" fill="none" stroke="{c}" stroke-width="1.6" stroke-linecap="round" '
            'stroke-linejoin="round"/>',
}

_dir: Path | None = None
_files: dict[tuple[str, str], str] = {}


def _cache_dir() -> Path:
    global _dir
    if _dir is None:
        _dir = Path(tempfile.gettempdir()) / f"gui-factory-qss-{os.getuid()}"
        _dir.mkdir(mode=0o700, exist_ok=True)
    return _dir


def icon_file(glyph: str, color: str) -> str:
    """Path of an SVG file drawing `glyph` in `color` (16x16 viewBox), written on first use."""
    key = (glyph, color)
    if key not in _files:
        svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16">'
               f'{GLYPHS[glyph].format(c=color)}</svg>')
        path = _cache_dir() / f"{glyph}-{color.lstrip('#')}.svg"
        if not path.exists() or path.read_text(encoding="utf-8") != svg:
            tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            tmp.write_text(svg, encoding="utf-8")
            tmp.replace(path)  # atomic: workers writing the same file at once never see half of it
        _files[key] = path.as_posix()
    return _files[key]
