"""The loader's reduced JPEG decode (trainer.letterbox.letterboxed): a JPEG going to at most half its size is decoded
at 1/2, 1/4 or 1/8 scale inside libjpeg, then resized as before. Boxes map exactly as from a full decode (the
letterbox is the full image's), the pixels land within a pixel of the full decode's, and PNG and WebP are read
exactly as before."""

from __future__ import annotations

import io
import json
import tarfile

import numpy as np
import pytest
import torch
from PIL import Image

from trainer import data
from trainer.letterbox import Letterbox, decode_rgb, letterboxed

pytestmark = pytest.mark.train

# Dark and coloured rectangles on a light screen, at odd coordinates (x, y, w, h) in a 1280x800 screen.
RECTS = [(37, 23, 211, 41), (301, 129, 23, 19), (655, 401, 97, 33), (1001, 603, 251, 151), (123, 701, 61, 21),
         (811, 55, 35, 35)]
COLOURS = [(20, 20, 20), (200, 30, 30), (30, 60, 190), (20, 20, 20), (30, 140, 40), (20, 20, 20)]


def screen(w: int, h: int) -> tuple[np.ndarray, np.ndarray]:
    """(h, w, 3) uint8 screen and its (N, 4) xywh rectangles, RECTS scaled to w x h."""
    sx, sy = w / 1280, h / 800
    img = np.full((h, w, 3), 245, np.uint8)
    boxes = []
    for (x, y, bw, bh), c in zip(RECTS, COLOURS):
        x0, y0, x1, y1 = round(x * sx), round(y * sy), round((x + bw) * sx), round((y + bh) * sy)
        img[y0:y1, x0:x1] = c
        boxes.append((x0, y0, x1 - x0, y1 - y0))
    return img, np.asarray(boxes, np.float64)


def encoded(rgb: np.ndarray, fmt: str, subsampling: int = 0) -> bytes:
    buf = io.BytesIO()
    if fmt == "JPEG":
        Image.fromarray(rgb).save(buf, "JPEG", quality=90, subsampling=subsampling)
    else:
        Image.fromarray(rgb).save(buf, fmt, **({"quality": 90} if fmt == "WEBP" else {}))
    return buf.getvalue()


def centroids(canvas: np.ndarray, boxes: np.ndarray) -> np.ndarray:
    """Each rectangle's centre in the canvas, weighted by how much darker than the background each pixel is,
    searched within 4 px around its expected canvas box."""
    grey = canvas.astype(np.float64).mean(axis=2)
    out = []
    for x, y, w, h in boxes:
        x0, y0 = max(0, int(x) - 4), max(0, int(y) - 4)
        crop = np.clip(245 - grey[y0:int(y + h) + 5, x0:int(x + w) + 5], 0, None)
        ys, xs = np.mgrid[:crop.shape[0], :crop.shape[1]]
        out.append((x0 + 0.5 + (xs * crop).sum() / crop.sum(), y0 + 0.5 + (ys * crop).sum() / crop.sum()))
    return np.asarray(out)


@pytest.mark.parametrize("src, canvas, k", [
    ((1280, 800), (512, 320), 2), ((1280, 800), (640, 384), 2), ((1280, 800), (640, 400), 2),
    ((1280, 800), (1024, 640), 1), ((2560, 1600), (512, 320), 4), ((5120, 3200), (512, 320), 8),
    ((1334, 750), (512, 320), 2), ((1283, 803), (512, 320), 2), ((1000, 300), (512, 320), 1)])
