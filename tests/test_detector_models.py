"""Detector architectures (`factory finetune --model`, trainer.detector): the ViT + simple pyramid is
unchanged (its state-dict keys and shapes, so existing checkpoints load, and its losses), the ConvNeXt V2 +
FPN exposes strides 4-64 that drive the anchors and so the assigner, a convnet run trains and `factory
evaluate` and `factory predict` rebuild it from its saved config, its trunk loads timm-named weights, and
bad combinations are refused with one message."""

from __future__ import annotations

import hashlib
import math
import json

import pytest
import timm
import torch
from click.testing import CliRunner
from PIL import Image
from safetensors import safe_open
from safetensors.torch import save_file
from torchvision.models.detection.image_list import ImageList

from factory.cli import main
from factory.core.errors import ConfigError
from tests.trainer_fixtures import TINY, losses
from trainer import assign, detector, distributed, engine, finetune
from trainer.checkpoint import save_weights
from trainer.config import FinetuneConfig, from_json

pytestmark = pytest.mark.train

W, H = 128, 64  # tiny canvas: a multiple of the coarsest stride (64) of both models
CONVNET = "convnextv2_atto"


def _fingerprint(model: torch.nn.Module) -> str:
    text = "\n".join(f"{k} {tuple(v.shape)}" for k, v in sorted(model.state_dict().items()))
    return hashlib.sha256(text.encode()).hexdigest()


def _levels(model: detector.Detector, w: int, h: int) -> dict[str, tuple[int, ...]]:
    with torch.no_grad():
        return {k: tuple(v.shape) for k, v in model.backbone(torch.zeros(1, 3, h, w)).items()}


def test_vit_path_is_unchanged():
    # Recorded from the code before `--model` existed: same keys and shapes (checkpoints of earlier runs load)
    # and the same losses from the same seed (the default architecture trains exactly as before).
    cfg = FinetuneConfig(width=W, height=H, assigner="atss")
    assert cfg.model == "vit" and cfg.strides == (8, 16, 32, 64)
    torch.manual_seed(0)
    model = detector.build(cfg, 5).train()
    assert len(model.state_dict()) == 198
    assert _fingerprint(model) == "3883cc676eb7df4feaacd008d4cab52997cc136fd8a3d60f0e18df0f23784843"
    assert _fingerprint(detector.build(FinetuneConfig(), 31)) == \
        "f9900080a339d2674596f5fe2398d76ccc824942e3d8ed0e59e40b86550eb20c"
    g = torch.Generator().manual_seed(1)
    out = model([torch.rand(3, H, W, generator=g)],
                [{"boxes": torch.tensor([[10.0, 10.0, 60.0, 22.0]]), "labels": torch.tensor([1])}])
    torch.testing.assert_close({k: v.item() for k, v in out.items()},
                               {"classification": 1.1589610576629639, "bbox_regression": 0.9616312384605408,
                                "bbox_ctrness": 0.688759982585907}, rtol=1e-5, atol=0)
    assert _levels(model, W, H) == {f"p{i}": (1, 128, H >> i, W >> i) for i in (3, 4, 5, 6)}


