"""Open states on desktop screens (factory.grammars.open_states, renderers/desktop/popups.py): a dropdown's list, an
autocomplete list, a date picker's QCalendarWidget, a tooltip and a notifications popover drawn open with real Qt
widgets under their opener, inside the window, labelled, on top, with what they cover dropped or cut to its
uncovered part. The draw leaves screens drawn closed as their grammar drew them."""

from __future__ import annotations

from functools import partial

import numpy as np
import pytest

from factory.config import RenderConfig
from factory.core import check_labels
from factory.core.content import Content
from factory.core.layout_edit import DERIVED_BASE
from factory.core.seeding import rng_for, sample_seed
from factory.grammars import GRAMMARS, open_states
from factory.sample import draw_layout, make_layout
from renderers import RENDERERS
from tests.invariants import check_invariants, make_factors, render_annotated
from tests.test_web_open_states import by_id, covered, handmade

STYLES = RENDERERS.get("desktop").styles.names()
render = partial(render_annotated, "desktop")
# opener -> the class its popup's entries are labelled with, and how many at least
ITEMS = {"n3": ("menu_item", 3), "n4": ("menu_item", 3), "n5": ("button", 28), "n6": ("tooltip", 1),
         "n8": ("list_item", 2)}


def inside(a, b) -> bool:
    return a[0] >= b[0] and a[1] >= b[1] and a[0] + a[2] <= b[0] + b[2] and a[1] + a[3] <= b[1] + b[3]


def overlap(a, b) -> int:
    w = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    h = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return max(0, w) * max(0, h)


# --- the draw (no Qt) -----------------------------------------------------------------------------------------

def test_desktop_screens_are_caught_open_from_their_own_stream():
    """A share of the desktop screens opens (its own rng stream); every screen drawn closed is its grammar's."""
    cfg = RenderConfig(renderer="desktop", style="fusion", count=300, seed=5)
    opened = candidates = 0
    for i in range(cfg.count):
        seed = sample_seed(cfg.seed, i)
        layout, factors = draw_layout(cfg, seed)
        if open_states.open_kind(layout) is None:
            candidates += bool(open_states.openers(layout))
            again = GRAMMARS.get(layout.grammar).generate(
                rng_for(seed, "layout"), Content(factors.locale, seed, rng_for(seed, "content")), factors.form_factor)
            # the grammar's layout, its checkboxes' words split
            assert check_labels.split(again) == layout, "a screen drawn closed is the grammar's"
            continue
        opened += 1
        candidates += 1
        assert layout == draw_layout(cfg, seed)[0]
    sigma = (open_states.OPEN_SHARE * (1 - open_states.OPEN_SHARE) / candidates) ** 0.5
    assert abs(opened / candidates - open_states.OPEN_SHARE) < 3 * sigma, (opened, candidates)


# --- drawn by Qt ----------------------------------------------------------------------------------------------

@pytest.mark.desktop
@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("opener", sorted(ITEMS))
def test_open_popup_is_labelled_below_its_opener_and_occludes_what_it_covers(desktop_renderer, opener, style):
    closed = handmade()
    opened = open_states.open_node(closed, by_id(closed)[opener], seed=3)
    factors = make_factors("desktop")
    out_c, pix_c, ann_c = render(desktop_renderer, closed, style, factors)
    out_o, pix_o, ann_o = render(desktop_renderer, opened, style, factors)
    check_invariants(opened, out_o, pix_o, ann_o, own_pixels=True)
    before = {e.id: e for e in ann_c.elements}
    after = {e.id: e for e in ann_o.elements}
    popup = opened.root.children[-1].children[0]
    new = {int(n.id[1:]) for n, _ in popup.walk()}
    cls, least = ITEMS[opener]
    items = [after[i] for i in sorted(new) if i in after and after[i].cls == cls]
    assert len(items) >= least, ann_o.drops
    anchor = after[int(opener[1:])].bbox
    panel = out_o.nodes[popup.id].full_bbox
    h, w = pix_o.shape[:2]
    assert 0 <= panel[0] and 0 <= panel[1] and panel[0] + panel[2] <= w and panel[1] + panel[3] <= h, "in the window"
    assert panel[1] >= anchor[1] + anchor[3], (panel, anchor)  # below the opener
    for e in items:
        x, y, bw, bh = e.bbox
        assert inside(e.bbox, panel), (e, panel)
        assert e.visible_fraction > 0.9  # on top of everything
        assert not np.array_equal(pix_o[y:y + bh, x:x + bw], pix_c[y:y + bh, x:x + bw]), "nothing drawn there"
    under = [e for e in before.values() if e.id not in new and covered(e.bbox, panel) > 0.5]
    if opener != "n6":
        assert under, "the popup covers part of the page"
    for e in under:
        assert e.id not in after or after[e.id].visible_fraction < e.visible_fraction, (e, after.get(e.id))
    # Dropped as occluded, or as flat where what is left uncovered of the box is background.
    gone = ann_o.drops.get("dropped_occluded", 0) + ann_o.drops.get("dropped_flat", 0)
    assert gone >= sum(e.id not in after for e in under)
    # What a popup covers does not keep its full box: the part left uncovered, or nothing.
    for e in before.values():
        if e.id in new or e.id not in after or overlap(e.bbox, panel) == 0:
            continue
        got = after[e.id].bbox
        spans_x = panel[0] <= e.bbox[0] and e.bbox[0] + e.bbox[2] <= panel[0] + panel[2]
        spans_y = panel[1] <= e.bbox[1] and e.bbox[1] + e.bbox[3] <= panel[1] + panel[3]
        if spans_x or spans_y:  # a whole side covered: the box is cut at the panel's edge
            assert got != e.bbox and overlap(got, panel) == 0, (e, got, panel)


