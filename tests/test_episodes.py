"""Episodes drawn by every renderer: the after-screen's annotations differ from the before-screen's exactly where
the action says (a toggled element's `checked` flips, the selected tab moves, an opened dropdown's options appear
as new elements, a dismissed dialog's elements disappear, typed text is the field's text, scrolled content moves),
elements away from the action keep their boxes, after-screens pass the renderers' invariants, and episodes are
deterministic and chained (step k's after-screen is step k+1's before-screen)."""

from __future__ import annotations

import pytest

from factory.config import RenderConfig
from factory.core.actions import Action, apply, possible_actions
from factory.core.layout import Layout, Node
from factory.core.schema import Element
from factory.episodes import action_spot, render_episode
from factory.sample import make_layout, render_sample
from renderers import RENDERERS
from tests.conftest import renderer_param
from tests.invariants import check_invariants, render_annotated

# renderer -> action type -> grammars whose screens have such actions
WHERE = {
    "web": {"select_tab": ("settings",), "toggle": ("settings",), "select_radio": ("settings",),
            "open_dropdown": ("settings", "gallery"), "select_option": ("settings", "gallery"), "type": ("signin",),
            "open_menu": ("datatable",), "dismiss": ("modal",), "scroll": ("settings", "dashboard")},
    "desktop": {"select_tab": ("preferences",), "toggle": ("preferences",), "select_radio": ("preferences", "wizard"),
                "open_dropdown": ("preferences", "propertyeditor"), "select_option": ("preferences",),
                "type": ("signin",), "open_menu": ("mainwindow",), "dismiss": ("messagebox",),
                "scroll": ("mainwindow", "filebrowser", "settings")},
    "game": {"select_tab": ("game_inventory", "game_shop"), "toggle": ("game_settings", "game_quests"),
             "open_dropdown": ("game_settings",), "select_option": ("game_settings",), "type": ("game_hud",),
             "dismiss": ("game_inventory", "game_shop")},
}
CASES = [renderer_param(r, t, id=f"{r}-{t}") for r, types in WHERE.items() for t in types]
OWN_PIXELS = {"desktop", "game"}
PAD = 16  # px around a popup in which elements may be covered (its frame and shadow)


def eid(nid: str) -> int:
    return int(nid[1:])


def subtree(layout: Layout, nid: str) -> set[int]:
    n = next(n for n, _ in layout.nodes() if n.id == nid)
    return {eid(d.id) for d, _ in n.walk()}


def parent_of(layout: Layout, nid: str) -> Node:
    return next(n for n, _ in layout.nodes() if any(c.id == nid for c in n.children))


def popup_items(layout: Layout) -> set[int]:
    return {eid(i.id) for n, _ in layout.nodes() if n.props.get("kind") == "popup" for i in n.children}


def union(boxes) -> tuple[int, int, int, int] | None:
    boxes = list(boxes)
    if not boxes:
        return None
    x0, y0 = min(b[0] for b in boxes) - PAD, min(b[1] for b in boxes) - PAD
    return x0, y0, max(b[0] + b[2] for b in boxes) + PAD - x0, max(b[1] + b[3] for b in boxes) + PAD - y0


def meets(a, b) -> bool:
    return b is not None and a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def below(popup, opener) -> None:
    """A popup lies under its opener (or over it, where there was no room below), overlapping it sideways."""
    x, y, w, h = popup[0] + PAD, popup[1] + PAD, popup[2] - 2 * PAD, popup[3] - 2 * PAD
    assert x < opener[0] + opener[2] and opener[0] < x + w, (popup, opener)
    assert y >= opener[1] + opener[3] - 1 or y + h <= opener[1] + 1, (popup, opener)


