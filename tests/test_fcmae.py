"""FCMAE pretraining of a timm ConvNeXt (trainer.fcmae, `factory pretrain --model convnextv2_*`): the masked
dense encoder computes at visible positions exactly what a sparse encoder computes (timm itself on a crop
of the visible region), nothing at masked positions reaches visible ones, the loss is on masked units only,
runs are reproducible and resumable, and encoder.safetensors loads into timm and into the detector's trunk."""

from __future__ import annotations

import json
import subprocess

import pytest
import timm
import torch
from click.testing import CliRunner
from PIL import Image
from safetensors import safe_open
from safetensors.torch import load_file
from timm.layers.grn import GlobalResponseNorm
from timm.models.convnext import ConvNeXtBlock

from factory.cli import main
from factory.core.errors import ConfigError
from tests.trainer_fixtures import PY, ROOT, TINY, env1, losses
from trainer import detector
from trainer.config import FinetuneConfig, PretrainConfig, from_json
from trainer.fcmae import FCMAE, patchify

pytestmark = pytest.mark.train

CONVNET = "convnextv2_atto"
H, W = 64, 128  # 2 x 4 units of 32 px


def _fcmae(name: str = CONVNET, **kw) -> FCMAE:
    """An FCMAE in eval mode whose weights are moved off their init: GRN starts as the identity (zero weight
    and bias) and LayerNorm as a plain standardization, which would hide what the masking must get right."""
    torch.manual_seed(0)
    m = FCMAE(name, **kw).eval()
    g = torch.Generator().manual_seed(1)
    with torch.no_grad():
        for p in m.parameters():
            p.add_(torch.randn(p.shape, generator=g) * 0.05)
    return m


def _pixels(visible: torch.Tensor) -> torch.Tensor:
    """(B, gh, gw) unit mask -> (B, 1, H, W) pixel mask."""
    return visible.repeat_interleave(32, 1).repeat_interleave(32, 2)[:, None]


def _remove(handles) -> None:
    for h in handles:
        h.remove()


@pytest.mark.parametrize("name, kw", [(CONVNET, {}), ("convnext_atto", {}), (CONVNET, {"conv_mlp": False})],
                         ids=["v2-grn", "v1-no-grn", "v2-channels-last-grn"])
def test_visible_features_equal_timm_on_the_visible_crop(name, kw):
    """Sparse semantics: a masked position is absent, like the zero padding beyond an image's border. With the
    visible units forming the left half (or the top row), the masked dense encoder's features there equal
    timm's own forward of the cropped image: every conv, LayerNorm and GRN statistic is the same."""
    m = _fcmae(name, **kw)
    imgs = torch.randn(2, 3, H, W, generator=torch.Generator().manual_seed(2))
    left, top = torch.zeros(2, 2, 4), torch.zeros(2, 2, 4)
    left[:, :, :2], top[:, :1] = 1, 1
    with torch.no_grad():
        cases = ((left, imgs[..., :64], (..., slice(0, 2))), (top, imgs[:, :, :32], (..., slice(0, 1), slice(None))))
        for visible, crop, part in cases:
            got = m.encode(imgs, visible)[part]
            ref = m.encoder.forward_features(crop)  # no mask set: the hooks pass through
            torch.testing.assert_close(got, ref, rtol=1e-5, atol=1e-5)
            # Controls (the test can fail): dense convs over the zeroed pixels see the masked region.
            plain = m.encoder.forward_features(imgs * _pixels(visible))[part]
            assert (plain - ref).abs().max() > 1e-2
        if m.grn_hooks:  # GRN over all positions sees the masked positions' constants: close, not equal
            _remove(m.grn_hooks)
            assert (m.encode(imgs, left)[..., :2] - m.encoder.forward_features(imgs[..., :64])).abs().max() > 1e-3


