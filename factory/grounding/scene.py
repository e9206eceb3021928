"""One sample's document read as a screen: the element tree and, per element, what it is called (noun), its
name (own text, associated label, shown value or icon), the containers that can say where it is, and what a
user does with it (action). Language-free: factory.grounding.phrases puts it into words.

The document holds canonical classes, source types, states and visible boxes, not the layout's properties, so
names come from what is on screen: an icon button has no name unless its source type names its icon (game
HUD primitives such as `ui.icon_button[mail]`) or it is one of a title bar's three window buttons.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from factory.core.content import ui_words

# What users call each targetable class; "item" and "menu_item" are refined by where the element sits.
NOUNS = {"button": "button", "icon_button": "icon_button", "link": "link", "text_input": "field",
         "checkbox": "checkbox", "radio": "radio", "switch": "switch", "slider": "slider", "dropdown": "dropdown",
         "spinbox": "spinbox", "date_picker": "date_picker", "tab": "tab", "menu_item": "menu_item",
         "list_item": "item", "scrollbar": "scrollbar", "inventory_slot": "slot", "page_indicator": "page_indicator",
         "minimap": "minimap"}
LABELLED = ("text_input", "dropdown", "spinbox", "date_picker", "slider", "switch", "checkbox")  # a label names them
# Named by the words right after them on their line, as on real pages (<input> then its <label>); web screens draw a
# labelled one so (factory.core.check_labels: the control, then a text sibling of its words).
LABELLED_AFTER = ("checkbox", "radio", "switch")
SHOWS_VALUE = ("text_input", "dropdown", "spinbox", "date_picker", "slider", "inventory_slot")  # their text: a value
PURPOSES = ("email", "password", "confirm_password", "name", "search")  # UI words whose field says what to type
MAX_NAME = 60  # a longer text is a sentence, not a name to quote
MAX_LABEL = 40
SENTENCE_END = (".", "。", "!", "?", "！", "？", "…")
ICON = re.compile(r"icon_button\[([a-z0-9-]{1,30})\]")
WINDOW_BUTTONS = ("minimize", "maximize", "close")  # a title bar's icon buttons, left to right


def norm(text: object) -> str:
    """Text as shown on one line: whitespace runs become one space."""
    return " ".join(str(text).split())


@dataclass(frozen=True)
class Container:
    """Where an element is: kind (dialog, card, panel, top_bar, sidebar, menu_bar, title_bar, status_bar, hotbar,
    toolbar, bottom_bar, table, table_header, row, item, menu) and its name where it has one."""

    kind: str
    name: str = ""


class Screen:
    """A sample's document with its tree; element ids are unique (the exporter checks it first)."""

    def __init__(self, doc: dict):
        self.key, self.seed, self.renderer = doc["key"], doc["seed"], doc["renderer"]
        self.w, self.h = doc["width"], doc["height"]
        locale = doc["factors"].get("locale")
        self.locale = locale if isinstance(locale, str) else ""
        self.words = ui_words(self.locale)
        self.elements: list[dict] = doc["elements"]
        self.by_id = {e["id"]: e for e in self.elements}
        self.children: dict[int | None, list[dict]] = {}
        for e in self.elements:
            parent = e["parent"] if e["parent"] in self.by_id and e["parent"] != e["id"] else None
            self.children.setdefault(parent, []).append(e)
        self.control_words: set[int] = set()  # set by _labels
        self.labels = self._labels()
        self._places: dict[int, list[tuple[Container, int]]] = {}

    def parent(self, e: dict) -> dict | None:
        return self.by_id.get(e["parent"]) if e["parent"] != e["id"] else None

    def ancestors(self, e: dict) -> Iterator[dict]:
        """Parent, grandparent...; stops at a cycle (a hostile document) instead of looping."""
        seen = {e["id"]}
        p = self.parent(e)
        while p is not None and p["id"] not in seen:
            yield p
            seen.add(p["id"])
            p = self.parent(p)

    # --- what an element is called --------------------------------------------------------------------------
    def noun(self, e: dict) -> str | None:
        cls = e["class"]
        if cls not in NOUNS:
            return "element" if e["interactable"] else None
        parent = self.parent(e)
        if cls == "text_input" and ("search" in e["source_type"].lower()
                                    or norm(e["text"]) in (self.words.get("search"), "Search")):
            return "search_box"
        if cls == "menu_item" and parent is not None and parent["class"] == "toolbar" \
                and self.toolbar_kind(parent) == "menu_bar":
            return "menu"
        if cls == "list_item" and parent is not None and parent["class"] == "table":
            return "row"
        return NOUNS[cls]

    def name(self, e: dict) -> tuple[str, str]:
        """(name, kind): kind "text" (its own text or its label), "value" (what it shows), "icon", or ("", "")."""
        cls, own = e["class"], norm(e["text"])
        label = self.labels.get(e["id"], "")
        if label:
            found = label, "text"
        elif cls == "icon_button":
            found = self._icon(e), "icon"
        elif cls == "text_input" and own and not e["state"].get("filled"):
            # the placeholder, shown while the field is empty; "Search" in a search box says nothing more
            found = ("", "") if own in (self.words.get("search"), "Search") else (own, "text")
        elif cls in SHOWS_VALUE:
            found = own, "value"
        elif cls == "list_item" and not own:
            found = self._first_text(e, deep=True), "text"
        else:
            found = own, "text"
        return found if found[0] and len(found[0]) <= MAX_NAME else ("", "")

    def _icon(self, e: dict) -> str:
        m = ICON.search(e["source_type"])
        if m:
            return m.group(1).replace("-", " ")
        parent = self.parent(e)
        if parent is not None and "[titlebar]" in parent["source_type"]:
            buttons = [c["id"] for c in self.children.get(parent["id"], []) if c["class"] == "icon_button"]
            if len(buttons) == len(WINDOW_BUTTONS):
                return WINDOW_BUTTONS[buttons.index(e["id"])]
        return ""

    def _first_text(self, e: dict, deep: bool = False) -> str:
        """The first short text among the children (with `deep`, among all descendants) of `e`."""
        for c in self.children.get(e["id"], []):
            if c["class"] in ("text", "heading", "link") and 0 < len(norm(c["text"])) <= MAX_LABEL \
                    and c["id"] not in self.control_words:
                return norm(c["text"])
            if deep:
                found = self._first_text(c, deep)
                if found:
                    return found
        return ""

    def _title(self, e: dict) -> str:
        for c in self.children.get(e["id"], []):
            if c["class"] == "heading" and 0 < len(norm(c["text"])) <= MAX_NAME:
                return norm(c["text"])
        return ""

    def purpose(self, e: dict) -> str:
        """What a text field asks for ("email", "password"...) where its name is that UI word of the locale."""
        name = self.name(e)[0]
        found = [k for k in PURPOSES if name and self.words.get(k) == name]
        return found[0] if found else ("search" if self.noun(e) == "search_box" else "")

    def action(self, e: dict) -> str:
        cls, state = e["class"], e["state"]
        if cls == "checkbox":
            return "uncheck" if state.get("checked") else "check"
        if cls == "switch":
            return "turn_off" if state.get("checked") else "turn_on"
        if cls == "radio":
            return "click" if state.get("checked") else "select"
        if cls == "tab":
            return "click" if state.get("selected") else "open_tab"
        if cls == "menu_item":
            if self.noun(e) == "menu":
                return "close_menu" if state.get("expanded") else "open_menu"
            return "choose"
        if cls == "list_item":
            return {False: "expand", True: "collapse"}.get(state.get("expanded"), "select_item")
        return {"text_input": "type", "link": "follow", "slider": "drag", "scrollbar": "scroll", "dropdown": "open",
                "spinbox": "set", "date_picker": "pick_date", "inventory_slot": "use"}.get(cls, "click")

    # --- label association ------------------------------------------------------------------------------------
    def _labels(self) -> dict[int, str]:
        """control id -> the text naming it: a short text sibling left of it on its line or just above it, with
        nothing between; each label names one control and each control has one label (closest pairs first). Words
        right after a checkbox, radio or switch on its line are its label before anything else: a checkbox's own
        words never name the field below it."""
        labels: dict[int, str] = {}
        used: set[int] = set()
        after = []
        for siblings in self.children.values():
            texts = [t for t in siblings if t["class"] == "text" and _label_like(t["text"])]
            for c in siblings:
                if c["class"] in LABELLED_AFTER:
                    own = norm(c["text"])
                    for t in texts:
                        if own and norm(t["text"]) != own:
                            continue  # a control with words of its own is named by them (Qt draws its text itself)
                        gap = _after_gap(c["bbox"], t["bbox"])
                        if gap is not None and not _between(t, c, siblings):
                            after.append((gap, c["id"], t["id"]))
        for _, cid, tid in sorted(after):
            if cid not in labels and tid not in used:
                labels[cid] = norm(self.by_id[tid]["text"]).rstrip(":：")
                used.add(tid)
        self.control_words = set(used)  # a checkbox's words: they name no card or item either
        pairs = []
        for siblings in self.children.values():
            texts = [t for t in siblings if t["class"] == "text" and _label_like(t["text"]) and t["id"] not in used]
            for c in siblings:
                if c["class"] not in LABELLED or (c["class"] in ("switch", "checkbox") and norm(c["text"])):
                    continue
                for t in texts:
                    gap = _label_gap(t["bbox"], c["bbox"], self.w)
                    if gap is not None and not _between(t, c, siblings):
                        pairs.append((gap, c["id"], t["id"]))
        for _, cid, tid in sorted(pairs):
            if cid not in labels and tid not in used:
                labels[cid] = norm(self.by_id[tid]["text"]).rstrip(":：")
                used.add(tid)
        return labels

    # --- containers -------------------------------------------------------------------------------------------
    def containers(self, e: dict) -> list[tuple[Container, int]]:
        """The named places `e` is in, nearest first, each with the id of the element that is that place."""
        if e["id"] in self._places:
            return self._places[e["id"]]
        found, child = [], e
        for a in self.ancestors(e):
            c = self._container(a, child)
            if c is not None:
                found.append((c, a["id"]))
            child = a
        self._places[e["id"]] = found
        return found

    def _container(self, a: dict, child: dict) -> Container | None:
        cls = a["class"]
        if cls == "dialog":
            return Container("dialog", self._title(a))
        if cls == "card":
            name = self._title(a) or self._first_text(a)
            return Container("card" if self.renderer == "web" else "panel", name) if name else None
        if cls == "toolbar":
            return Container(self.toolbar_kind(a))
        if cls == "table":
            rows = [r["bbox"][1] for r in self.children.get(a["id"], []) if r["class"] == "list_item"]
            head = child["class"] != "list_item" and rows and child["bbox"][1] + child["bbox"][3] <= min(rows) + 2
            return Container("table_header" if head else "table")
        if cls == "list_item":
            name = norm(a["text"]) or self._first_text(a, deep=True)
            if not name or len(name) > MAX_NAME:
                return None
            parent = self.parent(a)
            return Container("row" if parent is not None and parent["class"] == "table" else "item", name)
        if cls == "menu_item" and self.children.get(a["id"]) and 0 < len(norm(a["text"])) <= MAX_NAME:
            return Container("menu", norm(a["text"]))
        return None

    def toolbar_kind(self, a: dict) -> str:
        st = a["source_type"].lower()
        for word, kind in (("titlebar", "title_bar"), ("menubar", "menu_bar"), ("statusbar", "status_bar"),
                           ("hotbar", "hotbar")):
            if word in st:
                return kind
        x, y, w, h = a["bbox"]
        if h >= 0.4 * self.h and w < 0.5 * self.w:
            return "sidebar"
        if w >= 0.6 * self.w and "qtoolbar" not in st:  # Qt's tool bars are called tool bars wherever they are
            if y <= 0.1 * self.h:
                return "top_bar"
            if y + h >= 0.9 * self.h:
                return "bottom_bar"
        return "toolbar"

    def region(self, e: dict) -> str:
        """Which ninth of the screen holds the centre of the visible box."""
        x, y, w, h = e["bbox"]
        col = min(2, int(3 * (x + w / 2) / self.w))
        row = min(2, int(3 * (y + h / 2) / self.h))
        return REGIONS[row][col]


