"""Detection: FCOS on the ViT's simple feature pyramid learns, evaluate writes COCO metrics, predict maps
boxes back to each input image's pixels."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from tests.trainer_fixtures import env1, run_factory
from trainer import data, detector
from trainer.checkpoint import save_weights
from trainer.config import FinetuneConfig
from trainer.sources import resolve

pytestmark = pytest.mark.train

SMALL = dict(width=256, height=128, batch_size=4, threads=1)


def test_a_few_finetune_steps_reduce_the_loss(web_dataset):
    torch.manual_seed(0)
    cfg = FinetuneConfig(**SMALL)
    names, classes = data.label_map("canonical")
    stream = data.TrainStream(resolve([str(web_dataset)]), data.Decoder(256, 128, classes=classes), 4, total_batches=1)
    batch = next(iter(stream))
    model = detector.build(cfg, len(names)).train()
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3)
    images, targets = detector.to_inputs(batch, torch.device("cpu"))
    history, boxes = [], []
    for _ in range(12):
        losses = model(images, targets)
        loss = sum(losses.values())
        loss.backward()
        opt.step()
        opt.zero_grad()
        history.append(loss.item())
        boxes.append(losses["bbox_regression"].item())
    assert np.mean(history[-3:]) < 0.9 * history[0], history
    assert np.mean(boxes[-3:]) < 0.9 * boxes[0], boxes  # box regression learns too (GIoU loss not stuck at 1)


def test_finetune_then_evaluate_writes_metrics(web_dataset, tmp_path):
    out = tmp_path / "det"
    res = run_factory("finetune", str(web_dataset), "--out", str(out), "--steps", "2", "--width", "256",
                      "--height", "128", "--batch-size", "2", "--threads", "1", "--log-every", "1",
                      "--taxonomy", "interactable", env=env1())
    assert res.returncode == 0, res.stderr[-3000:]
    assert (out / "model.safetensors").exists() and (out / "metrics.csv").exists()
    record = json.loads((out / "config.json").read_text())
    assert record["classes"] == ["interactable"] and record["data"][0]["source"] == str(web_dataset)
    metrics = tmp_path / "metrics.json"
    pattern = str(web_dataset.parent / (web_dataset.name[:-1] + "*"))  # a glob matching the dataset directory
    res = run_factory("evaluate", str(out), "--split", "val", str(web_dataset), "--split", "twice", str(web_dataset),
                      "--split", "twice", pattern, "--out", str(metrics), env=env1())
    assert res.returncode == 0, res.stderr[-3000:]
    m = json.loads(metrics.read_text())
    assert m["classes"] == ["interactable"] and set(m["splits"]) == {"val", "twice"}
    assert m["splits"]["twice"]["images"] == 2 * m["splits"]["val"]["images"]  # a repeated name joins its datasets
    nothing = run_factory("evaluate", str(out), "--split", "x", str(tmp_path / "no-such-*"), "--out",
                          str(tmp_path / "m2.json"), env=env1())
    assert nothing.returncode == 2 and "matches no dataset" in nothing.stderr and not (tmp_path / "m2.json").exists()
    val = m["splits"]["val"]
    for key in ("mAP", "mAP50", "mAP75", "AR300", "per_class", "max_dets", "images", "instances"):
        assert key in val
    assert val["max_dets"] == [1, 10, 300] and val["images"] == 36 and val["instances"] > 100
    assert set(val["per_class"]) == {"interactable"}
    assert {"AP", "AP50", "recall"} <= set(val["per_class"]["interactable"])
    assert 0.0 <= val["mAP"] <= val["mAP50"] <= 1.0


def _first_png(dataset: Path) -> bytes:
    with tarfile.open(sorted((dataset / "shards").glob("*.tar"))[0]) as t:
        member = next(m for m in t.getmembers() if m.name.endswith(".png"))
        return t.extractfile(member).read()


def test_predict_maps_boxes_to_input_pixels(web_dataset, tmp_path):
    from trainer.letterbox import Letterbox
    from trainer.predict import detect

    # An untrained detector with no score floor returns its 300 best boxes: enough to check the geometry.
    torch.manual_seed(0)
    cfg = FinetuneConfig(**SMALL, score_thresh=0.0)
    names = data.label_map("canonical")[0]
    model = detector.build(cfg, len(names)).eval()
    ckpt = tmp_path / "model.safetensors"
    save_weights(ckpt, model.state_dict(), cfg.to_json(), classes=json.dumps(names), taxonomy="canonical")

    screenshot = Image.open(io.BytesIO(_first_png(web_dataset))).convert("RGB")
    tall = screenshot.resize((600, 1000))  # another size and aspect (portrait), as JPEG
    wide, portrait = tmp_path / "wide.png", tmp_path / "tall.jpg"
    screenshot.save(wide)
    tall.save(portrait, quality=90)

    # In-process: predict's boxes are the model's canvas boxes divided by the letterbox's scale.
    rgb = np.asarray(tall)
    lb = Letterbox(600, 1000, 256, 128)
    with torch.no_grad():
        raw = model([torch.from_numpy(lb.image(rgb)).permute(2, 0, 1).float() / 255])[0]
    dets = detect(model, cfg, names, rgb, torch.device("cpu"))
    # 600x1000 into 256x128: the image becomes 77x128 at the canvas' top-left (x scale 77/600, y 128/1000)
    assert lb.size == (77, 128)
    x0y0x1y1 = raw["boxes"].numpy() * [600 / 77, 1000 / 128, 600 / 77, 1000 / 128]
    x0y0x1y1 = np.minimum(np.maximum(x0y0x1y1, 0), [600, 1000, 600, 1000])  # clipped to the input image
    expect = np.concatenate([x0y0x1y1[:, :2], x0y0x1y1[:, 2:] - x0y0x1y1[:, :2]], 1)
    expect = expect[(expect[:, 2] >= 1) & (expect[:, 3] >= 1)]  # boxes in the padding are dropped
    assert len(expect) >= 3
    np.testing.assert_allclose([d["bbox"] for d in dets], expect, atol=0.02)

    # The command: COCO results per file name, boxes inside each input's own bounds, overlays at input size.
    preds, overlays = tmp_path / "preds.json", tmp_path / "overlays"
    res = run_factory("predict", "--checkpoint", str(ckpt), "--images", str(wide), str(portrait), "--out", str(preds),
                      "--overlay", str(overlays), "--score", "0", env=env1())
    assert res.returncode == 0, res.stderr[-3000:]
    results = json.loads(preds.read_text())
    sizes = {"wide.png": screenshot.size, "tall.jpg": (600, 1000)}
    assert {r["image_id"] for r in results} == set(sizes)
    for r in results:
        x, y, w, h = r["bbox"]
        W, H = sizes[r["image_id"]]
        assert 0 <= x and 0 <= y and w >= 0 and h >= 0 and x + w <= W + 0.01 and y + h <= H + 0.01
        assert r["category_name"] in names and 0 <= r["score"] <= 1
    tall_boxes = np.array([r["bbox"] for r in results if r["image_id"] == "tall.jpg"])
    assert tall_boxes[:, 1].max() > 300  # spread over the portrait image's height, not squeezed into the canvas
    assert Image.open(overlays / "wide.png").size == screenshot.size
    assert Image.open(overlays / "tall.png").size == (600, 1000)

    bad = tmp_path / "notes.png"
    bad.write_text("not an image")
    res = run_factory("predict", "--checkpoint", str(ckpt), "--images", str(bad), "--out", str(preds))
    assert res.returncode == 2 and "not a readable image" in res.stderr and "Traceback" not in res.stderr
    res = run_factory("predict", "--checkpoint", str(tmp_path / "none.safetensors"), "--images", str(wide),
                      "--out", str(preds))
    assert res.returncode == 2 and "not found" in res.stderr


def test_overlay_draws_a_control_found_as_two_classes_once_and_keeps_nested_ones():
    from trainer.predict import OVERLAY_IOU, distinct

    dets = [
        {"category_name": "text", "bbox": [10, 10, 100, 20], "score": 0.4},
        {"category_name": "button", "bbox": [11, 10, 100, 21], "score": 0.7},  # the same control, higher score
        {"category_name": "card", "bbox": [0, 0, 300, 200], "score": 0.5},  # holds the button: IoU ~0.03
        {"category_name": "text", "bbox": [20, 14, 60, 12], "score": 0.6},  # the button's label: IoU ~0.36
        {"category_name": "link", "bbox": [200, 150, 40, 10], "score": 0.35},
    ]
    drawn = distinct(dets, OVERLAY_IOU)
    assert [d["category_name"] for d in drawn] == ["button", "card", "text", "link"]
    assert drawn[0]["score"] == 0.7 and distinct([], OVERLAY_IOU) == []