def test_masked_units_never_reach_visible_positions():
    m = _fcmae()
    gen = torch.Generator().manual_seed(3)
    imgs = torch.randn(2, 3, H, W, generator=gen)
    _, ids_masked = m.random_masking(8, 2, gen, "cpu")
    visible = torch.ones(2, 8).scatter_(1, ids_masked, 0.0).reshape(2, 2, 4)
    hidden = 1 - _pixels(visible)
    other = imgs + hidden * torch.randn(imgs.shape, generator=gen) * 3  # masked pixels only changed
    # Something arbitrary at the masked positions of every block's and every downsampling's input as well.
    noise = {"on": False}

    def inject(module, args):
        if noise["on"]:
            x = args[0]
            return (x + (1 - torch.nn.functional.interpolate(visible[:, None], size=x.shape[-2:])) * 5,)

    blocks = [mod for mod in m.encoder.modules() if isinstance(mod, ConvNeXtBlock)]
    downs = [s.downsample for s in m.encoder.stages if not isinstance(s.downsample, torch.nn.Identity)]
    handles = [mod.register_forward_pre_hook(inject) for mod in blocks + downs]
    # GRN's input at masked positions before its mask is content-independent (LayerNorm of a zeroed position
    # is its bias); after it, zero: its global statistics are the visible positions' only.
    raw, seen = [], []
    grns = [mod for mod in m.encoder.modules() if isinstance(mod, GlobalResponseNorm)]
    handles += [g.register_forward_pre_hook(lambda mod, a: raw.append(a[0]), prepend=True) for g in grns]
    handles += [g.register_forward_pre_hook(lambda mod, a: seen.append(a[0])) for g in grns]
    with torch.no_grad():
        base = m.encode(imgs, visible)
        noise["on"] = True
        perturbed = m.encode(other, visible)
        vis = visible[:, None].expand_as(base).bool()
        assert torch.equal(base[vis], perturbed[vis])  # bit for bit
        assert not torch.equal(base, perturbed)  # (the noise did reach the masked positions)
        assert len(raw) == 2 * len(grns)
        for a, b, after in zip(raw[:len(grns)], raw[len(grns):], seen):
            at = torch.nn.functional.interpolate(visible[:, None], size=a.shape[-2:]).expand_as(a) == 0
            assert torch.equal(a[at], b[at])
            per_channel = a.permute(1, 0, 2, 3)[at.permute(1, 0, 2, 3)].reshape(a.shape[1], -1)
            assert torch.equal(per_channel, per_channel[:, :1].expand_as(per_channel))  # one constant per channel
            assert after[at].abs().max() == 0
        # Control: the same perturbations without the re-masking hooks reach the visible positions.
        _remove(m.conv_hooks + m.grn_hooks)
        noise["on"] = False
        base = m.encode(imgs * (1 - hidden), visible)
        noise["on"] = True
        perturbed = m.encode(other * (1 - hidden), visible)
        assert (base[vis] - perturbed[vis]).abs().max() > 1e-2
    _remove(handles)


def test_hooks_act_only_inside_encode():
    m = _fcmae()
    plain = timm.create_model(CONVNET, pretrained=False, num_classes=0).eval()
    plain.load_state_dict(m.encoder.state_dict())
    x = torch.randn(1, 3, H, W)
    with torch.no_grad():
        assert torch.equal(m.encoder.forward_features(x), plain.forward_features(x))
        assert torch.equal(m.encode(x, torch.ones(1, 2, 4)), plain.forward_features(x))  # all visible: no change


def test_loss_is_on_masked_units_only_and_the_ratio_holds():
    m = _fcmae()
    seen = {}
    m.decoder_pred.register_forward_hook(lambda mod, i, o: seen.update(pred=o.detach()))
    imgs = torch.randn(2, 3, H, W)
    loss = m(imgs, torch.Generator().manual_seed(5))
    pred = seen["pred"].flatten(2).transpose(1, 2)  # (B, 8, 3*32*32), row-major units
    _, ids_masked = m.random_masking(8, 2, torch.Generator().manual_seed(5), "cpu")
    assert ids_masked.shape == (2, 8 - int(8 * 0.4))  # 5 of 8 hidden at the default 0.6
    idx = ids_masked[..., None].expand(-1, -1, pred.shape[-1])
    target = m.normalize_units(torch.gather(patchify(imgs, 32), 1, idx))
    torch.testing.assert_close(loss, ((torch.gather(pred, 1, idx) - target) ** 2).mean())
    # A masked unit is a target only: an affine change of its pixels (same normalized target) keeps the loss;
    # noise changes the target; a visible unit changed changes what the encoder sees, so the loss.
    visible_ids = sorted(set(range(8)) - set(ids_masked[0].tolist()))

    def unit(i):
        r, c = divmod(i, 4)
        return (0, slice(None), slice(r * 32, r * 32 + 32), slice(c * 32, c * 32 + 32))

    for i, same in ((int(ids_masked[0, 0]), True), (visible_ids[0], False)):
        affine = imgs.clone()
        affine[unit(i)] = affine[unit(i)] * 3 + 1
        changed = m(affine, torch.Generator().manual_seed(5))
        assert torch.isclose(changed, loss, rtol=1e-5) == same
    noisy = imgs.clone()
    noisy[unit(int(ids_masked[0, 0]))] = torch.randn(3, 32, 32)
    assert not torch.isclose(m(noisy, torch.Generator().manual_seed(5)), loss, rtol=1e-4)
    # The ratio on a larger grid: N - int(N (1 - r)) hidden per image, a different set per image.
    for ratio in (0.4, 0.6, 0.75):
        m.mask_ratio = ratio
        _, hidden = m.random_masking(60, 3, torch.Generator().manual_seed(0), "cpu")
        assert hidden.shape == (3, 60 - int(60 * (1 - ratio))) and len({tuple(sorted(h.tolist())) for h in hidden}) == 3
        mask, _ = m.reconstruct(torch.randn(3, 3, 192, 320), torch.Generator().manual_seed(0))
        assert mask.shape == (3, 60) and mask.sum(1).tolist() == [hidden.shape[1]] * 3


