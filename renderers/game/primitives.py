"""The HUD primitives this renderer draws, and the canonical class each one is: the game renderer's half of
the taxonomy mapping. A node's primitive (its `source_type`, e.g. 'hud.slot', 'hud.bar[health]',
'ui.button[keycap]') is chosen from its role and properties; its class is then read back from the primitive,
so the annotation says what was drawn."""

from __future__ import annotations

from typing import Callable

from factory.core.layout import STRUCTURAL_ROLES, Node
from renderers.base import RendererError

# role -> (primitive, property whose value qualifies it)
ROLE_PRIMITIVE = {
    "button": ("ui.button", "variant"),
    "icon_button": ("ui.icon_button", "icon"),
    "link": ("ui.link", None),
    "text": ("ui.label", "variant"),
    "heading": ("ui.title", "level"),
    "text_input": ("ui.text_field", "input_type"),
    "checkbox": ("ui.checkbox", None),
    "radio": ("ui.radio", None),
    "switch": ("ui.toggle", None),
    "slider": ("ui.slider", None),
    "dropdown": ("ui.dropdown", None),
    "spinbox": ("ui.stepper", None),
    "date_picker": ("ui.date_field", None),
    "tab": ("ui.tab", None),
    "menu_item": ("ui.menu_entry", None),
    "list_item": ("ui.list_row", None),
    "table": ("ui.table", None),
    "progress_bar": ("hud.bar", "kind"),
    "scrollbar": ("ui.scrollbar", None),
    "image": ("ui.picture", "kind"),
    "icon": ("ui.icon", "icon"),
    "card": ("ui.panel", "frame"),
    "toolbar": ("ui.bar", "kind"),
    "dialog": ("ui.window", "frame"),
    "tooltip": ("ui.tooltip", None),
    "badge": ("ui.badge", "tone"),
    "page_indicator": ("ui.page_dots", None),
    "minimap": ("hud.minimap", "shape"),
    "inventory_slot": ("hud.slot", None),
    "resource_counter": ("hud.counter", "kind"),
    "crosshair": ("hud.crosshair", "shape"),
}
# Specialised primitives that some roles turn into, by property value.
SPECIAL = {
    ("text", "variant"): {
        "damage": "hud.floating_text",
        "crit": "hud.floating_text",
        "heal": "hud.floating_text",
        "miss": "hud.floating_text",
        "chat": "hud.chat_line",
        "feed": "hud.kill_feed",
    },
    ("image", "kind"): {"portrait": "hud.portrait", "joystick": "hud.joystick", "item": "hud.item_art"},
    ("toolbar", "kind"): {"hotbar": "hud.hotbar"},
    ("dialog", "frame"): {"speech": "hud.dialogue_box"},
    ("card", "frame"): {"toast": "hud.notification", "glass": "hud.panel", "plate": "hud.panel"},
    ("text_input", "input_type"): {"chat": "hud.chat_input"},
    ("icon", "buff"): {True: "hud.buff_icon"},
}
# What each primitive is in the canonical taxonomy (read back from what was drawn).
PRIMITIVE_CLASS = {
    "ui.button": "button",
    "ui.icon_button": "icon_button",
    "ui.link": "link",
    "ui.label": "text",
    "hud.floating_text": "text",
    "hud.chat_line": "text",
    "hud.kill_feed": "text",
    "ui.title": "heading",
    "ui.text_field": "text_input",
    "hud.chat_input": "text_input",
    "ui.checkbox": "checkbox",
    "ui.radio": "radio",
    "ui.toggle": "switch",
    "ui.slider": "slider",
    "ui.dropdown": "dropdown",
    "ui.stepper": "spinbox",
    "ui.date_field": "date_picker",
    "ui.tab": "tab",
    "ui.menu_entry": "menu_item",
    "ui.list_row": "list_item",
    "ui.table": "table",
    "hud.bar": "progress_bar",
    "ui.scrollbar": "scrollbar",
    "ui.picture": "image",
    "hud.portrait": "image",
    "hud.joystick": "image",
    "hud.item_art": "image",
    "ui.icon": "icon",
    "hud.buff_icon": "icon",
    "ui.panel": "card",
    "hud.panel": "card",
    "hud.notification": "card",
    "ui.bar": "toolbar",
    "hud.hotbar": "toolbar",
    "ui.window": "dialog",
    "hud.dialogue_box": "dialog",
    "ui.tooltip": "tooltip",
    "ui.badge": "badge",
    "ui.page_dots": "page_indicator",
    "hud.minimap": "minimap",
    "hud.slot": "inventory_slot",
    "hud.counter": "resource_counter",
    "hud.crosshair": "crosshair",
}


def source_type(n: Node) -> str:
    """The primitive that draws `n`, qualified by its kind where it has one: 'hud.bar[health]'."""
    if n.role in STRUCTURAL_ROLES:
        return f"layout.{n.role}"
    if n.role not in ROLE_PRIMITIVE:
        raise RendererError(f"game renderer cannot draw role {n.role!r} (node {n.id})")
    base, qualifier = ROLE_PRIMITIVE[n.role]
    for (role, prop), table in SPECIAL.items():
        if role == n.role and n.props.get(prop) in table:
            base = table[n.props[prop]]
    value = n.props.get(qualifier) if qualifier else None
    if n.role == "inventory_slot" and n.props.get("cooldown"):
        value = "cooldown"
    return f"{base}[{value}]" if value not in (None, "") and isinstance(value, (str, int)) else base


def canonical_class(source: str) -> str | None:
    """Canonical class of a drawn primitive, None for layout structure."""
    if source.startswith("layout."):
        return None
    return PRIMITIVE_CLASS[source.split("[", 1)[0]]


def painters() -> dict[str, Callable]:
    """role -> painter(cv, node, rect, where); imported lazily (they need pygame)."""
    from renderers.game import paint_controls as c, paint_hud as h, paint_panels as p

    def text(cv, n, r, where):
        (h.floating if floating_text(n) else p.label)(cv, n, r, where)

    table = {
        "button": c.button,
        "icon_button": c.icon_button,
        "link": c.link,
        "text": text,
        "heading": p.label,
        "text_input": c.field,
        "checkbox": c.check,
        "radio": c.check,
        "switch": c.switch,
        "slider": c.slider,
        "dropdown": c.chooser,
        "spinbox": c.chooser,
        "date_picker": c.chooser,
        "tab": c.tab,
        "menu_item": c.menu_item,
        "list_item": p.list_row,
        "table": p.table,
        "progress_bar": h.bar,
        "scrollbar": c.scrollbar,
        "image": p.image,
        "icon": p.icon,
        "card": p.card,
        "toolbar": p.toolbar,
        "dialog": p.dialog,
        "tooltip": p.tooltip,
        "badge": c.badge,
        "page_indicator": c.page_dots,
        "minimap": h.minimap,
        "inventory_slot": h.slot,
        "resource_counter": h.counter,
        "crosshair": h.crosshair,
    }
    assert set(table) == set(ROLE_PRIMITIVE), "every primitive needs a painter"
    return table


def floating_text(n: Node) -> bool:
    """Damage numbers and other combat text floating over the scene."""
    return n.role == "text" and n.props.get("variant") in FLOATING


FLOATING = tuple(k for k, v in SPECIAL[("text", "variant")].items() if v == "hud.floating_text")