REGIONS = (("top-left", "top", "top-right"), ("left", "center", "right"),
           ("bottom-left", "bottom", "bottom-right"))


def _label_like(text: object) -> bool:
    t = norm(text)
    return 0 < len(t) <= MAX_LABEL and len(t.split()) <= 6 and not t.endswith(SENTENCE_END)


def _label_gap(label: list[int], control: list[int], screen_w: int) -> int | None:
    """Distance from a label left of the control on its line, or above it over the same columns; None if neither."""
    lx, ly, lw, lh = label
    cx, cy, cw, ch = control
    if lx + lw <= cx + 2 and ly < cy + ch and cy < ly + lh and cx - (lx + lw) <= screen_w // 2:
        return max(0, cx - (lx + lw))
    if ly + lh <= cy + 2 and lx < cx + cw and cx < lx + lw and cy - (ly + lh) <= max(ch, 16) * 1.5:
        return max(0, cy - (ly + lh))
    return None


def _after_gap(control: list[int], label: list[int]) -> int | None:
    """Distance from a checkbox, radio or switch to words right after it on its line (at most 3 of its widths or
    40 px away), or None."""
    cx, cy, cw, ch = control
    lx, ly, lw, lh = label
    if cx + cw <= lx + 2 and ly < cy + ch and cy < ly + lh and lx - (cx + cw) <= max(40, 3 * cw):
        return max(0, lx - (cx + cw))
    return None


def _between(t: dict, c: dict, siblings: list[dict]) -> bool:
    """Whether another sibling lies in the gap between label `t` and control `c`."""
    lx, ly, lw, lh = t["bbox"]
    cx, cy, cw, ch = c["bbox"]
    if lx + lw <= cx + 2 and ly < cy + ch and cy < ly + lh:  # beside: the band between them on their line
        gap = (lx + lw, max(ly, cy), cx, min(ly + lh, cy + ch))
    elif cx + cw <= lx + 2 and ly < cy + ch and cy < ly + lh:  # after (a checkbox's words): the band between them
        gap = (cx + cw, max(ly, cy), lx, min(ly + lh, cy + ch))
    else:  # above: the band between them over their shared columns
        gap = (max(lx, cx), ly + lh, min(lx + lw, cx + cw), cy)
    for s in siblings:
        if s is t or s is c:
            continue
        sx, sy, sw, sh = s["bbox"]
        if sx < gap[2] and gap[0] < sx + sw and sy < gap[3] and gap[1] < sy + sh:
            return True
    return False
