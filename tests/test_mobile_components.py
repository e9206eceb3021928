"""Phone app components (factory/grammars/mobile_rules.py): a floating action button, action sheets and bottom sheets.
The grammars draw them on mobile app screens at a steady rate and nowhere else; the mobile kits (Framework7, Onsen
UI) draw them in their own markup and classes, every other web style in its colours; each is labelled by its DOM
role, inside the viewport, and what it covers loses its full box."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from factory.core.content import Content
from factory.core.layout import Layout, Node
from factory.grammars import GRAMMARS
from renderers import RENDERERS
from tests.invariants import check_invariants, make_factors, render_annotated

SPEC = RENDERERS.get("web")
APP_GRAMMARS = ("calendar", "dashboard", "datatable", "gallery", "inbox", "kanban", "profile", "settings")
# style -> (accents drawn, the kit's class on the FAB's annotated element, its action sheet, its action-sheet entry,
# its bottom sheet); None: the style's own look (a hand-written flavour or a kit without phone components).
KITS = {
    "kit-framework7": (("ios-primary", "md-red"), ".fab > a", ".actions-modal", ".actions-button", ".sheet-modal"),
    "kit-onsen": (("ios", "material"), "button.fab", ".action-sheet.gf-ons-actions", ".action-sheet-button",
                  ".action-sheet.gf-ons-sheet"),
    "kit-ionic": (("ios-primary", "md-secondary"), "ion-fab > ion-fab-button",
                  "ion-action-sheet .action-sheet-container", "ion-action-sheet button.action-sheet-button",
                  "ion-card.gf-ion-sheet"),
}
OTHERS = ("material", "kit-bootstrap5")
CASES = [(s, a) for s, (accents, *_) in KITS.items() for a in accents] + [(s, None) for s in OTHERS]


def draws(grammar: str, form_factor: str, n: int = 80) -> list[Layout]:
    g = GRAMMARS.get(grammar)
    return [g.generate(random.Random(i), Content("en_US", i, random.Random(i)), form_factor) for i in range(n)]


def parts(layout: Layout) -> Counter:
    found = Counter()
    for n, _ in layout.nodes():
        if n.props.get("fab"):
            found["fab"] += 1
        if n.props.get("sheet"):
            found[n.props["sheet"]] += 1
    return found


# --- the draw (no browser) ------------------------------------------------------------------------------------

def test_phone_app_screens_get_fabs_and_sheets_at_a_steady_rate_desktop_screens_never():
    mobile = [lay for g in APP_GRAMMARS for lay in draws(g, "mobile")]
    share = {k: sum(parts(lay)[k] > 0 for lay in mobile) / len(mobile) for k in ("fab", "actions", "bottom")}
    assert 0.25 <= share["fab"] <= 0.45, share
    assert 0.04 <= share["actions"] <= 0.16 and 0.02 <= share["bottom"] <= 0.12, share
    assert all(parts(lay)["fab"] <= 1 and parts(lay)["actions"] + parts(lay)["bottom"] <= 1 for lay in mobile)
    desktop = [lay for g in APP_GRAMMARS for lay in draws(g, "desktop", 30)]
    assert not any(parts(lay) for lay in desktop), "desktop screens have no FAB and no sheet"


def test_fab_sits_above_the_bottom_navigation_and_sheets_are_modal_dialogs():
    for lay in (lay for g in APP_GRAMMARS for lay in draws(g, "mobile")):
        kids = lay.root.children
        for i, n in enumerate(kids):
            if n.props.get("fab"):
                assert n.role == "icon_button" and n.props.get("icon") and n.props.get("label")
                after = [k for k in kids[i + 1:] if k.role != "overlay"]
                assert after in ([], [k for k in kids if k.props.get("kind") == "bottom"]), "just above the tab bar"
        sheets = [k for k in kids if k.role == "overlay"]
        for overlay in sheets:
            assert overlay is kids[-1] and [c.role for c in overlay.children] == ["dialog"]
            sheet = overlay.children[0]
            roles = [c.role for c in sheet.children]
            if sheet.props["sheet"] == "actions":
                assert set(roles) <= {"text", "button"} and roles.count("button") >= 3
                assert sheet.children[-1].props.get("cancel") and not any(c.props.get("cancel")
                                                                           for c in sheet.children[:-1])
            else:
                assert [n.role for n, _ in sheet.walk()].count("list_item") >= 3


def test_a_modal_over_a_phone_screen_is_the_only_overlay():
    for lay in draws("modal", "mobile", 150):
        assert [k.role for k in lay.root.children].count("overlay") == 1


def test_an_action_sheet_is_closed_by_its_cancel_button_and_is_all_a_user_can_act_on():
    from factory.core.actions import Action, apply, possible_actions

    layout = phone((FAB,), ACTIONS)
    assert {(a.type, a.target) for a in possible_actions(layout)} == {("dismiss", "n76")}, "a modal sheet"
    assert apply(layout, Action("dismiss", "n76")) == phone((FAB,))


# --- drawn in real Chromium ------------------------------------------------------------------------------------

def covered(a, b) -> float:
    """Share of box `a` (x, y, w, h) inside box `b`."""
    w = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    h = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return max(0, w) * max(0, h) / (a[2] * a[3])


def phone(extra: tuple[Node, ...] = (), overlay: Node | None = None) -> Layout:
    """A phone app screen: an app bar, a grid of buttons filling the content, `extra` (a FAB) above a tab bar, and
    perhaps an open sheet over everything."""
    cells = tuple(Node(f"n{200 + i}", "button", text=f"Item {i}", props={"variant": "secondary"}) for i in range(60))
    tabs = tuple(Node(f"n{100 + i}", "tab", text=t, props={"icon": "home", "state": {"selected": i == 0}})
                 for i, t in enumerate(("Home", "Search", "Profile")))
    kids = [
        Node("n1", "toolbar", props={"kind": "navbar"}, children=(
            Node("n2", "row", intent={"direction": "row"}, children=(
                Node("n3", "heading", text="Orders", props={"level": 3}),)),)),
        Node("n4", "column", intent={"direction": "column", "weight": 1, "padding": True, "scroll": True}, children=(
            Node("n5", "grid", intent={"columns": 3, "gap": 2}, children=cells),)),
        *extra,
        Node("n6", "toolbar", props={"kind": "bottom"}, children=(
            Node("n7", "row", intent={"direction": "row", "gap": 0, "align": "stretch"}, children=tabs),)),
    ]
    if overlay is not None:
        kids.append(overlay)
    return Layout("handmade", Node("n0", "screen", intent={"direction": "column"}, children=tuple(kids)),
                  "en_US", "mobile")


FAB = Node("n60", "icon_button", props={"icon": "plus", "label": "Create", "fab": True})
ACTIONS = Node("n70", "overlay", children=(Node("n71", "dialog", intent={"gap": 0}, props={
    "width": "md", "sheet": "actions"}, children=(
    Node("n72", "text", text="Order 1024", props={"variant": "caption"}),
    Node("n73", "button", text="Share", props={"variant": "text", "icon": "mail"}),
    Node("n74", "button", text="Export", props={"variant": "text", "icon": "download"}),
    Node("n75", "button", text="Delete", props={"variant": "danger", "icon": "trash"}),
    Node("n76", "button", text="Cancel", props={"variant": "secondary", "cancel": True}),
)),))
BOTTOM = Node("n80", "overlay", children=(Node("n81", "dialog", intent={"gap": 2}, props={
    "width": "md", "sheet": "bottom"}, children=(
    Node("n82", "row", intent={"direction": "row", "gap": 2, "align": "center"}, children=(
        Node("n83", "heading", text="Sort", props={"level": 3}), Node("n84", "spacer", intent={"weight": 1}),
        Node("n85", "icon_button", props={"icon": "close", "label": "Close"}))),
    Node("n86", "column", intent={"direction": "column", "gap": 0}, children=tuple(
        Node(f"n{87 + 3 * i}", "list_item", children=(
            Node(f"n{88 + 3 * i}", "row", intent={"direction": "row", "gap": 2},
                 children=(Node(f"n{89 + 3 * i}", "text", text=t),)),))
        for i, t in enumerate(("Newest", "Oldest", "Price")))),
)),))


def draw(web_renderer, layout: Layout, style: str, accent: str | None):
    kit_style = SPEC.styles.get(style)
    factors = make_factors("web", form_factor="mobile", viewport_w=390, viewport_h=844,
                           accent=accent or kit_style.accents[0])
    out, pixels, ann = render_annotated("web", web_renderer, layout, kit_style, factors)
    check_invariants(layout, out, pixels, ann)
    return out, pixels, ann


def has_class(web_renderer, nid: str, selector: str) -> bool:
    page = web_renderer._page_entry.page  # the page just drawn
    return page.evaluate(f"() => !!document.querySelector('[data-nid={nid}]').matches({selector!r})")


@pytest.mark.browser
@pytest.mark.parametrize("style, accent", CASES)
def test_fab_floats_in_the_kit_look_above_the_tab_bar_and_covers_what_is_under_it(web_renderer, style, accent):
    _, _, bare = draw(web_renderer, phone(), style, accent)
    out, pixels, ann = draw(web_renderer, phone((FAB,)), style, accent)
    if style in KITS:
        assert has_class(web_renderer, "n60", KITS[style][1]), "the kit's own FAB"
    got = {e.id: e for e in ann.elements}
    fab, bar = got[60], got[6]
    assert fab.cls == "icon_button" and fab.visible_fraction > 0.9 and fab.parent is None
    x, y, w, h = fab.bbox
    assert 36 <= w <= 72 and 36 <= h <= 72, fab.bbox
    assert x >= 390 - 16 - w - 8 and x + w <= 390, "at the bottom end"
    assert bar.bbox[1] - 40 <= y + h <= bar.bbox[1], ("just above the tab bar", fab.bbox, bar.bbox)
    # Ionic's FAB keeps 10 px from the edges (16 px elsewhere): it covers a fifth of the grid's corner button.
    under = [e for e in bare.elements if e.id != 60 and covered(e.bbox, fab.bbox) >= 0.2]
    assert under, "the FAB covers part of the grid"
    for e in under:
        assert e.id not in got or got[e.id].visible_fraction < e.visible_fraction, (e, got.get(e.id))
    assert {e.id: e.bbox for e in bare.elements if e.id in (1, 6, 200)} == \
        {e.id: e.bbox for e in ann.elements if e.id in (1, 6, 200)}, "the FAB takes no room from the page"


@pytest.mark.browser
@pytest.mark.parametrize("style, accent", CASES)
def test_action_sheet_rises_from_the_bottom_its_entries_are_buttons_the_page_is_covered(web_renderer, style, accent):
    out, pixels, ann = draw(web_renderer, phone((FAB,), ACTIONS), style, accent)
    got = {e.id: e for e in ann.elements}
    if style in KITS:
        assert has_class(web_renderer, "n71", KITS[style][2]) and has_class(web_renderer, "n73", KITS[style][3])
    sheet = got[71]
    assert sheet.cls == "dialog"
    assert [got[i].cls for i in (72, 73, 74, 75, 76)] == ["text", "button", "button", "button", "button"]
    h, w = pixels.shape[:2]
    sx, sy, sw, sh = sheet.bbox
    assert sy + sh >= h - 24 and sw >= w - 40, ("anchored at the bottom, about full width", sheet.bbox)
    for i in (73, 74, 75, 76):
        x, y, bw, bh = got[i].bbox
        assert x >= 0 and y >= 0 and x + bw <= w and y + bh <= h and got[i].visible_fraction > 0.9
        assert y > got[72].bbox[1], "entries under the title"
    assert got[76].bbox[1] > got[75].bbox[1], "cancel last"
    behind = [e for e in ann.elements if not 70 <= e.id < 100]
    assert all(e.visible_fraction < 1 for e in behind), "the scrim covers the page: nothing behind keeps a full box"
    assert 60 not in got or got[60].visible_fraction < 1


@pytest.mark.browser
@pytest.mark.parametrize("style, accent", CASES)
def test_bottom_sheet_is_a_dialog_of_list_items_at_the_bottom(web_renderer, style, accent):
    out, pixels, ann = draw(web_renderer, phone((), BOTTOM), style, accent)
    got = {e.id: e for e in ann.elements}
    if style in KITS:
        assert has_class(web_renderer, "n81", KITS[style][4])
    h, w = pixels.shape[:2]
    sx, sy, sw, sh = got[81].bbox
    assert got[81].cls == "dialog" and sy + sh >= h - 24 and sw >= w - 40, got[81].bbox
    assert [got[i].cls for i in (87, 90, 93)] == ["list_item"] * 3
    assert got[85].cls == "icon_button" and got[83].cls == "heading"
    assert all(e.visible_fraction < 1 for e in ann.elements if not 80 <= e.id < 100)


@pytest.mark.browser
@pytest.mark.parametrize("style", SPEC.styles.names())
def test_every_web_style_draws_fab_and_sheets_on_a_phone(web_renderer, style):
    """Every style (a kit's dialog may be shown only as a direct child of its own layer: UIkit's .uk-open) draws the
    FAB, the action sheet and the bottom sheet visible, in the viewport, the sheet at the bottom edge."""
    cases = ((phone((FAB,), ACTIONS), 71, (73, 74, 75, 76)), (phone((), BOTTOM), 81, (87, 90, 93)))
    for layout, sheet, entries in cases:
        out, pixels, ann = draw(web_renderer, layout, style, None)
        got = {e.id: e for e in ann.elements}
        h, w = pixels.shape[:2]
        assert sheet in got and got[sheet].cls == "dialog", (style, ann.drops)
        sx, sy, sw, sh = got[sheet].bbox
        assert sy + sh >= h - 24 and sw >= w - 40 and sy > h / 3, (style, got[sheet].bbox)
        assert all(i in got and got[i].visible_fraction > 0.9 for i in entries), (style, ann.drops)
    _, _, ann = draw(web_renderer, phone((FAB,)), style, None)
    fab = next(e for e in ann.elements if e.id == 60)
    assert fab.cls == "icon_button" and fab.visible_fraction > 0.9 and fab.bbox[0] + fab.bbox[2] / 2 > 390 / 2
