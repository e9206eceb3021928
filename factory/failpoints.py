"""Fault injection for the reliability tests, off unless GUI_FACTORY_FAILPOINT is set.

GUI_FACTORY_FAILPOINT="hang@12" makes the worker that reaches sample 12 hang; "exit@12" makes it die.
Each fires once per dataset directory (a marker file records that it fired), so the retry succeeds.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

ENV = "GUI_FACTORY_FAILPOINT"


def maybe_fail(index: int, out: Path) -> None:
    spec = os.environ.get(ENV)
    if not spec:
        return
    kind, _, at = spec.partition("@")
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
        raise ValueError(f"{ENV}={spec!r}: kind must be 'hang' or 'exit'")
