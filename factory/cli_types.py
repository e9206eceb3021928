"""Click parameter types and the error boundary shared by every `factory` command.

Every numeric option goes through `Count` or `Number`, so 0, negatives, nan, inf and absurd values are
refused by click with one message and exit code 2 before any work starts. `FactoryGroup` is the one
place where expected failures (FactoryError, OSError from the file system) become one message and exit
code 2 instead of a traceback; GUI_FACTORY_DEBUG=1 re-raises them with the traceback.
"""

from __future__ import annotations

import math
import os
import sys

import click

from factory.core.errors import FactoryError


class Count(click.ParamType):
    """A whole number in [minimum, maximum] that may be written in scientific notation: 1e6, 2.5e3, 1000."""

    name = "count"

    def __init__(self, minimum: int = 0, maximum: int | None = None):
        self.minimum, self.maximum = minimum, maximum

    def convert(self, value, param, ctx):
        if isinstance(value, bool):
            self.fail(f"{value!r} is not a number", param, ctx)
        if isinstance(value, int):
            n = value
        else:
            text = str(value).strip().replace("_", "")
            try:
                n = int(text)
            except ValueError:
                try:
                    f = float(text)
                except ValueError:
                    self.fail(f"{value!r} is not a number; write e.g. 1000 or 1e6", param, ctx)
                if not math.isfinite(f) or not f.is_integer():
                    self.fail(f"{value!r} is not a whole number; write e.g. 1000 or 1e6", param, ctx)
                n = int(f)
        if n < self.minimum:
            self.fail(f"{value!r} is below the minimum; give a whole number >= {self.minimum}", param, ctx)
        if self.maximum is not None and n > self.maximum:
            self.fail(f"{value!r} is too large; give at most {self.maximum:,}", param, ctx)
        return n


class Number(click.ParamType):
    """A finite real number in a range; nan and inf are always refused. `low_open`: minimum excluded."""

    name = "number"

    def __init__(self, minimum: float | None = None, maximum: float | None = None, low_open: bool = False):
        self.minimum, self.maximum, self.low_open = minimum, maximum, low_open

    def convert(self, value, param, ctx):
        try:
            f = float(value)
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a number", param, ctx)
        if not math.isfinite(f):
            self.fail(f"{value!r} is not a finite number", param, ctx)
        lo = self.minimum
        if lo is not None and (f < lo or (self.low_open and f == lo)):
            self.fail(f"{value!r} is out of range; give a number {'>' if self.low_open else '>='} {lo:g}", param, ctx)
        if self.maximum is not None and f > self.maximum:
            self.fail(f"{value!r} is out of range; give a number <= {self.maximum:g}", param, ctx)
        return f


def fail(message: str, code: int = 2) -> None:
    """Print one error message to stderr and exit."""
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)


def os_message(e: OSError) -> str:
    what = e.strerror or type(e).__name__
    where = f": {e.filename}" if e.filename is not None else ""
    hint = {28: " (free some space, or choose another output directory)",
            13: " (choose a directory you can write to)", 30: " (choose a writable file system)",
            36: " (choose a shorter path)", 27: " (a file size limit: see `ulimit -f` and the file system's)",
            122: " (disk quota exceeded: free some space, or choose another output directory)"}.get(e.errno or 0, "")
    return f"{what}{where}{hint}"


class FactoryGroup(click.Group):
    """The `factory` group: FactoryError and OSError become one message and exit code 2."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except FactoryError as e:
            if os.environ.get("GUI_FACTORY_DEBUG"):
                raise
            fail(str(e))
        except BrokenPipeError:  # `factory query ... | head`: the reader left; nothing to report
            sys.stderr.close()
            sys.exit(1)
        except OSError as e:
            if os.environ.get("GUI_FACTORY_DEBUG"):
                raise
            fail(os_message(e))
