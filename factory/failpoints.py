"""Fault injection for the reliability tests, off unless GUI_FACTORY_FAILPOINT is set.

GUI_FACTORY_FAILPOINT="hang@12" makes the worker that reaches sample 12 hang; "exit@12" makes it die;
"enospc@12" fills the disk for it: the shard file it is writing is pointed at /dev/full, so its next write
fails in the kernel with ENOSPC, exactly where and how a full disk fails (Linux only).
Each fires once per dataset directory (a marker file records that it fired), so the retry succeeds.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Iterable, Iterator

ENV = "GUI_FACTORY_FAILPOINT"
KINDS = ("hang", "exit", "enospc")


def armed() -> bool:
    return bool(os.environ.get(ENV))


def inject(indices: Iterable[int], out: Path) -> Iterator[int]:
    """`indices`, with the armed fault fired as the worker reaches its sample."""
    for index in indices:
        maybe_fail(index, out)
        yield index


def maybe_fail(index: int, out: Path) -> None:
    spec = os.environ.get(ENV)
    if not spec:
        return
    kind, _, at = spec.partition("@")
    if kind not in KINDS:
        raise ValueError(f"{ENV}={spec!r}: kind must be one of {', '.join(KINDS)}")
    if not at.isdigit() or int(at) != index:
        return
    marker = out / f".failpoint-{kind}-{index}"
    if marker.exists():
        return
    marker.write_text("fired\n")
    if kind == "hang":
        time.sleep(10**6)
    elif kind == "exit":
        os._exit(17)
    else:
        _fill_disk(out)


def _fill_disk(out: Path) -> None:
    """Point every temporary file this process has open under `out` at /dev/full (writes: ENOSPC)."""
    root = os.path.realpath(out)
    full = os.open("/dev/full", os.O_WRONLY)
    try:
        for fd in os.listdir("/proc/self/fd"):
            try:
                target = os.readlink(f"/proc/self/fd/{fd}")
            except OSError:
                continue
            if target.startswith(root + os.sep) and target.endswith(".tmp"):
                os.dup2(full, int(fd))
    finally:
        os.close(full)
