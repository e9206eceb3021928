"""The desktop renderer draws what it claims: real glyphs (not tofu boxes) in Latin, Cyrillic and CJK, and
boxes whose edges are exactly those of the widgets' pixels, at integer and fractional DPRs."""

from __future__ import annotations

import io
from functools import partial

import numpy as np
import pytest
from PIL import Image

from factory.core.layout import Layout, Node
from factory.core.styles import Style
from renderers import RENDERERS
from renderers.desktop.styles import Look
from tests.invariants import make_factors

pytestmark = pytest.mark.desktop
FUSION = RENDERERS.get("desktop").styles.get("fusion")
MAGENTA, GREEN = (255, 0, 255), (0, 255, 0)


factors = partial(make_factors, "desktop", viewport_w=480, viewport_h=320)


def draw(renderer, nodes, style=FUSION, **kw):
    layout = Layout("handmade", Node("n0", "screen", children=tuple(nodes), intent={"direction": "column", "gap": 2,
                                                                                    "padding": True}),
                    "en_US", "desktop")
    out = renderer.render(layout, style, factors(**kw))
    return out, np.asarray(Image.open(io.BytesIO(out.image)).convert("RGB")).astype(int)


def crop(pixels, box):
    x, y, w, h = (round(v) for v in box)
    return pixels[y:y + h, x:x + w]


@pytest.mark.parametrize("family", ["Noto Sans", "DejaVu Sans", "Liberation Sans"])
@pytest.mark.parametrize("pair", [("東京都庁舎", "大阪城公園"), ("Привет мир", "Добрый вам"), ("Hello", "World")])
def test_text_is_drawn_as_glyphs_not_boxes(desktop_renderer, family, pair):
    """Two different strings of equal length must differ in their ink; missing glyphs would draw the same
    boxes for both. And there is ink: dark pixels inside the label's box."""
    inks = []
    for s in pair:
        out, px = draw(desktop_renderer, [Node("n1", "text", text=s)], font_family=family, locale="ja_JP")
        region = crop(px, out.nodes["n1"].bbox)
        dark = region.mean(axis=2) < 128
        assert dark.sum() > 8 * len(s), f"{s!r} drew almost no ink in {family}"
        inks.append(dark)
    h = min(inks[0].shape[0], inks[1].shape[0])
    w = min(inks[0].shape[1], inks[1].shape[1])
    assert (inks[0][:h, :w] != inks[1][:h, :w]).sum() > 30, f"{pair} look identical in {family}: tofu boxes?"


BOX_STYLE = Style(name="boxtest", renderer="desktop", description="solid colours for box tests", accents=("#3355aa",),
                  fonts=("Noto Sans",), assets={
                      "palettes": FUSION.assets["palettes"], "look": Look(grid=False),
                      "qss": "QPushButton { background: #ff00ff; border: none; padding: 6px 18px; } "
                             "QTableWidget { border: none; } "
                             "QTableWidget::item:selected { background: #00ff00; color: #000000; }"})


def assert_box_matches(px, box, color, dpr):
    """Pixels on the box's inner ring have `color` (inset by one pixel at fractional DPRs, where edges
    are blended); pixels one step outside do not."""
    x0, y0 = int(np.floor(box[0] + 1e-6)), int(np.floor(box[1] + 1e-6))
    x1, y1 = int(np.ceil(box[0] + box[2] - 1e-6)), int(np.ceil(box[1] + box[3] - 1e-6))
    inset = 0 if float(dpr).is_integer() else 1
    inner = [px[y0 + inset, x0 + inset:x1 - inset], px[y1 - 1 - inset, x0 + inset:x1 - inset],
             px[y0 + inset:y1 - inset, x0 + inset], px[y0 + inset:y1 - inset, x1 - 1 - inset]]
    for ring in inner:
        assert (ring == color).all(axis=-1).mean() > 0.97, (box, ring[:5])
    outer = [px[y0 - 1, x0:x1], px[y1, x0:x1], px[y0:y1, x0 - 1], px[y0:y1, x1]]
    for ring in outer:
        assert not (ring == color).all(axis=-1).any(), box


@pytest.mark.parametrize("dpr", [1.0, 1.25, 2.0])
def test_button_box_is_its_pixels(desktop_renderer, dpr):
    nodes = [Node("n1", "text", text="Above"), Node("n2", "button", text="Solid magenta", props={"variant": "primary"})]
    out, px = draw(desktop_renderer, nodes, style=BOX_STYLE, dpr=dpr)
    m = out.nodes["n2"]
    assert m.cls == "button" and m.source_type == "QPushButton" and m.visible
    assert_box_matches(px, m.bbox, MAGENTA, dpr)


@pytest.mark.parametrize("dpr", [1.0, 2.0])
def test_table_row_box_is_its_selection_pixels(desktop_renderer, dpr):
    cells = lambda k: tuple(Node(f"n{k}{j}", "text", text=t) for j, t in enumerate(("Ada", "Turing", "1936")))  # noqa: E731
    table = Node("n1", "table", children=(
        Node("n2", "list_item", props={"cells": True}, children=cells(3)),
        Node("n4", "list_item", props={"cells": True, "state": {"selected": True}}, children=cells(5)),
        Node("n6", "list_item", props={"cells": True}, children=cells(7))))
    out, px = draw(desktop_renderer, [table], style=BOX_STYLE, dpr=dpr)
    row = out.nodes["n4"]
    assert row.cls == "list_item" and row.state["selected"] and row.parent == "n1"
    assert_box_matches(px, row.bbox, GREEN, dpr)
    assert not out.nodes["n2"].state["selected"]


@pytest.mark.parametrize("dpr", [1.0, 1.25, 2.0])
def test_png_and_handed_over_pixels_are_qt_pixels(desktop_renderer, dpr):
    """Our PNG writer is lossless: decoding it gives the pixels the renderer hands to the pipeline, which are
    Qt's own RGB conversion of the rendered image."""
    from PySide6.QtGui import QColor, QFont, QImage, QPainter

    from renderers.desktop.encode import encode_png

    img = QImage(round(333 * dpr), round(211 * dpr), QImage.Format.Format_RGB32)
    img.setDevicePixelRatio(dpr)
    img.fill(QColor("white"))
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.drawEllipse(10, 10, 200, 150)
    p.setFont(QFont("DejaVu Sans", 12))
    p.drawText(20, 100, "Hello ÄÖ 東京")
    p.end()
    png, pixels = encode_png(img)
    ref = img.convertToFormat(QImage.Format.Format_RGB888)
    h, w = ref.height(), ref.width()
    qt = np.frombuffer(ref.constBits(), np.uint8, count=h * ref.bytesPerLine()).reshape(h, -1)[:, :w * 3]
    decoded = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))
    assert (pixels == qt.reshape(h, w, 3)).all() and (decoded == pixels).all()
    out, px = draw(desktop_renderer, [Node("n1", "button", text="OK")], dpr=dpr)
    assert (out.pixels == px).all(), "a real render: handed-over pixels equal the decoded PNG"
