"""The overlay directory of `factory predict`: one unique file per input image, and only files this command
wrote are ever replaced.

Inputs from different folders may share a name (a/shot.png, b/shot.png): the first gets `shot.png`, the
next `shot-2.png`, in the order the inputs are given, so a rerun writes the same names. The directory's
`overlays.json` records which input each overlay shows; a directory holding any other file is refused,
so a user's own picture can never be overwritten by an overlay.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from factory.core.errors import ConfigError

RECORD = "overlays.json"
TMP = f".{RECORD}.tmp"
WRITER = "factory predict"


def _record(directory: Path) -> dict[str, str]:
    """The overlay -> input map of an earlier run's record ({} if none); ConfigError if the file is not ours."""
    path = directory / RECORD
    if not path.exists():
        return {}
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        names = record["overlays"] if record.get("written_by") == WRITER else None
    except (ValueError, KeyError, TypeError, AttributeError):  # (not JSON, not an object...)
        names = None
    if not isinstance(names, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in names.items()):
        raise ConfigError(f"--overlay {directory}: its {RECORD} was not written by `{WRITER}`; "
                          f"give an empty or new directory")
    return names


def plan(directory: Path, inputs: list[Path]) -> dict[Path, Path]:
    """Input image -> overlay path, unique per run; ConfigError (before any work) if `directory` holds files
    that no earlier `factory predict` wrote there."""
    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise ConfigError(f"--overlay {directory} is a file; give a directory for the overlays")
    if directory.is_dir():
        mine = {*_record(directory), RECORD, TMP}
        foreign = sorted(p.name for p in directory.iterdir() if p.name not in mine)
        if foreign:
            raise ConfigError(f"--overlay {directory} holds files `{WRITER}` did not write (e.g. {foreign[0]!r}); "
                              f"give an empty or new directory: overlays never replace other files")
    taken: set[str] = {RECORD}
    out = {}
    for f in inputs:
        name, n = f"{f.stem}.png", 1
        while name in taken:  # (two inputs named shot.png in different folders)
            n += 1
            name = f"{f.stem}-{n}.png"
        taken.add(name)
        out[f] = directory / name
    return out


def write_record(directory: Path, written: dict[Path, Path]) -> None:
    """overlays.json: overlay name -> the input it shows, merged with the earlier runs' (atomic write)."""
    directory = Path(directory)
    names = _record(directory)
    names.update({o.name: str(i) for i, o in written.items()})
    tmp = directory / TMP
    tmp.write_text(json.dumps({"written_by": WRITER, "overlays": names}, indent=1, sort_keys=True) + "\n",
                   encoding="utf-8")
    os.replace(tmp, directory / RECORD)
