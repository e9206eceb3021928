"""The CLI's promises: listing, scientific counts, and one clear error (exit 2) for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from factory.cli import Count, main
from tests.conftest import run_factory


def test_count_accepts_scientific_notation():
    c = Count()
    assert c.convert("1e6", None, None) == 1_000_000
    assert c.convert("2.5e3", None, None) == 2500
    assert c.convert("12", None, None) == 12


def test_list_json_names_renderers_styles_grammars():
    res = CliRunner().invoke(main, ["list", "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    web = data["renderers"]["web"]
    assert web["default_style"] == "material" and len(web["styles"]) >= 4
    assert len(web["grammars"]) >= 6


@pytest.mark.parametrize("args, message", [
    (["--style", "nope"], "unknown web style 'nope'"),
    (["--renderer", "nope"], "unknown renderer 'nope'"),
    (["--grammar", "nope"], "unknown grammar 'nope'"),
    (["--count", "-5"], "below the minimum"),
    (["--count", "0"], "below the minimum"),
    (["--count", "1.5"], "not a whole number"),
    (["--count", "lots"], "not a number"),
    (["--locale", "xx_XX"], "unknown locale 'xx_XX'"),
])
def test_bad_input_one_message_exit_2_nothing_left(tmp_path: Path, args, message):
    out = tmp_path / "never" / "created"
    res = run_factory("render", "--count", "3", *args, "--out", str(out))
    assert res.returncode == 2, res.stderr
    assert message in res.stderr
    assert "Traceback" not in res.stderr
    assert not (tmp_path / "never").exists()


def test_unwritable_out(tmp_path: Path):
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    for out in (blocker / "sub", Path("/proc/gui-factory-test")):
        res = run_factory("render", "--count", "3", "--out", str(out))
        assert res.returncode == 2, res.stderr
        assert "cannot write to --out" in res.stderr and "Traceback" not in res.stderr


def test_help_does_not_import_heavy_modules():
    import subprocess
    import sys

    code = ("import sys; from factory.cli import main; import click.testing as t; "
            "r = t.CliRunner().invoke(main, ['--help']); assert r.exit_code == 0; "
            "heavy = [m for m in ('torch', 'playwright', 'PySide6', 'pyarrow', 'duckdb') if m in sys.modules]; "
            "print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
