"""Hostile datasets: a small real dataset, damaged in the ways a reader of datasets must survive.

A `Case` damages a copy of a real render output in place (and may plant files in `outside`, a sibling
directory standing for the rest of the file system). `damages` says what it damages ('manifest': a
manifest or the files it points at, every reader must refuse; 'tar': a shard's members or samples; 'table':
a Parquet table), so a test knows which readers must refuse it: stats and query read no tar, export and
preview read no table. `certain=False` marks damage that may leave valid data (a flipped byte can land in
a text field): readers may accept it, but never crash. `key` is the sample key `verify` must name.

Tar damage is hostile, not accidental: the manifest's hashes are recomputed afterwards (`rehash`), so only
the readers' own checks can find it. The generators (hypothesis strategies and parametrized builders) are
shared by the adversarial tests; nothing here runs a command.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
import tarfile
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

from hypothesis import strategies as st

from factory.core.guards import KEY_RE

MANIFEST = "manifest.json"
TAR = "shards/game_pixel-000000.tar"
SAMPLES = "tables/samples/game_pixel-000000.parquet"
KEY0 = "game_pixel_000000000"  # the first sample of the first shard: where tar damage goes


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path, Path], None]  # (dataset root, outside dir) -> None: damages the copy
    damages: str  # 'manifest' | 'tar' | 'table'
    file: str  # what verify's FAULT line names (a path relative to the dataset root)
    key: str | None = None
    certain: bool = True

    def __repr__(self) -> str:  # short ids in pytest and hypothesis output
        return self.name


# --- tar members ----------------------------------------------------------------------------------

Member = tuple[tarfile.TarInfo, bytes]


def read_members(path: Path) -> list[Member]:
    with tarfile.open(path) as tar:
        return [(info, tar.extractfile(info).read() if info.isfile() else b"") for info in tar]


def member(name: str, data: bytes = b"", kind: bytes = tarfile.REGTYPE, size: int | None = None, link: str = ""):
    info = tarfile.TarInfo(name)
    info.type, info.size, info.linkname, info.mode = kind, len(data) if size is None else size, link, 0o444
    return info, data


def pack(members: list[Member]) -> bytes:
    """A tar of `members` written block by block, so a header may declare any size (even more than follows)."""
    out = bytearray()
    for info, data in members:
        out += info.tobuf(format=tarfile.GNU_FORMAT)
        if info.isfile():
            out += data + b"\0" * (-len(data) % 512)
    return bytes(out + b"\0" * 1024)


def edit_tar(root: Path, fn: Callable[[list[Member]], list[Member] | bytes], rel: str = TAR) -> None:
    """Rewrite one shard: `fn` gets its members and returns new members (or the raw bytes of the file)."""
    got = fn(read_members(root / rel))
    (root / rel).write_bytes(got if isinstance(got, bytes) else pack(got))


def edit_sample(root: Path, fn: Callable[[dict[str, bytes]], dict[str, bytes] | list[Member]]) -> None:
    """Rewrite the members of the first sample (KEY0): `fn` maps {ext: bytes} to new {ext: bytes} or members."""

    def apply(members: list[Member]) -> list[Member]:
        mine = {i.name.partition(".")[2]: d for i, d in members if i.name.startswith(KEY0 + ".")}
        rest = [(i, d) for i, d in members if not i.name.startswith(KEY0 + ".")]
        new = fn(mine)
        if isinstance(new, dict):
            new = [member(f"{KEY0}.{ext}", data) for ext, data in new.items()]
        return new + rest

    edit_tar(root, apply)


def edit_doc(root: Path, fn: Callable[[dict], object]) -> None:
    """Rewrite the first sample's JSON document: `fn` edits it in place or returns a replacement (bytes: raw)."""

    def apply(m: dict[str, bytes]) -> dict[str, bytes]:
        doc = json.loads(m["json"])
        new = fn(doc)
        new = doc if new is None else new
        m["json"] = new if isinstance(new, bytes) else json.dumps(new).encode()
        return m

    edit_sample(root, apply)


