"""Skip-and-count for data faults; everything else (configuration errors, bugs) still raises.

A truncated tar, an undecodable image or a sample missing its JSON is a fact about the data: the loader
warns, counts it by kind and goes on. A wrong path or option is a fact about the run: it raises.
Counters live in the DataLoader worker that saw the fault; batches carry them to the main process.
"""

from __future__ import annotations

import json
import tarfile
import warnings
import zlib
from collections import Counter

import cv2


class DataFault(Exception):
    """A sample that cannot be used (missing member, unknown class, no pixels); skipped and counted."""


# What counts as a data fault. ConfigError (a ValueError) and programming errors are not in this list.
DATA_FAULTS = (tarfile.TarError, EOFError, OSError, zlib.error, json.JSONDecodeError, UnicodeDecodeError,
               cv2.error, DataFault)


class FaultHandler:
    """A webdataset `handler=`: count + warn + continue for data faults, re-raise anything else."""

    def __init__(self, max_warnings: int = 20):
        self.counts: Counter[str] = Counter()
        self.max_warnings = max_warnings

    def __call__(self, exn: BaseException) -> bool:
        if not isinstance(exn, DATA_FAULTS):
            raise exn
        kind = type(exn).__name__
        self.counts[kind] += 1
        if sum(self.counts.values()) <= self.max_warnings:  # a rotten shard must not flood the log
            warnings.warn(f"skipped a data fault ({kind}): {str(exn)[:300]}", stacklevel=2)
        return True

    @property
    def total(self) -> int:
        return sum(self.counts.values())