def test_same_seed_same_loss_bit_for_bit():
    def loss(gen_seed: int) -> torch.Tensor:
        torch.manual_seed(0)
        m = FCMAE(CONVNET)
        out = m(torch.randn(2, 3, H, W, generator=torch.Generator().manual_seed(9)),
                torch.Generator().manual_seed(gen_seed))
        out.backward()
        return torch.cat([out.detach()[None], m.encoder.stem[0].weight.grad.flatten()])

    first = loss(5)
    assert torch.equal(first, loss(5))
    assert not torch.equal(first, loss(6))  # another mask


def test_bad_sizes_models_and_settings_are_refused():
    with pytest.raises(ConfigError, match="multiples of 32, got 100x64"):
        FCMAE(CONVNET)(torch.randn(1, 3, 64, 100))
    with pytest.raises(ConfigError, match="needs a timm ConvNeXt"):
        FCMAE("resnet18")
    cfg = PretrainConfig.from_dict({"model": CONVNET, "width": 640, "height": 384})
    assert cfg.mask_ratio == 0.6 and cfg.patch == 32 and from_json(cfg.to_json()) == cfg
    assert PretrainConfig().mask_ratio == 0.75 and PretrainConfig().patch == 16  # vit: as before
    assert from_json(PretrainConfig().to_json()) == PretrainConfig()
    for d, msg in [({"model": CONVNET, "encoder": "vit_small_patch16_224"}, "leave --encoder out"),
                   ({"model": CONVNET, "decoder_heads": 8}, "leave --decoder-heads out"),
                   ({"model": CONVNET, "width": 80}, "must be multiples of 32, got 80x320"),
                   ({"model": "resnet50"}, "unknown model 'resnet50'"),
                   ({"model": CONVNET, "mask_ratio": "most"}, "mask_ratio must be a number")]:
        with pytest.raises(ConfigError, match=msg):
            PretrainConfig.from_dict(d)


# --- end to end ---------------------------------------------------------------------------------------------

def _factory(*args: str, code: int = 0):
    """A factory command in this process (no second torch start-up); torch's thread count is put back."""
    threads = torch.get_num_threads()
    try:
        res = CliRunner().invoke(main, [str(a) for a in args])
    finally:
        torch.set_num_threads(threads)
    assert res.exit_code == code, (res.output[-3000:], res.exception)
    return res


def _pretrain(data, out, *more):
    return _factory("pretrain", data, "--out", out, "--model", CONVNET, "--steps", "4", "--ckpt-every", "2",
                    "--recon-every", "2", *TINY, *more)


@pytest.fixture(scope="module")
def straight(small_game_dataset, tmp_path_factory):
    out = tmp_path_factory.mktemp("fcmae") / "straight"
    _pretrain(small_game_dataset, out)
    return out