def find(name: str, renderer, kind: str):
    """A screen of `name`'s grammars with an action of type `kind` whose target is annotated: (layout, factors,
    action, annotation)."""
    spec = RENDERERS.get(name)
    cfg = RenderConfig(renderer=name, style=spec.default_style, count=40, seed=11, grammars=WHERE[name][kind])
    for i in range(40):
        _, layout, factors = make_layout(cfg, i)
        if kind == "select_option":
            opening = [a for a in possible_actions(layout) if a.type == "open_dropdown"]
            if not opening:
                continue
            layout = apply(layout, opening[0])
        actions = [a for a in possible_actions(layout, seed=i) if a.type == kind]
        if kind == "select_option":  # an option other than the current value: the value changes
            current = next(n.text for n, _ in layout.nodes() if n.id == opening[0].target)
            actions = [a for a in actions if a.option != current]
        if not actions:
            continue
        _, _, ann = render_annotated(name, renderer, layout, spec.default_style, factors)
        for a in actions:
            if action_spot(layout, ann.elements, a) is not None:
                return layout, factors, a, ann
    pytest.fail(f"no {name} screen of {WHERE[name][kind]} has a visible {kind} action")


def check_change(action: Action, layout: Layout, after: Layout, b: dict[int, Element], a: dict[int, Element],
                 name: str) -> set[int]:
    """Assert what the action must change in the annotations; return the elements it may move or cover."""
    t = eid(action.target)
    moving = subtree(layout, parent_of(layout, action.target).id)  # the target's row: tabs, radios, a value's width
    if action.type == "toggle":
        assert a[t].state["checked"] is (not b[t].state["checked"])
    elif action.type == "select_tab":
        assert a[t].state["selected"] is True and b[t].state["selected"] is False
        was = [i for i in b if b[i].cls == "tab" and b[i].state["selected"] and i in moving and i != t]
        assert was and all(a[i].state["selected"] is False for i in was)
    elif action.type == "select_radio":
        group = [eid(c.id) for c in parent_of(layout, action.target).children if c.role == "radio"]
        assert a[t].state["checked"] is True
        assert all(a[i].state["checked"] is False for i in group if i != t and i in a)
    elif action.type == "type":
        password = next(n for n, _ in layout.nodes() if n.id == action.target).props.get("input_type") == "password"
        assert a[t].text == ("•" * len(action.text) if password else action.text) != b[t].text
        assert a[t].state["filled"] is True
    elif action.type in ("open_dropdown", "open_menu"):
        new = (popup_items(after) | {eid(c.id) for n, _ in after.nodes() if n.id == action.target
                                     for c in n.children}) - set(b)
        shown = new & set(a)
        assert shown and all(a[i].cls == "menu_item" for i in shown), "the popup's items appear as new elements"
        assert not new & set(b)
        if action.type == "open_dropdown":
            assert a[t].state["expanded"] is True and b[t].state["expanded"] is False
        below(union(a[j].bbox for j in shown), a[t].bbox)
        moving |= shown | {i for i in b if meets(b[i].bbox, union(a[j].bbox for j in shown))}
        if name == "desktop" and action.type == "open_menu":  # the menu bar draws the open entry pressed
            moving |= subtree(layout, parent_of(layout, action.target).id)
    elif action.type == "select_option":
        items = popup_items(layout)
        assert items & set(b) and not items & set(a), "the popup's items disappear"
        opener = eid(next(n for n, _ in layout.nodes() if n.props.get("kind") == "popup").intent["target"])
        assert a[opener].text == action.option != b[opener].text
        assert a[opener].state["expanded"] is False
        moving |= items | subtree(layout, parent_of(layout, f"n{opener}").id)
        moving |= {i for i in a if meets(a[i].bbox, union(b[j].bbox for j in items & set(b)))}
    elif action.type == "dismiss":
        dialog = next(n for n, _ in layout.nodes()
                      if n.role == "dialog" and eid(action.target) in subtree(layout, n.id))
        gone = subtree(layout, dialog.id)
        assert gone & set(b) and not gone & set(a), "the dismissed dialog's elements disappear"
        removed = {eid(n.id) for n, _ in layout.nodes()} - {eid(n.id) for n, _ in after.nodes()}
        moving |= removed | (set(a) - set(b))  # the dialog and what was placed beside it go; what it hid comes back
    elif action.type == "scroll":
        node = next(n for n, _ in layout.nodes() if n.id == action.target)
        bars = {eid(c.id) for c in node.children if c.role == "scrollbar"}  # the container's own scroll bars
        inside = subtree(layout, action.target)
        both = [i for i in inside - bars if i in a and i in b and b[i].full_bbox[2:] == a[i].full_bbox[2:]]
        shifts = {(a[i].full_bbox[0] - b[i].full_bbox[0], a[i].full_bbox[1] - b[i].full_bbox[1]) for i in both}
        assert len(shifts) == 1, shifts  # the content moves as one
        dx, dy = shifts.pop()
        assert dx == 0 and dy * action.dy < 0, (dx, dy, action.dy)  # scrolling down moves the content up
        for i in bars & set(a) & set(b):
            assert a[i].bbox == b[i].bbox, "the container's own scroll bar stays where it is (its thumb moves)"
        moving |= inside
    return moving


