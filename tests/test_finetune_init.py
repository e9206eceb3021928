"""`factory finetune --init DETECTOR`: a run starts from a fine-tuned detector's full weights (few-shot
adaptation), takes its architecture, canvas and taxonomy by default, and refuses one that does not fit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch
from safetensors.torch import load_file

from factory.core.errors import ConfigError
from tests.trainer_fixtures import env1, losses, run_factory
from trainer import data, detector
from trainer.checkpoint import save_weights
from trainer.config import FinetuneConfig, PretrainConfig
from trainer.finetune import init_weights

pytestmark = pytest.mark.train

CANVAS = dict(width=128, height=64)
QUIET = ["--batch-size", "2", "--workers", "0", "--threads", "1", "--log-every", "1", "--warmup", "0"]


def detector_file(path: Path, seed: int = 123, **settings) -> dict[str, torch.Tensor]:
    """A detector file as `factory finetune` writes it (config, classes and taxonomy in the metadata), with
    weights drawn from `seed` (a fresh build: the same code path, so the shapes are the real ones)."""
    cfg = FinetuneConfig.from_dict({**CANVAS, **settings})
    names = data.label_map(cfg.taxonomy)[0]
    torch.manual_seed(seed)
    state = detector.build(cfg, len(names)).state_dict()
    save_weights(path, state, cfg.to_json(), classes=json.dumps(names), taxonomy=cfg.taxonomy, step="0",
                 weights="trained")
    return state


def test_init_loads_the_weights_exactly_and_takes_the_detectors_settings(small_game_dataset, tmp_path):
    init = tmp_path / "site" / "model.safetensors"
    init.parent.mkdir()
    expected = detector_file(init)
    out = tmp_path / "fewshot"
    # One step at a learning rate far below float32's resolution of these weights, no weight decay: the written
    # detector is the --init one. No --width/--height: they come from the detector (128x64, not 512x320).
    res = run_factory("finetune", str(small_game_dataset), "--init", str(init.parent), "--out", str(out), "--steps",
                      "1", "--lr", "1e-12", "--weight-decay", "0", *QUIET, env=env1())
    assert res.returncode == 0, res.stderr[-3000:]
    got = load_file(str(out / "model.safetensors"))
    assert set(got) == set(expected)
    worst = max(float((got[k] - expected[k]).abs().max()) for k in expected)
    assert worst < 1e-9, worst
    fresh = detector_file(tmp_path / "fresh.safetensors", seed=0)  # the run's own seed: what it would start from
    assert max(float((fresh[k] - expected[k]).abs().max()) for k in expected) > 1e-2  # (the check can fail)
    record = json.loads((out / "config.json").read_text())
    assert record["init"] == str(init.parent) and len(record["init_sha256"]) == 64
    assert (record["width"], record["height"], record["model"]) == (128, 64, "vit")
    # Resume semantics unchanged: a second call with more steps continues from OUT's checkpoint.
    res = run_factory("finetune", str(small_game_dataset), "--init", str(init.parent), "--out", str(out), "--steps",
                      "2", "--lr", "1e-12", "--weight-decay", "0", *QUIET, env=env1())
    assert res.returncode == 0, res.stderr[-3000:]
    assert sorted(losses(out)) == [1, 2] and (out / "checkpoints" / "step-000002.safetensors").exists()


@pytest.mark.parametrize("change, message", [
    (dict(box_regression="linear"), "box_regression scaled (this run: linear"),
    (dict(width=256), "width 128 (this run: 256)"),
    (dict(taxonomy="interactable"), "taxonomy canonical (this run: interactable)"),
    (dict(pyramid_channels=64), "pyramid_channels 128 (this run: 64)"),
    (dict(model="convnextv2_atto"), "model vit (this run: convnextv2_atto)"),
])
def test_a_detector_of_another_architecture_canvas_or_taxonomy_is_refused(tmp_path, change, message):
    init = tmp_path / "model.safetensors"
    detector_file(init, **({"box_regression": "scaled"} if "box_regression" in change else {}))
    cfg = FinetuneConfig.from_dict({**CANVAS, **change, "init": str(init)})
    with pytest.raises(ConfigError, match="same architecture, canvas and classes") as e:
        init_weights(cfg, data.label_map(cfg.taxonomy)[0])
    assert message in str(e.value)


def test_a_convnet_detector_goes_on_at_another_canvas(tmp_path):
    """A convnet's weights do not depend on the canvas (a ViT's position embeddings do): a detector trained at one
    size may be fine-tuned at another, e.g. twice the resolution for small controls, with its exact weights."""
    init = tmp_path / "model.safetensors"
    conv = dict(model="convnextv2_atto", width=128, height=64)
    expected = detector_file(init, **conv)
    cfg = FinetuneConfig.from_dict({**conv, "width": 256, "height": 128, "init": str(init)})
    got = init_weights(cfg, data.label_map(cfg.taxonomy)[0])
    assert set(got) == set(expected) and all(torch.equal(got[k], expected[k]) for k in expected)
    other = FinetuneConfig.from_dict({**conv, "width": 256, "pyramid_channels": 64, "init": str(init)})
    with pytest.raises(ConfigError, match="pyramid_channels 128 \\(this run: 64\\)") as e:
        init_weights(other, data.label_map(other.taxonomy)[0])
    assert "width" not in str(e.value)  # the canvas is not among the differences


def test_init_refusals_on_the_command_line(small_game_dataset, tmp_path):
    init = tmp_path / "model.safetensors"
    detector_file(init)
    encoder = tmp_path / "encoder.safetensors"
    save_weights(encoder, {"w": torch.zeros(1)}, PretrainConfig().to_json())
    cases = [
        (["--init", str(init), "--width", "256"], "width 128 (this run: 256)"),
        (["--init", str(init), "--encoder-checkpoint", str(encoder)], "exclude each other"),
        (["--init", str(tmp_path / "none.safetensors")], "not found"),
        (["--init", str(encoder)], "is not a detector written by `factory finetune`"),
        (["--freeze", "body"], "keeps weights that were never trained"),
    ]
    for args, message in cases:
        out = tmp_path / "never"
        res = run_factory("finetune", str(small_game_dataset), *args, "--out", str(out), "--steps", "1", *QUIET,
                          env=env1())
        assert res.returncode == 2 and message in res.stderr and "Traceback" not in res.stderr, (args, res.stderr)
        assert not out.exists()  # refused before OUT is made


def test_a_linear_detector_starts_a_scaled_one_with_the_same_boxes(small_game_dataset, tmp_path):
    """`--box-regression scaled` from a linear detector (how round 10 started from round 7): every weight is the
    detector's, the scale layer is zero (a scale of 1), so the first step sees exactly the detector's boxes."""
    init = tmp_path / "model.safetensors"
    expected = detector_file(init)
    out = tmp_path / "scaled"
    res = run_factory("finetune", str(small_game_dataset), "--init", str(init), "--box-regression", "scaled",
                      "--assigner", "atss_along", "--out", str(out), "--steps", "1", "--lr", "1e-12",
                      "--weight-decay", "0", *QUIET, env=env1())
    assert res.returncode == 0, res.stderr[-3000:]
    got = load_file(str(out / "model.safetensors"))
    scale = {k for k in got if k.startswith("head.regression_head.bbox_scale.")}
    assert set(got) - set(expected) == scale and len(scale) == 2
    assert max(float((got[k] - expected[k]).abs().max()) for k in expected) < 1e-9
    assert all(float(got[k].abs().max()) < 1e-9 for k in scale)
    record = json.loads((out / "config.json").read_text())
    assert (record["box_regression"], record["assigner"]) == ("scaled", "atss_along")


@pytest.mark.parametrize("model", ["vit", "convnextv2_atto"])
def test_freeze_body_keeps_the_body_and_trains_the_pyramid_and_head(small_game_dataset, tmp_path, model):
    """`--freeze body` (gentler few-shot adaptation): after real steps at a real learning rate, every weight of
    the body (the ViT encoder or the convnet) is the --init detector's, and the pyramid and head have moved."""
    init = tmp_path / "model.safetensors"
    settings = {"model": model} if model == "vit" else {"model": model, "width": 128, "height": 64}
    expected = detector_file(init, **settings)
    out = tmp_path / "frozen"
    res = run_factory("finetune", str(small_game_dataset), "--init", str(init), "--freeze", "body", "--out", str(out),
                      "--steps", "2", "--lr", "1e-3", *QUIET, env=env1())
    assert res.returncode == 0, res.stderr[-3000:]
    got = load_file(str(out / "model.safetensors"))
    body = "backbone.encoder." if model == "vit" else "backbone.body."
    frozen = [k for k in expected if k.startswith(body)]
    learnt = [k for k in expected if k.startswith(("backbone.", "head.")) and not k.startswith(body)
              and expected[k].is_floating_point() and expected[k].numel() > 1]
    assert frozen and learnt
    assert max(float((got[k] - expected[k]).abs().max()) for k in frozen) == 0.0
    moved = [k for k in learnt if float((got[k] - expected[k]).abs().max()) > 1e-6]
    assert any(k.startswith("head.") for k in moved) and any(k.startswith("backbone.") for k in moved), moved
    assert json.loads((out / "config.json").read_text())["freeze"] == "body"
