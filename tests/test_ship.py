"""The shipped detector: half-precision storage keeps its detections, and `factory predict` uses it by default."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch

from factory.core.errors import ConfigError
from tests.conftest import ROOT, run_factory
from trainer import data, detector, ship
from trainer.checkpoint import save_weights
from trainer.config import FinetuneConfig
from trainer.finetune import load
from trainer.predict import detect

pytestmark = pytest.mark.train


def _detector(tmp_path, **kw):
    torch.manual_seed(0)
    cfg = FinetuneConfig(width=256, height=128, score_thresh=0.0, **kw)
    names = data.label_map("canonical")[0]
    model = detector.build(cfg, len(names)).eval()
    path = tmp_path / "run" / "model.safetensors"
    path.parent.mkdir()
    save_weights(path, model.state_dict(), cfg.to_json(), classes=json.dumps(names), taxonomy="canonical")
    return path


@pytest.mark.parametrize("model", ["vit", "convnextv2_atto"])
def test_half_precision_copy_detects_the_same(tmp_path, model):
    src = _detector(tmp_path, model=model)
    dst = ship.ship(src.parent, tmp_path / "models" / "x" / "model.safetensors")
    assert dst.stat().st_size < 0.6 * src.stat().st_size
    rgb = np.random.default_rng(0).integers(0, 256, (200, 300, 3), dtype=np.uint8)
    (a, cfg_a, names_a), (b, cfg_b, names_b) = load(src), load(dst)
    assert cfg_a == cfg_b and names_a == names_b
    assert all(p.dtype == torch.float32 for p in b.parameters()), "half weights are cast back on load"
    da, db = detect(a, cfg_a, names_a, rgb, torch.device("cpu")), detect(b, cfg_b, names_b, rgb, torch.device("cpu"))
    top_a, top_b = da[:20], db[:20]
    assert [d["category_name"] for d in top_a] == [d["category_name"] for d in top_b]
    assert np.allclose([d["score"] for d in top_a], [d["score"] for d in top_b], atol=2e-3)
    assert np.allclose([d["bbox"] for d in top_a], [d["bbox"] for d in top_b], atol=1.0)


def test_ship_refuses_to_replace_or_to_ship_what_is_not_a_detector(tmp_path):
    src = _detector(tmp_path, model="vit")
    dst = tmp_path / "m" / "model.safetensors"
    dst.parent.mkdir()
    dst.write_bytes(b"someone's file")
    with pytest.raises(ConfigError, match="exists"):
        ship.ship(src, dst)
    assert dst.read_bytes() == b"someone's file"
    with pytest.raises(ConfigError, match="not"):
        ship.ship(tmp_path / "m" / "model.safetensors", tmp_path / "other.safetensors")
    assert not (tmp_path / "other.safetensors").exists()


def test_missing_shipped_model_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setattr(ship, "DEFAULT_MODEL", tmp_path / "gone.safetensors")
    with pytest.raises(ConfigError, match="--checkpoint"):
        ship.default_checkpoint()


def test_predict_without_checkpoint_uses_the_shipped_detector(tmp_path):
    """`factory predict --images shot.png` works on a fresh clone: the detector in models/ is committed."""
    assert ship.DEFAULT_MODEL.is_file(), "models/gui-detector/model.safetensors is missing from the checkout"
    shot = sorted((ROOT / "tests" / "golden" / "web").glob("*.png"))[0]
    default, explicit = tmp_path / "default.json", tmp_path / "explicit.json"
    res = run_factory("predict", "--images", str(shot), "--out", str(default), "--device", "cpu")
    assert res.returncode == 0, res.stderr[-2000:]
    res = run_factory("predict", "--checkpoint", str(ship.DEFAULT_MODEL), "--images", str(shot), "--out",
                      str(explicit), "--device", "cpu")
    assert res.returncode == 0, res.stderr[-2000:]
    assert default.read_bytes() == explicit.read_bytes()
    _, cfg, names = load(ship.DEFAULT_MODEL)
    assert all(d["category_name"] in names and d["image_id"] == shot.name for d in json.loads(default.read_text()))


def test_predict_score_threshold_inside_the_head_changes_no_detection():
    """predict drops candidates under --score before the head's top-k and NMS (the latency fix of issue 12):
    exactly the detections of the evaluation threshold (0.02) filtered at --score afterwards."""
    from PIL import Image

    model, cfg, names = load(ship.DEFAULT_MODEL)
    shot = sorted((ROOT / "tests" / "golden" / "web").glob("*.png"))[0]
    rgb = np.asarray(Image.open(shot).convert("RGB"))
    score = 0.3
    late = [d for d in detect(model, cfg, names, rgb, torch.device("cpu")) if d["score"] >= score]
    model.score_thresh = score
    early = detect(model, cfg, names, rgb, torch.device("cpu"), score)
    assert len(early) >= 3, "the shipped detector finds something on a golden screen"
    assert early == late


def test_bf16_inference_finds_what_fp32_finds_with_float_boxes():
    """predict's `auto` precision is bf16 on a CPU with bf16 instructions. The head hands float32 outputs to box
    decoding and NMS: decoded in bf16 (a coordinate near 600 px rounds to 4 px) NMS let near-duplicates through,
    up to the 300-detection cap on screens with ~100 in fp32."""
    from PIL import Image
    from torchvision.ops import box_iou

    model, cfg, names = load(ship.DEFAULT_MODEL)
    shot = sorted((ROOT / "tests" / "golden" / "web").glob("*.png"))[0]
    x = torch.from_numpy(np.asarray(Image.open(shot).convert("RGB").resize((cfg.width, cfg.height))).copy())
    x = x.permute(2, 0, 1).float().div_(255)
    model.score_thresh = 0.3
    with torch.no_grad():
        ref = model([x])[0]
        with torch.autocast("cpu", dtype=torch.bfloat16):
            out = model([x])[0]
    assert out["boxes"].dtype == out["scores"].dtype == torch.float32
    assert len(ref["boxes"]) >= 3, "the shipped detector finds something on a golden screen"
    assert len(out["boxes"]) <= 1.1 * len(ref["boxes"]) + 2, (len(out["boxes"]), len(ref["boxes"]))
    sure = ref["scores"] >= 0.5
    iou = box_iou(ref["boxes"][sure], out["boxes"])
    same_class = ref["labels"][sure][:, None] == out["labels"][None, :]
    best = (iou * same_class).max(dim=1).values  # per confident fp32 box, its best bf16 match of the same class
    assert (best >= 0.75).all() and (best >= 0.9).float().mean() >= 0.9, best


def test_predict_says_its_precision_and_refuses_an_unknown_one(tmp_path):
    shot = sorted((ROOT / "tests" / "golden" / "web").glob("*.png"))[0]
    for precision in ("fp32", "bf16"):
        res = run_factory("predict", "--images", str(shot), "--out", str(tmp_path / f"{precision}.json"),
                          "--device", "cpu", "--precision", precision)
        assert res.returncode == 0, res.stderr[-2000:]
        assert f"on cpu, {precision})" in res.stdout
    res = run_factory("predict", "--images", str(shot), "--out", str(tmp_path / "x.json"), "--precision", "fp16")
    assert res.returncode == 2 and "fp16" in res.stderr and not (tmp_path / "x.json").exists()
