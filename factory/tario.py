"""Reading WebDataset shards safely: the one tar reader of verify, export, preview and report.

A shard is input like any other. Each member must be a regular file named `<key>.<ext>` with a safe key
(factory.core.guards.check_key) and a known extension (json, an image format, or an optional extra of
factory.core.schema.SAMPLE_EXTRAS such as `html`; an extension may hold one dot, e.g. `after.png`), each name
once, each key's members contiguous, its declared size under a cap (a tar header can declare terabytes). Each
sample's JSON must be a schema-v1 object whose key is the tar key and whose boxes lie inside the image; the
image header is read, and its pixel count capped, before any pixel is decoded. Readers choose the policy:
`verify` lists every fault, the others stop at the first with one DataError naming the file, the key and the
fix (or skip and count where the user asked for it).
"""

from __future__ import annotations

import io
import json
import tarfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from factory.core.dataset import Dataset, Part
from factory.core.errors import DataError
from factory.core.guards import check_key, image_size
from factory.core.schema import IMAGE_FORMATS, SAMPLE_EXTRAS, validate
from factory.core.taxonomy import CLASS_ID

IMAGE_EXTS = IMAGE_FORMATS
# Far above anything the factory writes (a 4K screenshot PNG is a few MB, a JSON document tens of KB). Optional
# members (schema.SAMPLE_EXTRAS) have the caps declared there, read at each call: one list for every reader.
MAX_MEMBER_BYTES = {"json": 16 << 20, **{ext: 256 << 20 for ext in IMAGE_EXTS}}
INT32 = 2**31 - 1


def member_cap(ext: str) -> int | None:
    """The size cap of a member with extension `ext`, or None when the extension is not one a sample may hold."""
    return MAX_MEMBER_BYTES.get(ext, SAMPLE_EXTRAS.get(ext))


class SampleFault(DataError):
    """One fault of a shard: the file, the sample key where there is one, and the problem."""

    def __init__(self, file: str, key: str | None, problem: str):
        self.file, self.key, self.problem = file, key, problem
        super().__init__(f"{file}" + (f" [{key}]" if key else "") + f": {problem}")


OnFault = Callable[[SampleFault], None]


def _raise(fault: SampleFault) -> None:
    raise fault


@dataclass(frozen=True)
class Sample:
    """A checked sample: its key, JSON document, undecoded image bytes, the shard it came from and its optional
    members (schema.SAMPLE_EXTRAS: extension -> bytes, e.g. {"html": b"<!doctype html>..."}; {} for most)."""

    key: str
    doc: dict
    image: bytes
    file: str
    extras: dict[str, bytes] = field(default_factory=dict)

    def load_image(self):
        """The decoded image (PIL), its size already capped by the header check; SampleFault if it does not decode."""
        from PIL import Image

        try:
            img = Image.open(io.BytesIO(self.image))
            img.load()
        except Exception as e:  # noqa: BLE001 - any decoder error (PIL raises many kinds) means a bad image
            raise SampleFault(self.file, self.key, f"image does not decode ({str(e)[:120]})") from None
        return img


def tar_groups(path: Path, file: str, on_fault: OnFault = _raise) -> Iterator[tuple[str, dict[str, bytes]]]:
    """(key, {ext: bytes}) per sample of the tar at `path` (named `file` in faults), members checked.

    A bad member is reported to `on_fault` and skipped; a tar that cannot be read further ends the groups."""
    seen: set[str] = set()
    done: set[str] = set()
    key, members = None, {}
    try:
        with tarfile.open(path, "r:") as tar:  # uncompressed only: no gzip bombs
            for info in tar:
                k, ext = _member(info, file, seen, on_fault)
                if k is None:
                    continue
                if k != key:
                    if key is not None:
                        yield key, members
                        done.add(key)
                    if k in done:
                        on_fault(SampleFault(file, k, f"member {info.name[:80]!r} comes after other keys' members: "
                                                      f"a sample's members must be contiguous"))
                        key, members = None, {}
                        continue
                    key, members = k, {}
                members[ext] = tar.extractfile(info).read()
    except (tarfile.TarError, EOFError, OSError) as e:
        on_fault(SampleFault(file, key, f"unreadable tar ({str(e)[:120]})"))
        return
    if key is not None:
        yield key, members


def _member(info: tarfile.TarInfo, file: str, seen: set[str], on_fault: OnFault) -> tuple[str | None, str]:
    """(key, ext) of an acceptable member, or (None, '') after reporting why it is not."""
    name = info.name
    key, _, ext = name.partition(".")  # the key ends at the first dot; an extension may hold one ("after.png")
    cap = member_cap(ext)
    problem = None
    if not info.isfile():
        problem = f"member {name[:80]!r} is not a regular file (a link, directory or device)"
    elif cap is None:
        exts = ("json", *IMAGE_EXTS, *SAMPLE_EXTRAS)
        problem = f"member {name[:80]!r} is not <key>.<ext> with ext one of {', '.join(exts)}"
    elif name in seen:
        problem = f"duplicate member {name[:80]!r}"
    elif info.size > cap:
        problem = f"member {name[:80]!r} declares {info.size:,} bytes, over the cap of {cap:,}"
    else:
        try:
            check_key(key)
        except DataError as e:
            problem = f"member {name[:80]!r}: {e}"
    seen.add(name)
    if problem:
        on_fault(SampleFault(file, key if _safe(key) else None, problem))
        return None, ""
    return key, ext


