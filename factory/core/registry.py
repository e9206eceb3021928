"""One small registry pattern for grammars, styles and renderers: register, create and list by name."""

from __future__ import annotations

import fnmatch
import importlib
import pkgutil
from typing import Callable, Generic, Iterator, TypeVar

T = TypeVar("T")


class UnknownName(KeyError):
    """Raised for a name that is not registered; its message lists the known names."""

    def __str__(self) -> str:  # KeyError quotes its message; we want it plain
        return str(self.args[0])


def submodules(package: str, skip: tuple[str, ...] = ()) -> Callable[[], None]:
    """A Registry loader: imports every module of `package` but `skip` (plugin modules register themselves)."""

    def load() -> None:
        for mod in pkgutil.iter_modules(importlib.import_module(package).__path__):
            if mod.name not in skip:
                importlib.import_module(f"{package}.{mod.name}")

    return load


class Registry(Generic[T]):
    def __init__(self, kind: str, loader: Callable[[], None] | None = None):
        self.kind = kind
        self._items: dict[str, T] = {}
        self._loader = loader  # imports the modules that register themselves, on first use
        self._loaded = False

    def _load(self) -> None:
        if not self._loaded and self._loader is not None:
            self._loaded = True
            self._loader()

    def register(self, name: str, item: T) -> T:
        if "." in name or not name:
            raise ValueError(f"{self.kind} name {name!r} must be non-empty and contain no dots")
        if name in self._items:
            raise ValueError(f"{self.kind} {name!r} is registered twice")
        self._items[name] = item
        return item

    def get(self, name: str) -> T:
        self._load()
        try:
            return self._items[name]
        except KeyError:
            known = ", ".join(sorted(self._items)) or "none"
            raise UnknownName(f"unknown {self.kind} {name!r}; known {self.kind}s: {known}") from None

    def names(self, pattern: str = "*") -> list[str]:
        self._load()
        return sorted(n for n in self._items if fnmatch.fnmatchcase(n, pattern))

    def __iter__(self) -> Iterator[str]:
        return iter(self.names())

    def __contains__(self, name: str) -> bool:
        self._load()
        return name in self._items
