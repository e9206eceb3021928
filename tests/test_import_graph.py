"""The packages depend on each other in one direction: a new sideways or upward import fails here.

Layers, bottom to top: the core (factory/core: data model, registry, schema, errors...); beside each other on
it, renderers, annotators and the trainer; the pipeline (grammars, sampling, workers, shards, the dataset
tools) on the core, renderers and annotators; the CLI on top of all. Every import counts, also one inside a
function (those hid cycles before), read from the source with `ast` without importing anything.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

from tests.conftest import ROOT

PACKAGES = ("factory", "renderers", "annotators", "trainer")
ALLOWED = {  # layer -> the layers it may import
    "core": {"core"},
    "renderers": {"core", "renderers"},
    "annotators": {"core", "annotators"},
    "trainer": {"core", "trainer"},
    "pipeline": {"core", "renderers", "annotators", "pipeline"},
    "cli": {"core", "renderers", "annotators", "trainer", "pipeline", "cli"},
}


def layer(module: str) -> str:
    parts = module.split(".")
    if parts[0] != "factory":
        return parts[0]
    if module == "factory" or parts[1] == "core":
        return "core"  # the package's __init__ holds only __version__
    return "cli" if parts[1] == "__main__" or parts[1].startswith("cli") else "pipeline"


def imports(root: Path = ROOT) -> dict[str, set[str]]:
    """module -> our modules it imports (anywhere in the file)."""
    found: dict[str, set[str]] = defaultdict(set)
    for pkg in PACKAGES:
        for f in sorted((root / pkg).rglob("*.py")):
            module = ".".join(f.relative_to(root).with_suffix("").parts).removesuffix(".__init__")
            for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"), str(f))):
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module] + ([f"{node.module}.{a.name}" for a in node.names]
                                             if node.module in PACKAGES else [])
                else:
                    continue
                found[module] |= {n for n in names if n.split(".")[0] in PACKAGES}
    return found


def against_layers(root: Path = ROOT) -> list[str]:
    return sorted(f"{m} ({layer(m)}) imports {n} ({layer(n)})" for m, ns in imports(root).items() for n in ns
                  if layer(n) not in ALLOWED[layer(m)])


def layer_cycles(root: Path = ROOT) -> list[tuple[str, str]]:
    edges = defaultdict(set)
    for m, ns in imports(root).items():
        for n in ns:
            if layer(m) != layer(n):
                edges[layer(m)].add(layer(n))
    return sorted((a, b) for a in edges for b in edges[a] if a < b and a in edges.get(b, ()))


def test_every_import_points_down_the_layers():
    wrong = against_layers()
    assert not wrong, "imports against the layering:\n" + "\n".join(wrong)


def test_no_cycle_between_layers():
    assert not layer_cycles(), f"layers importing each other: {layer_cycles()}"


def test_a_sideways_or_hidden_import_is_caught(tmp_path):
    """A renderer importing the pipeline inside a function, and the core importing the trainer, are found."""
    (tmp_path / "renderers" / "web").mkdir(parents=True)
    (tmp_path / "factory" / "core").mkdir(parents=True)
    (tmp_path / "renderers" / "web" / "html.py").write_text("def f():\n    from factory.worker import shard_name\n")
    (tmp_path / "factory" / "core" / "layout.py").write_text("import trainer.config\n")
    (tmp_path / "factory" / "worker.py").write_text("from renderers.web import html\n")
    assert against_layers(tmp_path) == ["factory.core.layout (core) imports trainer.config (trainer)",
                                        "renderers.web.html (renderers) imports factory.worker (pipeline)"]
    assert layer_cycles(tmp_path) == [("pipeline", "renderers")]
