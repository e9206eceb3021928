"""Sizes of things for one sample: the spacing unit, fonts per text variant, intrinsic leaf sizes, padding
of panels, and which nodes stretch. Everything scales with the screen height (games scale their UI with
the resolution) times the sample's density, the style's UI scale and the font scale."""

from __future__ import annotations

from factory.core.layout import Node
from renderers.game import text as textlib
from renderers.game.fonts import Fonts
from renderers.game.styles import Skin

# variant -> (size relative to body text, bold, wraps)
TEXT_VARIANTS = {
    "body": (1.0, False, False),
    "label": (1.0, False, False),
    "muted": (0.88, False, False),
    "value": (1.0, True, False),
    "chat": (0.84, False, False),
    "feed": (0.84, True, False),
    "section": (0.84, True, False),
    "tagline": (1.2, False, False),
    "speech": (1.1, False, True),
    "flavor": (0.9, False, True),
    "tip": (1.0, False, True),
    "prompt": (1.0, True, False),
    "damage": (1.7, True, False),
    "crit": (2.3, True, False),
    "heal": (1.6, True, False),
    "miss": (1.4, True, False),
    "good": (1.0, True, False),
    "header": (0.9, True, False),
    "error": (0.88, False, False),
}
HEADING_SIZES = {1: 2.8, 2: 1.7, 3: 1.35, 4: 1.1}
STRETCH = frozenset(
    (
        "button",
        "progress_bar",
        "slider",
        "text_input",
        "dropdown",
        "menu_item",
        "list_item",
        "card",
        "dialog",
        "toolbar",
        "table",
        "tooltip",
        "spinbox",
        "date_picker",
        "screen",
        "row",
        "column",
        "grid",
        "overlay",
    )
)
IMAGE_UNITS = {
    "sm": (14, 14),
    "md": (20, 20),
    "lg": (28, 34),
    "item": (18, 18),
    "joystick": (30, 30),
    "avatar": (10, 10),
}
PAD_UNITS = {"dialog": 4.0, "card": 3.0, "tooltip": 2.5, "toolbar": 1.5, "list_item": 1.5, "table": 1.0}
FRAME_PAD = {"plate": 2.0, "glass": 2.0, "toast": 2.5, "offer": 2.5, "speech": 4.5, "sidebar": 5.0, "inset": 3.0}


