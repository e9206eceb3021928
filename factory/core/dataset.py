"""Finding the parts of a dataset on disk: a render output (part), a named version of parts, or a root of versions.

part:     DIR/manifest.json has "shards"      (written by `factory render`)
version:  DIR/manifest.json has "parts"       (written by `factory merge`), parts below DIR
root:     DIR has no manifest; every subdirectory that is a version or a part is included

A manifest is input like any other: it is checked when opened (a JSON object of the right shape, every
path in it relative, in the factory's own spelling and resolving inside the dataset), so every reader
gets only manifests whose paths are safe to open.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from factory.core.errors import DataError
from factory.core.guards import inside
from factory.core.schema import MANIFEST, SCHEMA_VERSION

# Paths in manifests are the factory's own (`shards/web_material-000000.tar`, `parts/web-material`): no
# quotes, spaces, backticks or control characters, so they are safe in messages, SQL, markdown and HTML too.
PATH_RE = re.compile(r"[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*")
# Part directories are named by the user (`parts/my part`): any printable name, checked to stay inside.
NAME_RE = re.compile(r"[^\x00-\x1f\x7f]+")
SHA256_RE = r"^[0-9a-f]{64}$"
_STR, _INT = {"type": "string"}, {"type": "integer", "minimum": 0}
_COUNTS = {"type": "object", "required": ["samples", "elements", "drops", "classes"],
           "properties": {"samples": _INT, "elements": _INT, "shards": _INT,
                          "drops": {"type": "object", "additionalProperties": _INT},
                          "classes": {"type": "object", "additionalProperties": _INT}}}
PART_SCHEMA = {
    "type": "object", "required": ["schema_version", "config", "counts", "shards"],
    "properties": {
        "schema_version": {"const": SCHEMA_VERSION},
        "config": {"type": "object",
                   "required": ["renderer", "style", "seed", "renderer_version", "shard_size", "image_format",
                                "grammars", "locales"],
                   "properties": {"renderer": _STR, "style": _STR, "seed": _INT, "renderer_version": _STR,
                                  "shard_size": {"type": "integer", "minimum": 1}, "image_format": _STR,
                                  "grammars": {"type": "array", "items": _STR},
                                  "locales": {"type": "array", "items": _STR}}},
        "counts": _COUNTS,
        "shards": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["name", "samples", "files"],
            "properties": {"name": _STR, "samples": _INT, "files": {
                "type": "object", "minProperties": 3, "maxProperties": 3,
                "additionalProperties": {"type": "object", "required": ["sha256", "bytes"],
                                         "properties": {"sha256": {"type": "string", "pattern": SHA256_RE},
                                                        "bytes": _INT}}}}}},
    },
}
VERSION_SCHEMA = {
    "type": "object", "required": ["name", "schema_version", "parts", "counts"],
    "properties": {
        "schema_version": {"const": SCHEMA_VERSION},
        "name": {"type": "string", "pattern": r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"},
        "counts": _COUNTS,
        "parts": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["path", "manifest_sha256"],
            "properties": {"path": _STR, "manifest_sha256": {"type": "string", "pattern": SHA256_RE}}}},
    },
}
MAX_MANIFEST_BYTES = 64 << 20  # a million samples in shards of 1000 make a manifest of about 1 MB
FIX = "the manifest was edited or not written by this factory: re-run the stage that wrote it"


class NotADataset(DataError):
    """The path holds no finished dataset; the message says what was expected."""


class BadManifest(NotADataset):
    """A manifest that is not what the factory writes (shape, types or an unsafe path); names the file."""

    def __init__(self, file: Path, problem: str):
        self.file, self.problem = file, problem
        super().__init__(f"{file}: {problem}")


@dataclass(frozen=True)
class Part:
    root: Path
    version: str
    manifest: dict
    listed_sha256: str | None = None  # the part manifest's hash in its version's manifest, if any

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

    def shard_files(self, shard: dict) -> tuple[Path, Path, Path]:
        """(tar, samples table, elements table) of one shard record of the manifest."""
        return tuple(self.root / _one_file(shard, kind) for kind in ("tar", "samples", "elements"))


@dataclass(frozen=True)
class Dataset:
    root: Path
    parts: tuple[Part, ...]
    kind: str  # 'part' | 'version' | 'root'

    @property
    def versions(self) -> list[str]:
        return sorted({p.version for p in self.parts})

    def missing_files(self) -> list[Path]:
        """Files that the manifests list but that are not on disk (or are not regular files)."""
        return [part.root / rel for part in self.parts for s in part.manifest["shards"] for rel in s["files"]
                if not (part.root / rel).is_file()]

    def check_complete(self) -> None:
        """DataError naming the first file the manifests list that is missing (readers need them all)."""
        missing = self.missing_files()
        if missing:
            raise DataError(f"{missing[0]} is listed in its manifest but missing ({len(missing)} file(s) missing): "
                            f"re-run the render (it resumes) or `dvc pull`; `factory verify {self.root}` lists "
                            f"every fault")


def _kind(rel: str) -> str:
    if rel.endswith(".tar"):
        return "tar"
    parent = rel.rpartition("/")[0].rpartition("/")[2]
    return parent if rel.endswith(".parquet") and parent in ("samples", "elements") else "other"


def _one_file(shard: dict, kind: str) -> str:
    return next(rel for rel in shard["files"] if _kind(rel) == kind)


def _safe_path(root: Path, rel: object, mpath: Path, what: str, spelling: re.Pattern = PATH_RE) -> Path:
    """root / rel for a manifest path spelled as `spelling` allows that stays inside root; else BadManifest."""
    if not isinstance(rel, str) or not spelling.fullmatch(rel):
        raise BadManifest(mpath, f"{what} {str(rel)[:80]!r} is not a relative path of the factory's spelling; {FIX}")
    try:
        return inside(root, rel, what)
    except DataError as e:
        raise BadManifest(mpath, f"{e}; {FIX}") from None


def _validate(manifest: object, schema: dict, mpath: Path, kind: str) -> None:
    import jsonschema

    try:
        jsonschema.validate(manifest, schema)
    except jsonschema.ValidationError as e:
        message = (e.message.splitlines() or [""])[0][:160]
        raise BadManifest(mpath, f"not a valid {kind} manifest: at {e.json_path}: {message}; {FIX}") from None


def _read(path: Path) -> dict:
    """The manifest at `path` as a dict of the right shape for its kind (part or version), else BadManifest."""
    try:
        size = path.stat().st_size
        text = path.read_bytes() if size <= MAX_MANIFEST_BYTES else b""
    except OSError as e:
        raise BadManifest(path, f"cannot be read ({e.strerror})") from None
    if size > MAX_MANIFEST_BYTES:
        raise BadManifest(path, f"is over {MAX_MANIFEST_BYTES >> 20} MiB, far more than any manifest; {FIX}")
    try:
        manifest = json.loads(text.decode("utf-8"))
    except (ValueError, RecursionError) as e:  # JSONDecodeError, UnicodeDecodeError, nesting too deep
        raise BadManifest(path, f"not valid JSON ({str(e)[:120]}); re-run the stage that wrote it") from None
    if not isinstance(manifest, dict):
        raise BadManifest(path, f"is a JSON {type(manifest).__name__}, not an object: not a dataset manifest; {FIX}")
    if manifest.get("schema_version") != SCHEMA_VERSION:
        raise BadManifest(path, f"has schema version {str(manifest.get('schema_version'))[:20]}, this factory "
                                f"reads {SCHEMA_VERSION}: re-render it or use a matching gui-factory release")
    if "parts" in manifest:
        _validate(manifest, VERSION_SCHEMA, path, "version")
    elif "shards" in manifest:
        _validate(manifest, PART_SCHEMA, path, "render")
        _check_shard_files(path.parent, manifest, path)
    else:
        raise BadManifest(path, "is neither a render manifest (no \"shards\") nor a version manifest (no \"parts\")")
    return manifest


def _check_shard_files(root: Path, manifest: dict, mpath: Path) -> None:
    for i, shard in enumerate(manifest["shards"]):
        for rel in shard["files"]:
            _safe_path(root, rel, mpath, f"shards[{i}].files entry")
        kinds = sorted(_kind(rel) for rel in shard["files"])
        if kinds != ["elements", "samples", "tar"]:
            raise BadManifest(mpath, f"shards[{i}] must list one .tar, one tables/samples/*.parquet and one "
                                     f"tables/elements/*.parquet file; {FIX}")


def _open_version(root: Path, manifest: dict, mpath: Path) -> list[Part]:
    parts, seen = [], set()
    for i, entry in enumerate(manifest["parts"]):
        proot = _safe_path(root, entry["path"], mpath, f"parts[{i}].path", NAME_RE)
        real = proot.resolve()
        if real == root.resolve() or real in seen:
            raise BadManifest(mpath, f"parts[{i}].path {entry['path']!r} is the version itself or listed twice; {FIX}")
        seen.add(real)
        if not (proot / MANIFEST).is_file():
            raise NotADataset(f"version {manifest['name']} lists part {entry['path']} but {proot / MANIFEST} "
                              f"is missing; rebuild it (`dvc repro`) or pull it (`dvc pull`)")
        pm = _read(proot / MANIFEST)
        if "shards" not in pm:
            raise BadManifest(proot / MANIFEST, "is not a render manifest: a version's parts are render outputs")
        parts.append(Part(proot, manifest["name"], pm, entry["manifest_sha256"]))
    return parts


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError as e:  # a name over 255 characters, a path too long...
        raise NotADataset(f"{str(path)[:120]}{'...' if len(str(path)) > 120 else ''}: {e.strerror}; "
                          f"give a dataset directory written by `factory render`") from None


def open_dataset(path: Path) -> Dataset:
    """The dataset at `path` (a part, a version or a root of them) with every manifest checked.

    Every part lists at least one shard (the factory writes none without), so every reader has samples."""
    path = Path(path)
    if not _is_dir(path):
        raise NotADataset(f"{path} is not a directory; give a dataset directory written by `factory render`")
    mpath = path / MANIFEST
    if mpath.exists():
        manifest = _read(mpath)
        if "parts" in manifest:
            ds = Dataset(path, tuple(_open_version(path, manifest, mpath)), "version")
        else:
            ds = Dataset(path, (Part(path, path.name, manifest),), "part")
    else:
        parts: list[Part] = []
        for sub in sorted(p for p in path.iterdir() if p.is_dir() and (p / MANIFEST).exists()):
            _safe_path(path, sub.name, path, "subdirectory", NAME_RE)  # a symlink out of the root is refused
            parts.extend(open_dataset(sub).parts)
        if not parts:
            raise NotADataset(f"{path} holds no dataset: no {MANIFEST} in it or its subdirectories "
                              f"(render one with `factory render --out {path}/NAME`)")
        ds = Dataset(path, tuple(parts), "root")
    return ds
