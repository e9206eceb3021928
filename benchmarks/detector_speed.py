"""Detector training-step cost per architecture (`factory finetune --model`): forward + backward images/s of
the whole detector (backbone, pyramid, FCOS head and its losses with the ATSS assigner) on random screens
with 20 random boxes each, fp32 on CPU (and bf16 with --bf16).

Arms (the bake-off's, issue 12): `vit` (ViT-Ti/16 + simple feature pyramid, strides 8-64) at 512x320,
today's canvas; `convnextv2_atto` (+ FPN P2-P6, strides 4-64) at 640x384, the suggested ~0.5x canvas.
`--variants` adds two convnet arms that show where its cost goes: a 64-channel pyramid and head
(pyramid_channels 64; the FCOS head on the 160x96 P2 map is about half the forward FLOPs at 128), and the
convnet at the ViT's 512x320. `--bf16` adds the shipped detector's shape (the 64-channel convnet) twice: in fp32 and
under bf16 autocast (`factory finetune --precision bf16`; fast on a CPU with AVX512-BF16 or AMX). Also the forward
GFLOP of one image (torch.utils.flop_counter, multiply-add = 2 FLOP; backbone, pyramid and head, no NMS).

Timing: one warm-up step per arm, then rounds alternating the arms one after another (a shared machine
drifts; alternation keeps the ratio honest); per arm the median of its rounds, each round `--steps` steps.

    .venv/bin/python benchmarks/detector_speed.py [--batch 4] [--steps 3] [--rounds 3] [--threads 2] [--variants]
        [--bf16]
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

from trainer import detector  # noqa: E402
from trainer.config import FinetuneConfig  # noqa: E402
from trainer.distributed import autocast  # noqa: E402

ARMS = {"vit": ("vit", 512, 320, 128), "convnextv2_atto": ("convnextv2_atto", 640, 384, 128)}  # model, W, H, channels
VARIANTS = {"convnextv2_atto, 64 ch": ("convnextv2_atto", 640, 384, 64),
            "convnextv2_atto @512x320": ("convnextv2_atto", 512, 320, 128)}
SHIPPED = ("convnextv2_atto", 640, 384, 64)  # the shipped detector's shape: in fp32 and in bf16 with --bf16
CLASSES = 31  # canonical taxonomy


def batch(n: int, w: int, h: int, g: torch.Generator):
    images = [torch.rand(3, h, w, generator=g) for _ in range(n)]
    targets = []
    for _ in range(n):
        xy = torch.rand(20, 2, generator=g) * torch.tensor([w * 0.9, h * 0.9])
        wh = torch.exp(torch.rand(20, 2, generator=g) * 5) + 4  # 5 .. 150 px
        boxes = torch.cat([xy, torch.minimum(xy + wh, torch.tensor([float(w), float(h)]))], 1)
        targets.append({"boxes": boxes, "labels": torch.randint(0, CLASSES, (20,), generator=g)})
    return images, targets


def step(model, images, targets, precision: str = "fp32") -> None:
    model.zero_grad(set_to_none=True)
    with autocast(torch.device("cpu"), precision):  # as the training engine runs it
        losses = model(images, targets)
    sum(losses.values()).backward()


def gflop(model, w: int, h: int) -> float:
    model.eval()
    with torch.no_grad(), FlopCounterMode(display=False) as fc:
        feats = model.backbone(torch.zeros(1, 3, h, w))
        model.head(list(feats.values()))
    model.train()
    return fc.get_total_flops() / 1e9


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--batch", type=int, default=4)
    ap.add_argument("--steps", type=int, default=3, help="timed steps per arm and round")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--variants", action="store_true", help="add the 64-channel and 512x320 convnet arms")
    ap.add_argument("--bf16", action="store_true", help="add the shipped shape in fp32 and in bf16")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    g = torch.Generator().manual_seed(0)
    arms = {}
    todo = {name: (*arm, "fp32") for name, arm in {**ARMS, **(VARIANTS if args.variants else {})}.items()}
    if args.bf16:
        todo.update({"convnextv2_atto, 64 ch": (*SHIPPED, "fp32"), "convnextv2_atto, 64 ch, bf16": (*SHIPPED, "bf16")})
    for name, (arch, w, h, channels, precision) in todo.items():
        torch.manual_seed(0)
        cfg = FinetuneConfig.from_dict({"model": arch, "width": w, "height": h, "assigner": "atss",
                                        "pyramid_channels": channels})
        model = detector.build(cfg, CLASSES).train()
        images, targets = batch(args.batch, w, h, g)
        params = sum(p.numel() for p in model.parameters()) / 1e6
        arms[name] = (model, images, targets, params, gflop(model, w, h), [], f"{w}x{h}", precision)
        step(model, images, targets, precision)  # warm-up
    for r in range(args.rounds):
        for name, (model, images, targets, _, _, rates, _, precision) in arms.items():
            t0 = time.perf_counter()
            for _ in range(args.steps):
                step(model, images, targets, precision)
            rates.append(args.batch * args.steps / (time.perf_counter() - t0))
            print(f"round {r + 1}: {name:26s} {rates[-1]:.2f} img/s", flush=True)
    print(f"\nbatch {args.batch}, {args.steps} steps x {args.rounds} rounds, {args.threads} threads, "
          f"torch {torch.__version__}\n")
    print("| model | canvas | params (M) | fwd GFLOP/img | img/s per round | median img/s | vs vit |")
    print("|---|---|---:|---:|---|---:|---:|")
    base = statistics.median(arms["vit"][5])
    for name, (_, _, _, params, flop, rates, canvas, _) in arms.items():
        med = statistics.median(rates)
        print(f"| {name} | {canvas} | {params:.1f} | {flop:.1f} | {', '.join(f'{x:.2f}' for x in rates)} | "
              f"{med:.2f} | {med / base:.2f}x |")


if __name__ == "__main__":
    main()