def rehash(root: Path) -> None:
    """Make the manifests agree with the files again (a consistent hostile dataset: only content checks find it)."""
    mpath = root / MANIFEST
    manifest = json.loads(mpath.read_text())
    for shard in manifest.get("shards", []):
        for rel, meta in shard["files"].items():
            p = root / rel
            if p.is_file():
                meta.update(sha256=hashlib.sha256(p.read_bytes()).hexdigest(), bytes=p.stat().st_size)
    mpath.write_text(json.dumps(manifest, indent=1))


# --- images ---------------------------------------------------------------------------------------

def png_header_only(w: int, h: int) -> bytes:
    """A small PNG whose header declares w x h pixels (valid CRCs), with a few bytes of image data."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


@lru_cache(maxsize=2)
def png_bomb(side: int = 20_000) -> bytes:
    """A real decompression bomb: a 1-bit side x side PNG of zeros, all rows present, compressed to ~100 KB."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\0" * (1 + (side + 7) // 8)
    z = zlib.compressobj(9)
    idat = b"".join(z.compress(row) for _ in range(side)) + z.flush()
    ihdr = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


# --- generators -----------------------------------------------------------------------------------

def _printable_name(s: str) -> bool:
    return "\x00" not in s and "/" not in s and not any(ord(c) < 32 or 0xD800 <= ord(c) <= 0xDFFF for c in s)


TRAVERSAL = ["../../x", "/abs/x", "..", ".", "a/b", "a.b", "", "k" * 65, "ключ", "a b", "a\\b", "./x", "x/../../y"]
# Keys a dataset could hold that are not safe WebDataset keys (path traversal, dots, separators, too long...).
unsafe_keys = st.one_of(
    st.sampled_from(TRAVERSAL),
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=70)
    .filter(lambda k: not KEY_RE.fullmatch(k) and not k.endswith("/")),
)
# Manifest paths that leave the dataset, for `files` entries and a version's parts.
escaping_paths = st.builds(lambda pre, target: pre + target,
                           st.sampled_from(["../", "../../", "shards/../../", "./../", "/"]),
                           st.sampled_from(["outside/evil.tar", "etc/passwd", "outside/part"]))
# JSON values of every type but the one a field needs: a bool is no integer, 3.5 no integer, "1" no number...
_ANY = {
    "null": st.none(), "bool": st.booleans(), "str": st.text(max_size=4), "list": st.lists(st.integers(), max_size=2),
    "dict": st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
    "frac": st.floats(allow_nan=False, allow_infinity=False).filter(lambda f: not f.is_integer()),
}
_INT = ("null", "bool", "str", "list", "dict", "frac")
_STR = ("null", "bool", "list", "dict", "frac")
# Document fields (paths into the first sample's JSON) and the wrong types to put there.
DOC_FIELDS = {
    ("key",): _STR, ("index",): _INT, ("seed",): _INT, ("width",): _INT, ("height",): _INT,
    ("renderer",): _STR, ("style",): _STR, ("grammar",): _STR, ("image_format",): _STR,
    ("factors",): ("null", "bool", "str", "list", "frac"), ("elements",): ("null", "bool", "str", "dict", "frac"),
    ("schema_version",): _INT, ("elements", 0): ("null", "bool", "str", "list", "frac"),
    ("elements", 0, "class"): _STR, ("elements", 0, "bbox"): ("null", "bool", "str", "dict", "frac"),
    ("elements", 0, "bbox", 2): _INT, ("elements", 0, "text"): _STR,
    ("elements", 0, "interactable"): ("null", "str", "list", "dict", "frac"),
    ("elements", 0, "state"): ("null", "bool", "str", "list", "frac"), ("elements", 0, "id"): _INT,
    ("elements", 0, "visible_fraction"): ("null", "bool", "str", "list", "dict"),
}
# Manifest fields and the wrong types to put there (a render output's manifest).
MANIFEST_FIELDS = {
    ("config",): ("null", "str", "list", "frac"), ("config", "renderer"): _STR, ("config", "style"): _STR,
    ("config", "seed"): _INT, ("config", "grammars"): ("null", "str", "dict", "frac"),
    ("counts",): ("null", "str", "list", "frac"), ("counts", "drops"): ("null", "str", "list", "frac"),
    ("counts", "samples"): _INT, ("shards",): ("null", "str", "dict", "frac"),
    ("shards", 0): ("null", "str", "list", "frac"), ("shards", 0, "files"): ("null", "str", "list", "frac"),
    ("shards", 0, "samples"): _INT, ("shards", 0, "name"): _STR,
}


