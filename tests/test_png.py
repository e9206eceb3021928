"""The PNG writer of the desktop and game renderers (renderers.png): its bytes are a function of the pixels only,
whatever the process did before, so a seed reproduces a dataset bit for bit."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from renderers.png import png_from_scanlines

GOLDEN = Path(__file__).parent / "golden"
ROOT = Path(__file__).resolve().parents[1]


def _pixels(path: Path) -> np.ndarray:
    return np.asarray(Image.open(path).convert("RGB"))


def _encode(renderer: str, pixels: np.ndarray) -> bytes:
    if renderer == "game":
        from renderers.game.encode import png_bytes

        return png_bytes(pixels)
    from renderers.desktop.encode import DEFLATE_LEVEL

    h, w, _ = pixels.shape
    rows = np.zeros((h, 1 + 3 * w), np.uint8)
    rows[:, 1:] = pixels.reshape(h, 3 * w)
    return png_from_scanlines(rows, DEFLATE_LEVEL)


@pytest.mark.parametrize("path", sorted(GOLDEN.glob("game/*.png")) + sorted(GOLDEN.glob("desktop/*.png")),
                         ids=lambda p: f"{p.parent.name}-{p.stem}")
def test_golden_png_bytes_are_a_function_of_its_pixels(path: Path):
    """Re-encoding a golden frame's decoded pixels in this process gives the golden's exact bytes: the renderers'
    PNGs carry nothing but pixels and the encoder's fixed choices (desktop: no row filter; game: Up)."""
    renderer = path.parent.name
    want = path.read_bytes()
    got = _encode(renderer, _pixels(path))
    assert hashlib.sha256(got).hexdigest() == hashlib.sha256(want).hexdigest(), \
        f"{path.name}: re-encoded {len(got)} bytes vs the golden's {len(want)}; run tests/golden/make_golden.py " \
        f"{renderer} if the deflate version changed"


CHILD = r"""
import hashlib, sys
import numpy as np
from PIL import Image
sys.path.insert(0, sys.argv[1])
from renderers.game.encode import png_bytes
rng = np.random.default_rng(int(sys.argv[3]))
junk = [rng.integers(0, 256, int(n), dtype=np.uint8).tobytes() for n in rng.integers(1 << 10, 1 << 22, 24)]
del junk[::2]  # freed buffers of random bytes on the heap before the encoder allocates
pixels = np.asarray(Image.open(sys.argv[2]).convert("RGB"))
png_bytes(np.ascontiguousarray(pixels[::-1]))  # an earlier, different frame in the same process
print(hashlib.sha256(png_bytes(pixels)).hexdigest())
"""


def test_same_bytes_in_processes_with_different_histories():
    """Three processes with different heap contents (glibc's perturb fills freed and new memory with a byte) and
    different earlier frames encode one golden frame to the same bytes as this process."""
    path = sorted(GOLDEN.glob("game/*.png"))[0]
    want = hashlib.sha256(path.read_bytes()).hexdigest()
    for seed, perturb in ((1, 0), (2, 85), (3, 170)):
        env = {**os.environ, "GLIBC_TUNABLES": f"glibc.malloc.mmap_threshold=33554432:glibc.malloc.perturb={perturb}"}
        res = subprocess.run([sys.executable, "-c", CHILD, str(ROOT), str(path), str(seed)], env=env,
                             capture_output=True, text=True, timeout=120)
        assert res.returncode == 0, res.stderr
        assert res.stdout.strip() == want, f"process {seed} (perturb {perturb}) wrote other bytes"


@pytest.mark.parametrize("shape", [(1, 1), (5, 7), (64, 33)])
def test_unfiltered_scanlines_round_trip(shape):
    pixels = np.random.default_rng(1).integers(0, 256, (*shape, 3), dtype=np.uint8)
    h, w, _ = pixels.shape
    rows = np.zeros((h, 1 + 3 * w), np.uint8)
    rows[:, 1:] = pixels.reshape(h, 3 * w)
    png = png_from_scanlines(rows, 2)
    import io

    assert np.array_equal(np.asarray(Image.open(io.BytesIO(png)).convert("RGB")), pixels)


def test_malformed_scanlines_are_refused():
    with pytest.raises(ValueError, match="C-contiguous"):
        png_from_scanlines(np.zeros((4, 11), np.uint8), 1)  # 10 bytes of pixels: not whole RGB pixels
    with pytest.raises(ValueError, match="C-contiguous"):
        png_from_scanlines(np.zeros((4, 13), np.uint16), 1)
