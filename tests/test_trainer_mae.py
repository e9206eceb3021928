"""MAE pretraining: masking, loss, checkpoints (safetensors + weights_only state), exact resume, timm export, DDP."""

from __future__ import annotations

import csv
import json
import subprocess

import pytest
import torch

from tests.trainer_fixtures import PY, ROOT, TINY, env1, losses, run_factory
from trainer.mae import MAE

pytestmark = pytest.mark.train


def test_encoder_sees_visible_tokens_and_loss_uses_masked_patches_only():
    torch.manual_seed(0)
    mae = MAE(img_size=(64, 128), mask_ratio=0.75)  # 4 x 8 = 32 patches, 8 visible
    seen = {}
    mae.encoder.blocks[0].register_forward_hook(lambda m, i, o: seen.update(enc_tokens=i[0].shape[1]))
    mae.decoder_pred.register_forward_hook(lambda m, i, o: seen.update(pred=o.detach()))
    imgs = torch.randn(2, 3, 64, 128)
    loss = mae(imgs, torch.Generator().manual_seed(5))
    pred = seen["pred"]
    assert seen["enc_tokens"] == 1 + 8  # class token + visible patches; masked ones never enter the encoder
    assert pred.shape == (2, 24, 16 * 16 * 3)  # predictions only for the 24 masked patches
    # The same loss by hand: masked patches of the per-patch normalized target.
    _, ids_masked, _ = mae.random_masking(32, 2, torch.Generator().manual_seed(5), imgs.device)
    target = mae.normalize_patches(torch.gather(mae.patchify(imgs), 1, ids_masked[..., None].expand(-1, -1, 768)))
    torch.testing.assert_close(loss, ((pred - target) ** 2).mean())
    # A masked patch is a target only: an affine change of its pixels (same normalized target) leaves the loss
    # as it was, because its pixels never reach the encoder; noise in it changes the target, hence the loss.
    row, col = divmod(int(ids_masked[0, 0]), 8)
    patch = (0, slice(None), slice(row * 16, row * 16 + 16), slice(col * 16, col * 16 + 16))
    affine, noisy = imgs.clone(), imgs.clone()
    affine[patch] = affine[patch] * 3 + 1
    noisy[patch] = torch.randn(3, 16, 16)
    torch.testing.assert_close(mae(affine, torch.Generator().manual_seed(5)), loss, rtol=1e-4, atol=1e-5)
    assert not torch.isclose(mae(noisy, torch.Generator().manual_seed(5)), loss, rtol=1e-4)


def test_checkpoints_load_without_code_and_encoder_loads_in_timm(pretrain_straight):
    import timm
    from safetensors.torch import load_file

    ckpts = pretrain_straight / "checkpoints"
    assert json.loads((ckpts / "last.json").read_text()) == {"step": 6}
    state = torch.load(ckpts / "step-000006.state.pt", weights_only=True)  # plain data only
    assert state["step"] == 6 and "optimizer" in state and "scheduler" in state and len(state["ranks"]) == 1
    weights = load_file(str(ckpts / "step-000006.safetensors"))
    assert any(k.startswith("decoder_") for k in weights)
    enc = timm.create_model("vit_tiny_patch16_224", pretrained=False, img_size=(64, 128), num_classes=0,
                            checkpoint_path=str(pretrain_straight / "encoder.safetensors"))
    for k, v in enc.state_dict().items():
        torch.testing.assert_close(v, weights[f"encoder.{k}"])
    assert enc(torch.randn(1, 3, 64, 128)).shape == (1, 192)
    grids = sorted((pretrain_straight / "recon").glob("*.png"))
    assert [g.name for g in grids] == ["step-000003.png", "step-000006.png"]
    assert list((pretrain_straight / "tb").glob("events.out.tfevents.*"))
    # The run records what it trained on.
    [src] = json.loads((pretrain_straight / "config.json").read_text())["data"]
    assert src["weight"] == 1.0 and src["samples"] > 0 and src["shards"] > 0 and src["source"].endswith("web")