@pytest.mark.parametrize("assigner", ["fcos", "atss"])
def test_convnet_levels_strides_and_anchors(assigner):
    cfg = FinetuneConfig.from_dict({"model": CONVNET, "width": W, "height": H, "assigner": assigner})
    assert cfg.strides == (4, 8, 16, 32, 64)
    model = detector.build(cfg, 5)
    assert model.backbone.strides == cfg.strides
    levels = _levels(model, W, H)
    assert levels == {f"p{i}": (1, 128, H >> i, W >> i) for i in (2, 3, 4, 5, 6)}
    # The anchors (and so the assigner, which reads locations and strides from them) follow the model's levels.
    maps = [torch.zeros(1, 1, *shape[2:]) for shape in levels.values()]
    anchors = model.anchor_generator(ImageList(torch.zeros(1, 3, H, W), [(H, W)]), maps)[0]
    points, sizes, counts = assign.grid(W, H, cfg.strides, centres=assign.CELL_CENTRES[assigner])
    got_points, got_sizes = assign.from_anchors(anchors)
    assert torch.equal(got_points, points) and torch.equal(got_sizes, sizes) and counts[0] == (W // 4) * (H // 4)
    # A training step on the model: finite losses, every parameter of trunk, FPN and head gets a gradient.
    out = model.train()([torch.rand(3, H, W)], [{"boxes": torch.tensor([[4.0, 4.0, 12.0, 12.0],
                                                                         [20.0, 8.0, 120.0, 60.0]]),
                                                 "labels": torch.tensor([1, 2])}])
    sum(out.values()).backward()
    assert all(torch.isfinite(v) for v in out.values())
    assert all(p.grad is not None for p in model.parameters() if p.requires_grad)


def test_model_config_is_validated_and_recorded():
    with pytest.raises(ConfigError, match="unknown model 'resnet50'"):
        FinetuneConfig.from_dict({"model": "resnet50"})
    with pytest.raises(ConfigError, match="strides"):
        FinetuneConfig.from_dict({"model": CONVNET, "strides": (8, 16, 32, 64)})
    with pytest.raises(ConfigError, match="leave --encoder out"):
        FinetuneConfig.from_dict({"model": CONVNET, "encoder": "vit_small_patch16_224"})
    with pytest.raises(ConfigError, match="multiples of the coarsest pyramid stride 64"):
        FinetuneConfig.from_dict({"model": CONVNET, "width": 640, "height": 352})
    cfg = FinetuneConfig.from_dict({"model": "convnextv2_femto"})
    assert json.loads(cfg.to_json())["strides"] == [4, 8, 16, 32, 64] and from_json(cfg.to_json()) == cfg
    # A config written before `model` existed reads as vit, and a resume compares it with the defaults filled
    # in (engine.start_or_resume): no "different settings".
    old = json.loads(FinetuneConfig().to_json())
    del old["model"]
    assert from_json(json.dumps(old)) == FinetuneConfig()
    merged = {**json.loads(FinetuneConfig().to_json()), **old}
    assert merged == json.loads(FinetuneConfig.from_dict({}).to_json())
    assert "model" not in engine.RESUMABLE_CHANGES


def test_a_checkpoint_without_model_loads_as_vit(tmp_path):
    cfg = FinetuneConfig(width=W, height=H)
    old = json.loads(cfg.to_json())
    del old["model"]
    model = detector.build(cfg, 2)
    save_weights(tmp_path / "model.safetensors", model.state_dict(), json.dumps(old), classes='["a", "b"]')
    loaded, got, names = finetune.load(tmp_path)
    assert got.model == "vit" and names == ["a", "b"]
    assert isinstance(loaded.backbone, detector.SimpleFeaturePyramid)


def test_convnet_trunk_loads_timm_named_weights(tmp_path):
    torch.manual_seed(3)
    trained = timm.create_model(CONVNET, pretrained=False, num_classes=0)  # timm's names for the whole model
    save_file(trained.state_dict(), str(tmp_path / "convnet.safetensors"))
    cfg = FinetuneConfig.from_dict({"model": CONVNET, "width": W, "height": H,
                                    "encoder_checkpoint": str(tmp_path / "convnet.safetensors")})
    model = detector.build(cfg, 5, cfg.encoder_checkpoint)
    body = model.backbone.body.state_dict()
    assert len(body) == len(trained.state_dict()) - 2  # all but head.norm
    for k, v in trained.state_dict().items():
        if not k.startswith("head."):
            assert torch.equal(body[k.replace("stem.", "stem_", 1).replace("stages.", "stages_", 1)], v), k
    vit = timm.create_model("vit_tiny_patch16_224", pretrained=False, num_classes=0, img_size=(H, W))
    save_file(vit.state_dict(), str(tmp_path / "vit.safetensors"))
    with pytest.raises(ConfigError, match=f"vit.safetensors does not fit {CONVNET}"):
        detector.build(cfg, 5, str(tmp_path / "vit.safetensors"))


@pytest.fixture
def factory_here():
    """Run a factory command in this process (click's runner; no second torch start-up). The commands set
    torch's thread count; it is put back afterwards."""
    threads = torch.get_num_threads()

    def run(*args: str, code: int = 0):
        res = CliRunner().invoke(main, list(args))
        assert res.exit_code == code, (res.output[-3000:], res.exception)
        return res

    yield run
    torch.set_num_threads(threads)


def test_unknown_model_and_an_unreadable_convnet_checkpoint_are_refused(small_game_dataset, tmp_path, factory_here):
    res = factory_here("finetune", str(small_game_dataset), "--out", str(tmp_path / "a"), "--model", "resnet50",
                       *TINY, code=2)
    assert "resnet50" in res.output and "convnextv2_atto" in res.output
    ckpt = tmp_path / "encoder.safetensors"
    ckpt.write_bytes(b"x")
    res = factory_here("finetune", str(small_game_dataset), "--out", str(tmp_path / "b"), "--model", CONVNET,
                       "--encoder-checkpoint", str(ckpt), *TINY, code=2)
    assert str(ckpt) in res.output and "timm convnet" in res.output
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def test_finetune_convnet_atss_then_evaluate(small_game_dataset, tmp_path, factory_here):
    run, metrics = tmp_path / "run", tmp_path / "metrics.json"
    factory_here("finetune", str(small_game_dataset), "--out", str(run), "--model", CONVNET, "--assigner", "atss",
                 "--steps", "2", "--lr", "0.01", *TINY)
    assert sorted(losses(run)) == [1, 2]
    record = json.loads((run / "config.json").read_text())
    assert record["model"] == CONVNET and record["strides"] == [4, 8, 16, 32, 64] and record["assigner"] == "atss"
    with safe_open(str(run / "model.safetensors"), "pt") as f:
        assert json.loads(f.metadata()["config"])["model"] == CONVNET
    model, cfg, _ = finetune.load(run)
    assert cfg.model == CONVNET and isinstance(model.backbone, detector.ConvFeaturePyramid)
    factory_here("evaluate", str(run), "--split", "val", str(small_game_dataset), "--out", str(metrics),
                 "--workers", "0")
    m = json.loads(metrics.read_text())["splits"]["val"]
    assert m["images"] == 4 and 0 <= m["mAP50"] <= 1
    shot, preds = tmp_path / "shot.png", tmp_path / "preds.json"
    Image.new("RGB", (300, 200), "white").save(shot)
    factory_here("predict", "--checkpoint", str(run), "--images", str(shot), "--out", str(preds), "--device", "cpu")
    assert isinstance(json.loads(preds.read_text()), list)


def test_finetune_precision_auto_is_bf16_where_the_cpu_computes_it(small_game_dataset, tmp_path, factory_here,
                                                                  monkeypatch):
    """--precision: auto (the default) autocasts training in bf16 on a CPU with bf16 instructions and keeps fp32 on
    one without; bf16 and fp32 say which on any CPU. The run records what it computed in and has finite losses. A bad
    value is refused before any work."""
    enabled = []
    real = engine.autocast

    class Spy:  # the engine's autocast, noting whether CPU autocast is on inside it
        def __init__(self, device, precision="auto"):
            self.ctx = real(device, precision)

        def __enter__(self):
            self.ctx.__enter__()
            enabled.append((torch.is_autocast_enabled("cpu"), torch.get_autocast_dtype("cpu")))

        def __exit__(self, *exc):
            return self.ctx.__exit__(*exc)

    monkeypatch.setattr(engine, "autocast", Spy)
    for native, precision, expected in ((False, "auto", False), (True, "auto", True), (False, "bf16", True),
                                        (True, "fp32", False)):
        monkeypatch.setattr(distributed, "bf16_native", lambda device, native=native: native)
        enabled.clear()
        run = tmp_path / f"{precision}-{native}"
        factory_here("finetune", str(small_game_dataset), "--out", str(run), "--model", CONVNET, "--assigner", "atss",
                     "--steps", "2", "--lr", "0.01", "--precision", precision, *TINY)
        assert [on for on, _ in enabled] == [expected, expected], (precision, native)
        assert not expected or all(dtype == torch.bfloat16 for _, dtype in enabled)
        config = json.loads((run / "config.json").read_text())
        assert config["precision"] == precision and config["precision_used"] == ("bf16" if expected else "fp32")
        assert sorted(losses(run)) == [1, 2] and all(math.isfinite(float(v)) for v in losses(run).values())
    res = factory_here("finetune", str(small_game_dataset), "--out", str(tmp_path / "x"), "--precision", "fp16",
                       *TINY, code=2)
    assert "fp16" in res.output and not (tmp_path / "x").exists()
    with pytest.raises(ConfigError, match="precision"):
        FinetuneConfig(precision="half").validate()


def test_the_scaled_head_is_the_linear_one_times_its_learnt_scale():
    """`--box-regression scaled`: at init it is the linear head exactly (so a linear detector starts it), and a
    scale on one side multiplies that side's distance at every location of every level, nothing else."""
    arch = {"model": CONVNET, "width": W, "height": H, "assigner": "atss"}
    torch.manual_seed(0)
    linear = detector.build(FinetuneConfig.from_dict(arch), 5).eval()
    scaled = detector.build(FinetuneConfig.from_dict({**arch, "box_regression": "scaled"}), 5)
    scaled.load_state_dict(linear.state_dict(), strict=False)
    scaled.eval()
    feats = list(linear.backbone(torch.rand(1, 3, H, W, generator=torch.Generator().manual_seed(2))).values())
    with torch.no_grad():
        reg_linear, ctr_linear = linear.head.regression_head(feats)
        reg, ctr = scaled.head.regression_head(feats)
        assert torch.equal(reg, reg_linear) and torch.equal(ctr, ctr_linear)
        assert reg.shape[1] == sum(f.shape[2] * f.shape[3] for f in feats) and (reg > 0).float().mean() > 0.3
        scaled.head.regression_head.bbox_scale.bias[2] = float(torch.log(torch.tensor(3.0)))  # ltrb: the right side
        reg = scaled.head.regression_head(feats)[0]
    torch.testing.assert_close(reg[..., 2], 3 * reg_linear[..., 2])
    assert torch.equal(reg[..., [0, 1, 3]], reg_linear[..., [0, 1, 3]])
