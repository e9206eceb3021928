"""A small layout engine for game UIs: Layout intent (direction, gap, weight, align, justify, columns, padding,
width/height fractions, anchors) -> one pixel rectangle per node. Games have no layout engine; this is a
flexbox subset plus HUD anchoring.

Flow children are laid out along the container's direction; children with an `anchor` intent (and
overlays) are placed on the parent's area instead: at an edge or corner (several at one anchor are stacked),
`near` another node (tooltips), `below` another node (popups: a dropdown's list), or `free` at fractions of
the area (floating text). Pure Python, no pygame: leaf sizes come from a callback.
"""

from __future__ import annotations

from typing import Callable

from factory.core.layout import Node

Rect = tuple[float, float, float, float]
ANCHOR_POS = {
    "top-left": (0, 0),
    "top": (0.5, 0),
    "top-right": (1, 0),
    "left": (0, 0.5),
    "center": (0.5, 0.5),
    "right": (1, 0.5),
    "bottom-left": (0, 1),
    "bottom": (0.5, 1),
    "bottom-right": (1, 1),
}
STRUCTURE = ("screen", "row", "column", "grid", "overlay", "spacer")
SOFT = ("text", "heading", "link", "row", "column", "grid")  # may be squeezed before widgets are


def _fraction(value) -> float | None:
    """A size intent as a fraction of the parent; named sizes of other renderers ('sm', 'list') are ignored."""
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0 else None


