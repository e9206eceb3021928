"""Short words stay on one line on a phone (issue 14, "phones squeeze short texts in narrow rows";
benchmarks/README.md, "Short texts in phone rows"): a chat's header row, a remember-me row beside its link and a table
of dates, drawn at a 360 px phone width where the rows have no room for their words. Before, the contact's name
wrapped over three lines, "Angemeldet bleiben" and a date over two; now each is one line, cut with an ellipsis where
its row is too narrow, and its box ends where it is cut (as every truncated text's does). Desktop pages are left as
they were."""

from __future__ import annotations

from functools import partial

import pytest

from factory.core import check_labels
from factory.core.layout import Layout, Node
from renderers import RENDERERS
from renderers.web.html import fit_css
from tests.invariants import make_factors, render_annotated

render = partial(render_annotated, "web")
NAME = "Reinhart Tröst-Kostolzin"


def _layout(form: str = "mobile") -> Layout:
    icon = lambda i, name: Node(f"n{i}", "icon_button", props={"icon": name, "label": name})  # noqa: E731
    # a phone's chat header as factory/grammars/chat.py draws it: back, avatar, name over status, call, more
    header = Node("n10", "row", intent={"padding": True, "gap": 1, "align": "center"}, children=(
        icon(11, "chevron-left"), Node("n12", "image", props={"kind": "avatar", "initials": "R"}),
        Node("n13", "column", intent={"gap": 0}, children=(
            Node("n14", "text", text=NAME, props={"variant": "label"}),
            Node("n15", "text", text="Online", props={"variant": "muted"}))),
        Node("n16", "spacer", intent={"weight": 1}), icon(17, "phone"), icon(19, "more")))
    remember = Node("n20", "row", intent={"gap": 2, "align": "center"}, children=(
        Node("n21", "checkbox", text="Angemeldet bleiben", props={"state": {"checked": False}}),
        Node("n22", "spacer", intent={"weight": 1}), Node("n23", "link", text="Passwort vergessen?")))
    cells = lambda i, *words: Node(f"n{i}", "list_item", props={"cells": True}, children=tuple(  # noqa: E731
        Node(f"n{i}{k}", "text", text=w) for k, w in enumerate(words)))
    table = Node("n30", "table", children=(
        Node("n31", "list_item", props={"header": True, "cells": True}, children=(
            Node("n311", "text", text="Name", props={"variant": "header"}),
            Node("n312", "text", text="Status", props={"variant": "header"}),
            Node("n313", "text", text="Datum", props={"variant": "header"}))),
        cells(32, "Matthäi AG", "Archiviert", "2008-09-18"), cells(33, "Lopez-Mendoza", "Aktiv", "2019-03-14")))
    root = Node("n0", "screen", children=(Node("n1", "column", intent={"gap": 2}, children=(
        header, Node("n2", "column", intent={"padding": True, "gap": 2}, children=(remember, table)))),))
    return check_labels.split(Layout("handmade", root, "de_DE", form))


PHONE = dict(form_factor="mobile", viewport_w=360, viewport_h=800, dpr=2.0, density=1.2, locale="de_DE")


@pytest.mark.parametrize("style", ["material", "brutalist", "kit-bootstrap5", "kit-ionic"])
def test_short_words_stay_on_one_line_on_a_phone(web_renderer, style):
    layout = _layout()
    accent = RENDERERS.get("web").styles.get(style).accents[0]  # a kit's accent names its variant (Ionic: ios-primary)
    out, pixels, ann = render(web_renderer, layout, style, make_factors("web", **PHONE, accent=accent))
    nodes = out.nodes
    # One line of the page's body text, from a word with room of its own (a table header): every short text's box
    # is at most that tall (x1.6: a header is smaller, a label larger); a wrapped one was 2-20 lines.
    line = max(nodes[n].full_bbox[3] for n in ("n311", "n312"))
    short = [n for n, m in nodes.items() if m.cls == "text" and m.visible and len(m.text) <= 24]
    assert len(short) >= 10
    for nid in short:
        h = nodes[nid].full_bbox[3]
        assert h < 1.6 * line * 1.3, \
            f"{style}: {nodes[nid].text!r} stands on several lines ({h:.0f} px, a line {line:.0f})"
    # The contact's name is cut where its row has no room: its box is not a sliver, ends where its words are cut (left
    # of the call button), and it is annotated as the text it is, with all its words.
    name = nodes["n14"]
    assert name.bbox is not None and name.bbox[2] >= 3 * line, f"{style}: the name is crushed: {name.bbox}"
    call = nodes["n17"].bbox
    assert name.bbox[0] + name.bbox[2] <= call[0] + 1, f"{style}: the name's box runs under the buttons after it"
    assert name.text == NAME
    # The checkbox's words beside the link: one line, whole or cut, never under the link.
    label = next(m for m in nodes.values() if m.text == "Angemeldet bleiben" and m.cls == "text")
    assert label.full_bbox[3] < 1.6 * line * 1.3


def test_desktop_pages_get_no_phone_rules():
    assert fit_css(_layout("desktop"), make_factors("web")) == ""
    css = fit_css(_layout(), make_factors("web", **PHONE))
    assert '[data-nid="n14"]' in css and '[data-nid="n23"]' in css  # the name cut, the link kept whole
