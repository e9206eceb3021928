"""The renderer-independent Layout tree: what a grammar produces and every renderer consumes.

A Layout is pure data: frozen nodes with a stable id, a role, text, properties and layout
intent (direction, gap, weight), never pixels. It round-trips through JSON exactly.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Iterator, Mapping

from factory.core.taxonomy import CLASSES

# Structural roles arrange children; they are not annotated themselves.
STRUCTURAL_ROLES = ("screen", "row", "column", "grid", "overlay", "spacer")
ROLES = frozenset(CLASSES) | frozenset(STRUCTURAL_ROLES)
# How a text may set some of its words apart (its prop `marks`, rules.paragraph): inline code, bold, italic,
# highlighted, keys. They are part of the text, not elements of their own.
TEXT_MARKS = frozenset({"code", "strong", "em", "mark", "kbd"})
# A code line's tokens as a highlighter colours them (prop `marks` too, grammars/docs.code_block): keyword, function
# name, string, number, comment.
SYNTAX_MARKS = frozenset({"kw", "fn", "str", "num", "com"})
# The looks a block may take (its prop `look`, drawn as classes look-<look>): an API reference page's (its `apiref`
# block, grammars/docs_reference: its links bold, its links not underlined, its signatures on a tinted band) and a code
# block's (grammars/docs.code_block: dark words on a pale tint, as light themes draw code, rather than light on dark).
BLOCK_LOOKS = frozenset({"strong", "plain", "band", "light"})
# How a website draws the links of its page (a screen's props `link_colour`, `link_line`, `link_hue`, `link_pad`;
# grammars/site_rules.link_look), where it does not leave them as its style draws them: in the colour of the words
# around them (ink) or a hue of the site's own (`link_hue`, degrees), not underlined, underlined or dotted.
LINK_COLOURS = frozenset({"ink", "hue"})
LINK_LINES = frozenset({"none", "solid", "dotted"})
LINK_HUES = tuple(range(0, 360, 30))
# ...and how it pads the links of its lists (prop `link_pad`: the docs sidebar, the table of contents, the footer's
# columns), as docs sidebars and nav lists do (Spectre .2rem .4rem, Bootstrap's nav links .375rem .75rem): the
# real-world labeller boxes such an <a> with its padding, and so does ours.
LINK_PADS = frozenset({"sm", "md"})
LINK_PROPS = ("link_colour", "link_line", "link_hue", "link_pad")


@dataclass(frozen=True)
class Node:
    """One node of a layout tree.

    `props` holds role-specific properties (placeholder, value, icon, variant, level, state...);
    `intent` holds layout intent only: direction ('row'|'column'), gap (spacing steps),
    weight (flex grow), align, columns (for grids). Never pixels.
    """

    id: str
    role: str
    text: str = ""
    props: Mapping[str, Any] = field(default_factory=dict)
    intent: Mapping[str, Any] = field(default_factory=dict)
    children: tuple["Node", ...] = ()

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"unknown layout role {self.role!r} on node {self.id}; known: {sorted(ROLES)}")

    @property
    def state(self) -> Mapping[str, bool]:
        return self.props.get("state", {})

    def walk(self, depth: int = 0) -> Iterator[tuple["Node", int]]:
        """Depth-first pre-order walk yielding (node, depth)."""
        yield self, depth
        for child in self.children:
            yield from child.walk(depth + 1)

    def to_dict(self) -> dict:
        d: dict[str, Any] = {"id": self.id, "role": self.role}
        if self.text:
            d["text"] = self.text
        if self.props:
            d["props"] = dict(self.props)
        if self.intent:
            d["intent"] = dict(self.intent)
        if self.children:
            d["children"] = [c.to_dict() for c in self.children]
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Node":
        return cls(
            id=d["id"],
            role=d["role"],
            text=d.get("text", ""),
            props=d.get("props", {}),
            intent=d.get("intent", {}),
            children=tuple(cls.from_dict(c) for c in d.get("children", ())),
        )


@dataclass(frozen=True)
class Layout:
    """A whole screen: the root node plus what the grammar decided about it."""

    grammar: str
    root: Node
    locale: str
    form_factor: str  # 'desktop' | 'mobile'

    def nodes(self) -> Iterator[tuple[Node, int]]:
        return self.root.walk()

    def depth(self) -> int:
        return max(d for _, d in self.nodes())

    def to_json(self) -> str:
        return json.dumps(
            {"grammar": self.grammar, "locale": self.locale, "form_factor": self.form_factor,
             "root": self.root.to_dict()},
            ensure_ascii=False, sort_keys=True, separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, s: str) -> "Layout":
        d = json.loads(s)
        return cls(grammar=d["grammar"], root=Node.from_dict(d["root"]), locale=d["locale"],
                   form_factor=d["form_factor"])
