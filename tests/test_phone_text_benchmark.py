"""benchmarks/phone_text.py measures what a page shows: a web component's slotted words are measured in the font they
are drawn in and clipped by the shadow parts around them (benchmarks/README.md, "Short texts in phone rows").

Shoelace draws a button's, tab's and tag's label in a font its shadow tree sets (a 14 px button label under a 16 px
host); measured in the host's font, every whole label read as 75-88% shown, `truncated`: 17-32% of Shoelace's short
texts, on phones and desktops alike, where its pixels show every word whole."""

from __future__ import annotations

import importlib.util
import sys

from factory.core.layout import Layout, Node
from renderers import RENDERERS
from tests.conftest import ROOT
from tests.invariants import make_factors

_spec = importlib.util.spec_from_file_location("phone_text", ROOT / "benchmarks" / "phone_text.py")
phone_text = sys.modules["phone_text"] = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(phone_text)

PHONE = dict(form_factor="mobile", viewport_w=390, viewport_h=844, dpr=2.0, density=1.0, locale="en_US")


def _layout(form: str) -> Layout:
    tabs = Node("n10", "row", intent={"gap": 0}, props={"kind": "tabs"}, children=tuple(
        Node(f"n1{i}", "tab", text=w, props={"state": {"selected": i == 1}}) for i, w in enumerate(("All", "Open"), 1)))
    buttons = Node("n20", "row", intent={"gap": 2, "align": "center"}, children=(
        Node("n21", "button", text="Export", props={"variant": "secondary"}),
        Node("n22", "button", text="New report", props={"variant": "primary"}),
        Node("n23", "badge", text="Active", props={"tone": "success"}), Node("n24", "spacer", intent={"weight": 1})))
    root = Node("n0", "screen", children=(Node("n1", "column", intent={"padding": True, "gap": 2}, children=(
        tabs, buttons)),))
    return Layout("handmade", root, "en_US", form)


def test_shoelace_labels_with_room_read_as_whole(web_renderer):
    style = RENDERERS.get("web").styles.get("kit-shoelace")
    for form, factors in (("mobile", make_factors("web", **PHONE, accent="sky")),
                          ("desktop", make_factors("web", accent="sky"))):
        rows, _ = phone_text.measure(web_renderer, style, _layout(form), factors)
        got = {r["text"]: r for r in rows}
        assert set(got) == {"All", "Open", "Export", "New report", "Active"}, (form, sorted(got))
        for text, r in got.items():
            # their words stand whole on one line with room to spare: all of them shown, as the pixels show them
            assert r["lines"] == 1 and r["shown"] >= r["need"] - 1, (form, text, r["shown"], r["need"])
            assert r["verdict"] == "ok", (form, text, r["verdict"], f"{r['shown']:.1f}/{r['need']:.1f} px")
