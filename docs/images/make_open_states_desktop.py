"""Draw docs/images/open-states-desktop.jpg: the desktop goldens caught open (tests/golden/desktop, seed 2024), each
cropped around its popup, the popup's elements boxed and labelled by class (factory.core.draw.draw_boxes), the
rest of the screen's elements in thin grey. Run from the repository root: `.venv/bin/python docs/images/...py`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PIL import Image, ImageDraw  # noqa: E402

from factory.core.draw import draw_boxes  # noqa: E402
from factory.core.layout_edit import DERIVED_BASE  # noqa: E402

CASES = ("macos-167", "fluent-28", "classic-2", "fusion-44")  # calendar, dropdown list, popover, tooltip
CROP = (640, 420)  # source pixels around each popup
TILE, GAP = 600, 6


def tile(case: str) -> Image.Image:
    golden = ROOT / "tests" / "golden" / "desktop"
    doc = json.loads((golden / f"{case}.json").read_text())
    img = Image.open(golden / f"{case}.png").convert("RGB")
    draw = ImageDraw.Draw(img)
    for e in doc["elements"]:
        if e["id"] < DERIVED_BASE:
            x, y, w, h = e["bbox"]
            draw.rectangle([x, y, x + w - 1, y + h - 1], outline=(150, 150, 150), width=1)
    opened = [e for e in doc["elements"] if e["id"] >= DERIVED_BASE]
    img = draw_boxes(img, opened)
    x0, y0 = min(e["bbox"][0] for e in opened), min(e["bbox"][1] for e in opened)
    x1 = max(e["bbox"][0] + e["bbox"][2] for e in opened)
    cw, ch = CROP
    cx = min(max(0, (x0 + x1) // 2 - cw // 2), img.width - cw)
    cy = min(max(0, y0 - 120), img.height - ch)
    img = img.crop((cx, cy, cx + cw, cy + ch))
    return img.resize((TILE, round(ch * TILE / cw)), Image.Resampling.LANCZOS)


def main() -> None:
    tiles = [tile(c) for c in CASES]
    h = max(t.height for t in tiles)
    sheet = Image.new("RGB", (2 * TILE + 3 * GAP, 2 * h + 3 * GAP), (40, 40, 48))
    for i, t in enumerate(tiles):
        sheet.paste(t, (GAP + (i % 2) * (TILE + GAP), GAP + (i // 2) * (h + GAP)))
    sheet.save(ROOT / "docs" / "images" / "open-states-desktop.jpg", quality=78, optimize=True)


if __name__ == "__main__":
    main()