class Metrics:
    def __init__(
        self,
        fonts: Fonts,
        skin: Skin,
        family: str,
        width: int,
        height: int,
        scale: float,
        font_scale: float,
        mobile: bool,
    ):
        self.fonts, self.skin, self.family = fonts, skin, family
        self.w, self.h = width, height
        self.s = scale  # 1.0 at 1280x720 with neutral density
        self.u = 4.0 * scale  # one spacing step
        self.body_px = 15.0 * scale * font_scale
        self.mobile = mobile
        self._sizes: dict[tuple[str, int], tuple[float, float]] = {}
        self.slack = 2 + round(scale * 2)  # room for rounding and text effects, so fitted text is never cut

    # --- text -----------------------------------------------------------------------------------
    def text_spec(self, n: Node) -> tuple[float, bool, bool]:
        if n.role == "heading":
            return 4.2 if n.props.get("display") else HEADING_SIZES.get(int(n.props.get("level", 2)), 1.3), True, False
        if n.role == "button" and n.props.get("variant") == "menu":
            return 1.15, True, False
        if n.role in ("badge", "tab") or n.props.get("kind") == "hotkey":
            return 0.85, True, False
        variant = str(n.props.get("variant", "body"))
        return (
            TEXT_VARIANTS.get(variant, (0.9, False, False)) if not variant.startswith("rarity") else (0.9, True, False)
        )

    def font(self, n: Node, text: str, rel: float | None = None, bold: bool | None = None):
        r, b, _ = self.text_spec(n)
        px = max(7, round(self.body_px * (rel if rel is not None else r)))
        return self.fonts.pick(text, self.family, px, b if bold is None else bold, self.skin.cjk_font)

    def label(self, n: Node) -> str:
        t = n.text
        if self.skin.upper_buttons and n.role in ("button", "tab", "heading") and n.props.get("variant") != "keycap":
            t = t.upper()
        return t

    def text_size(self, n: Node, max_w: float) -> tuple[float, float]:
        key = (n.id, int(max_w))
        if key not in self._sizes:  # the layout engine asks again for each width it tries
            t = self.label(n)
            _, _, wraps = self.text_spec(n)
            w, h = textlib.measure(self.font(n, t), t, max(1, int(max_w)), wraps)
            self._sizes[key] = (w + self.slack, h)
        return self._sizes[key]

    # --- layout callbacks -----------------------------------------------------------------------
    def pad(self, n: Node) -> float:
        if not n.children:
            return 0.0
        units = FRAME_PAD.get(n.props.get("frame"), PAD_UNITS.get(n.role, 0.0))
        if n.role == "toolbar" and n.props.get("kind") == "hotbar":
            units = 1.5
        return units * self.u

    def stretches(self, n: Node) -> bool:
        if n.role == "button" and n.props.get("variant") in ("keycap", "price"):
            return False
        if n.role in ("progress_bar", "slider", "dropdown", "text_input") and isinstance(n.intent.get("width"), float):
            return False
        return n.role in STRETCH

    def leaf(self, n: Node, max_w: float, max_h: float) -> tuple[float, float]:
        w, h = self._leaf(n, max_w, max_h)
        return min(w, max_w), h

    def _leaf(self, n: Node, max_w: float, max_h: float) -> tuple[float, float]:
        u, role, p = self.u, n.role, n.props
        if role in ("text", "heading", "link"):
            return self.text_size(n, max_w)
        if role == "button":
            tw, th = self.text_size(n, max_w)
            if p.get("variant") == "keycap":
                return max(tw + 4 * u, 10 * u), 8 * u
            icon = 6 * u if p.get("icon") else 0
            return tw + icon + 8 * u, max(9 * u, th + 3 * u)
        if role in ("menu_item", "tab", "dropdown", "list_item"):
            tw, th = self.text_size(n, max_w)
            extra = {"menu_item": 6, "tab": 7, "dropdown": 10, "list_item": 4}[role] * u
            return max(tw + extra, 28 * u if role == "dropdown" else 0), max(8 * u, th + 2.5 * u)
        if role in ("checkbox", "radio"):
            tw, th = self.text_size(n, max_w - 7 * u) if n.text else (0, 0)
            return 5 * u + (tw + 2 * u if n.text else 0), max(5 * u, th)
        if role == "badge":
            tw, th = self.text_size(n, max_w)
            return tw + 3 * u, th + 1 * u
        if role == "image":
            kind = p.get("kind")
            if kind == "portrait" and p.get("size") == "xl":
                ih = 0.62 * max_h
                return 0.72 * ih, ih
            if kind == "banner":
                bw = min(max_w, 60 * u)
                return bw, 0.42 * bw
            key = p.get("size", "md") if kind == "portrait" else kind
            uw, uh = IMAGE_UNITS.get(key, (40, 25))
            return uw * u, uh * u
        if role == "progress_bar":
            kind = p.get("kind", "health")
            bh = {"boss": 5, "xp": 2.5, "cast": 4, "weight": 4.5}.get(kind, 4.5) * u
            if n.text:
                bh = max(bh, self.body_px * 0.8 * 1.25)
            return 45 * u, bh
        fixed = {
            "icon_button": (14, 14) if p.get("variant") == "round" else (9, 9),
            "icon": (7, 7) if p.get("buff") else (6, 6),
            "inventory_slot": (13, 13),
            "crosshair": (12, 12),
            "minimap": (34, 34) if self.mobile else (42, 42),
            "switch": (12, 6),
            "slider": (40, 5),
            "text_input": (50, 8),
            "spinbox": (24, 8),
            "date_picker": (34, 8),
            "scrollbar": (3, 30),
            "page_indicator": (20, 4),
            "resource_counter": None,
        }
        if role == "resource_counter":
            tw, th = self.text_size_rel(n.text, 1.15, True)
            return 6 * u + 1.5 * u + tw, max(6 * u, th)
        if role in fixed:
            fw, fh = fixed[role]
            if role == "text_input":
                tw, _ = self.text_size_rel(n.props.get("value") or n.props.get("placeholder", ""), 1.0, False)
                return max(fw * u, tw + 5 * u), fh * u
            return fw * u, fh * u
        return 30 * u, 12 * u  # an empty container role (card, dialog, toolbar, table, tooltip)

    def text_size_rel(self, t: str, rel: float, bold: bool) -> tuple[float, float]:
        px = max(7, round(self.body_px * rel))
        f = self.fonts.pick(t, self.family, px, bold, self.skin.cjk_font)
        return f.size(t)[0] + self.slack, f.get_linesize()
