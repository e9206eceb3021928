"""Contact sheets: samples from a dataset's shards with their boxes and classes drawn.

Samples come from the safe tar reader (factory.tario); a damaged or hostile shard stops the sheet with one
DataError naming the file and key. The PNG carries a generator text chunk, so only sheets the factory
wrote are ever replaced.
"""

from __future__ import annotations

import io
import itertools
from pathlib import Path

from PIL import Image, ImageDraw
from PIL.PngImagePlugin import PngInfo

from factory.core.errors import ConfigError, DataError
from factory.outputs import check_file, made_dirs, marker, write_atomic
from factory.core.draw import class_colour, draw_boxes, label_font  # noqa: F401 - report and overlays use them
from factory.core.dataset import open_dataset

TILE_W = 480
NAMES = ("preview.png", "preview.png.tmp")  # in a dataset directory, ours by name (render writes the .tmp)


def iter_samples(root: Path, limit: int):
    """(image, record) pairs of the dataset's first `limit` samples, read and checked by the safe tar reader."""
    from factory.tario import samples

    ds = open_dataset(root)
    for s in itertools.islice(samples(ds), limit):
        yield s.load_image(), s.doc


def check_out(out: Path) -> None:
    """Refuse (ConfigError) to replace a file at `out` that the factory did not write."""
    check_file(out, "preview", NAMES)


def contact_sheet(root: Path, out: Path, n: int = 12, columns: int = 4) -> Path:
    """Draw the first `n` samples of the dataset at `root` into a PNG contact sheet at `out`."""
    if n < 1 or columns < 1:
        raise ConfigError(f"a contact sheet needs at least one sample and one column (got n={n}, columns={columns})")
    check_out(out)
    tiles = []
    font = label_font(14)
    for image, rec in iter_samples(root, n):
        img = draw_boxes(image, rec["elements"])
        image.close()
        scale = TILE_W / img.width
        img = img.resize((TILE_W, max(1, round(img.height * scale))), Image.Resampling.LANCZOS)
        caption = f"{rec['key']}  {rec['grammar']} · {rec['style']} · {rec['factors']['theme']} · " \
                  f"{rec['factors']['locale']} · {len(rec['elements'])} el"
        tile = Image.new("RGB", (TILE_W, img.height + 22), (250, 250, 250))
        tile.paste(img, (0, 22))
        ImageDraw.Draw(tile).text((4, 3), caption[:120], fill=(20, 20, 20), font=font)
        tiles.append(tile)
    if not tiles:
        raise DataError(f"{root} has no sample to draw")
    rows = [tiles[i:i + columns] for i in range(0, len(tiles), columns)]
    heights = [max(t.height for t in r) for r in rows]
    gap = 8
    sheet = Image.new("RGB", (columns * (TILE_W + gap) + gap, sum(heights) + gap * (len(rows) + 1)), (40, 40, 48))
    y = gap
    for r, h in zip(rows, heights):
        for i, t in enumerate(r):
            sheet.paste(t, (gap + i * (TILE_W + gap), y))
        y += h + gap
    info = PngInfo()
    info.add_text("Software", marker("preview"))  # marks the file as ours: a later preview may replace it
    buf = io.BytesIO()
    sheet.save(buf, "PNG", optimize=False, pnginfo=info)
    with made_dirs(out.parent):
        return write_atomic(out, buf.getvalue())