class Flow:
    """Lays out one tree. `leaf(node, max_w, max_h) -> (w, h)`, `pad(node) -> px`, `stretches(node) -> bool`
    (whether a node fills the cross axis of a column or a grid cell); `unit` is one gap step in pixels."""

    def __init__(self, unit: float, leaf: Callable, pad: Callable, stretches: Callable, margin: float):
        self.unit, self.leaf, self.pad, self.stretches, self.margin = unit, leaf, pad, stretches, margin
        self.rects: dict[str, Rect] = {}
        self.overflow = False  # something did not fit: the caller may retry at a smaller scale
        self._memo: dict[tuple[str, int, int], tuple[float, float]] = {}

    # --- measuring ------------------------------------------------------------------------------
    @staticmethod
    def direction(n: Node) -> str:
        d = n.intent.get("direction")
        if d in ("row", "column"):
            return d
        # A list row's cells run left to right; a list row with a single child (a row) lets it fill the width.
        return "row" if n.role == "row" or (n.role == "list_item" and len(n.children) > 1) else "column"

    @staticmethod
    def is_absolute(n: Node) -> bool:
        return n.role == "overlay" or "anchor" in n.intent

    def gap(self, n: Node) -> float:
        return float(n.intent.get("gap", 2 if n.role not in STRUCTURE else 0)) * self.unit

    def padding(self, n: Node) -> float:
        return self.pad(n) + (3 * self.unit if n.intent.get("padding") else 0)

    def size(self, n: Node, aw: float, ah: float) -> tuple[float, float]:
        """Preferred (w, h) of `n` given the space available to it."""
        key = (n.id, int(aw), int(ah))
        if key not in self._memo:
            self._memo[key] = self._size(n, aw, ah)
        return self._memo[key]

    def _size(self, n: Node, aw: float, ah: float) -> tuple[float, float]:
        fw, fh, mw = (_fraction(n.intent.get(k)) for k in ("width", "height", "max_width"))
        aw = fw * aw if fw else aw * (mw or 1.0)
        ah = fh * ah if fh else ah
        if n.role == "spacer":
            return 0.0, 0.0
        if not n.children and n.role not in STRUCTURE:
            w, h = self.leaf(n, aw, ah)
        else:
            p = self.padding(n)
            sizes = self._child_sizes(n, max(0.0, aw - 2 * p), max(0.0, ah - 2 * p))
            g = self.gap(n)
            if not sizes:
                w = h = 0.0
            elif n.role == "grid":
                cols = int(n.intent.get("columns", 2))
                cw = max(s[0] for s in sizes)
                heights = [max(s[1] for s in sizes[i : i + cols]) for i in range(0, len(sizes), cols)]
                w = cw * min(cols, len(sizes)) + g * (min(cols, len(sizes)) - 1)
                h = sum(heights) + g * (len(heights) - 1)
            elif self.direction(n) == "row":
                w = sum(s[0] for s in sizes) + g * (len(sizes) - 1)
                h = max(s[1] for s in sizes)
            else:
                w = max(s[0] for s in sizes)
                h = sum(s[1] for s in sizes) + g * (len(sizes) - 1)
            w, h = w + 2 * p, h + 2 * p
        return (aw if fw else w), (ah if fh else h)

    def _child_sizes(self, n: Node, iw: float, ih: float) -> list[tuple[float, float]]:
        kids = [c for c in n.children if not self.is_absolute(c)]
        g = self.gap(n)
        if n.role == "grid":
            cols = int(n.intent.get("columns", 2))
            cw = max(0.0, (iw - g * (cols - 1)) / cols)
            return [self.size(c, cw, ih) for c in kids]
        if self.direction(n) != "row":
            return [self.size(c, iw, ih) for c in kids]
        fixed = {c.id: self.size(c, iw, ih) for c in kids if not c.intent.get("weight")}
        rest = max(0.0, iw - g * (len(kids) - 1) - sum(s[0] for s in fixed.values()))
        total = sum(float(c.intent.get("weight", 0)) for c in kids) or 1.0
        return [
            fixed[c.id] if c.id in fixed else self.size(c, rest * float(c.intent["weight"]) / total, ih) for c in kids
        ]

    # --- arranging ------------------------------------------------------------------------------
    def run(self, root: Node, width: int, height: int) -> dict[str, tuple[int, int, int, int]]:
        self.arrange(root, (0.0, 0.0, float(width), float(height)))
        out = {}
        for nid, (x, y, w, h) in self.rects.items():
            x0, y0 = round(x), round(y)
            out[nid] = (x0, y0, max(0, round(x + w) - x0), max(0, round(y + h) - y0))
        return out

    def arrange(self, n: Node, rect: Rect) -> None:
        self.rects[n.id] = rect
        if not n.children:
            return
        p = self.padding(n)
        x, y, w, h = rect
        inner = (x + p, y + p, max(0.0, w - 2 * p), max(0.0, h - 2 * p))
        kids = [c for c in n.children if not self.is_absolute(c)]
        if kids:
            if n.role == "grid":
                self._grid(n, kids, inner)
            else:
                self._line(n, kids, inner, self.direction(n) == "row")
        stacks: dict[str, float] = {}
        for c in n.children:
            if self.is_absolute(c):
                self._place(n, c, rect if c.role == "overlay" else inner, stacks)

    def _line(self, n: Node, kids: list[Node], inner: Rect, horizontal: bool) -> None:
        x, y, w, h = inner
        main, cross = (w, h) if horizontal else (h, w)
        g = self.gap(n)
        sizes = self._child_sizes(n, w, h)
        lengths = [s[0] if horizontal else s[1] for s in sizes]
        weights = [float(c.intent.get("weight", 0)) for c in kids]
        fixed = sum(ln for ln, wt in zip(lengths, weights) if not wt) + g * (len(kids) - 1)
        if fixed > main + 0.5:  # too long: shrink text and containers first, widgets only if that is not enough
            self.overflow = True
            lengths = self._shrink(kids, lengths, weights, fixed - main)
            fixed = main
        rest = max(0.0, main - fixed)
        total_w = sum(weights)
        offset, spread = 0.0, 0.0
        if total_w:
            lengths = [rest * wt / total_w if wt else ln for ln, wt in zip(lengths, weights)]
        else:
            justify = n.intent.get("justify", "start")
            offset = {"center": rest / 2, "end": rest}.get(justify, 0.0)
            spread = rest / (len(kids) - 1) if justify == "between" and len(kids) > 1 else 0.0
        align = n.intent.get("align", "center" if horizontal else "stretch")
        pos = offset
        for c, ln, s in zip(kids, lengths, sizes):
            breadth = s[1] if horizontal else s[0]
            fill = align == "stretch" and (
                self.stretches(c) if not horizontal else c.role in STRUCTURE or bool(c.children)
            )
            if fill or breadth > cross:
                breadth = cross
            lead = {"center": (cross - breadth) / 2, "end": cross - breadth}.get(align, 0.0) if not fill else 0.0
            if horizontal:
                self.arrange(c, (x + pos, y + lead, ln, breadth))
            else:
                self.arrange(c, (x + lead, y + pos, breadth, ln))
            pos += ln + g + spread

    @staticmethod
    def _shrink(kids: list[Node], lengths: list[float], weights: list[float], excess: float) -> list[float]:
        """Take `excess` pixels off the fixed children: from those that can give (text is ellipsized,
        containers squeeze) in proportion to their length, then from every fixed child alike."""
        stages = ((lambda c: c.role in SOFT or bool(c.children), 0.6), (lambda c: True, 1.0))
        for eligible, most in stages:  # soft children give up to 60% of their length first
            pool = sum(ln for c, ln, wt in zip(kids, lengths, weights) if not wt and eligible(c))
            if pool <= 0:
                continue
            take = min(excess, pool * most)
            lengths = [
                ln - take * ln / pool if not wt and eligible(c) else ln for c, ln, wt in zip(kids, lengths, weights)
            ]
            excess -= take
            if excess <= 0.5:
                break
        return lengths

    def _grid(self, n: Node, kids: list[Node], inner: Rect) -> None:
        x, y, w, h = inner
        cols = int(n.intent.get("columns", 2))
        g = self.gap(n)
        cw = max(0.0, (w - g * (cols - 1)) / cols)
        sizes = [self.size(c, cw, h) for c in kids]
        top = y
        for r in range(0, len(kids), cols):
            rh = max(s[1] for s in sizes[r : r + cols])
            for i, (c, s) in enumerate(zip(kids[r : r + cols], sizes[r : r + cols])):
                cx = x + i * (cw + g)
                if self.stretches(c):
                    self.arrange(c, (cx, top, cw, rh))
                else:
                    sw, sh = min(s[0], cw), min(s[1], rh)
                    self.arrange(c, (cx + (cw - sw) / 2, top + (rh - sh) / 2, sw, sh))
            top += rh + g
        if top - g > y + h + 0.5:
            self.overflow = True

    def _place(self, parent: Node, c: Node, area: Rect, stacks: dict[str, float]) -> None:
        """Absolute placement of an anchored child (or an overlay, which takes the whole area)."""
        if c.role == "overlay" and "anchor" not in c.intent:
            self.arrange(c, area)
            return
        m = self.margin if parent.role in ("overlay", "screen") else 0.0
        ax, ay, aw, ah = area[0] + m, area[1] + m, max(0.0, area[2] - 2 * m), max(0.0, area[3] - 2 * m)
        w, h = self.size(c, aw, ah)
        if w > aw + 0.5 or h > ah + 0.5:
            self.overflow = True
        w, h = min(w, aw), min(h, ah)
        anchor = c.intent.get("anchor", "center")
        if anchor == "near" and c.intent.get("target") in self.rects:
            tx, ty, tw, th = self.rects[c.intent["target"]]
            gap = self.unit * 2
            x = tx + tw + gap if tx + tw + gap + w <= ax + aw else tx - gap - w
            x, y = min(max(x, ax), ax + aw - w), min(max(ty, ay), ay + ah - h)
        elif anchor == "below" and c.intent.get("target") in self.rects:  # a popup under its opener
            tx, ty, tw, th = self.rects[c.intent["target"]]
            gap = self.unit
            w = min(max(w, tw), aw)
            y = ty + th + gap if ty + th + gap + h <= ay + ah else ty - gap - h
            x, y = min(max(tx, ax), ax + aw - w), min(max(y, ay), ay + ah - h)
        elif anchor == "free":
            fx, fy = c.intent.get("at", (0.5, 0.5))
            x = min(max(ax + fx * aw - w / 2, ax), ax + aw - w)
            y = min(max(ay + fy * ah - h / 2, ay), ay + ah - h)
        else:
            px, py = ANCHOR_POS.get(anchor, (0.5, 0.5))
            shift = stacks.get(anchor, 0.0)
            x = ax + px * (aw - w)
            y = ay + py * (ah - h) + (-shift if py == 1 else shift)
            stacks[anchor] = shift + h + self.unit * 2
            y = min(max(y, ay), ay + ah - h)
        self.arrange(c, (x, y, w, h))
