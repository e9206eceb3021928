"""Finding the parts of a dataset on disk: a render output (part), a named version of parts, or a root of versions.

part:     DIR/manifest.json has "shards"      (written by `factory render`)
version:  DIR/manifest.json has "parts"       (written by `factory merge`), parts below DIR
root:     DIR has no manifest; every subdirectory that is a version or a part is included
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from factory.errors import DataError
from factory.schema import SCHEMA_VERSION

MANIFEST = "manifest.json"


class NotADataset(DataError):
    """The path holds no finished dataset; the message says what was expected."""


@dataclass(frozen=True)
class Part:
    root: Path
    version: str
    manifest: dict

    def files(self, suffix: str) -> list[Path]:
        """Files of the manifest's shards whose name ends with `suffix`, in shard order."""
        return [self.root / rel for s in self.manifest["shards"] for rel in s["files"] if rel.endswith(suffix)]

    @property
    def tars(self) -> list[Path]:
        return self.files(".tar")

    def tables(self, name: str) -> list[Path]:
        return [p for p in self.files(".parquet") if p.parent.name == name]

    @property
    def name(self) -> str:
        return self.root.name


@dataclass(frozen=True)
class Dataset:
    root: Path
    parts: tuple[Part, ...]
    kind: str  # 'part' | 'version' | 'root'

    @property
    def versions(self) -> list[str]:
        return sorted({p.version for p in self.parts})


def _read(path: Path) -> dict:
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise NotADataset(f"{path} is not valid JSON ({e}); re-run the stage that wrote it") from None
    if manifest.get("schema_version") != SCHEMA_VERSION:
        raise NotADataset(f"{path} has schema version {manifest.get('schema_version')}, this factory reads "
                          f"{SCHEMA_VERSION}: re-render it or use a matching gui-factory release")
    return manifest


def _open_version(root: Path, manifest: dict) -> list[Part]:
    parts = []
    for entry in manifest["parts"]:
        proot = root / entry["path"]
        if not (proot / MANIFEST).exists():
            raise NotADataset(f"version {manifest['name']} lists part {entry['path']} but {proot / MANIFEST} "
                              f"is missing; rebuild it (`dvc repro`) or pull it (`dvc pull`)")
        parts.append(Part(proot, manifest["name"], _read(proot / MANIFEST)))
    return parts


def open_dataset(path: Path) -> Dataset:
    path = Path(path)
    if not path.is_dir():
        raise NotADataset(f"{path} is not a directory; give a dataset directory written by `factory render`")
    mpath = path / MANIFEST
    if mpath.exists():
        manifest = _read(mpath)
        if "parts" in manifest:
            return Dataset(path, tuple(_open_version(path, manifest)), "version")
        if "shards" in manifest:
            return Dataset(path, (Part(path, path.name, manifest),), "part")
        raise NotADataset(f"{mpath} is neither a render manifest nor a version manifest")
    parts: list[Part] = []
    for sub in sorted(p for p in path.iterdir() if p.is_dir() and (p / MANIFEST).exists()):
        parts.extend(open_dataset(sub).parts)
    if not parts:
        raise NotADataset(f"{path} holds no dataset: no {MANIFEST} in it or its subdirectories "
                          f"(render one with `factory render --out {path}/NAME`)")
    return Dataset(path, tuple(parts), "root")
