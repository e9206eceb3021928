"""Open states real screens are caught in: a dropdown's menu, a search field's autocomplete list, a date input's
calendar, an icon button's menu or tooltip, drawn open over a finished screen.

`open_state(layout, rng)` draws, from the sample's own "open" stream (factory.core.seeding.rng_for(seed, "open")),
whether the screen is caught with something open (OPEN_SHARE of the screens that have something to open) and
what. The rest of the layout is left exactly as the grammar drew it, so screens drawn closed keep their bytes.

What opens is an undimmed overlay appended to the screen, holding one column anchored below its opener (intent
anchor="below", target=<opener id>), as factory.core.actions draws a dropdown opened by a click:
  dropdown      the dropdown `expanded`; a popup (props kind="popup") of its options as menu items, the value selected
  menu          a "more"/"menu" icon button; a popup of menu items (factory.core.actions.menu_entries)
  autocomplete  a search field with a few letters typed; a popup of suggestions (menu items) holding them
  date          a date picker `expanded`; a popup holding the month's calendar: a row of the month's
                name between previous/next icon buttons, a 7-column grid of weekday texts then day buttons (the
                picked day selected), blank cells spacers
  popover       a notifications ("bell") icon button; a column (kind="popover") holding an elevated card: a heading
                (the button's label) over 2-4 list items of a text and a muted date
  tooltip       another icon button with a label; a column (kind="tip") holding a tooltip with its label
The opener is focused (and nothing else). New nodes take ids derived from the opener's
(factory.core.layout_edit.derived_ids): the grammar's ids stay put.

The web and desktop renderers' screens are caught open (RENDERERS); the desktop draws the popups with real Qt
widgets (renderers/desktop/popups.py: a QMenu, a QCalendarWidget, a tooltip label, a popover's panel). The game
renderer draws no popup.
"""

from __future__ import annotations

import calendar
import datetime
import random
from typing import Callable, Mapping

from factory.core.actions import MENU_ICONS, Action, apply, popups
from factory.core.content import Content
from factory.core.layout import Layout, Node
from factory.core.layout_edit import derived_ids, edit_nodes, with_props, with_state

OPEN_SHARE = 0.2  # of the screens that have something to open
RENDERERS = ("web", "desktop")  # whose screens are caught open
# Weights among the kinds a screen offers.
KINDS = {"dropdown": 4.0, "autocomplete": 4.0, "date": 4.0, "menu": 1.5, "popover": 1.5, "tooltip": 1.0}
POPOVER_ICONS = ("bell",)  # icon buttons that open a panel (a notifications popover), not a tooltip


def _enabled(n: Node) -> bool:
    return not n.state.get("disabled")


def _kind(n: Node) -> str | None:
    """What `n` opens, or None."""
    if not _enabled(n) or n.state.get("expanded"):
        return None
    if n.role == "dropdown":
        return "dropdown"
    if n.role == "date_picker" and n.props.get("value"):
        return "date"
    if n.role == "text_input" and n.props.get("input_type") == "search":
        return "autocomplete"
    if n.role == "icon_button":
        if n.props.get("icon") in MENU_ICONS:
            return "menu"
        if n.props.get("icon") in POPOVER_ICONS and n.props.get("label"):
            return "popover"
        return "tooltip" if n.props.get("label") else None
    return None


def openers(layout: Layout) -> dict[str, list[Node]]:
    """What could be caught open on this screen, by kind, in document order. Nothing while a popup (or a menu bar's
    menu, as desktop screens draw) is open already, nor under a modal dialog (only the dialog's overlay is in reach
    then)."""
    if any(n.intent.get("anchor") == "below" for n, _ in layout.nodes()) or next(popups(layout), None):
        return {}
    modal = [c for c in layout.root.children if c.role == "overlay" and any(n.role == "dialog" for n, _ in c.walk())]
    scope = modal[-1] if modal else layout.root
    found: dict[str, list[Node]] = {}
    for n, _ in scope.walk():
        kind = _kind(n)
        if kind is not None:
            found.setdefault(kind, []).append(n)
    return found


def open_state(layout: Layout, rng: random.Random, share: float = OPEN_SHARE) -> Layout:
    """`layout` caught with one thing open (a share `share` of the screens that have something to open), else
    `layout` itself. The draws always take the same number of values from `rng` whatever the screen holds."""
    caught, pick_kind, pick_node, seed = rng.random(), rng.random(), rng.random(), rng.getrandbits(63)
    found = openers(layout)
    if not found or caught >= share:
        return layout
    kinds = [k for k in KINDS if k in found]
    kind = _weighted(kinds, [KINDS[k] for k in kinds], pick_kind)
    nodes = found[kind]
    return open_node(layout, nodes[min(int(pick_node * len(nodes)), len(nodes) - 1)], seed)


def open_node(layout: Layout, opener: Node, seed: int) -> Layout:
    """`layout` with `opener` open (what it opens: `openers`); `seed` draws what an autocomplete list suggests.
    ValueError when `opener` opens nothing."""
    kind = _kind(opener)
    if kind is None:
        raise ValueError(f"{opener.id} ({opener.role}) opens nothing: a dropdown, a search field, a date picker with "
                         "a value or an icon button with a label does")
    opened = OPENERS[kind](layout, opener, Content(layout.locale, seed, random.Random(seed)))
    # Focus is where the user opened it: on the opener, nowhere else.
    edits = {n.id: (lambda c: with_state(c, focused=False)) for n, _ in opened.nodes() if n.state.get("focused")}
    return edit_nodes(opened, {**edits, opener.id: lambda c: with_state(c, focused=True)})


