"""PNG bytes from RGB scanlines, for the renderers that encode their own frames (desktop, game).

Deflate is libdeflate's (the `deflate` package): it compresses the whole buffer in one call, with no streaming
state carried between calls, so the bytes depend only on the scanlines, the level and the libdeflate build,
which `deflate_version()` names for the renderers' versions. ISA-L's deflate, used here before, is ~2-8x faster
but twice gave different (valid) bytes for the same pixels inside a render worker, which breaks the promise that
a seed reproduces a dataset bit for bit; libdeflate also writes 6-28% fewer bytes (benchmarks/README.md, "PNG
deflate").
"""

from __future__ import annotations

import struct
import zlib

import numpy as np

from renderers.base import RendererError

SIGNATURE = b"\x89PNG\r\n\x1a\n"
FILTER_NONE, FILTER_UP = 0, 2


def _deflate():
    try:
        import deflate
    except ImportError as e:
        raise RendererError("writing PNG frames needs libdeflate: pip install 'gui-factory[desktop]' or "
                            "'gui-factory[game]' (package deflate); `make setup` installs it") from e
    return deflate


def deflate_version() -> str:
    from importlib.metadata import version

    _deflate()
    return f"deflate {version('deflate')}"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_from_scanlines(scanlines: np.ndarray, level: int) -> bytes:
    """An 8-bit RGB PNG (no alpha, no ancillary chunks) of PNG scanlines: an (h, 1 + 3w) uint8 array whose
    first column holds each row's filter type and the rest its (filtered) RGB bytes."""
    h, row = scanlines.shape
    if scanlines.dtype != np.uint8 or (row - 1) % 3 or not scanlines.flags.c_contiguous:
        raise ValueError(f"PNG scanlines must be a C-contiguous (h, 1 + 3w) uint8 array, got {scanlines.dtype} "
                         f"{scanlines.shape}")
    idat = bytes(_deflate().zlib_compress(memoryview(scanlines).cast("B"), level))
    header = struct.pack(">IIBBBBB", (row - 1) // 3, h, 8, 2, 0, 0, 0)  # 8-bit truecolour, no interlace
    return SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")
