"""Grammar machinery: a context carrying the sample's RNG and content, weighted rules, and the registry."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Sequence, TypeVar

from factory.core.content import Content
from factory.core.layout import Layout, Node
from factory.core.registry import Registry, submodules

T = TypeVar("T")
FORM_FACTORS = ("desktop", "mobile")


class Ctx:
    """Everything a rule may use: the sample's RNG, its content, the form factor and an id counter.

    Node ids are handed out in creation order, so the same seed always gives the same ids.
    """

    def __init__(self, rng: random.Random, content: Content, form_factor: str):
        if form_factor not in FORM_FACTORS:
            raise ValueError(f"form_factor must be one of {FORM_FACTORS}, got {form_factor!r}")
        self.rng = rng
        self.content = content
        self.form_factor = form_factor
        self._next_id = 0

    @property
    def mobile(self) -> bool:
        return self.form_factor == "mobile"

    def node(self, role: str, text: str = "", children: Sequence[Node] = (),
             intent: Mapping[str, Any] | None = None, state: Mapping[str, bool] | None = None,
             **props: Any) -> Node:
        nid = f"n{self._next_id}"
        self._next_id += 1
        if state:
            props["state"] = {k: v for k, v in sorted(state.items()) if v}
        props = {k: v for k, v in props.items() if v is not None and v != {}}
        return Node(id=nid, role=role, text=text, props=props, intent=dict(intent or {}),
                    children=tuple(c for c in children if c is not None))

    # --- weighted choices: every random decision goes through the sample's RNG ---
    def choose(self, weighted: Mapping[T, float]) -> T:
        items = list(weighted.items())
        return self.rng.choices([k for k, _ in items], weights=[w for _, w in items], k=1)[0]

    def pick(self, seq: Sequence[T]) -> T:
        return seq[self.rng.randrange(len(seq))]

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def between(self, low: int, high: int) -> int:
        return self.rng.randint(low, high)

    def repeat(self, low: int, high: int, rule: Callable[["Ctx"], Node]) -> list[Node]:
        return [rule(self) for _ in range(self.between(low, high))]


@dataclass(frozen=True)
class Grammar:
    """A screen family: `build(ctx)` returns the root node of one screen."""

    name: str
    build: Callable[[Ctx], Node]
    description: str
    renderers: tuple[str, ...] = ("web",)

    def generate(self, rng: random.Random, content: Content, form_factor: str) -> Layout:
        ctx = Ctx(rng, content, form_factor)
        root = self.build(ctx)
        if root.role != "screen":
            raise ValueError(f"grammar {self.name} must return a 'screen' root, got {root.role!r}")
        return Layout(grammar=self.name, root=root, locale=content.locale, form_factor=form_factor)


GRAMMARS: Registry[Grammar] = Registry("grammar", loader=submodules("factory.grammars", skip=("base", "rules")))


def register(grammar: Grammar) -> Grammar:
    return GRAMMARS.register(grammar.name, grammar)