def wrong_value(fields: dict) -> st.SearchStrategy:
    """(path, value): a field of `fields` and a JSON value of a type that field must not have."""
    return st.sampled_from(sorted(fields, key=str)).flatmap(
        lambda path: st.tuples(st.just(path), st.sampled_from(fields[path]).flatmap(lambda kind: _ANY[kind])))


def set_path(doc, path: tuple, value) -> None:
    for p in path[:-1]:
        doc = doc[p]
    doc[path[-1]] = value


def drop_path(doc, path: tuple) -> None:
    for p in path[:-1]:
        doc = doc[p]
    del doc[path[-1]]


MARKUP_TOKENS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"', "'", "`", "|", "&amp;", "&",
                 "</title>", "</svg>", "<!--", "-->", "[x](javascript:alert(1))", "{{ 7*7 }}", "{%", "\\", "*", "#",
                 " ", "a", "<", ">", "\n", "${x}", "]]>", "<style>", "javascript:", "onload=alert(1)"]
# Strings made of markup: what a hostile dataset puts in every field that reaches HTML or markdown.
markup = st.lists(st.sampled_from(MARKUP_TOKENS), min_size=1, max_size=6).map("".join)
# The same, usable as a directory name (a part's name shows in the report and card).
markup_names = markup.map(lambda s: s.replace("/", "%").replace("\n", " ").strip()[:120]).filter(
    lambda s: s not in ("", ".", "..") and _printable_name(s))


# --- cases ----------------------------------------------------------------------------------------

def _manifest(fn: Callable[[dict], object]) -> Callable[[Path, Path], None]:
    def build(root: Path, outside: Path) -> None:
        m = json.loads((root / MANIFEST).read_text())
        new = fn(m)
        (root / MANIFEST).write_text(new if isinstance(new, str) else json.dumps(m if new is None else new))
    return build


def _then_rehash(fn: Callable[[Path], None]) -> Callable[[Path, Path], None]:
    def build(root: Path, outside: Path) -> None:
        fn(root)
        rehash(root)
    return build


def _escape_files_entry(target: str) -> Callable[[Path, Path], None]:
    """A manifest whose first tar entry points out of the dataset, at a real tar planted there."""
    def build(root: Path, outside: Path) -> None:
        (outside / "evil.tar").write_bytes((root / TAR).read_bytes())
        m = json.loads((root / MANIFEST).read_text())
        files = m["shards"][0]["files"]
        files[target.replace("OUTSIDE", str(outside))] = files.pop(TAR)
        (root / MANIFEST).write_text(json.dumps(m))
    return build


def _symlinked(rel: str) -> Callable[[Path, Path], None]:
    """A listed file replaced by a symlink to an identical copy outside the dataset (hashes still match)."""
    def build(root: Path, outside: Path) -> None:
        target = outside / Path(rel).name
        target.write_bytes((root / rel).read_bytes())
        (root / rel).unlink()
        (root / rel).symlink_to(target)
    return build


def _json_bytes(data: bytes) -> Callable[[Path], None]:
    return lambda root: edit_doc(root, lambda doc: data)


def _set(path: tuple, value) -> Callable[[Path], None]:
    return lambda root: edit_doc(root, lambda doc: set_path(doc, path, value))


def _members(fn: Callable[[dict[str, bytes]], object]) -> Callable[[Path], None]:
    return lambda root: edit_sample(root, fn)


