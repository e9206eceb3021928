"""Trainer data path: letterbox geometry, box-aware augmentation, weighted mixing, fault skipping."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from factory.core.errors import ConfigError
from trainer import data
from trainer.augment import AugmentConfig, apply, build
from trainer.faults import DataFault, FaultHandler
from trainer.letterbox import Letterbox
from trainer.sources import resolve

pytestmark = pytest.mark.train


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080), (824, 1830), (1000, 300), (300, 300), (100, 2000)])
def test_letterbox_box_round_trip(size):
    w, h = size
    lb = Letterbox(w, h, 512, 320)
    rng = np.random.default_rng(0)
    xy = rng.uniform(0, [w - 10, h - 10], size=(50, 2))
    wh = rng.uniform(1, [w, h], size=(50, 2))
    wh = np.minimum(wh, np.array([w, h]) - xy)  # inside the image
    boxes = np.concatenate([xy, wh], axis=1).astype(np.float32)
    canvas = lb.boxes(boxes)
    assert (canvas[:, 0] + canvas[:, 2] <= lb.size[0] + 1e-3).all()
    assert (canvas[:, 1] + canvas[:, 3] <= lb.size[1] + 1e-3).all()
    np.testing.assert_allclose(lb.unboxes(canvas), boxes, rtol=1e-5, atol=1e-3)
    img = np.full((h, w, 3), 200, np.uint8)
    out = lb.image(img)
    assert out.shape == (320, 512, 3)
    iw, ih = lb.size
    assert (out[:ih, :iw] == 200).all() and out[ih:].sum() == 0 and out[:, iw:].sum() == 0
    assert abs(iw / ih - w / h) < max(2 / ih, 2 / iw) * (w / h) + 1e-6  # aspect kept


def test_augmentation_keeps_boxes_valid():
    cfg = AugmentConfig(p_affine=1.0, scale=(0.7, 1.4), translate=0.1, p_jpeg=1.0, p_blur=0.5, p_color=1.0)
    pipe = build(cfg, with_boxes=True)
    rng = np.random.default_rng(1)
    img = rng.integers(0, 255, (320, 512, 3), dtype=np.uint8)
    xy = rng.uniform(0, [480, 300], size=(40, 2))
    boxes = np.concatenate([xy, rng.uniform(2, 60, size=(40, 2))], 1)
    boxes[:, 2] = np.minimum(boxes[:, 2], 512 - boxes[:, 0])
    boxes[:, 3] = np.minimum(boxes[:, 3], 320 - boxes[:, 1])
    labels = np.arange(40)
    dropped = 0
    for seed in range(30):
        out, b, l = apply(pipe, seed, img, boxes.astype(np.float32), labels)
        assert out.shape == img.shape and out.dtype == np.uint8
        assert len(b) == len(l) and set(l) <= set(labels)
        assert (b[:, 2] > 0).all() and (b[:, 3] > 0).all()
        assert (b[:, 0] >= 0).all() and (b[:, 1] >= 0).all()
        assert (b[:, 0] + b[:, 2] <= 512 + 1e-3).all() and (b[:, 1] + b[:, 3] <= 320 + 1e-3).all()
        dropped += len(boxes) - len(b)
    assert dropped > 0  # zooming in pushes some boxes out: they were dropped, not kept outside
    a = apply(pipe, 7, img, boxes.astype(np.float32), labels)
    b2 = apply(pipe, 7, img, boxes.astype(np.float32), labels)
    assert (a[0] == b2[0]).all() and np.array_equal(a[1], b2[1])  # same seed, same augmentation


def test_mixing_follows_weights(two_sources):
    a, b = two_sources
    srcs = resolve([f"{a}=0.8", f"{b}=0.2"])
    stream = data.TrainStream(srcs, data.Decoder(), batch_size=1, seed=3, shuffle_buffer=20)
    n, per_source = 600, Counter()
    for i, s in enumerate(stream.raw(0, 0, FaultHandler())):
        per_source[Path(s["__url__"]).parents[1].name] += 1
        if i + 1 == n:
            break
    assert abs(per_source["alpha"] / n - 0.8) < 0.06, per_source
    # A stream is a pure function of its seed, rank and worker: the same raw order twice.
    keys = lambda: [s["__key__"] for _, s in zip(range(50), stream.raw(0, 0, FaultHandler()))]  # noqa: E731
    assert keys() == keys()
    other_rank = [s["__key__"] for _, s in zip(range(50), stream.raw(1, 0, FaultHandler()))]
    assert other_rank != keys()


def test_decoded_batches(web_dataset):
    names, classes = data.label_map("canonical")
    dec = data.Decoder(256, 160, classes=classes, augment=AugmentConfig())
    stream = data.TrainStream(resolve([str(web_dataset)]), dec, batch_size=4, total_batches=3)
    batches = list(stream)
    assert len(batches) == 3
    for bt in batches:
        assert tuple(bt["image"].shape) == (4, 3, 160, 256) and str(bt["image"].dtype) == "torch.uint8"
        for boxes, labels in zip(bt["boxes"], bt["labels"]):
            assert boxes.shape[1] == 4 and len(boxes) == len(labels) and len(boxes) > 0
            assert (boxes[:, 2:] > boxes[:, :2]).all() and (boxes[:, 0] >= 0).all() and (boxes[:, 2] <= 256).all()
            assert int(labels.max()) < len(names)
    # interactable: one class, ignored classes (text, card, ...) left out of the ground truth
    inames, iclasses = data.label_map("interactable")
    assert inames == ["interactable"] and iclasses["text"] == -1 and iclasses["button"] == 0


def _corrupt_copy(src: Path, dst: Path) -> tuple[Path, Path]:
    shutil.copytree(src, dst)
    tars = sorted((dst / "shards").glob("*.tar"))
    raw = tars[0].read_bytes()
    tars[0].write_bytes(raw[: len(raw) // 2])  # truncated shard
    raw = bytearray(tars[1].read_bytes())
    i = raw.index(b"\x89PNG")  # first image of the second shard: bytes inside its data flipped
    raw[i + 200: i + 800] = bytes(600)
    tars[1].write_bytes(bytes(raw))
    return tars[0], tars[1]


def test_faults_are_skipped_and_counted(web_dataset, tmp_path):
    bad = tmp_path / "bad"
    _corrupt_copy(web_dataset, bad)
    tars = [str(p) for p in sorted((bad / "shards").glob("*.tar"))]
    dec = data.Decoder(256, 160, classes=data.label_map("canonical")[1], keep_gt=True)
    tally, n = data.FaultTally(), 0
    with pytest.warns(UserWarning, match="skipped a data fault"):
        for bt in data.EvalStream(tars, dec, batch_size=5):
            tally.update(bt)
            n += len(bt["key"])
    faults = tally.counts
    assert sum(faults.values()) >= 2, faults  # the truncated tar and the broken image
    assert 12 + 1 <= n < 36  # the intact shard and the readable part of the others came through
    # training streams (resampled, with workers) also go on past the bad shards
    stream = data.TrainStream(resolve([str(bad)]), data.Decoder(256, 160), batch_size=4, total_batches=12)
    got, tally = 0, data.FaultTally()
    for bt in data.loader(stream, 1):  # (the worker process warns; its counters come back with the batches)
        tally.update(bt)
        got += 1
    assert got == 12 and sum(tally.counts.values()) >= 1


def test_configuration_errors_raise(web_dataset, tmp_path):
    h = FaultHandler()
    assert h(DataFault("x")) is True and h.total == 1
    for exc in (ConfigError("bad option"), TypeError("bug"), KeyError("k")):
        with pytest.raises(type(exc)):
            h(exc)
    with pytest.raises(ConfigError, match="no dataset|not a directory"):
        resolve([str(tmp_path / "nowhere")])
    with pytest.raises(ConfigError, match="weight"):
        resolve([f"{web_dataset}=zero"])
    with pytest.raises(ConfigError, match="> 0"):
        resolve([f"{web_dataset}=0"])

    def misconfigured(sample):  # a decoder bug or bad setting is not a data fault: it must stop the run
        raise ConfigError("width must be a multiple of 16")

    stream = data.TrainStream(resolve([str(web_dataset)]), misconfigured, batch_size=2, total_batches=2)
    with pytest.raises(ConfigError, match="multiple of 16"):
        list(stream)
