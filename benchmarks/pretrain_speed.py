"""Pretraining step cost per model (`factory pretrain --model`): images/s of a whole training step (forward,
backward, AdamW) on random images, fp32 on CPU, with the models `factory pretrain` builds
(trainer.pretrain.build from a PretrainConfig), and the forward GFLOP of one image.

Arms: `vit` (MAE, ViT-Ti/16, mask 0.75, decoder 1 x 128) at 512x320, today's canvas; `convnextv2_atto`
(FCMAE, mask 0.6, decoder 1 ConvNeXt block x 128) at 640x384, the detector's convnet canvas. The masked
dense encoder computes every position, masked or not (a sparse one would skip 60% of them), and the ViT
encodes only its 25% visible tokens: the ratio measures that difference. `--variants` adds FCMAE with its
masking hooks removed (their cost) and convnextv2_femto.

Timing: one warm-up step per arm, then rounds alternating the arms one after another (a shared machine
drifts; alternation keeps the ratio honest); per arm the median of its rounds, each round `--steps` steps.

    .venv/bin/python benchmarks/pretrain_speed.py [--batch 8] [--steps 2] [--rounds 2] [--threads 1] [--variants]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import torch  # noqa: E402
from torch.utils.flop_counter import FlopCounterMode  # noqa: E402

from trainer.config import PretrainConfig  # noqa: E402
from trainer.pretrain import build  # noqa: E402

ARMS = {"vit (MAE)": ("vit", 512, 320, True), "convnextv2_atto (FCMAE)": ("convnextv2_atto", 640, 384, True)}
VARIANTS = {"convnextv2_atto, no masking hooks": ("convnextv2_atto", 640, 384, False),
            "convnextv2_femto (FCMAE)": ("convnextv2_femto", 640, 384, True)}


def make(model: str, w: int, h: int, hooks: bool):
    torch.manual_seed(0)
    net = build(PretrainConfig.from_dict({"model": model, "width": w, "height": h})).train()
    if not hooks:  # the cost of the masked dense convolution: the same model, plain dense convs
        for handle in net.conv_hooks + net.grn_hooks:
            handle.remove()
    opt = torch.optim.AdamW([p for p in net.parameters() if p.requires_grad], lr=1e-4, betas=(0.9, 0.95))
    gen = torch.Generator().manual_seed(0)

    def step(x: torch.Tensor) -> None:
        net(x, gen).backward()
        opt.step()
        opt.zero_grad(set_to_none=True)

    return net, step


def gflop(net, x: torch.Tensor) -> float:
    with torch.no_grad(), FlopCounterMode(display=False) as fc:
        net(x[:1], torch.Generator().manual_seed(0))
    return fc.get_total_flops() / 1e9


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--steps", type=int, default=2, help="timed steps per arm and round")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--variants", action="store_true", help="add FCMAE without masking hooks, and femto")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    arms = {}
    for name, (model, w, h, hooks) in {**ARMS, **(VARIANTS if args.variants else {})}.items():
        net, step = make(model, w, h, hooks)
        x = torch.randn(args.batch, 3, h, w, generator=torch.Generator().manual_seed(1))
        params = sum(p.numel() for p in net.encoder.parameters()) / 1e6
        arms[name] = (step, x, params, gflop(net, x), [], f"{w}x{h}")
        step(x)  # warm-up
    for r in range(args.rounds):
        for name, (step, x, _, _, rates, _) in arms.items():
            t0 = time.perf_counter()
            for _ in range(args.steps):
                step(x)
            rates.append(args.batch * args.steps / (time.perf_counter() - t0))
            print(f"round {r + 1}: {name:36s} {rates[-1]:.2f} img/s", flush=True)
    print(f"\nbatch {args.batch}, {args.steps} steps x {args.rounds} rounds, {args.threads} thread(s), "
          f"torch {torch.__version__}\n")
    print("| model | canvas | encoder params (M) | fwd GFLOP/img | img/s per round | median img/s | vs vit |")
    print("|---|---|---:|---:|---|---:|---:|")
    base = statistics.median(arms["vit (MAE)"][4])
    for name, (_, _, params, flop, rates, canvas) in arms.items():
        med = statistics.median(rates)
        print(f"| {name} | {canvas} | {params:.1f} | {flop:.1f} | {', '.join(f'{v:.2f}' for v in rates)} | "
              f"{med:.2f} | {med / base:.2f}x |")


if __name__ == "__main__":
    main()