@pytest.mark.desktop
def test_date_picker_opens_a_qcalendarwidget_of_its_month(desktop_renderer):
    closed = handmade()
    opened = open_states.open_node(closed, by_id(closed)["n5"], seed=3)
    out, pixels, ann = render(desktop_renderer, opened, "fusion", make_factors("desktop"))
    popup = opened.root.children[-1].children[0]
    head, grid = popup.children
    assert out.nodes[grid.id].source_type.endswith("QCalendarView")  # the QCalendarWidget's own view
    days = [out.nodes[c.id] for c in grid.children[7:] if c.role == "button"]
    assert [d.text for d in days] == [str(d) for d in range(1, 32)]  # March 2024, as Qt numbers it
    assert {d.source_type for d in days} == {"QCalendarWidget::day"}
    assert [d.text for d in days if d.state["selected"]] == ["15"]
    weekdays = [out.nodes[c.id] for c in grid.children[:7]]
    assert [w.text for w in weekdays] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]  # Monday first
    assert out.nodes[head.children[1].id].text == "March 2024"
    assert [out.nodes[c.id].cls for c in head.children] == ["icon_button", "text", "icon_button"]
    # Day 1 (a Friday) sits in the weekday column of Friday, the 15th under the 8th, one row lower.
    by_day = {d.text: d.full_bbox for d in days}
    fri = weekdays[4].full_bbox
    assert abs(by_day["1"][0] - fri[0]) <= 1 and by_day["15"][1] > by_day["8"][1]
    assert out.nodes["n5"].state["expanded"] is True and out.nodes["n5"].state["focused"] is True
    # Blank cells (the weeks around the month) are not painted: flat background, and never annotated.
    blanks = [c.id for c in grid.children[7:] if c.role == "spacer"]
    assert blanks and not any(int(b[1:]) in {e.id for e in ann.elements} for b in blanks)
    assert all(int(n.id[1:]) >= DERIVED_BASE for n, _ in popup.walk())


@pytest.mark.desktop
def test_desktop_open_screens_of_every_grammar_hold_the_invariants(desktop_renderer):
    """Open screens as the pipeline draws them (seeded), one per kind the desktop grammars offer."""
    cfg = RenderConfig(renderer="desktop", style="macos", count=400, seed=2024)
    seen: dict[str, int] = {}
    for i in range(cfg.count):
        _, layout, _ = make_layout(cfg, i)
        kind = open_states.open_kind(layout)
        if kind is not None and kind not in seen:
            seen[kind] = i
    assert {"dropdown", "autocomplete", "date", "tooltip", "popover"} <= set(seen), seen
    for kind, i in sorted(seen.items()):
        _, layout, factors = make_layout(cfg, i)
        check_invariants(layout, *render(desktop_renderer, layout, "macos", factors), own_pixels=True)


@pytest.mark.desktop
def test_kept_ui_file_holds_the_open_popup(desktop_renderer, monkeypatch):
    """`--keep-source`: the .ui of a screen caught open holds its popup: the QMenu of a dropdown's list (its entries
    as actions) and the QCalendarWidget of a date picker (its selected date)."""
    from tests.test_code_pairs import _load_ui
    from PySide6.QtWidgets import QCalendarWidget, QMenu

    monkeypatch.setattr(desktop_renderer, "keep_source", True)
    closed = handmade()
    for opener in ("n3", "n5"):
        opened = open_states.open_node(closed, by_id(closed)[opener], seed=3)
        out = desktop_renderer.render(opened, RENDERERS.get("desktop").styles.get("fusion"), make_factors("desktop"))
        popup = opened.root.children[-1].children[0]
        window = _load_ui(out.source)
        try:
            if opener == "n3":
                menu = window.findChild(QMenu, f"menu_{popup.id}")
                assert menu is not None, out.source.decode()[-2000:]
                assert [a.text() for a in menu.actions()] == [c.text for c in popup.children]
            else:
                (cal,) = window.findChildren(QCalendarWidget)
                assert cal.selectedDate().toString("yyyy-MM-dd") == "2024-03-15"
        finally:
            window.deleteLater()
