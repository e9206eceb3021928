"""Every numeric option of every command, fed hostile numbers: click refuses them with one message, exit 2.

Built from the commands themselves, so an option added tomorrow is covered the day it lands."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from factory.cli import main
from factory.cli_types import Count, Number

HOSTILE = ["nan", "-nan", "inf", "-inf", "1e400", "NaN", "abc", "", "0x10"]


def numeric_options():
    for name, cmd in sorted(main.commands.items()):
        for p in cmd.params:
            if isinstance(p, click.Option) and not p.is_flag and isinstance(p.type, (Count, Number, click.types.
                                                                                      _NumberParamTypeBase)):
                yield name, p


CASES = list(numeric_options())


def test_there_are_numeric_options_to_check():
    assert len(CASES) >= 30, [f"{c} {p.opts[0]}" for c, p in CASES]


@pytest.mark.parametrize("command,option", CASES, ids=[f"{c}{p.opts[0]}" for c, p in CASES])
def test_numeric_options_use_checked_types(command, option):
    """Plain click.INT / click.FLOAT accept nan, inf and negatives: every numeric option uses Count or Number."""
    assert isinstance(option.type, (Count, Number)), f"{command} {option.opts[0]} uses {option.type!r}"


@pytest.mark.parametrize("command,option", CASES, ids=[f"{c}{p.opts[0]}" for c, p in CASES])
def test_hostile_numbers_are_refused(command, option):
    runner = CliRunner()
    for value in HOSTILE + (["-1"] if _minimum(option) >= 0 else []):
        # The hostile option comes first on the command line: click converts parameters in that order,
        # so its message is the one printed whatever else the command requires.
        res = runner.invoke(main, [command, f"{option.opts[0]}={value}"])
        assert res.exit_code == 2, (command, option.opts[0], value, res.output)
        assert "Traceback" not in res.output and option.opts[0] in res.output, (value, res.output)


def _minimum(option) -> float:
    m = getattr(option.type, "minimum", None)
    return float("-inf") if m is None else m