def test_resume_continues_with_the_same_loss_curve(pretrain_straight, web_dataset, tmp_path):
    out = tmp_path / "resumed"
    args = ["pretrain", str(web_dataset), "--out", str(out), "--steps", "6", "--ckpt-every", "3", "--recon-every", "3",
            *TINY]
    first = run_factory(*args, "--stop-after", "3", env=env1())
    assert first.returncode == 0, first.stderr[-3000:]
    assert json.loads((out / "checkpoints" / "last.json").read_text()) == {"step": 3}
    assert sorted(losses(out)) == [1, 2, 3]
    second = run_factory(*args, env=env1())  # --resume is the default
    assert second.returncode == 0, second.stderr[-3000:]
    straight, resumed = losses(pretrain_straight), losses(out)
    assert sorted(resumed) == list(range(1, 7))
    assert resumed == straight  # bit-identical losses at every step, before and after the stop
    # Different settings are refused rather than mixed into one run.
    bad = run_factory(*args[:-len(TINY)], *TINY[:-2], "--warmup", "5", env=env1())
    assert bad.returncode == 2 and "different settings" in bad.stderr


def lrs(run) -> dict[int, float]:
    with (run / "metrics.csv").open() as f:
        return {int(r["step"]): float(r["lr"]) for r in csv.DictReader(f)}


def test_a_resume_that_changes_steps_follows_the_new_schedule(pretrain_straight, web_dataset, tmp_path):
    """`steps` may change on resume (extend or shorten a run): the cosine must then end at the new total. The
    schedule object is saved with the checkpoint, so a restored one kept the old total (a run shortened from 12
    to 6 steps ended at mid-schedule lr; one extended ran on at the floor)."""
    out = tmp_path / "shortened"
    args = ["pretrain", str(web_dataset), "--out", str(out), "--ckpt-every", "3", "--recon-every", "3", *TINY]
    first = run_factory(*args, "--steps", "12", "--stop-after", "3", env=env1())
    assert first.returncode == 0, first.stderr[-3000:]
    second = run_factory(*args, "--steps", "6", env=env1())
    assert second.returncode == 0, second.stderr[-3000:]
    straight, resumed = lrs(pretrain_straight), lrs(out)
    from trainer.schedule import WarmupCosine
    assert WarmupCosine(2, 12)(3) > WarmupCosine(2, 6)(3) + 0.1  # the saved 12-step schedule would differ here
    for step in (4, 5, 6):  # after the resume: the 6-step cosine of a run that never stopped
        assert resumed[step] == pytest.approx(straight[step], rel=1e-6), (step, resumed, straight)


def test_ddp_two_processes_gloo(web_dataset, tmp_path):
    out = tmp_path / "ddp"
    cmd = [PY, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node", "2", "-m", "factory", "pretrain",
           str(web_dataset), "--out", str(out), "--steps", "3", "--ckpt-every", "3", "--recon-every", "3", *TINY]
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=ROOT, env=env1())
    assert res.returncode == 0, res.stderr[-4000:]
    state = torch.load(out / "checkpoints" / "step-000003.state.pt", weights_only=True)
    assert len(state["ranks"]) == 2  # each rank's RNG and data position, for an exact resume
    assert state["ranks"][0]["rng"]["generators"]["mask"].ne(state["ranks"][1]["rng"]["generators"]["mask"]).any()
    assert sorted(losses(out)) == [1, 2, 3]
    assert (out / "encoder.safetensors").exists()


def test_bad_input_exits_2(web_dataset, tmp_path):
    for args, msg in [(["pretrain", str(tmp_path / "none"), "--out", str(tmp_path / "o")], "not a directory"),
                      (["pretrain", str(web_dataset), "--out", str(tmp_path / "o"), "--width", "100"], "multiple"),
                      (["pretrain", str(web_dataset), "--out", str(tmp_path / "o"), "--encoder", "nope"], "timm")]:
        res = run_factory(*args)
        assert res.returncode == 2 and msg in res.stderr and "Traceback" not in res.stderr, res.stderr


def test_output_directory_check_is_safe_for_ranks_starting_together(tmp_path):
    """Every DDP rank checks --out at the same moment; one rank's probe must not trip up another's."""
    from concurrent.futures import ThreadPoolExecutor

    from factory.cli_train import _writable

    out = tmp_path / "run"
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda _: _writable(out), range(2000)))
    assert out.is_dir() and not list(out.iterdir())
