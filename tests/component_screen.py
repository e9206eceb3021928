"""The hand-made screen the component kits' tests draw (tests/test_web_shoelace.py, test_web_fluentwc.py,
test_web_carbon.py): one of each control under fixed node ids, so each test names what it expects per id. The
parts every kit shares are here, with what every kit draws of them alike (CLASSES, the checks); each test adds its
kit's own (extra tabs and controls, a table or a side nav) and what it draws differently."""

from __future__ import annotations

from factory.core.layout import Node
from tests.invariants import check_invariants, make_factors, render_annotated


def draw(renderer, layout, style, **factors):
    """`layout` drawn by the web renderer in the kit `style` and its own font (`factors` over the tests' defaults),
    checked against the invariants: (the Rendered, its annotated elements by node id)."""
    out, pixels, ann = render_annotated("web", renderer, layout, style,
                                        make_factors("web", font_family="kit", **factors))
    check_invariants(layout, out, pixels, ann)
    return out, {f"n{e.id}": e for e in ann.elements}


def n(nid: int, role: str, text: str = "", **props) -> Node:
    return Node(f"n{nid}", role, text=text, props=props)


def navbar() -> Node:
    """n1 navbar: n3 heading, n4 icon button, n5 avatar."""
    return Node("n1", "toolbar", props={"kind": "navbar"}, children=(Node("n2", "row", children=(
        n(3, "heading", "Inbox", level=3), n(4, "icon_button", icon="settings", label="Settings"),
        n(5, "image", kind="avatar", initials="AB"))),))


def fields() -> tuple[Node, ...]:
    """n10 email, n11 focused search with a value, n12 spinbox, n13 date picker, n14 dropdown, n15 slider, n16
    progress bar."""
    return (n(10, "text_input", input_type="email", placeholder="Email"),
            n(11, "text_input", input_type="search", placeholder="Search", value="Ec", state={"focused": True}),
            n(12, "spinbox", value=3), n(13, "date_picker", value="2024-03-15"), n(14, "dropdown", "Newest"),
            n(15, "slider", value=40), n(16, "progress_bar", value=70))


def body(*more: Node) -> Node:
    """n9, the padded column of fields() and then `more`."""
    return Node("n9", "column", intent={"padding": True, "gap": 2, "weight": 1}, children=(*fields(), *more))


def tabs(selected: int, *more: Node) -> Node:
    """n6 tabs: n7 Mail and n8 Files (n`selected` the selected one), then `more`."""
    return Node("n6", "row", intent={"kind": "tabs"}, children=(
        *(n(i, "tab", text, **({"state": {"selected": True}} if i == selected else {}))
          for i, text in ((7, "Mail"), (8, "Files"))), *more))


def row(*more: Node, cancel_state: dict | None = None) -> Node:
    """n17, a row: n18 and n19 badges, n20 icon, n21 Save (primary), n22 Cancel (secondary, in `cancel_state`), n25
    switch (checked), n26 checkbox, then `more`."""
    cancel = {"state": cancel_state} if cancel_state else {}
    return Node("n17", "row", intent={"gap": 2}, children=(
        n(18, "badge", "7", tone="info"), n(19, "badge", "Active", tone="success"), n(20, "icon", icon="star"),
        n(21, "button", "Save", variant="primary"), n(22, "button", "Cancel", variant="secondary", **cancel),
        n(25, "switch", "Wi-Fi", state={"checked": True}), n(26, "checkbox", "Remember me"), *more))


def menu() -> Node:
    """n23, a column of menu items: n24 Home (selected), n27 Reports."""
    return Node("n23", "column", children=(n(24, "menu_item", "Home", icon="home", state={"selected": True}),
                                           n(27, "menu_item", "Reports", icon="chart")))


# The class every kit's annotation gives each node of navbar(), tabs(), fields(), row() and menu(); a kit's test adds
# its own nodes'.
CLASSES = {"n1": "toolbar", "n3": "heading", "n4": "icon_button", "n5": "image", "n7": "tab", "n8": "tab",
           "n10": "text_input", "n11": "text_input", "n12": "spinbox", "n13": "date_picker", "n14": "dropdown",
           "n15": "slider", "n16": "progress_bar", "n18": "badge", "n19": "badge", "n20": "icon", "n21": "button",
           "n22": "button", "n24": "menu_item", "n25": "switch", "n26": "checkbox", "n27": "menu_item"}


def check_fields(got: dict) -> None:
    """fields() as every kit annotates them (`got`: element by node id): a field's words are its value or placeholder,
    a dropdown's the label it shows; the search field, focused, is the filled one."""
    assert (got["n10"].text, got["n11"].text, got["n12"].text, got["n14"].text) == ("Email", "Ec", "3", "Newest")
    assert (got["n10"].state["filled"], got["n11"].state["filled"], got["n11"].state["focused"]) == (False, True, True)


def check_controls_beside_words(got: dict, layout, controls: tuple[str, ...], max_w: int, max_h: int) -> None:
    """Each of `controls` (a switch, checkbox, radio) is boxed by the part that draws it (at most max_w x max_h), its
    words a text of their own right of it."""
    nodes = {node.id: node for node, _ in layout.nodes()}
    for control in controls:
        box, label = got[control].bbox, got[nodes[control].props["label"]]
        assert label.cls == "text" and label.text == nodes[control].text, (control, label)
        assert box[2] <= max_w and box[3] <= max_h, (control, box)
        assert label.bbox[0] >= box[0] + box[2] - 1, (control, box, label.bbox)