def _truncate_mid_member(root: Path) -> None:
    with tarfile.open(root / TAR) as tar:
        last = tar.getmembers()[-1]
    (root / TAR).write_bytes((root / TAR).read_bytes()[:last.offset_data + last.size // 2])


def _drop_last_sample(root: Path) -> None:
    """The tar ends cleanly after its first sample: only the manifest's count can tell."""
    edit_tar(root, lambda ms: [(i, d) for i, d in ms if i.name.startswith(KEY0 + ".")])


def _noncontiguous(members: list[Member]) -> list[Member]:
    a = [m for m in members if m[0].name.startswith(KEY0 + ".")]
    b = [m for m in members if not m[0].name.startswith(KEY0 + ".")]
    return [a[0], *b, *a[1:]]


def _flip(root: Path, at: float) -> None:
    data = bytearray((root / TAR).read_bytes())
    data[int(at * (len(data) - 1))] ^= 0xFF
    (root / TAR).write_bytes(bytes(data))


def _bomb(image: bytes, side: int) -> Callable[[Path], None]:
    def fn(m: dict[str, bytes]) -> dict[str, bytes]:
        doc = json.loads(m["json"])
        doc["width"] = doc["height"] = side
        return {"json": json.dumps(doc).encode(), "png": image}
    return _members(fn)


def _parquet_with_other_columns(root: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"surprise": [1, 2]}), root / SAMPLES)


