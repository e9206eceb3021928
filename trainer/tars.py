"""Samples from WebDataset tar shards, read defensively: a shard is data, and data may be hostile.

The same grouping as webdataset's `tarfile_to_samples` (members `<key>.<ext>` in a row make one sample:
{"__key__", "__url__", ext: bytes}), with the checks a hostile shard needs before anything is read:
only regular files are read (never links or devices), a member's declared size is capped before its bytes
are read (a multi-gigabyte member, or a gzip bomb in a `.tar`, never reaches memory), a key must be a safe
WebDataset key, and a sample with a duplicated member is dropped whole (which copy would be the truth?).
Each of those faults spoils one sample; an unreadable or truncated tar ends its shard. Either way the
fault goes to the handler (trainer.faults.FaultHandler), which counts it and decides whether to go on.
A sample's optional members (factory.core.schema.SAMPLE_EXTRAS: the HTML or .ui source of --keep-source...)
are not read at all: the stream steps over their bytes, so a dataset with sources trains as fast as one without.
"""

from __future__ import annotations

import tarfile
import zlib
from typing import Callable, Iterable, Iterator

from factory.core.errors import DataError
from factory.core.guards import check_key
from factory.core.schema import SAMPLE_EXTRAS
from trainer.faults import BadTar

# The largest member read into memory. A PNG of the decoder's 40M-pixel cap stays well under it.
MAX_MEMBER_BYTES = 256 << 20


def split_name(name: str) -> tuple[str, str]:
    """'key.json' -> ('key', 'json'); 'dir/key.seg.png' -> ('dir/key', 'seg.png') (webdataset's rule)."""
    slash = name.rfind("/") + 1
    dot = name.find(".", slash)
    if dot < 0:
        return name, ""
    return name[:dot], name[dot + 1:].lower()


def shard_samples(url: str, handler: Callable[[BaseException], bool]) -> Iterator[dict]:
    """The samples of one tar file, in member order; faults go to `handler` (see the module docstring)."""
    current: dict | None = None
    spoiled = False  # the current sample had a bad member: it is dropped when its key ends
    yielded = 0
    try:
        with open(url, "rb") as f, tarfile.open(fileobj=f, mode="r|*") as tar:
            for member in tar:
                if not member.isreg():
                    continue
                key, ext = split_name(member.name)
                if current is None or key != current["__key__"]:
                    if current is not None and not spoiled:
                        yielded += 1
                        yield current
                    current, spoiled = {"__key__": key, "__url__": url}, False
                if spoiled or ext in SAMPLE_EXTRAS:  # optional members: never used for training, never read
                    continue
                try:
                    check_key(key, f"{url}: member {member.name[:100]!r}")
                    if not ext:
                        raise BadTar(f"{url}: member {member.name[:100]!r} has no extension (<key>.<ext>)")
                    if ext in current:
                        raise BadTar(f"{url}: sample {key}: member {member.name!r} appears twice; the sample is "
                                     f"dropped (a shard written by this factory never repeats a name)")
                    if member.size > MAX_MEMBER_BYTES:
                        raise BadTar(f"{url}: sample {key}: member {member.name!r} declares {member.size:,} bytes, "
                                     f"over the cap of {MAX_MEMBER_BYTES:,}; not read")
                except DataError as e:
                    spoiled = True
                    if not handler(e if isinstance(e, BadTar) else BadTar(str(e))):
                        return
                    continue
                current[ext] = tar.extractfile(member).read()
        if current is not None and not spoiled:
            yielded += 1
            yield current
        if not yielded:
            handler(BadTar(f"{url}: no usable sample in this shard"))
    except (tarfile.TarError, OSError, EOFError, zlib.error) as e:
        handler(BadTar(f"{url}: unreadable tar after {yielded} samples ({type(e).__name__}: {e})"))


def samples(urls: Iterable[dict], handler: Callable[[BaseException], bool]) -> Iterator[dict]:
    """webdataset stage: {"url": path} items (ResampledShards, SimpleShardList) -> samples of each shard."""
    for item in urls:
        yield from shard_samples(item["url"], handler)