@pytest.mark.parametrize("name, kind", CASES)
def test_action_changes_the_screen_exactly_where_it_says(open_renderers, name, kind):
    renderer = open_renderers(name)
    style = RENDERERS.get(name).default_style
    layout, factors, action, before = find(name, renderer, kind)
    after_layout = apply(layout, action)
    out, pixels, after = render_annotated(name, renderer, after_layout, style, factors)
    if after.elements or action.type != "dismiss":  # a game window may be all there was on the scene
        check_invariants(after_layout, out, pixels, after, own_pixels=name in OWN_PIXELS)
    b, a = {e.id: e for e in before.elements}, {e.id: e for e in after.elements}
    moving = check_change(action, layout, after_layout, b, a, name)
    # Everything else is as it was: there, with the same boxes, text and state.
    assert not (set(a) ^ set(b)) - moving, f"{action}: elements came or went away from the action"
    for i in (set(a) & set(b)) - moving - {eid(action.target)}:
        assert (a[i].bbox, a[i].text, a[i].state) == (b[i].bbox, b[i].text, b[i].state), (action, b[i], a[i])


EPISODES = {"web": ("settings", "modal", "gallery"), "desktop": ("mainwindow", "preferences", "messagebox"),
            "game": ("game_settings", "game_inventory")}


@pytest.mark.parametrize("name", [renderer_param(r) for r in EPISODES])
def test_episodes_are_chained_pointed_and_deterministic(open_renderers, name):
    renderer = open_renderers(name)
    cfg = RenderConfig(renderer=name, style=RENDERERS.get(name).default_style, count=3, seed=4,
                       grammars=EPISODES[name])
    first = [render_episode(cfg, i, renderer, 3, "test") for i in range(3)]
    again = [render_episode(cfg, i, renderer, 3, "test") for i in range(3)]
    assert sum(len(ep) for ep in first) >= 4
    for i, (ep, twin) in enumerate(zip(first, again)):
        assert [s.action_dict() for s in ep] == [s.action_dict() for s in twin]
        for s, t in zip(ep, twin):  # byte-identical screens and records
            assert (s.before.image, s.after.image) == (t.before.image, t.after.image)
            assert (s.before.record.to_json(), s.after.record.to_json()) == (t.before.record.to_json(),
                                                                             t.after.record.to_json())
        if ep:  # the first screen is the plain sample
            plain = render_sample(cfg, i, renderer, "test")
            assert (ep[0].before.image, ep[0].before.record.to_json()) == (plain.image, plain.record.to_json())
        for s, nxt in zip(ep, ep[1:]):
            assert s.after is nxt.before
        for s in ep:
            assert s.after.record.key == s.before.record.key and s.after.record.seed == s.before.record.seed
            assert s.after.record.to_json() != s.before.record.to_json() or s.action.type == "scroll"
            x, y = s.point
            if s.element is not None:  # the point is the centre of the target's visible box
                box = next(e.bbox for e in s.before.record.elements if e.id == s.element)
                assert (x, y) == (box[0] + box[2] / 2, box[1] + box[3] / 2)
            assert 0 <= x < s.before.record.width and 0 <= y < s.before.record.height
