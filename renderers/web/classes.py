"""DOM source type -> canonical class: the web renderer's half of the taxonomy mapping.

The class is read from what the browser sees (tag, ARIA role, input type, aria-roledescription), not
copied from the layout; tests check that the two agree for every role the grammars produce.
"""

from __future__ import annotations

from typing import Mapping

ROLE_CLASS = {
    "checkbox": "checkbox", "radio": "radio", "switch": "switch", "slider": "slider", "combobox": "dropdown",
    "listbox": "dropdown", "spinbutton": "spinbox", "tab": "tab", "menuitem": "menu_item", "listitem": "list_item",
    "row": "list_item", "option": "list_item", "table": "table", "grid": "table", "progressbar": "progress_bar",
    "scrollbar": "scrollbar", "region": "card", "article": "card", "toolbar": "toolbar", "navigation": "toolbar",
    "banner": "toolbar", "menubar": "toolbar", "dialog": "dialog", "alertdialog": "dialog", "tooltip": "tooltip",
    "status": "badge", "link": "link", "heading": "heading", "textbox": "text_input", "searchbox": "text_input",
    "img": "icon",
}
TAG_CLASS = {
    "a": "link", "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading",
    "h6": "heading", "textarea": "text_input", "select": "dropdown", "table": "table", "tr": "list_item",
    "li": "list_item", "progress": "progress_bar", "img": "image", "section": "card", "article": "card",
    "header": "toolbar", "nav": "toolbar", "dialog": "dialog", "span": "text", "p": "text", "label": "text",
    "small": "text", "strong": "text", "em": "text", "b": "text",
}
# Classes whose box is the extent of their text, not of their element (a heading block stretched across its column
# is as wide as its words): the real-page labeller (label_dom.js) boxes text and headings so, and a link of a real
# page is mostly an inline box, its words' extent (our links are flex items, stretched and a line-height tall);
# real pages are what a detector is pointed at (benchmarks/README.md, "Label conventions"). The grammars' links
# show only their text (a menu item or a tab drawn as <a> has a role of its own and keeps its element's box). A
# padded link (a navbar's) is its words grown by its padding and border, as a real inline <a>'s box is.
TEXT_EXTENT = ("text", "heading", "link")
INPUT_CLASS = {"range": "slider", "date": "date_picker", "datetime-local": "date_picker", "checkbox": "checkbox",
               "radio": "radio", "number": "spinbox"}


def source_type(m: Mapping) -> str:
    """A readable source type: tag plus the attributes that decided the class, e.g. 'div[role=checkbox]'."""
    s = m["tag"]
    if m.get("type"):
        s += f"[type={m['type']}]"
    if m.get("role"):
        s += f"[role={m['role']}]"
    if m.get("roledesc"):
        s += f"[roledescription={m['roledesc']}]"
    return s


def canonical_class(m: Mapping) -> str | None:
    """Canonical class of a measured DOM element, or None for structure (div wrappers, rows, grids)."""
    tag, role = m["tag"], m.get("role", "")
    if m.get("roledesc") == "page indicator":
        return "page_indicator"
    if tag == "input" or m.get("field"):  # or a web component measured as the native field in its shadow tree
        return INPUT_CLASS.get(m.get("type", ""), "text_input")
    if tag == "button" or role == "button":
        if role and role != "button":
            return ROLE_CLASS.get(role)
        return "button" if m.get("text") else "icon_button"
    if role in ROLE_CLASS:
        return ROLE_CLASS[role]
    return TAG_CLASS.get(tag)


def text_extent_sources() -> dict[str, list[str]]:
    """Tags and ARIA roles that may map to a TEXT_EXTENT class: the measuring script boxes their text for them."""
    return {"tags": sorted(t for t, c in TAG_CLASS.items() if c in TEXT_EXTENT),
            "roles": sorted(r for r, c in ROLE_CLASS.items() if c in TEXT_EXTENT)}
