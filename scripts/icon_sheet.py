"""Contact sheet of the web renderer's icon sets (README): one row per set (and per icon font), the same semantic
names in each. `PYTHONPATH=. .venv/bin/python scripts/icon_sheet.py docs/images/icon-sets.png`"""

from __future__ import annotations

import sys

from markupsafe import escape

from renderers.web.icon_sets import SETS
from renderers.web.icons import font_links, icon_svg, use_icon_set
from renderers.web.renderer import MEASURE_JS, WRITE_JS, WebRenderer

NAMES = ("home", "search", "settings", "bell", "user", "chart", "menu", "close", "chevron", "heart", "star", "trash",
         "edit", "download", "plus", "mail", "calendar", "folder", "filter", "more", "check", "lock", "cart", "image")


def main(out: str) -> None:
    rows, links = [], []
    for name, s in sorted(SETS.items()):
        for font in (False, True) if s.font else (False,):
            with use_icon_set(name, font):
                icons = "".join(f'<span data-nid="n{len(rows)}{i}">{icon_svg(n)}</span>' for i, n in enumerate(NAMES))
            label = f"{s.package} ({s.licence}){' font' if font else ''}"
            rows.append(f"<div class=row><b>{escape(label)}</b>{icons}</div>")
            links += font_links(name, font)
    head = "".join(f'<link rel="stylesheet" href="{h}" onload="this.dataset.loaded = 1">' for h in links)
    css = ("body { margin: 12px; font: 13px 'DejaVu Sans', sans-serif; color: #222; background: #fff; }"
           ".row { display: flex; align-items: center; gap: 14px; height: 40px; }"
           "b { flex: none; width: 250px; font-weight: 600; } .gf-glyph { width: 22px; height: 22px; font-size: 22px; }"
           "i.gf-glyph { width: auto; height: auto; font-style: normal; line-height: 1; }")
    html = f"<!doctype html><html><head>{head}<style>{css}</style></head><body>{''.join(rows)}</body></html>"
    with WebRenderer(frames_on_demand=False) as r:  # Playwright's own page calls below wait for frames
        page, _ = r._page()
        page.set_viewport_size({"width": 1180, "height": 24 + 40 * len(rows)})
        page.evaluate(WRITE_JS, html)
        page.evaluate(MEASURE_JS)  # waits for the stylesheets and the icon fonts
        page.screenshot(path=out)


if __name__ == "__main__":
    main(sys.argv[1])
