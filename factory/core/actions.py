"""What a user can do on a screen, as data: an Action names a layout node and what happens to it, and `apply`
turns a Layout into the Layout after it (pure: a new Layout, the old one untouched).

Action types and their change to the layout (every renderer draws each change from the layout alone):
  select_tab     a tab that is not selected: it becomes selected, its sibling tabs not
  toggle         a checkbox or switch: `checked` flips
  select_radio   a radio that is not checked: it is checked, the other radios of its group (its siblings) not
  open_dropdown  a dropdown: `expanded`, and a popup of its options (menu items, the current one selected)
  select_option  a menu item of an open popup or menu: a dropdown takes the option as its value; the popup closes
  type           a one-line text input: `value` = `text` (masked for passwords), `filled`
  open_menu      a closed menu-bar entry (its entries become its children, as grammars draw an open menu) or a
                 "more"/"menu" icon button (a popup of menu items under it)
  dismiss        a dialog's close (or button-row, or cancel) button: the dialog's overlay goes; an open popup's or
                 menu's opener: the popup closes
  scroll         a scrolling container (intent `scroll`) or a node with a scroll-bar child: its scroll position
                 (percent of the scroll range, intent `scroll_y` and the scroll bar's `value`) moves by `dy`

A popup is an undimmed overlay appended to the screen holding a column (props kind="popup") anchored below its
opener (intent anchor="below", target=<opener id>). Nodes that appear get ids derived from the target's id
(`derived_ids`), and their text from the target alone, so the same action on the same layout always gives the
same layout. While a popup or menu is open it is the only thing to act on (pick an option or close it); while
a dialog is open in an overlay, only that overlay is.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass, replace
from typing import Any, Callable, Iterator, Mapping

from factory.core.content import Content
from factory.core.layout import Layout, Node
from factory.core.seeding import derive_seed
from factory.core.layout_edit import derived_ids, edit_nodes, find, parent_map, remove, with_props, with_state

TYPES = ("select_tab", "toggle", "select_radio", "open_dropdown", "select_option", "type", "open_menu", "dismiss",
         "scroll")
MENU_ICONS = ("more", "menu")  # icon buttons that open a menu
CLOSE_ICONS = ("close", "window-close")
MENU_KEYS = ("new", "edit", "export", "filter", "sort", "settings", "profile", "help", "delete", "logout")
SCROLL_STEP = 50  # percent of the scroll range one scroll action moves


@dataclass(frozen=True)
class Action:
    """One user action: `type` (one of TYPES) on the node `target`; `text` to type, `option` picked (the menu
    item's text), `dy` scrolled (percent of the scroll range, positive downwards)."""

    type: str
    target: str
    text: str = ""
    option: str = ""
    dy: int = 0

    def __post_init__(self) -> None:
        if self.type not in TYPES:
            raise ValueError(f"unknown action type {self.type!r}; known: {', '.join(TYPES)}")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Action":
        return cls(type=d["type"], target=d["target"], text=d.get("text", ""), option=d.get("option", ""),
                   dy=int(d.get("dy", 0)))


# --- reading a layout -------------------------------------------------------------------------------------

def _enabled(n: Node) -> bool:
    return not n.state.get("disabled")


def popups(layout: Layout) -> Iterator[tuple[Node, Node]]:
    """(opener, the node holding its items) for every open popup column and open menu-bar menu."""
    by_id = {n.id: n for n, _ in layout.nodes()}
    parents = parent_map(layout.root)
    for n, _ in layout.nodes():
        if n.role == "column" and n.props.get("kind") == "popup" and n.intent.get("target") in by_id:
            yield by_id[n.intent["target"]], n
        elif n.state.get("expanded") and n.children and _menubar_entry(n, layout, parents):
            yield n, n


def _menubar_entry(n: Node, layout: Layout, parents: Mapping[str, Node | None] | None = None) -> bool:
    if n.role != "menu_item":
        return False
    parents = parents if parents is not None else parent_map(layout.root)
    p = parents.get(n.id)
    while p is not None and p.role == "row":
        p = parents.get(p.id)
    return p is not None and p.role == "toolbar" and p.props.get("kind") == "menubar"


def _scope(root: Node) -> Node:
    """The part of the screen a user can act on: the last overlay holding a dialog (modal), else all of it."""
    modal = [c for c in root.children if c.role == "overlay" and any(n.role == "dialog" for n, _ in c.walk())]
    return modal[-1] if modal else root


def _scroll_bar(n: Node) -> Node | None:
    bars = [c for c in n.children if c.role == "scrollbar" and c.props.get("orientation") != "horizontal"]
    return bars[0] if bars else None


def scroll_position(n: Node) -> int:
    """A scrollable node's position, percent of its scroll range (0 top, 100 bottom)."""
    bar = _scroll_bar(n)
    return int(bar.props.get("value", 0)) if bar is not None else int(n.intent.get("scroll_y", 0))


def scrollable(n: Node) -> bool:
    return bool(n.intent.get("scroll")) or _scroll_bar(n) is not None


def _dismissers(dialog: Node) -> list[Node]:
    """The buttons that close a dialog: its close icon buttons, an action sheet's cancel button (props cancel), and
    (web and desktop dialogs) the buttons of its last row, the button row."""
    found = [n for n, _ in dialog.walk() if n.role == "icon_button" and n.props.get("icon") in CLOSE_ICONS]
    found += [c for c in dialog.children if c.role == "button" and c.props.get("cancel")]
    last = dialog.children[-1] if dialog.children else None
    if last is not None and last.role == "row" and "frame" not in dialog.props:
        found += [c for c in last.children if c.role == "button"]
    return [n for n in found if _enabled(n)]


# --- what can be done -------------------------------------------------------------------------------------

def _typed_text(layout: Layout, n: Node, seed: int) -> str:
    s = derive_seed(seed, n.id, "type")
    c = Content(layout.locale, s, random.Random(s))
    kind = n.props.get("input_type", "text")
    if kind == "email":
        return c.email()
    if kind in ("search", "password"):
        return c.word().lower() + (str(c.rng.randint(10, 99)) if kind == "password" else "")
    if kind == "number":
        return str(c.rng.randint(1, 999))
    return c.name()


def possible_actions(layout: Layout, seed: int = 0) -> list[Action]:
    """Every action a user could take on this screen, in document order; `seed` draws the text to type."""
    open_ = list(popups(layout))
    if open_:
        opener, holder = open_[-1]
        items = [c for c in holder.children if c.role == "menu_item" and not c.children and _enabled(c)]
        return [Action("select_option", c.id, option=c.text) for c in items] + [Action("dismiss", opener.id)]
    parents = parent_map(layout.root)
    scope = _scope(layout.root)
    out: list[Action] = []
    for n, _ in scope.walk():
        if not _enabled(n):
            continue
        st = n.state
        if n.role == "tab" and not st.get("selected"):
            out.append(Action("select_tab", n.id))
        elif n.role in ("checkbox", "switch"):
            out.append(Action("toggle", n.id))
        elif n.role == "radio" and not st.get("checked"):
            out.append(Action("select_radio", n.id))
        elif n.role == "dropdown":
            out.append(Action("open_dropdown", n.id))
        elif n.role == "text_input" and n.props.get("input_type") != "multiline":
            out.append(Action("type", n.id, text=_typed_text(layout, n, seed)))
        elif n.role == "menu_item" and _menubar_entry(n, layout, parents):
            out.append(Action("open_menu", n.id))
        elif n.role == "icon_button" and n.props.get("icon") in MENU_ICONS:
            out.append(Action("open_menu", n.id))
        elif n.role == "dialog" and parents[n.id] is not None and _in_overlay(n, parents):
            out += [Action("dismiss", b.id) for b in _dismissers(n)]
        if scrollable(n):
            pos = scroll_position(n)
            if pos < 100:
                out.append(Action("scroll", n.id, dy=min(SCROLL_STEP, 100 - pos)))
            if pos > 0:
                out.append(Action("scroll", n.id, dy=-min(SCROLL_STEP, pos)))
    return out


def _in_overlay(n: Node, parents: Mapping[str, Node | None]) -> bool:
    p = parents[n.id]
    while p is not None:
        if p.role == "overlay":
            return True
        p = parents[p.id]
    return False


def pick_action(layout: Layout, rng: random.Random, allowed: Callable[[Action], bool] | None = None) -> Action | None:
    """One of the possible actions (those `allowed` passes: e.g. whose target is on screen), chosen with `rng`;
    None when there is none."""
    seed = rng.getrandbits(63)
    actions = [a for a in possible_actions(layout, seed) if allowed is None or allowed(a)]
    return actions[rng.randrange(len(actions))] if actions else None


# --- applying ---------------------------------------------------------------------------------------------

def _popup(layout: Layout, opener: Node, texts: list[str], current: str | None) -> Node:
    ids = derived_ids(layout, opener.id, 2 + len(texts))
    items = tuple(Node(id=i, role="menu_item", text=t, props={"state": {"selected": True}} if t == current else {})
                  for i, t in zip(ids[2:], texts))
    column = Node(id=ids[1], role="column", props={"kind": "popup"}, children=items,
                  intent={"direction": "column", "gap": 0, "anchor": "below", "target": opener.id})
    return Node(id=ids[0], role="overlay", props={"dim": False}, children=(column,))


def dropdown_options(layout: Layout, n: Node) -> list[str]:
    """A dropdown's options: its `options` prop, else drawn from its id and value; the value is among them."""
    s = derive_seed(layout.locale, n.id, n.text, "options")
    rng = random.Random(s)
    given = list(n.props.get("options", ()))
    if given:
        options = given
    elif n.text.strip().isdigit():
        options = [str(v) for v in sorted({int(n.text), 10, 25, 50, 100})]
        return options
    else:
        c = Content(layout.locale, s, rng)
        options = [c.word() for _ in range(rng.randint(3, 5))]
    options = [o for o in dict.fromkeys(options) if o != n.text]
    options.insert(rng.randint(0, len(options)), n.text)
    return options


def menu_entries(layout: Layout, n: Node) -> list[str]:
    """The entries of the menu that `n` opens, from its id: UI words in the layout's locale."""
    rng = random.Random(derive_seed(layout.locale, n.id, "menu"))
    keys = sorted(rng.sample(range(len(MENU_KEYS)), rng.randint(3, 6)))
    c = Content(layout.locale, 0, rng)
    return [c.ui(MENU_KEYS[k]) for k in keys]


def _expect(n: Node, action: Action, *roles: str) -> None:
    if n.role not in roles:
        raise ValueError(f"{action.type} needs a {' or '.join(roles)} target; {n.id} is a {n.role}")
    if not _enabled(n):
        raise ValueError(f"{action.type} on {n.id}: the {n.role} is disabled")


def apply(layout: Layout, action: Action) -> Layout:
    """The layout after `action`: a new Layout (the given one is never changed). ValueError when the action
    does not fit the layout (unknown target, wrong role, disabled target, nothing open to pick from)."""
    n = find(layout, action.target)
    parents = parent_map(layout.root)
    t = action.type
    if t == "select_tab":
        _expect(n, action, "tab")
        parent = parents[n.id]
        edits = {c.id: (lambda c: with_state(c, selected=False)) for c in parent.children if c.role == "tab"}
        return edit_nodes(layout, {**edits, n.id: lambda c: with_state(c, selected=True)})
    if t == "toggle":
        _expect(n, action, "checkbox", "switch")
        return edit_nodes(layout, {n.id: lambda c: with_state(c, checked=not c.state.get("checked"))})
    if t == "select_radio":
        _expect(n, action, "radio")
        edits = {c.id: (lambda c: with_state(c, checked=False)) for c in parents[n.id].children if c.role == "radio"}
        return edit_nodes(layout, {**edits, n.id: lambda c: with_state(c, checked=True)})
    if t == "type":
        _expect(n, action, "text_input")
        value = "•" * len(action.text) if n.props.get("input_type") == "password" else action.text
        return edit_nodes(layout, {n.id: lambda c: with_state(with_props(c, value=value), filled=bool(value))})
    if t == "scroll":
        if not scrollable(n):
            raise ValueError(f"scroll needs a scrolling node (intent scroll or a scroll bar); {n.id} is neither")
        return _scroll(layout, n, action.dy)
    if t in ("open_dropdown", "open_menu"):
        if list(popups(layout)):
            raise ValueError(f"{t} on {n.id}: a popup is open; pick from it or dismiss it first")
        if t == "open_dropdown":
            _expect(n, action, "dropdown")
            popup = _popup(layout, n, dropdown_options(layout, n), n.text)
            return edit_nodes(layout, {n.id: lambda c: with_state(c, expanded=True)}, append=(popup,))
        _expect(n, action, "menu_item", "icon_button")
        if n.role == "icon_button":
            return edit_nodes(layout, {}, append=(_popup(layout, n, menu_entries(layout, n), None),))
        if not _menubar_entry(n, layout, parents):
            raise ValueError(f"open_menu on {n.id}: a menu item opens a menu only in a menu bar")
        return edit_nodes(layout, {n.id: lambda c: _open_entry(layout, c)})
    if t == "select_option":
        _expect(n, action, "menu_item")
        for opener, holder in popups(layout):
            if any(c.id == n.id for c in holder.children):
                if action.option and action.option != n.text:
                    raise ValueError(f"select_option: {n.id} reads {n.text!r}, not {action.option!r}")
                value = n.text if opener.role == "dropdown" else None
                return _close(layout, opener, holder, value)
        raise ValueError(f"select_option: {n.id} is not an item of an open popup or menu")
    # dismiss
    for opener, holder in popups(layout):
        if opener.id == n.id:
            return _close(layout, opener, holder, None)
    dialogs = [d for d, _ in layout.nodes() if d.role == "dialog" and any(b.id == n.id for b in _dismissers(d))]
    if not dialogs or not _in_overlay(dialogs[-1], parents):
        raise ValueError(f"dismiss: {n.id} neither closes a dialog in an overlay nor an open popup")
    dialog = dialogs[-1]
    overlay = parents[dialog.id]
    gone = overlay if overlay.role == "overlay" and len(overlay.children) == 1 else dialog
    return remove(layout, gone)


def _open_entry(layout: Layout, entry: Node) -> Node:
    kids = entry.children
    if not kids:
        texts = menu_entries(layout, entry)
        kids = tuple(Node(id=i, role="menu_item", text=t) for i, t in zip(derived_ids(layout, entry.id, len(texts)),
                                                                            texts))
    return with_state(replace(entry, children=kids), expanded=True)


def _close(layout: Layout, opener: Node, holder: Node, value: str | None) -> Layout:
    """Close an open popup (its overlay goes) or menu-bar menu (collapsed, its entries gone); a dropdown opener
    collapses and takes `value` when one was picked."""
    if holder is opener:
        return edit_nodes(layout, {opener.id: lambda c: with_state(replace(c, children=()), expanded=False)})
    overlay = parent_map(layout.root)[holder.id]
    edits: dict[str, Callable[[Node], Node | None]] = {overlay.id: lambda c: None}
    if opener.role == "dropdown":
        edits[opener.id] = lambda c: with_state(replace(c, text=value) if value is not None else c, expanded=False)
    return edit_nodes(layout, edits)


def _scroll(layout: Layout, n: Node, dy: int) -> Layout:
    pos = max(0, min(100, scroll_position(n) + dy))
    bar = _scroll_bar(n)
    edits: dict[str, Callable[[Node], Node | None]] = {}
    if bar is not None:
        edits[bar.id] = lambda c: with_props(c, value=pos)
    if n.intent.get("scroll"):
        edits[n.id] = lambda c: replace(c, intent={**c.intent, "scroll_y": pos})
    return edit_nodes(layout, edits)
