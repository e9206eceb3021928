"""A labelled checkbox, radio button or switch split as real pages label it: the control and its words.

The real-world development set is labelled from real pages' DOM (renderers/web/label_dom.js): a checkbox or a
radio is the 13-17 px square or circle that is drawn (the `<input>`, or what a kit draws for it), a switch its
track, and the words of its `<label>` are a `text` of their own (benchmarks/README.md, "Label conventions",
item 3). `split(layout)` places, right after every checkbox, radio and switch that has text, a sibling `text` node
(variant "label", props label_of=<the control's id>) with the same text, its id derived from the control's
(factory.core.layout_edit.derived_ids); the control records it (props label=<the text's id>). The web templates
draw that node as the control's own label element and nothing where the sibling stands (nothing changes on
screen), and the web renderer boxes the control by the part that draws it (renderers/web/measure.js,
`data-control`). The words are the control's sibling, not its child: they lie beside its box, not inside it. The
control keeps its text and state; factory.grounding.scene names it by the words beside it.

Every renderer's layouts are split. Qt's QCheckBox, QRadioButton and our switch draw their words themselves: the
desktop renderer builds the layout without the words' nodes (`drawn`) and measures each as a part of its control
(the text Qt draws beside the indicator), the control by its indicator (or track); the game renderer likewise lays
out and paints the checkbox whole and measures its box and its words apart (its switches have no words). The split
is a pure function of the layout (no randomness), the same for every re-render and every step of an episode, and
applying it twice changes nothing. A control in a table row is left whole (each child of a row is a cell).
"""

from __future__ import annotations

from dataclasses import replace

from factory.core.layout import Layout, Node
from factory.core.layout_edit import derived_ids, rebuild, with_props

ROLES = ("checkbox", "radio", "switch")


def split(layout: Layout) -> Layout:
    """The layout with each labelled checkbox, radio and switch followed by its words as a `text` sibling."""
    ids = {c.id: derived_ids(layout, c.id, 1)[0] for p, _ in layout.nodes() if not _cells(p)
           for c in p.children if _splits(c)}
    if not ids:
        return layout

    def change(p: Node) -> Node:
        if not any(c.id in ids for c in p.children):
            return p
        kids: list[Node] = []
        for c in p.children:
            kids.append(with_props(c, label=ids[c.id]) if c.id in ids else c)
            if c.id in ids:
                kids.append(Node(id=ids[c.id], role="text", text=c.text, props={"variant": "label", "label_of": c.id}))
        return replace(p, children=tuple(kids))

    return replace(layout, root=rebuild(layout.root, change))


def _cells(p: Node) -> bool:
    """Whether each child of `p` is drawn in a cell of its own (a table row, its header)."""
    return p.role == "table" or bool(p.props.get("cells") or p.props.get("header"))


def _splits(n: Node) -> bool:
    return n.role in ROLES and bool(n.text.strip()) and "label" not in n.props


def drawn(layout: Layout) -> Layout:
    """The layout a renderer whose controls draw their own words builds: every control's words node left out (the
    words are still in the layout that is measured, drawn by their control)."""
    def change(p: Node) -> Node:
        if not any(c.props.get("label_of") for c in p.children):
            return p
        return replace(p, children=tuple(c for c in p.children if not c.props.get("label_of")))

    return replace(layout, root=rebuild(layout.root, change))