def cases() -> list[Case]:
    """The fixed hostile cases (the generated ones are built by the tests from the strategies above)."""
    m, t, tb = "manifest", "tar", "table"
    out = [
        # Manifests: the wrong shape, unsafe paths, nothing in them.
        Case("manifest-list", _manifest(lambda d: "[1, 2]"), m, MANIFEST),
        Case("manifest-string", _manifest(lambda d: '"a dataset"'), m, MANIFEST),
        Case("manifest-number", _manifest(lambda d: "1e999"), m, MANIFEST),
        Case("manifest-null", _manifest(lambda d: "null"), m, MANIFEST),
        Case("manifest-truncated", _manifest(lambda d: json.dumps(d)[:200]), m, MANIFEST),
        Case("manifest-deep", _manifest(lambda d: "[" * 100_000), m, MANIFEST),
        Case("manifest-no-shards", _manifest(lambda d: {**d, "shards": []}), m, MANIFEST),
        Case("manifest-bool-version", _manifest(lambda d: {**d, "schema_version": True}), m, MANIFEST),
        Case("manifest-files-parent", _escape_files_entry("../outside/evil.tar"), m, MANIFEST),
        Case("manifest-files-absolute", _escape_files_entry("OUTSIDE/evil.tar"), m, MANIFEST),
        Case("manifest-files-dotdot-inside", _escape_files_entry("shards/../../outside/evil.tar"), m, MANIFEST),
        Case("manifest-files-quote", _manifest(lambda d: d["shards"][0]["files"].__setitem__(
            "shards/x'; DROP.tar", d["shards"][0]["files"].pop(TAR))), m, MANIFEST),
        Case("manifest-files-two-tars", _manifest(lambda d: d["shards"][0]["files"].__setitem__(
            "shards/game_pixel-000001.tar", d["shards"][1]["files"][TAR.replace("0.tar", "1.tar")])), m, MANIFEST),
        Case("symlink-tar-outside", _symlinked(TAR), m, TAR),
        Case("symlink-table-outside", _symlinked(SAMPLES), m, SAMPLES),
        Case("missing-table", lambda r, o: (r / SAMPLES).unlink(), m, SAMPLES),
        Case("missing-tar", lambda r, o: (r / TAR).unlink(), m, TAR),
        # Tables: not Parquet, or Parquet of something else.
        Case("table-garbage", _then_rehash(lambda r: (r / SAMPLES).write_bytes(os.urandom(3000))), tb, SAMPLES),
        Case("table-other-columns", _then_rehash(_parquet_with_other_columns), tb, SAMPLES),
        # Tars: not a tar, cut short, members that are not <safe key>.<ext> regular files.
        Case("tar-empty", _then_rehash(lambda r: (r / TAR).write_bytes(b"")), t, TAR),
        Case("tar-garbage", _then_rehash(lambda r: (r / TAR).write_bytes(os.urandom(5000))), t, TAR),
        Case("tar-truncated-mid-member", _then_rehash(_truncate_mid_member), t, TAR),
        Case("tar-truncated-at-sample", _then_rehash(_drop_last_sample), t, TAR),
        Case("tar-duplicate-member", _then_rehash(lambda r: edit_tar(r, lambda ms: ms[:1] + ms)), t, TAR, KEY0),
        Case("tar-noncontiguous-key", _then_rehash(lambda r: edit_tar(r, _noncontiguous)), t, TAR, KEY0),
        Case("tar-symlink-member", _then_rehash(_members(lambda mm: [
            member(f"{KEY0}.json", mm["json"]), member(f"{KEY0}.png", kind=tarfile.SYMTYPE, link="/etc/passwd")])),
            t, TAR, KEY0),
        Case("tar-hardlink-member", _then_rehash(_members(lambda mm: [
            member(f"{KEY0}.json", mm["json"]), member(f"{KEY0}.png", kind=tarfile.LNKTYPE, link="/etc/passwd")])),
            t, TAR, KEY0),
        Case("tar-device-member", _then_rehash(_members(lambda mm: [
            member(f"{KEY0}.json", mm["json"]), member(f"{KEY0}.png", kind=tarfile.CHRTYPE)])), t, TAR, KEY0),
        Case("tar-dir-member", _then_rehash(_members(lambda mm: [
            member(f"{KEY0}.json", mm["json"]), member(f"{KEY0}.png", kind=tarfile.DIRTYPE)])), t, TAR, KEY0),
        Case("tar-unknown-ext", _then_rehash(_members(lambda mm: {**mm, "exe": b"MZ"})), t, TAR, KEY0),
        Case("tar-huge-declared-size", _then_rehash(_members(lambda mm: [
            member(f"{KEY0}.json", mm["json"]), member(f"{KEY0}.png", b"x" * 512, size=10**12)])), t, TAR, KEY0),
        # Samples: members missing or extra, JSON not an object of schema v1, images that lie.
        Case("sample-no-json", _then_rehash(_members(lambda mm: {"png": mm["png"]})), t, TAR, KEY0),
        Case("sample-no-image", _then_rehash(_members(lambda mm: {"json": mm["json"]})), t, TAR, KEY0),
        Case("sample-extra-image", _then_rehash(_members(lambda mm: {**mm, "webp": mm["png"]})), t, TAR, KEY0),
        Case("json-list", _then_rehash(_json_bytes(b"[1, 2, 3]")), t, TAR, KEY0),
        Case("json-string", _then_rehash(_json_bytes(b'"x"')), t, TAR, KEY0),
        Case("json-truncated", _then_rehash(_json_bytes(b'{"key": "game')), t, TAR, KEY0),
        Case("json-not-utf8", _then_rehash(_json_bytes(b'{"key": "\xff\xfe"}')), t, TAR, KEY0),
        Case("json-deep", _then_rehash(_json_bytes(b"[" * 100_000)), t, TAR, KEY0),
        Case("json-nan", _then_rehash(lambda r: edit_doc(r, lambda d: json.dumps(
            {**d, "elements": [{**d["elements"][0], "visible_fraction": float("nan")}]}).encode())), t, TAR, KEY0),
        Case("json-key-differs", _then_rehash(_set(("key",), "game_pixel_000000001")), t, TAR, KEY0),
        Case("json-unknown-class", _then_rehash(_set(("elements", 0, "class"), "<b>evil</b>")), t, TAR, KEY0),
        Case("json-bbox-outside", _then_rehash(_set(("elements", 0, "bbox"), [0, 0, 100_000, 10])), t, TAR, KEY0),
        Case("json-bbox-negative", _then_rehash(_set(("elements", 0, "bbox"), [-5, 0, 10, 10])), t, TAR, KEY0),
        Case("json-bbox-huge", _then_rehash(_set(("elements", 0, "bbox"), [0, 0, 10**30, 10**30])), t, TAR, KEY0),
        Case("json-full-bbox-huge", _then_rehash(_set(("elements", 0, "full_bbox"), [0, 0, 10**30, 1])), t, TAR, KEY0),
        Case("json-width-lies", _then_rehash(lambda r: edit_doc(r, lambda d: set_path(d, ("width",), d["width"] + 1))),
             t, TAR, KEY0),
        Case("image-empty", _then_rehash(_members(lambda mm: {**mm, "png": b""})), t, TAR, KEY0),
        Case("image-not-an-image", _then_rehash(_members(lambda mm: {**mm, "png": b"<svg onload=alert(1)>"})),
             t, TAR, KEY0),
        Case("image-corrupt-pixels", _then_rehash(_members(lambda mm: {
            **mm, "png": mm["png"][:200] + bytes(len(mm["png"]) - 200)})), t, TAR, KEY0),
        Case("image-bomb-header", _then_rehash(_bomb(png_header_only(30_000, 30_000), 30_000)), t, TAR, KEY0),
        Case("image-bomb-zlib", _then_rehash(_bomb(png_bomb(), 20_000)), t, TAR, KEY0),
        # Accidents: a flipped byte (not rehashed: the hash finds it; the byte may land in harmless text).
        *[Case(f"tar-flipped-byte-{at}", lambda r, o, at=at: _flip(r, at), t, TAR, certain=False)
          for at in (0.0, 0.45, 0.999)],
    ]
    return out


