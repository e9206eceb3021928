"""The README's picture of phone app components: `.venv/bin/python scripts/mobile_sheet.py OUT.jpg`.

Three samples of seed 2024 (the first of each kind at or after index 100), each as `factory render` draws it: a
Framework7 screen with a FAB above its tab bar, a Framework7 action sheet, an Onsen UI bottom sheet. Every annotated
box is drawn in grey, the FAB's and the sheets' (and their entries') in red.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PIL import Image, ImageDraw  # noqa: E402

from factory.config import RenderConfig  # noqa: E402
from factory.sample import make_layout, render_sample  # noqa: E402
from renderers import RENDERERS  # noqa: E402

PANELS = (("kit-framework7", "fab"), ("kit-framework7", "actions"), ("kit-onsen", "bottom"))
WIDTH = 360  # of one panel, in pixels


def kind_of(layout) -> tuple[set[str], set[str]]:
    """(what phone parts the layout has, the ids of their nodes and of everything inside a sheet)."""
    kinds, ids = set(), set()
    for n, _ in layout.nodes():
        if n.props.get("fab"):
            kinds.add("fab")
            ids.add(n.id)
        if n.props.get("sheet"):
            kinds.add(n.props["sheet"])
            ids |= {m.id for m, _ in n.walk()}
    return kinds, ids


def panel(renderer, version: str, style: str, kind: str) -> Image.Image:
    cfg = RenderConfig(renderer="web", style=style, count=1000, seed=2024)
    index = next(i for i in range(100, 1000) if kind in kind_of(make_layout(cfg, i)[1])[0])
    ids = {int(n[1:]) for n in kind_of(make_layout(cfg, index)[1])[1]}
    sample = render_sample(cfg, index, renderer, version)
    img = Image.open(io.BytesIO(sample.image)).convert("RGB")
    draw = ImageDraw.Draw(img)
    for e in sorted(sample.record.elements, key=lambda e: e.id in ids):
        x, y, w, h = e.bbox
        draw.rectangle([x, y, x + w - 1, y + h - 1], outline=(230, 0, 0) if e.id in ids else (150, 150, 150),
                       width=5 if e.id in ids else 2)
    print(style, kind, index, sample.record.factors["accent"], sample.record.factors["theme"])
    return img.resize((WIDTH, round(img.height * WIDTH / img.width)), Image.LANCZOS)


def main(out: str) -> None:
    spec = RENDERERS.get("web")
    with spec.open() as renderer:
        panels = [panel(renderer, spec.version(), style, kind) for style, kind in PANELS]
    sheet = Image.new("RGB", (sum(p.width for p in panels) + 8 * (len(panels) - 1), max(p.height for p in panels)),
                      "white")
    x = 0
    for p in panels:
        sheet.paste(p, (x, 0))
        x += p.width + 8
    sheet.save(out, "JPEG", quality=80)
    print(out, Path(out).stat().st_size, "bytes")


if __name__ == "__main__":
    main(sys.argv[1])
