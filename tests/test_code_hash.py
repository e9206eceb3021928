"""The code that draws is part of a shard's fingerprint: a resume after an edit renders again, never mixes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from factory import code_hash
from factory.config import RenderConfig
from tests.conftest import ROOT
from tests.test_render_safety import GAME, run_record


def _rel(package: str) -> set[str]:
    root = ROOT / package
    return {p.relative_to(root).as_posix() for p in code_hash.source_files(package)}


def test_the_hash_covers_what_draws_and_labels_and_skips_installed_and_cached_files():
    factory, renderers, annotators = _rel("factory"), _rel("renderers"), _rel("annotators")
    assert {"grammars/__init__.py", "sample.py", "config.py"} <= factory
    assert any(p.startswith("data/taxonomy/") for p in factory), "the taxonomy decides the labels"
    assert {"web/kits/package-lock.json", "web/kits/package.json", "web/measure.js", "png.py"} <= renderers
    assert any(p.endswith(".j2") for p in renderers) and any(p.startswith("game/") for p in renderers)
    assert "dom.py" in annotators
    every = factory | renderers | annotators
    assert not [p for p in every if "node_modules" in p or "__pycache__" in p or p.endswith(".pyc")]
    assert RenderConfig(renderer="game", style="pixel", count=1).resolved("v")["code_sha256"] == code_hash.code_sha256()


def _hash_in(tree: Path) -> str:
    """code_sha256 of the packages copied under `tree`, computed by a fresh interpreter importing them from there."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    out = subprocess.run([sys.executable, "-c", "import factory.code_hash as c, factory; "
                          "print(factory.__file__); print(c.code_sha256())"],
                         cwd=tree, env=env, capture_output=True, text=True, check=True).stdout.split()
    assert out[0] == str(tree / "factory" / "__init__.py"), "the copy, not the checkout, was imported"
    return out[1]


def test_one_edited_byte_in_a_grammar_changes_the_hash(tmp_path):
    _copy_packages(tmp_path)
    assert _hash_in(tmp_path) == code_hash.code_sha256(), "same files, same hash, whatever directory holds them"
    grammar = sorted((tmp_path / "factory" / "grammars").glob("*.py"))[-1]
    grammar.write_text(grammar.read_text() + "\n")
    assert _hash_in(tmp_path) != code_hash.code_sha256()


def _copy_packages(tree: Path) -> None:
    for package in code_hash.PACKAGES:
        shutil.copytree(ROOT / package, tree / package, ignore=shutil.ignore_patterns("node_modules", "__pycache__"))


def test_a_resume_after_a_code_change_renders_every_shard_again(tmp_path):
    """A real edit to a grammar between two runs, in a copy of the code that the render and its spawned workers
    import (PYTHONPATH): the resumed render draws every shard again with the new code, never a mix."""
    tree = tmp_path / "code"
    _copy_packages(tree)
    out = tmp_path / "game"

    def render() -> subprocess.CompletedProcess:
        env = {**os.environ, "PYTHONPATH": str(tree)}
        return subprocess.run([sys.executable, "-m", "factory", *GAME, "--count", "4", "--out", str(out)], cwd=tree,
                              env=env, capture_output=True, text=True, timeout=300)

    first_run = render()
    assert first_run.returncode == 0, first_run.stderr[-2000:]
    first = json.loads((out / "manifest.json").read_text())["config"]["code_sha256"]
    assert first == code_hash.code_sha256(), "the copy is the checkout's code"
    again = render()
    assert again.returncode == 0 and run_record(out)["reused_shards"] == 2, "same code: finished shards are kept"

    grammar = sorted((tree / "factory" / "grammars").glob("*.py"))[-1]
    grammar.write_text(grammar.read_text() + "\n")  # an edit that changes no sample, only the code
    edited = render()
    assert edited.returncode == 0, edited.stderr[-2000:]
    assert (run_record(out)["reused_shards"], run_record(out)["rendered_shards"]) == (0, 2)
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["config"]["code_sha256"] == _hash_in(tree) != first
    assert len({s["fingerprint"] for s in manifest["shards"]}) == 1, "one generator per dataset"