def unsafe_key_case(key: str, members_too: bool) -> Case:
    """The first sample's JSON key set to `key` (and, with `members_too`, its tar member names), hashes updated."""
    def fn(mm: dict[str, bytes]) -> list[Member]:
        doc = json.loads(mm["json"])
        doc["key"] = key
        name = key if members_too else KEY0
        return [member(f"{name}.json", json.dumps(doc).encode()), member(f"{name}.png", mm["png"])]
    return Case(f"unsafe-key-{key!r}{'-in-tar' if members_too else ''}", _then_rehash(_members(fn)), "tar", TAR,
                None if members_too else KEY0)


def doc_type_case(path: tuple, value) -> Case:
    return Case(f"doc{list(path)}={value!r}"[:80], _then_rehash(_set(path, value)), "tar", TAR, KEY0)


def manifest_type_case(path: tuple, value) -> Case:
    return Case(f"manifest{list(path)}={value!r}"[:80], _manifest(lambda d: set_path(d, path, value)),
                "manifest", MANIFEST)


def manifest_missing_case(path: tuple) -> Case:
    return Case(f"manifest-missing{list(path)}", _manifest(lambda d: drop_path(d, path)), "manifest", MANIFEST)


def escaping_path_case(target: str) -> Case:
    return Case(f"manifest-files={target!r}", _escape_files_entry(target), "manifest", MANIFEST)


# --- a version (merge output) whose part list is hostile ------------------------------------------

PART = "parts/g"  # where the version fixture keeps its one part


def _version_part(path_of: Callable[[Path], str], link: bool = False) -> Callable[[Path, Path], None]:
    """A version whose part entry is `path_of(outside copy)`, or whose part dir is a symlink to that copy."""
    def build(root: Path, outside: Path) -> None:
        import shutil

        shutil.copytree(root / PART, outside / "part")
        m = json.loads((root / MANIFEST).read_text())
        if link:
            shutil.rmtree(root / PART)
            (root / PART).symlink_to(outside / "part", target_is_directory=True)
        else:
            m["parts"][0]["path"] = path_of(outside / "part")
        (root / MANIFEST).write_text(json.dumps(m))
    return build


def version_cases() -> list[Case]:
    m = "manifest"
    return [
        Case("version-part-parent", _version_part(lambda o: "../outside/part"), m, MANIFEST),
        Case("version-part-absolute", _version_part(lambda o: str(o)), m, MANIFEST),
        Case("version-part-itself", _version_part(lambda o: "."), m, MANIFEST),
        Case("version-part-symlink", _version_part(lambda o: "", link=True), m, MANIFEST),
        Case("version-parts-string", _manifest(lambda d: {**d, "parts": "parts/g"}), m, MANIFEST),
        Case("version-name-markup", _manifest(lambda d: {**d, "name": "<script>alert(1)</script>"}), m, MANIFEST),
        Case("version-part-manifest-list", lambda r, o: (r / PART / MANIFEST).write_text("[]"), m, MANIFEST),
    ]
