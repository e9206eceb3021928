"""What identifies each target on its screen (a Ref), made unambiguous or left out.

An expression is ambiguous when another element on the screen fits it: the same noun and name, or for an
unnamed one the same noun (visible elements of every state count, disabled and part-hidden ones too). Such
a target is told apart by a container that holds no other element fitting it ("in the 'Billing' dialog"),
else by its ordinal on a line among those that fit, within one container or on the whole screen ("the
second 'Add to cart' button from the left"), or by its cell where they form a grid inside one container
("row 2, column 3"), else by a uniquely named neighbour it is next to ("the icon button to the left of the
'1' button"), else by the ninth of the screen it is in ("at the top right of the screen"), else it is left
out and counted as ambiguous.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace

from factory.grounding.scene import Container, Screen, norm

MIN_FRACTION = 0.5  # targets less than half visible are left out (too small)
MIN_SIDE = 4  # targets whose visible box has a side under 4 px are left out (too small)


@dataclass(frozen=True)
class Ref:
    """A language-free referring expression; phrases.render puts it into words."""

    noun: str
    name: str = ""
    name_kind: str = ""  # "text" (own text or label), "value" (what it shows), "icon", or "" (unnamed)
    container: Container | None = None
    ordinal: int = 0  # 1-based along `axis`
    axis: str = ""  # "x": counted from the left, "y": counted from the top
    cell: tuple[int, int] | None = None  # (row, column), 1-based, in a grid of elements that fit
    region: str = ""  # "top-left" ... "bottom-right"
    near: "Ref | None" = None  # a neighbour named uniquely on the screen ("to the left of the '1' button")
    side: str = ""  # where the element is from `near`: left, right, above, below

    @property
    def by(self) -> str:
        """What it says beyond noun and name: name (nothing more), container, ordinal, grid, neighbour or region."""
        if self.region:
            return "region"
        if self.near:
            return "neighbour"
        if self.cell:
            return "grid"
        if self.ordinal:
            return "ordinal"
        return "container" if self.container else "name"


@dataclass(frozen=True)
class Target:
    element: dict
    ref: Ref
    action: str  # scene.Screen.action: click, type, check, uncheck, turn_on...
    purpose: str  # what a text field asks for ("email"...), or ""
    short: bool  # its name alone says which element it is ("Uncheck 'Remember me'")


@dataclass
class Analysis:
    targets: list[Target] = field(default_factory=list)
    left_out: list[tuple[dict, str]] = field(default_factory=list)  # (element, "too_small"|"disabled"|"ambiguous")


def analyse(screen: Screen) -> Analysis:
    """The targets of a screen (its interactable elements, enabled and visible enough) with unambiguous Refs."""
    base: dict[int, Ref] = {}
    for e in screen.elements:
        noun = screen.noun(e)
        if noun is not None:
            name, kind = screen.name(e)
            base[e["id"]] = Ref(noun, name, kind)
    fits: dict[tuple, list[dict]] = defaultdict(list)  # named: those with its noun and name; unnamed: its noun
    for e in screen.elements:
        if e["id"] in base:
            fits[_key(base[e["id"]])].append(e)
            fits[(base[e["id"]].noun,)].append(e)
    shown = defaultdict(int)  # how often each name is on the screen, in any element's text or as a control's name
    for e in screen.elements:
        shown[norm(e["text"])] += 1
        ref = base.get(e["id"])
        if ref is not None and ref.name and ref.name != norm(e["text"]):
            shown[ref.name] += 1
    # neighbours to point from: named elements alone with their noun and name on the screen
    anchors = [(o, base[o["id"]]) for o in screen.elements if o["id"] in base and base[o["id"]].name
               and len(fits[_key(base[o["id"]])]) == 1]
    out = Analysis()
    for e in screen.elements:
        if not e["interactable"]:
            continue
        x, y, w, h = e["bbox"]
        if e["visible_fraction"] < MIN_FRACTION or w < MIN_SIDE or h < MIN_SIDE:
            out.left_out.append((e, "too_small"))
            continue
        if e["state"].get("enabled") is False:
            out.left_out.append((e, "disabled"))
            continue
        ref = base[e["id"]]
        same = fits[_key(ref) if ref.name else (ref.noun,)]
        if len(same) > 1:
            ref = _tell_apart(screen, e, ref, same, anchors)
            if ref is None:
                out.left_out.append((e, "ambiguous"))
                continue
        elif not ref.name:  # alone of its kind but unnamed: say where it is ("the icon button in the top bar")
            places = screen.containers(e)
            ref = replace(ref, container=places[0][0]) if places else replace(ref, region=screen.region(e))
        short = ref.by == "name" and ref.name_kind == "text" and shown[ref.name] == 1 + (ref.name != norm(e["text"]))
        out.targets.append(Target(e, ref, screen.action(e), screen.purpose(e), short))
    return out


def _key(ref: Ref) -> tuple:
    # a label and a shown value both appear as a quoted name: "the 'Sort' dropdown" fits either
    return ref.noun, "icon" if ref.name_kind == "icon" else "named" if ref.name else "", ref.name


def _tell_apart(screen: Screen, e: dict, ref: Ref, same: list[dict], anchors: list[tuple[dict, Ref]]) -> Ref | None:
    places = screen.containers(e)
    inside = {id(o): [c for c, _ in screen.containers(o)] for o in same}
    for place, _ in places:  # a container holding no other element that fits
        if sum(place in inside[id(o)] for o in same) == 1:
            return replace(ref, container=place)
    for place, _ in [*places, (None, None)]:  # the position among those that fit in one container or screen
        if place is None:
            group = same
        else:
            group = [o for o in same if place in inside[id(o)]]
            holders = {w for o in group for c, w in screen.containers(o) if c == place}
            if len(holders) > 1:  # two containers with one phrase: no order across them
                continue
        found = _ordinal(e, group) or (_cell(e, group) if place is not None else None)  # grids inside one place
        if found:
            return replace(ref, container=place, **found)
    found = _neighbour(e, same, anchors)
    if found:
        return replace(ref, **found)
    region = screen.region(e)
    if all(screen.region(o) != region for o in same if o is not e):
        return replace(ref, region=region)
    return None


def _neighbour(e: dict, same: list[dict], anchors: list[tuple[dict, Ref]]) -> dict | None:
    """A uniquely named element that `e` is next to, on its line or its column, with no element that fits
    nearer to it on that side ("the icon button to the left of the '1' button")."""
    best = None
    for a, aref in anchors:
        side, gap = _beside(e["bbox"], a["bbox"])
        if side is None or best is not None and gap >= best[0]:
            continue
        if any(o is not e and _beside(o["bbox"], a["bbox"])[0] == side and _beside(o["bbox"], a["bbox"])[1] <= gap
               for o in same):
            continue  # another that fits is as near on that side: "left of X" would not say which
        best = (gap, {"near": aref, "side": side})
    return best[1] if best else None


def _beside(box: list[int], anchor: list[int]) -> tuple[str | None, int]:
    """(side, gap) where `box` is next to `anchor`: left/right sharing a row band, above/below sharing a column
    band, at most a box size away; (None, 0) otherwise."""
    x, y, w, h = box
    ax, ay, aw, ah = anchor
    reach = max(w, h, aw, ah)
    if y < ay + ah and ay < y + h:
        if x + w <= ax and ax - (x + w) <= reach:
            return "left", ax - (x + w)
        if ax + aw <= x and x - (ax + aw) <= reach:
            return "right", x - (ax + aw)
    if x < ax + aw and ax < x + w:
        if y + h <= ay and ay - (y + h) <= reach:
            return "above", ay - (y + h)
        if ay + ah <= y and y - (ay + ah) <= reach:
            return "below", y - (ay + ah)
    return None, 0


def _ordinal(e: dict, group: list[dict]) -> dict | None:
    """Its place on a line (all share a row band: from the left; all share a column band: from the top)."""
    boxes = [o["bbox"] for o in group]
    if max(b[1] for b in boxes) < min(b[1] + b[3] for b in boxes):
        axis, centre = "x", lambda o: 2 * o["bbox"][0] + o["bbox"][2]
    elif max(b[0] for b in boxes) < min(b[0] + b[2] for b in boxes):
        axis, centre = "y", lambda o: 2 * o["bbox"][1] + o["bbox"][3]
    else:
        return None
    order = sorted(group, key=centre)
    if len({centre(o) for o in order}) < len(order):
        return None
    return {"ordinal": next(i for i, o in enumerate(order) if o is e) + 1, "axis": axis}


def _cell(e: dict, group: list[dict]) -> dict | None:
    """Its (row, column) in the grid it belongs to: the block of elements that fit packed side by side around
    it, at least 2 x 2, one per cell, every row full but perhaps the last, and the only such block among them."""
    blocks = [b for b in _blocks(group) if _grid(b)]
    mine = [b for b in blocks if any(o is e for o in b)]
    if len(blocks) != 1 or not mine:
        return None
    rows, cols = _grid(mine[0])
    return {"cell": (rows[id(e)], cols[id(e)])}


def _grid(block: list[dict]) -> tuple[dict[int, int], dict[int, int]] | None:
    rows, cols = _bands(block, 1), _bands(block, 0)
    n_rows, n_cols = max(rows.values()), max(cols.values())
    if len({(rows[id(o)], cols[id(o)]) for o in block}) < len(block) or n_rows < 2 or n_cols < 2 \
            or len(block) <= (n_rows - 1) * n_cols:
        return None
    return rows, cols


def _blocks(group: list[dict]) -> list[list[dict]]:
    """Connected blocks of elements packed side by side (gaps up to a quarter of an element, or 8 px)."""
    parent = list(range(len(group)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(group):
        for j in range(i):
            ax, ay, aw, ah = a["bbox"]
            bx, by, bw, bh = group[j]["bbox"]
            reach = max(8, min(aw, ah, bw, bh) // 4)
            gap_x, gap_y = max(bx - (ax + aw), ax - (bx + bw)), max(by - (ay + ah), ay - (by + bh))
            if max(gap_x, gap_y) <= reach:
                parent[root(i)] = root(j)
    blocks: dict[int, list[dict]] = defaultdict(list)
    for i, o in enumerate(group):
        blocks[root(i)].append(o)
    return list(blocks.values())


def _bands(group: list[dict], axis: int) -> dict[int, int]:
    """1-based band (row or column) of each element: centres inside the extent of the band so far join it."""
    band, end, found = 0, None, {}
    for o in sorted(group, key=lambda o: 2 * o["bbox"][axis] + o["bbox"][axis + 2]):
        start, size = o["bbox"][axis], o["bbox"][axis + 2]
        if end is None or 2 * start + size >= 2 * end:
            band += 1
            end = start + size
        else:
            end = max(end, start + size)
        found[id(o)] = band
    return found
