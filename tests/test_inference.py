"""trainer.inference: ConvNeXt V2's GRN folded into the next layer gives timm's outputs, keeps the weights' names,
and is what `load` (predict, evaluate) runs."""

from __future__ import annotations

import copy
import json

import pytest
import torch
from timm.layers import GlobalResponseNormMlp

from trainer import data, detector
from trainer.checkpoint import save_weights
from trainer.config import FinetuneConfig
from trainer.finetune import load
from trainer.inference import FoldedGrnMlp, fold_grn

pytestmark = pytest.mark.train


def _trained_grn(module: torch.nn.Module, seed: int = 0) -> None:
    """timm starts GRN at gamma = beta = 0 (the identity, where any fold is exact): give every GRN the non-zero
    values training leaves."""
    g = torch.Generator().manual_seed(seed)
    for m in module.modules():
        if isinstance(m, GlobalResponseNormMlp):
            with torch.no_grad():
                m.grn.weight.copy_(torch.randn(m.grn.weight.shape, generator=g))
                m.grn.bias.copy_(torch.randn(m.grn.bias.shape, generator=g))


@pytest.mark.parametrize("use_conv", [True, False])
def test_folded_mlp_equals_timm_s_per_sample(use_conv):
    torch.manual_seed(0)
    mlp = GlobalResponseNormMlp(16, 64, use_conv=use_conv).eval()
    _trained_grn(mlp)
    x = torch.randn(3, 16, 9, 11) if use_conv else torch.randn(3, 9, 11, 16)  # NCHW / NHWC
    x[1] *= 5  # samples of different scale: the fold's scale is per sample, one shared scale would be wrong
    folded = FoldedGrnMlp(mlp)
    with torch.no_grad():
        want, got = mlp(x), folded(x)
    assert got.shape == want.shape
    torch.testing.assert_close(got, want, rtol=1e-5, atol=1e-5)
    assert not torch.allclose(want, mlp.fc2(mlp.act(mlp.fc1(x))), atol=1e-3)  # GRN does something here
    assert folded.state_dict().keys() == mlp.state_dict().keys()


def test_load_folds_the_trunk_and_detects_what_timm_s_modules_detect(tmp_path):
    torch.manual_seed(0)
    cfg = FinetuneConfig(width=256, height=128, score_thresh=0.0, model="convnextv2_atto")
    names = data.label_map("canonical")[0]
    model = detector.build(cfg, len(names)).eval()
    _trained_grn(model)
    path = tmp_path / "model.safetensors"
    save_weights(path, model.state_dict(), cfg.to_json(), classes=json.dumps(names), taxonomy="canonical")

    loaded, _, _ = load(path)
    assert sum(isinstance(m, FoldedGrnMlp) for m in loaded.modules()) == 12  # atto: 2 + 2 + 6 + 2 blocks
    assert not any(isinstance(m, GlobalResponseNormMlp) for m in loaded.modules())
    assert loaded.state_dict().keys() == model.state_dict().keys()  # ship/save write the same file
    x = torch.rand(2, 3, 128, 256)
    with torch.no_grad():
        want, got = model.backbone(x), loaded.backbone(x)
        for level in want:
            torch.testing.assert_close(got[level], want[level], rtol=1e-4, atol=1e-4)
        a, b = model(list(x))[0], loaded(list(x))[0]
    assert len(a["boxes"]) == len(b["boxes"]) > 0
    torch.testing.assert_close(b["scores"], a["scores"], rtol=1e-4, atol=1e-4)


def test_fold_grn_counts_and_leaves_other_models_alone():
    vit = detector.build(FinetuneConfig(width=256, height=128), 3)
    before = copy.deepcopy(vit.state_dict())
    assert fold_grn(vit) == 0
    assert all(torch.equal(before[k], v) for k, v in vit.state_dict().items())


@pytest.mark.parametrize("avx512_bf16, amx, expected", [(True, False, "bf16"), (False, True, "bf16"),
                                                         (False, False, "fp32")])
def test_auto_precision_is_bf16_only_where_the_cpu_computes_it(monkeypatch, avx512_bf16, amx, expected):
    from trainer.distributed import resolve_precision

    monkeypatch.setattr(torch.cpu, "_is_avx512_bf16_supported", lambda: avx512_bf16)
    monkeypatch.setattr(torch.cpu, "_is_amx_tile_supported", lambda: amx)
    cpu = torch.device("cpu")
    assert resolve_precision(cpu) == resolve_precision(cpu, "auto") == expected
    assert resolve_precision(cpu, "fp32") == "fp32" and resolve_precision(cpu, "bf16") == "bf16"
    with pytest.raises(ValueError, match="fp16"):
        resolve_precision(cpu, "fp16")