def _weighted(items: list[str], weights: list[float], u: float) -> str:
    total, acc = sum(weights), 0.0
    for item, w in zip(items, weights):
        acc += w / total
        if u < acc:
            return item
    return items[-1]


def _popup(layout: Layout, opener: Node, kind: str, kids: Callable[[list[str]], tuple[Node, ...]], count: int,
           edit: Callable[[Node], Node]) -> Layout:
    """An undimmed overlay holding a column of `kind` below `opener` (ids[0], ids[1]); `kids(ids[2:])` its content;
    `edit` the opener's change."""
    ids = derived_ids(layout, opener.id, 2 + count)
    column = Node(id=ids[1], role="column", props={"kind": kind}, children=kids(ids[2:]),
                  intent={"direction": "column", "gap": 0, "anchor": "below", "target": opener.id})
    overlay = Node(id=ids[0], role="overlay", props={"dim": False}, children=(column,))
    return edit_nodes(layout, {opener.id: edit}, append=(overlay,))


def _dropdown(layout: Layout, opener: Node, content: Content) -> Layout:
    return apply(layout, Action("open_dropdown", opener.id))


def _menu(layout: Layout, opener: Node, content: Content) -> Layout:
    return apply(layout, Action("open_menu", opener.id))


def _autocomplete(layout: Layout, opener: Node, content: Content) -> Layout:
    """A few letters of a word typed; suggestions that start with them (the word, then longer phrases)."""
    rng = content.rng
    word = content.word()
    typed = word[: rng.randint(1, max(1, min(4, len(word))))]
    texts = list(dict.fromkeys([word] + [f"{word} {content.word().lower()}" for _ in range(rng.randint(2, 5))]))
    items = lambda ids: tuple(Node(id=i, role="menu_item", text=t, props={"icon": "search"})  # noqa: E731
                              for i, t in zip(ids, texts))
    edit = lambda c: with_state(with_props(c, value=typed), filled=True)  # noqa: E731
    return _popup(layout, opener, "popup", items, len(texts), edit)


def _date(layout: Layout, opener: Node, content: Content) -> Layout:
    """The month of the picker's value: a header row, weekday names, then the days (Monday first)."""
    picked = datetime.date.fromisoformat(str(opener.props["value"]))
    weeks = calendar.Calendar(0).monthdayscalendar(picked.year, picked.month)
    count = 5 + 7 + 7 * len(weeks)  # header row and its 3 parts, the grid; 7 weekday texts; the cells

    def kids(ids: list[str]) -> tuple[Node, ...]:
        it = iter(ids)
        head = Node(id=next(it), role="row", intent={"direction": "row", "gap": 1, "align": "center"}, children=(
            Node(id=next(it), role="icon_button", props={"icon": "chevron-left", "label": content.ui("previous")}),
            Node(id=next(it), role="text", text=f"{content.ui(f'month_{picked.month}')} {picked.year}",
                 props={"variant": "label"}, intent={"weight": 1}),
            Node(id=next(it), role="icon_button", props={"icon": "chevron", "label": content.ui("next")})))
        grid_id = next(it)
        cells = [Node(id=next(it), role="text", text=content.ui(f"weekday_{i}")[:2], props={"variant": "muted"})
                 for i in range(7)]
        for week in weeks:
            for day in week:
                nid = next(it)
                if not day:
                    cells.append(Node(id=nid, role="spacer"))
                    continue
                on = day == picked.day
                cells.append(Node(id=nid, role="button", text=str(day), props={
                    "variant": "primary" if on else "text", **({"state": {"selected": True}} if on else {})}))
        grid = Node(id=grid_id, role="grid", intent={"columns": 7, "gap": 0}, children=tuple(cells))
        return head, grid

    return _popup(layout, opener, "popup", kids, count,
                  lambda c: with_state(c, expanded=True))


def _tooltip(layout: Layout, opener: Node, content: Content) -> Layout:
    tip = lambda ids: (Node(id=ids[0], role="tooltip", text=str(opener.props["label"])),)  # noqa: E731
    return _popup(layout, opener, "tip", tip, 1, lambda c: c)


def _popover(layout: Layout, opener: Node, content: Content) -> Layout:
    n = content.rng.randint(2, 4)

    def kids(ids: list[str]) -> tuple[Node, ...]:
        it = iter(ids)
        card_id, head = next(it), Node(id=next(it), role="heading", text=str(opener.props["label"]),
                                       props={"level": 4})
        items = []
        for _ in range(n):
            item_id, col_id = next(it), next(it)
            lines = (Node(id=next(it), role="text", text=content.sentence(content.rng.randint(4, 8))),
                     Node(id=next(it), role="text", text=content.date(), props={"variant": "muted"}))
            items.append(Node(id=item_id, role="list_item", children=(
                Node(id=col_id, role="column", intent={"direction": "column", "gap": 0}, children=lines),)))
        return (Node(id=card_id, role="card", props={"elevated": True}, intent={"direction": "column", "gap": 1},
                     children=(head, *items)),)

    return _popup(layout, opener, "popover", kids, 2 + 4 * n, lambda c: c)


OPENERS: Mapping[str, Callable[[Layout, Node, Content], Layout]] = {
    "dropdown": _dropdown, "menu": _menu, "autocomplete": _autocomplete, "date": _date, "popover": _popover,
    "tooltip": _tooltip}


def open_kind(layout: Layout) -> str | None:
    """What is open on this screen (a KINDS name), or None: read back from the layout."""
    by_id = {n.id: n for n, _ in layout.nodes()}
    for n, _ in layout.nodes():
        if n.intent.get("anchor") == "below" and n.intent.get("target") in by_id:
            return _kind(with_state(by_id[n.intent["target"]], expanded=False, disabled=False)) or "open"
    return None