def _safe(key: str) -> bool:
    try:
        check_key(key)
        return True
    except DataError:
        return False


def _no_constants(name: str):
    raise ValueError(f"{name} is not a JSON number")


def parse_doc(file: str, key: str, members: dict[str, bytes]) -> dict:
    """The sample's JSON document: an object valid under schema v1, its key the tar key, its boxes in the image."""
    import jsonschema


    fault = lambda problem: SampleFault(file, key, problem)  # noqa: E731
    if "json" not in members:
        raise fault("no .json member")
    try:
        doc = json.loads(members["json"].decode("utf-8"), parse_constant=_no_constants)
    except (ValueError, RecursionError) as e:  # JSONDecodeError, UnicodeDecodeError, NaN, nesting too deep
        raise fault(f"JSON does not parse ({str(e)[:120]})") from None
    if not isinstance(doc, dict):
        raise fault(f"JSON is a {type(doc).__name__}, not an object")
    try:
        validate(doc)
    except jsonschema.ValidationError as e:
        raise fault(f"JSON does not match schema v1 at {e.json_path}: {(e.message.splitlines() or [''])[0][:120]}") \
            from None
    if doc["key"] != key:
        raise fault(f"JSON key {doc['key']!r} differs from the tar key")
    _check_elements(doc, fault)
    return doc


def _check_elements(doc: dict, fault: Callable[[str], SampleFault]) -> None:
    """What schema v1 cannot say: known classes, visible boxes inside the image, numbers that fit the tables."""
    w, h = doc["width"], doc["height"]
    for e in doc["elements"]:
        if e["class"] not in CLASS_ID:
            raise fault(f"element {e['id']}: unknown class {e['class'][:40]!r}")
        x, y, bw, bh = e["bbox"]
        if not (x >= 0 and y >= 0 and bw > 0 and bh > 0 and x + bw <= w and y + bh <= h):
            raise fault(f"element {e['id']}: bbox {str(e['bbox'])[:80]} is not a box inside the {w}x{h} image")
        numbers = [e["id"], e["depth"], *e["full_bbox"]] + ([] if e["parent"] is None else [e["parent"]])
        if any(abs(v) > INT32 for v in numbers):
            raise fault(f"element {e['id'] if abs(e['id']) <= INT32 else '?'}: a number is out of the 32-bit range")


def check_image(file: str, key: str, members: dict[str, bytes], doc: dict) -> bytes:
    """The image member named by the document, its header read (size capped, matching the JSON); nothing decoded."""
    fault = lambda problem: SampleFault(file, key, problem)  # noqa: E731
    ext = doc["image_format"]
    if ext not in members:
        raise fault(f"no .{ext} member")
    extra = sorted(set(members) - {"json", ext, *SAMPLE_EXTRAS})
    if extra:
        raise fault(f"unexpected member(s) {', '.join('.' + x for x in extra)}")
    try:
        size = image_size(members[ext])
    except DataError as e:
        raise fault(f"image: {e}") from None
    if size != (doc["width"], doc["height"]):
        raise fault(f"image is {size[0]}x{size[1]}, JSON says {doc['width']}x{doc['height']}")
    return members[ext]


def decode_sample(file: str, key: str, members: dict[str, bytes]) -> Sample:
    doc = parse_doc(file, key, members)
    image = check_image(file, key, members, doc)
    return Sample(key, doc, image, file, {ext: data for ext, data in members.items() if ext in SAMPLE_EXTRAS})


class FaultPolicy:
    """What a reader does with a bad sample: stop with one DataError naming file, key and the fix, or skip and count."""

    def __init__(self, root: Path, skip: bool = False, skip_hint: str = ""):
        self.root, self.skip, self.skip_hint = root, skip, skip_hint
        self.skipped: list[SampleFault] = []

    def __call__(self, fault: SampleFault) -> None:
        if not self.skip:
            raise DataError(f"{fault}; the dataset is damaged or was not written by this factory: "
                            f"`factory verify {self.root}` lists every fault{self.skip_hint}")
        self.skipped.append(fault)


def _where(ds: Dataset, path: Path) -> str:
    try:
        return path.relative_to(ds.root).as_posix()
    except ValueError:
        return str(path)


def samples(ds: Dataset, parts: Iterable[Part] | None = None, on_fault: OnFault | None = None) -> Iterator[Sample]:
    """Every checked sample of `parts` (default: all of the dataset's), in shard order.

    By default the first fault stops the reading with one DataError (FaultPolicy); pass a FaultPolicy with
    skip=True to skip bad samples and count them."""
    on_fault = on_fault or FaultPolicy(ds.root)
    for part in ds.parts if parts is None else parts:
        for shard in part.manifest["shards"]:
            tar = part.shard_files(shard)[0]
            file, n = _where(ds, tar), 0
            for key, members in tar_groups(tar, file, on_fault):
                n += 1
                try:
                    yield decode_sample(file, key, members)
                except SampleFault as f:
                    on_fault(f)
            if n != shard["samples"]:
                on_fault(SampleFault(file, None, f"{n} samples in the tar, manifest.json says {shard['samples']} "
                                                 f"(truncated or edited?)"))
