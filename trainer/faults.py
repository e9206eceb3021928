"""Skip-and-count for data faults; everything else (configuration errors, bugs) still raises.

A truncated tar, an undecodable image or a sample whose JSON has the wrong types is a fact about the data:
the loader warns, counts it by kind and goes on. A wrong path or option is a fact about the run: it raises.
Counters live in the DataLoader worker that saw the fault; batches carry them to the main process.

Skipping has a limit: a source that yields no good sample in MAX_BAD_IN_A_ROW tries in a row is broken as
a whole (every sample bad, every shard unreadable or empty), and the run stops with NoGoodSamples naming it
instead of looping over resampled shards forever.
"""

from __future__ import annotations

import json
import tarfile
import warnings
import zlib
from collections import Counter
from functools import partial

import cv2

from factory.core.errors import DataError

# Consecutive faults (samples or shards) of one source, with no good sample between them, that stop the run.
# Real datasets have a few faults in thousands of samples; 200 in a row means the source as a whole is broken,
# and 200 failed reads take well under a second (no pixel is decoded for most faults).
MAX_BAD_IN_A_ROW = 200


class DataFault(DataError):
    """A sample that cannot be used; skipped and counted (by the name of its class)."""


class BadRecord(DataFault):
    """The sample's JSON is missing, malformed, or has values of the wrong type (a list, a string bbox...)."""


class BadImage(DataFault):
    """The sample's image is missing, empty, undecodable, or over the decoder's pixel cap."""


class BadTar(DataFault):
    """The shard is unreadable or empty, or a member is duplicated, oversized or has an unsafe name."""


class NoGoodSamples(DataError):
    """A source yielded no good sample in MAX_BAD_IN_A_ROW tries: the run stops (never skipped)."""


# What counts as a data fault. ConfigError (a ValueError) and programming errors are not in this list.
DATA_FAULTS = (DataError, tarfile.TarError, EOFError, OSError, zlib.error, json.JSONDecodeError, UnicodeDecodeError,
               cv2.error)


class FaultHandler:
    """Counts, warns and continues on data faults, re-raises anything else; watches each source's streaks.

    As a webdataset `handler=`, call it with the exception (source 0) or use `for_source(i)`. A source has
    two streaks, one per stage: "read" (tar faults since a sample last came out of its shards) and "decode"
    (sample faults since one last decoded). Two, because a shuffle buffer sits between the stages: a good
    sample read may reach the decoder only many reads later. `good(i, stage)` ends a streak; reaching
    `patience` raises NoGoodSamples naming the source."""

    def __init__(self, names: tuple[str, ...] | list[str] = ("data",), max_warnings: int = 20,
                 patience: int = MAX_BAD_IN_A_ROW):
        self.counts: Counter[str] = Counter()
        self.names = list(names)
        self.streaks: dict[tuple[int, str], Counter[str]] = {}  # (source, stage) -> fault kinds since the last good
        self.max_warnings, self.patience = max_warnings, patience

    def __call__(self, exn: BaseException, source: int = 0, stage: str = "decode") -> bool:
        if isinstance(exn, NoGoodSamples) or not isinstance(exn, DATA_FAULTS):
            raise exn
        kind = type(exn).__name__
        self.counts[kind] += 1
        if self.total <= self.max_warnings:  # a rotten shard must not flood the log
            warnings.warn(f"skipped a data fault ({kind}): {str(exn)[:300]}", stacklevel=2)
        streak = self.streaks.setdefault((source, stage), Counter())
        streak[kind] += 1
        if streak.total() >= self.patience:
            name = self.names[source] if source < len(self.names) else f"source {source}"
            kinds = ", ".join(f"{k} {n}" for k, n in streak.most_common())
            raise NoGoodSamples(f"{name}: no good sample in {streak.total()} tries in a row ({kinds}; the last: "
                                f"{str(exn)[:300]}); the data is broken or was not written by this factory: "
                                f"check it with `factory verify`, re-render it, or leave it out")
        return True

    def for_source(self, source: int, stage: str = "read"):
        """A webdataset handler that charges faults to `source` at `stage`."""
        return partial(self, source=source, stage=stage)

    def good(self, source: int = 0, stage: str = "decode") -> None:
        """A usable sample of `source` passed `stage`: that streak of faults ends."""
        self.streaks.pop((source, stage), None)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


class FaultTally:
    """Sum of the per-worker fault counters that batches carry (each is cumulative within its worker)."""

    def __init__(self, base: dict[str, int] | None = None):
        self.base = dict(base or {})
        self.latest: dict[int, dict[str, int]] = {}

    def update(self, batch: dict) -> None:
        self.latest[batch["worker"]] = batch["faults"]

    @property
    def counts(self) -> dict[str, int]:
        total = dict(self.base)
        for counts in self.latest.values():
            for k, v in counts.items():
                total[k] = total.get(k, 0) + v
        return total
