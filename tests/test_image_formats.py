"""Compact storage: --image-format png | webp | jpg and --quality. The annotations do not depend on the format;
lossless webp holds the PNG's pixels; lossy images are smaller and close; the manifest says how images were
encoded; verify and the trainer's loader read every format."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tests.conftest import factory_cli, run_factory
from tests.invariants import tar_members

pytestmark = pytest.mark.game
ARGS = ("render", "--renderer", "game", "--style", "fantasy", "--count", "6", "--shard-size", "3", "--seed", "2",
        "--workers", "1")
FORMATS = {"png": (), "webp": ("--image-format", "webp"), "webp-q80": ("--image-format", "webp", "--quality", "80"),
           "jpg": ("--image-format", "jpg"), "jpg-q60": ("--image-format", "jpg", "--quality", "60"),
           "jpg-420": ("--image-format", "jpeg", "--jpeg-chroma", "4:2:0")}  # "jpeg": recorded as jpg


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, Path]:
    # In this process (factory_cli): six renders, one import of torch, pyarrow and the code hash instead of six.
    root = tmp_path_factory.mktemp("formats")
    out = {}
    for name, extra in FORMATS.items():
        out[name] = root / name
        res = factory_cli(*ARGS, *extra, "--out", str(out[name]))
        assert res.returncode == 0, res.stderr[-2000:]
    return out


def _pixels(data: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB")).astype(np.float64)


def test_annotations_do_not_depend_on_the_format(rendered):
    png = tar_members(rendered["png"])
    for name, d in rendered.items():
        fmt = name.split("-")[0]
        for key, members in tar_members(d).items():
            doc, ref = json.loads(members["json"]), json.loads(png[key]["json"])
            assert doc["image_format"] == fmt and set(members) == {"json", fmt}
            assert {k: v for k, v in doc.items() if k != "image_format"} == \
                {k: v for k, v in ref.items() if k != "image_format"}, (name, key)


def test_pixels_lossless_where_promised_and_close_where_lossy(rendered):
    png = tar_members(rendered["png"])
    size = {name: sum(len(m[name.split("-")[0]]) for m in tar_members(d).values()) for name, d in rendered.items()}
    for name, d in rendered.items():
        fmt = name.split("-")[0]
        for key, members in tar_members(d).items():
            a, b = _pixels(png[key]["png"]), _pixels(members[fmt])
            mse = float(((a - b) ** 2).mean())
            if name in ("png", "webp"):
                assert mse == 0.0, (name, key)
            else:
                assert 10 * np.log10(255 ** 2 / max(mse, 1e-9)) > 28, (name, key, mse)  # PSNR in dB
    assert size["webp-q80"] < size["png"] and size["jpg"] < size["png"] and size["jpg-q60"] < size["jpg"], size
    assert size["jpg-420"] < size["jpg"], size  # the same quality, colour at half resolution


def test_manifest_records_the_encoding_and_verify_reads_it(rendered):
    for name, d in rendered.items():
        config = json.loads((d / "manifest.json").read_text())["config"]
        assert config["image_format"] == name.split("-")[0]
        assert config.get("quality") == {"webp-q80": 80, "jpg-q60": 60}.get(name), name  # jpg's 90 is implied
        assert config.get("jpeg_chroma") == ("4:2:0" if name == "jpg-420" else None), name  # 4:4:4 is implied
        res = factory_cli("verify", str(d))
        assert res.returncode == 0, res.stdout[-2000:] + res.stderr[-2000:]


def test_jpeg_chroma_is_what_was_asked(rendered):
    from PIL import JpegImagePlugin

    for name, want in (("jpg", 0), ("jpg-q60", 0), ("jpg-420", 2)):  # Pillow's numbers: 0 = 4:4:4, 2 = 4:2:0
        for members in tar_members(rendered[name]).values():
            assert JpegImagePlugin.get_sampling(Image.open(io.BytesIO(members["jpg"]))) == want, name


def test_png_manifest_is_as_before_quality_existed(rendered):
    config = json.loads((rendered["png"] / "manifest.json").read_text())["config"]
    assert "quality" not in config


@pytest.mark.train
def test_the_trainer_reads_every_format(rendered):
    from trainer import data
    from trainer.sources import resolve

    names, classes = data.label_map("canonical")
    for name, d in rendered.items():
        dec = data.Decoder(256, 160, classes=classes)
        batch = next(iter(data.TrainStream(resolve([str(d)]), dec, batch_size=2, total_batches=1)))
        assert tuple(batch["image"].shape) == (2, 3, 160, 256) and all(len(b) for b in batch["boxes"]), name


def test_quality_needs_a_lossy_format(tmp_path):
    res = run_factory(*ARGS, "--quality", "80", "--out", str(tmp_path / "x"))
    assert res.returncode == 2 and "PNG is lossless" in res.stderr, res.stderr
    assert not (tmp_path / "x").exists()


@pytest.mark.parametrize("fmt", ["png", "webp"])
def test_jpeg_chroma_needs_jpeg(tmp_path, fmt):
    res = run_factory(*ARGS, "--image-format", fmt, "--jpeg-chroma", "4:2:0", "--out", str(tmp_path / "x"))
    assert res.returncode == 2 and "--jpeg-chroma applies to JPEG only" in res.stderr, res.stderr
    assert not (tmp_path / "x").exists()


def test_jpeg_chroma_reaches_the_encoder_and_the_manifest_config():
    """In process (no render): --jpeg-chroma 4:2:0 is what factory.sample.encode writes and what the manifest's
    config records; 4:4:4 stays the default and leaves the config as before the option existed."""
    from PIL import JpegImagePlugin

    from factory.config import RenderConfig
    from factory.core.errors import ConfigError
    from factory.sample import encode

    rng = np.random.default_rng(0)
    pixels = rng.integers(0, 255, (64, 96, 3), dtype=np.uint8)
    blobs = {}
    for chroma, want in (("", 0), ("4:4:4", 0), ("4:2:0", 2)):
        cfg = RenderConfig(renderer="game", style="pixel", count=1, image_format="jpg", quality=75,
                           jpeg_chroma=chroma).validate()
        blobs[chroma] = encode(b"", pixels, cfg.encoding)
        assert JpegImagePlugin.get_sampling(Image.open(io.BytesIO(blobs[chroma]))) == want, chroma
        assert cfg.resolved("v").get("jpeg_chroma") == ("4:2:0" if want else None), chroma
    assert blobs[""] == blobs["4:4:4"] and len(blobs["4:2:0"]) < len(blobs["4:4:4"])
    for fmt, chroma in (("png", "4:2:0"), ("webp", "4:2:0"), ("jpg", "4:2:2")):
        with pytest.raises(ConfigError, match="--jpeg-chroma"):
            RenderConfig(renderer="game", style="pixel", count=1, image_format=fmt, jpeg_chroma=chroma).validate()
