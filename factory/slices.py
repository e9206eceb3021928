"""Job arrays without a scheduler of ours: `factory render --shards A:B` renders one slice of the shard plan
into a directory of its own (one per SLURM or Kubernetes array task); `factory merge SLICE...` joins the
slices into the dataset that one run of the whole plan writes, byte for byte.

A slice directory holds its shards, their part records (.parts/NAME.json, as a running render keeps them) and
slice.json: the render config, renderer version and fingerprint, the slice's bounds and the plan's shard
count. It has no manifest.json: it is not a dataset until merged. Rerunning a slice's command resumes it.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
from pathlib import Path

from factory.config import RenderConfig
from factory.core.errors import ConfigError, DataError
from factory.manifest import write_dataset_files
from factory.ownership import shown
from factory.shards import ShardPaths, atomic_write_text, fsync_dir, part_is_complete
from factory.worker import shard_name

SLICE = "slice.json"
KIND = "gui-factory slice"
_SPEC = re.compile(r"(\d{1,7}):(\d{1,7})")


def parse(spec: str, n_shards: int) -> range:
    """'A:B' -> range(A, B) of shard numbers, 0 <= A < B <= n_shards; ConfigError saying what is allowed."""
    m = _SPEC.fullmatch(spec.strip())
    if not m or not int(m[1]) < int(m[2]) <= n_shards:
        raise ConfigError(f"--shards {spec[:40]!r}: give A:B with 0 <= A < B <= {n_shards} (this plan has "
                          f"{n_shards} shards, numbered from 0; B is excluded), e.g. --shards 0:{min(n_shards, 10)}")
    return range(int(m[1]), int(m[2]))


def write_record(out: Path, cfg: RenderConfig, version: str, fingerprint: str, shards: range) -> dict:
    record = {"kind": KIND, "render_config": dataclasses.asdict(cfg), "renderer_version": version,
              "fingerprint": fingerprint, "shards": [shards.start, shards.stop], "n_shards": cfg.n_shards}
    atomic_write_text(out / SLICE, json.dumps(record, sort_keys=True, indent=1) + "\n")
    return record


def is_slice(d: Path) -> bool:
    return (Path(d) / SLICE).is_file()


def _read(d: Path) -> tuple[dict, RenderConfig, range]:
    path = d / SLICE
    try:
        rec = json.loads(path.read_text(encoding="utf-8"))
        cfg = RenderConfig.from_dict(rec["render_config"])
        a, b = rec["shards"]
        ok = rec.get("kind") == KIND and isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= cfg.n_shards \
            and rec.get("n_shards") == cfg.n_shards and isinstance(rec.get("fingerprint"), str) \
            and isinstance(rec.get("renderer_version"), str)
    except (OSError, ValueError, KeyError, TypeError, ConfigError, RecursionError):
        ok = False
    if not ok:
        raise DataError(f"{shown(path)} is not a slice record written by `factory render --shards`; give the "
                        f"directories that `factory render --shards A:B` wrote")
    return rec, cfg, range(a, b)


def plan(slice_dirs: list[Path]) -> tuple[RenderConfig, str, str, dict[int, Path]]:
    """(config, renderer version, fingerprint, shard -> slice directory) once the slices are of one plan, apart
    and together complete; DataError naming the first problem otherwise. Reads only the slice records."""
    if not slice_dirs:
        raise ConfigError("give the slice directories to merge")
    owner: dict[int, Path] = {}
    first = None
    for d in map(Path, slice_dirs):
        rec, cfg, shards = _read(d)
        key = (rec["render_config"], rec["renderer_version"], rec["fingerprint"])
        if first is None:
            first = (key, cfg, d)
        elif key != first[0]:
            differ = [k for k in rec["render_config"] if rec["render_config"][k] != first[0][0].get(k)]
            what = f"config ({', '.join(differ)})" if differ else "renderer version"
            raise DataError(f"slice {shown(d)} is of another plan than {shown(first[2])}: its {what} differs; "
                            f"merge slices of one `factory render` command (only --shards and --out may differ)")
        for s in shards:
            if s in owner:
                raise DataError(f"slices {shown(owner[s])} and {shown(d)} both hold shard {s}; give each shard once")
            owner[s] = d
    (_, version, fingerprint), cfg = first[0], first[1]
    missing = [s for s in range(cfg.n_shards) if s not in owner]
    if missing:
        raise DataError(f"no slice holds shard(s) {_ranges(missing)} of {cfg.n_shards}; render them with "
                        f"`factory render ... --shards A:B` and give their directories too")
    return cfg, version, fingerprint, owner


def _ranges(shards: list[int]) -> str:
    runs, start = [], shards[0]
    for prev, s in zip(shards, shards[1:] + [None]):
        if s != prev + 1:
            runs.append(f"{start}" if start == prev else f"{start}:{prev + 1}")
            start = s
    return ", ".join(runs[:5]) + (", ..." if len(runs) > 5 else "")


def records(cfg: RenderConfig, fingerprint: str, owner: dict[int, Path]) -> list[dict]:
    """Every shard's part record, checked against its files in its slice (DataError naming an unfinished one)."""
    out = []
    for s in range(cfg.n_shards):
        d = owner[s]
        paths = ShardPaths(d, shard_name(cfg, s))
        try:
            rec = json.loads(paths.part.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            rec = None
        if not part_is_complete(paths, fingerprint, cfg.shard_range(s), rec):
            raise DataError(f"shard {paths.name} in slice {shown(d)} is unfinished or damaged; rerun that slice's "
                            f"`factory render ... --shards` command (it resumes) and merge again")
        out.append(rec)
    return out


def _place(src: Path, dst: Path) -> None:
    """dst becomes a copy of src (a hard link where the file system allows), atomically."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = dst.with_name(dst.name + ".tmp")
    tmp.unlink(missing_ok=True)
    try:
        os.link(src, tmp)
    except OSError:
        shutil.copyfile(src, tmp)
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
    os.replace(tmp, dst)


@dataclasses.dataclass(frozen=True)
class Joinable:
    """Slices checked to make one finished plan: what `join` writes from."""

    cfg: RenderConfig
    version: str
    owner: dict[int, Path]  # shard -> its slice directory
    records: list[dict]  # every shard's part record, in shard order


def check(slice_dirs: list[Path], out: Path) -> Joinable:
    """The slices as one finished plan that can be joined into `out` (not one of them); DataError or ConfigError
    naming the first problem. Reads only the slices' records and file sizes: call it before touching `out`."""
    cfg, version, fingerprint, owner = plan(slice_dirs)
    real_out = os.path.realpath(out)
    if any(os.path.realpath(d) == real_out for d in set(owner.values())):
        raise ConfigError(f"--out {shown(out)} is one of the slices; merge into a new directory")
    return Joinable(cfg, version, owner, records(cfg, fingerprint, owner))


def join(out: Path, slices: Joinable) -> dict:
    """Write the dataset of the slices' plan into `out` (its shards from the slices, then manifest and _info);
    returns the manifest. The caller has checked `out` and holds its writer lock."""
    cfg, version, owner, recs = slices.cfg, slices.version, slices.owner, slices.records
    for s, rec in enumerate(recs):
        for rel in sorted(rec["files"]):
            _place(owner[s] / rel, out / rel)
    for d in {(out / rel).parent for rec in recs for rel in rec["files"]}:
        fsync_dir(d)
    return write_dataset_files(out, cfg, version, recs)
