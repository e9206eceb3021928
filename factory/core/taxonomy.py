"""The canonical, closed, append-only UI element classes and their mappings to public taxonomies.

Class ids are stable once shards exist: new classes are appended to data/taxonomy/classes.csv,
never inserted or renamed. Mapping tables (data/taxonomy/<name>.csv) send every canonical class to
a public dataset's class or to the explicit IGNORE value.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

IGNORE = "__ignore__"


@dataclass(frozen=True)
class ElementClass:
    id: int
    name: str
    interactable: bool
    description: str


def _read_csv(name: str) -> list[dict[str, str]]:
    text = resources.files("factory.data.taxonomy").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def _load_classes() -> tuple[ElementClass, ...]:
    rows = _read_csv("classes.csv")
    classes = tuple(
        ElementClass(int(r["id"]), r["name"], r["interactable"] == "true", r["description"]) for r in rows
    )
    if [c.id for c in classes] != list(range(len(classes))):
        raise RuntimeError("taxonomy classes.csv ids must be 0..N-1 in order")
    return classes


ELEMENT_CLASSES: tuple[ElementClass, ...] = _load_classes()
CLASSES: tuple[str, ...] = tuple(c.name for c in ELEMENT_CLASSES)
CLASS_ID: dict[str, int] = {c.name: c.id for c in ELEMENT_CLASSES}
INTERACTABLE: frozenset[str] = frozenset(c.name for c in ELEMENT_CLASSES if c.interactable)

MAPPINGS = ("rico", "clay", "vins", "interactable")


@lru_cache(maxsize=None)
def mapping(name: str) -> dict[str, str]:
    """Canonical class -> target class (or IGNORE) for a public taxonomy, or 'canonical' (identity)."""
    if name == "canonical":
        return {c: c for c in CLASSES}
    if name == "interactable":
        return {c: ("interactable" if c in INTERACTABLE else IGNORE) for c in CLASSES}
    if name not in MAPPINGS:
        raise ValueError(f"unknown taxonomy {name!r}; choose one of: canonical, {', '.join(MAPPINGS)}")
    rows = _read_csv(f"{name}.csv")
    table = {r["canonical"]: r[name] for r in rows}
    missing = set(CLASSES) - set(table)
    if missing:
        raise RuntimeError(f"mapping table {name}.csv lacks canonical classes {sorted(missing)}")
    return table


def target_classes(name: str) -> list[str]:
    """The target taxonomy's class names in a stable order (first appearance), IGNORE left out."""
    seen: dict[str, None] = {}
    for c in CLASSES:
        t = mapping(name)[c]
        if t != IGNORE:
            seen.setdefault(t, None)
    return list(seen)
