"""Pure edits of a Layout tree: each returns a new Layout (or Node) and shares what it did not change; the
layout given is never modified. Used by factory.core.actions to turn a screen into the screen after an action."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Callable, Mapping

from factory.core.layout import Layout, Node

DERIVED_BASE, DERIVED_SPAN = 10**6, 100  # appearing nodes of target n<k>: n<BASE + k*SPAN + i>, i < SPAN


def parent_map(root: Node) -> dict[str, Node | None]:
    """node id -> its parent (None for the root)."""
    out: dict[str, Node | None] = {root.id: None}
    for n, _ in root.walk():
        for c in n.children:
            out[c.id] = n
    return out


def find(layout: Layout, nid: str) -> Node:
    """The node `nid` of `layout`; ValueError naming it when there is none."""
    for n, _ in layout.nodes():
        if n.id == nid:
            return n
    raise ValueError(f"no node {nid!r} in this {layout.grammar} layout")


def derived_ids(layout: Layout, target: str, count: int) -> list[str]:
    """Ids for `count` nodes appearing because of an action on `target` (n<k>): n<BASE + k*SPAN + i>. They keep
    the grammars' n<int> form (annotations store the int) and never collide with the layout's own ids."""
    if not (target[:1] == "n" and target[1:].isdigit()):
        raise ValueError(f"cannot derive node ids from {target!r}: grammar node ids are n<int>")
    if count > DERIVED_SPAN:
        raise ValueError(f"{count} appearing nodes for one action; at most {DERIVED_SPAN}")
    base = DERIVED_BASE + int(target[1:]) * DERIVED_SPAN
    ids = [f"n{base + i}" for i in range(count)]
    taken = {n.id for n, _ in layout.nodes()} & set(ids)
    if taken:
        raise ValueError(f"derived ids {sorted(taken)} for {target} are already in the layout")
    return ids


def with_state(n: Node, **changes: bool) -> Node:
    """`n` with state flags changed, kept in the grammars' form: sorted, only true flags, no empty dict."""
    state = {k: v for k, v in sorted({**n.state, **changes}.items()) if v}
    props = {k: v for k, v in n.props.items() if k != "state"}
    if state:
        props["state"] = state
    return replace(n, props=props)


def with_props(n: Node, **changes: Any) -> Node:
    """`n` with props changed."""
    return replace(n, props={**n.props, **changes})


def rebuild(n: Node, change: Callable[[Node], Node | None]) -> Node | None:
    """The tree with `change` applied bottom-up to every node (None removes it); untouched subtrees are shared."""
    kids = [k for k in (rebuild(c, change) for c in n.children) if k is not None]
    if len(kids) != len(n.children) or any(a is not b for a, b in zip(kids, n.children)):
        n = replace(n, children=tuple(kids))
    return change(n)


def edit_nodes(layout: Layout, edits: Mapping[str, Callable[[Node], Node | None]],
               append: tuple[Node, ...] = ()) -> Layout:
    """The layout with `edits[id]` applied to node `id` (None removes it) and `append` added to the screen."""
    def change(n: Node) -> Node | None:
        return edits[n.id](n) if n.id in edits else n

    root = rebuild(layout.root, change)
    if append:
        root = replace(root, children=root.children + append)
    return replace(layout, root=root)


def remove(layout: Layout, gone: Node) -> Layout:
    """The layout without `gone`, nor what was placed beside a node of it (a tooltip, a popup: intent target),
    nor an overlay left empty by that."""
    removed = {n.id for n, _ in gone.walk()}
    holding = {n.id for n, _ in layout.nodes() if n.role == "overlay" and n.children}

    def keep(n: Node) -> Node | None:
        if n.id == gone.id or n.intent.get("target") in removed or (n.id in holding and not n.children):
            return None
        return n

    return replace(layout, root=rebuild(layout.root, keep))