def test_pretrain_writes_an_encoder_that_timm_and_the_detector_load(straight, small_game_dataset, tmp_path):
    assert sorted(losses(straight)) == [1, 2, 3, 4]
    record = json.loads((straight / "config.json").read_text())
    assert record["model"] == CONVNET and record["mask_ratio"] == 0.6
    with safe_open(str(straight / "encoder.safetensors"), "pt") as f:
        meta = f.metadata()
    assert meta["timm_model"] == CONVNET and meta["step"] == "4" and json.loads(meta["config"])["model"] == CONVNET
    grids = sorted((straight / "recon").glob("*.png"))
    assert [g.name for g in grids] == ["step-000002.png", "step-000004.png"]
    assert Image.open(grids[-1]).size == (4 * 128, 4 * 64)  # 4 samples x (original, masked, prediction, pasted)
    # encoder.safetensors = the trained encoder of the checkpoint, under timm's names.
    weights = load_file(str(straight / "checkpoints" / "step-000004.safetensors"))
    enc = timm.create_model(CONVNET, pretrained=False, num_classes=0,
                            checkpoint_path=str(straight / "encoder.safetensors"))
    fresh = timm.create_model(CONVNET, pretrained=False, num_classes=0)
    for k, v in enc.state_dict().items():
        assert torch.equal(v, weights[f"encoder.{k}"]), k
    assert not all(torch.equal(v, fresh.state_dict()[k]) for k, v in enc.state_dict().items())
    # The detector's trunk loads it: the same numbers under features_only names.
    cfg = FinetuneConfig.from_dict({"model": CONVNET, "width": W, "height": H})
    trunk = detector.build(cfg, 5, str(straight / "encoder.safetensors")).backbone.body.state_dict()
    for k, v in enc.state_dict().items():
        if not k.startswith("head."):
            assert torch.equal(trunk[k.replace("stem.", "stem_", 1).replace("stages.", "stages_", 1)], v), k
    # ... and so does `factory finetune`: after one small step its trunk is still the pretrained one, give or
    # take the step (a fresh trunk differs by the init's scale, ~0.02).
    run = tmp_path / "det"
    _factory("finetune", small_game_dataset, "--out", run, "--model", CONVNET, "--encoder-checkpoint",
             straight / "encoder.safetensors", "--steps", "1", *TINY)
    tuned = load_file(str(run / "model.safetensors"))
    diffs = [(tuned[f"backbone.body.{k.replace('stem.', 'stem_', 1).replace('stages.', 'stages_', 1)}"] - v).abs().max()
             for k, v in enc.state_dict().items() if not k.startswith("head.")]
    assert max(diffs) < 1e-4
    assert json.loads((run / "config.json").read_text())["encoder_checkpoint"].endswith("encoder.safetensors")


def test_resume_gives_the_same_losses_and_weights(straight, small_game_dataset, tmp_path):
    out = tmp_path / "resumed"
    _pretrain(small_game_dataset, out, "--stop-after", "2")
    assert json.loads((out / "checkpoints" / "last.json").read_text()) == {"step": 2}
    _pretrain(small_game_dataset, out)  # --resume is the default
    assert losses(out) == losses(straight)  # exact digits at every step
    a, b = load_file(str(straight / "encoder.safetensors")), load_file(str(out / "encoder.safetensors"))
    assert a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a)
    full_a = load_file(str(straight / "checkpoints" / "step-000004.safetensors"))
    full_b = load_file(str(out / "checkpoints" / "step-000004.safetensors"))
    assert all(torch.equal(full_a[k], full_b[k]) for k in full_a)  # decoder and mask token too


def test_ddp_two_processes_gloo(small_game_dataset, tmp_path):
    """Two ranks, two steps: DDP accepts the model (the unused classifier-head norm is frozen; a trained weight
    that gets no gradient would stop DDP at its second step)."""
    out = tmp_path / "ddp"
    cmd = [PY, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node", "2", "-m", "factory", "pretrain",
           str(small_game_dataset), "--out", str(out), "--model", CONVNET, "--steps", "2", "--ckpt-every", "2",
           "--recon-every", "2", *TINY, "--batch-size", "2"]  # (the last --batch-size counts)
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=ROOT, env=env1())
    assert res.returncode == 0, res.stderr[-4000:]
    state = torch.load(out / "checkpoints" / "step-000002.state.pt", weights_only=True)
    assert len(state["ranks"]) == 2 and sorted(losses(out)) == [1, 2]


@pytest.mark.parametrize("args, message", [
    (["--encoder", "vit_small_patch16_224"], "leave --encoder out"),
    (["--width", "80"], "must be multiples of 32, got 80x64"),
    (["--decoder-heads", "8"], "leave --decoder-heads out"),
], ids=["encoder", "width", "heads"])
def test_bad_pretrain_settings_exit_2_with_one_message(args, message, small_game_dataset, tmp_path):
    res = _factory("pretrain", small_game_dataset, "--out", tmp_path / "o", "--model", CONVNET, *TINY, *args, code=2)
    assert message in res.output and res.output.count("Error") == 1 and "Traceback" not in res.output
    assert not (tmp_path / "o").exists()
