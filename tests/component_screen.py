"""The hand-made screen the component kits' tests draw (tests/test_web_shoelace.py, test_web_fluentwc.py,
test_web_carbon.py): one of each control under fixed node ids, so each test names what it expects per id. The
parts every kit shares are here; each test adds its kit's own (tabs, extra controls, a table or a side nav)."""

from __future__ import annotations

from factory.core.layout import Node


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
