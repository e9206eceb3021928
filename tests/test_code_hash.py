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
from tests.test_render_safety import GAME, cli, run_record


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
    for package in code_hash.PACKAGES:
        skip = shutil.ignore_patterns("node_modules", "__pycache__")
        shutil.copytree(ROOT / package, tmp_path / package, ignore=skip)
    assert _hash_in(tmp_path) == code_hash.code_sha256(), "same files, same hash, whatever directory holds them"
    grammar = sorted((tmp_path / "factory" / "grammars").glob("*.py"))[-1]
    grammar.write_text(grammar.read_text() + "\n")
    assert _hash_in(tmp_path) != code_hash.code_sha256()


def test_a_resume_after_a_code_change_renders_every_shard_again(tmp_path, monkeypatch):
    out = tmp_path / "game"
    assert cli(*GAME, "--count", "4", "--out", out).exit_code == 0
    first = json.loads((out / "manifest.json").read_text())["config"]["code_sha256"]
    assert first == code_hash.code_sha256()
    again = cli(*GAME, "--count", "4", "--out", out)
    assert again.exit_code == 0 and run_record(out)["reused_shards"] == 2, "same code: finished shards are kept"

    monkeypatch.setattr("factory.config.code_sha256", lambda: "0" * 64)  # as if a grammar had been edited
    edited = cli(*GAME, "--count", "4", "--out", out)
    assert edited.exit_code == 0, edited.output
    assert (run_record(out)["reused_shards"], run_record(out)["rendered_shards"]) == (0, 2)
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["config"]["code_sha256"] == "0" * 64
    assert len({s["fingerprint"] for s in manifest["shards"]}) == 1, "one generator per dataset"