def test_reduction_is_the_largest_scale_still_covering_the_canvas(src, canvas, k):
    lb = Letterbox(*src, *canvas)
    assert lb.reduction() == k
    w, h = lb.size
    assert -(-src[0] // k) >= w and -(-src[1] // k) >= h  # never upscaled afterwards
    if k < 8:
        assert -(-src[0] // (2 * k)) < w or -(-src[1] // (2 * k)) < h  # the next scale would be too small


@pytest.mark.parametrize("src, canvas", [((1280, 800), (512, 320)), ((1280, 800), (640, 384)),
                                         ((1283, 803), (512, 320)), ((2566, 1606), (512, 320))])
@pytest.mark.parametrize("subsampling", [0, 2])  # 4:4:4 and 4:2:0 chroma
def test_reduced_jpeg_lands_within_a_pixel_of_the_full_decode(src, canvas, subsampling):
    rgb, boxes = screen(*src)
    jpg = encoded(rgb, "JPEG", subsampling)
    full, lb_full = letterboxed(jpg, *canvas, jpeg_draft=False)
    draft, lb = letterboxed(jpg, *canvas)
    assert lb.reduction() > 1 and lb == lb_full == Letterbox(*src, *canvas)  # the full image's map: same boxes
    assert draft.shape == full.shape == (canvas[1], canvas[0], 3)
    w, h = lb.size
    assert draft[h:].sum() == 0 and draft[:, w:].sum() == 0  # padding where it was
    expected = lb.boxes(boxes).astype(np.float64)
    want = expected[:, :2] + expected[:, 2:] / 2
    got_full, got_draft = centroids(full, expected), centroids(draft, expected)
    assert np.abs(got_full - want).max() < 0.5, got_full - want
    assert np.abs(got_draft - want).max() < 0.5, got_draft - want
    # The pixels: a shifted or stretched image would differ by tens of levels along every edge.
    diff = np.abs(draft.astype(np.int16) - full.astype(np.int16))
    assert diff.mean() < 1.5 and np.percentile(diff, 99) < 40, (diff.mean(), np.percentile(diff, 99))


@pytest.mark.parametrize("fmt", ["PNG", "WEBP", "JPEG"])
def test_formats_decoded_in_full_are_read_exactly_as_before(fmt):
    """PNG and WebP (and a JPEG whose canvas is over half its size) go through the full decode + letterbox
    unchanged, whatever jpeg_draft says."""
    rgb, _ = screen(1280, 800)
    blob = encoded(rgb, fmt)
    canvas = (512, 320) if fmt != "JPEG" else (1024, 640)
    before = Letterbox(1280, 800, *canvas).image(decode_rgb(blob))
    for draft in (True, False):
        out, lb = letterboxed(blob, *canvas, jpeg_draft=draft)
        assert lb == Letterbox(1280, 800, *canvas) and np.array_equal(out, before), (fmt, draft)


def _samples(dataset) -> list[dict]:
    out = []
    for tar in sorted((dataset / "shards").glob("*.tar")):
        with tarfile.open(tar) as t:
            members = {m.name: t.extractfile(m).read() for m in t.getmembers()}
        for name in sorted(n for n in members if n.endswith(".json")):
            out.append({"__key__": name[:-5], "__url__": str(tar), "json": members[name],
                        "png": members[name[:-5] + ".png"]})
    return out


def as_jpeg(sample: dict) -> dict:
    rec = json.loads(sample["json"])
    rec["image_format"] = "jpg"
    return {**{k: v for k, v in sample.items() if k != "png"}, "json": json.dumps(rec).encode(),
            "jpg": encoded(decode_rgb(sample["png"]), "JPEG")}


@pytest.mark.parametrize("canvas", [(512, 320), (640, 384)])
def test_the_loader_gives_a_reduced_jpeg_sample_the_full_decodes_boxes(small_game_dataset, canvas):
    """A real screen stored as JPEG, through the trainer's Decoder with and without the reduced decode: the same
    boxes, labels, scale and size exactly, images within a pixel (ground truth in input pixels too)."""
    classes = data.label_map("canonical")[1]
    for s in _samples(small_game_dataset):
        sample = as_jpeg(s)
        lb = Letterbox(*decode_rgb(s["png"]).shape[1::-1], *canvas)
        assert lb.reduction() == 2, lb
        full = data.Decoder(*canvas, classes=classes, keep_gt=True, jpeg_draft=False)(sample)
        draft = data.Decoder(*canvas, classes=classes, keep_gt=True)(sample)
        assert draft["scale"] == full["scale"] == lb.scale and draft["size"] == full["size"] == (lb.in_w, lb.in_h)
        assert len(draft["boxes"]) > 0
        for k in ("boxes", "labels", "gt_xywh", "gt_labels"):
            assert np.array_equal(np.asarray(draft[k]), np.asarray(full[k])), k
        diff = (draft["image"].to(torch.int16) - full["image"].to(torch.int16)).abs().float()
        assert diff.mean() < 2.0 and diff.quantile(0.99) < 40, (diff.mean(), diff.quantile(0.99))
        # and the PNG sample reads as before: full decode, same letterbox
        png = data.Decoder(*canvas, classes=classes)(s)
        assert torch.equal(png["image"], torch.from_numpy(lb.image(decode_rgb(s["png"]))).permute(2, 0, 1))
