"""MAE training-step throughput: ours (trainer.mae.MAE on a timm ViT) against Hugging Face transformers'
ViTMAEForPreTraining of the same shape, in one run, plus the achieved FLOP/s as a share of a matmul peak
measured in the same run.

Same for both: ViT-Tiny encoder (depth 12, width 192, 3 heads, MLP 768, patch 16), decoder 1 block x 128
wide (4 heads, MLP 512), mask ratio 0.75, per-patch normalized pixel loss, AdamW, fp32 (CPU) or bf16
autocast (CUDA), the same input batch. Input 320x512 (H x W): transformers' ViTMAE cannot be built with a
non-square image_size (its sin-cos init assumes a square grid), so it is built for 320x320 and run at
320x512 with interpolate_pos_encoding=True, the non-square path it documents; both then see 640 patches.
`--square` adds a 224x224 comparison where neither side needs that.

Timing: warm-up steps, then rounds alternating ours / theirs (a shared machine drifts; alternation keeps
the ratio honest); the median step time per side. FLOPs of one step (forward + backward) are counted with
torch.utils.flop_counter; the peak is the best of repeated fp32 (bf16 on CUDA) 2048^3 matmuls.

    .venv/bin/python benchmarks/train_mae.py [--batch 16] [--steps 5] [--rounds 3] [--threads 2] [--square]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import torch  # noqa: E402

from trainer.distributed import autocast  # noqa: E402
from trainer.mae import MAE  # noqa: E402


def ours(h: int, w: int) -> torch.nn.Module:
    return MAE("vit_tiny_patch16_224", (h, w), decoder_dim=128, decoder_depth=1, decoder_heads=4, mask_ratio=0.75)


def theirs(h: int, w: int):
    from transformers import ViTMAEConfig, ViTMAEForPreTraining

    cfg = ViTMAEConfig(image_size=min(h, w), patch_size=16, hidden_size=192, num_hidden_layers=12,
                       num_attention_heads=3,
                       intermediate_size=768, decoder_hidden_size=128, decoder_num_hidden_layers=1,
                       decoder_num_attention_heads=4, decoder_intermediate_size=512, mask_ratio=0.75,
                       norm_pix_loss=True, attn_implementation="sdpa")
    return ViTMAEForPreTraining(cfg)


def step_fn(model, x: torch.Tensor, hf: bool, interpolate: bool):
    opt = torch.optim.AdamW(model.parameters(), lr=1e-4, betas=(0.9, 0.95), weight_decay=0.05)
    gen = torch.Generator(device=x.device).manual_seed(0)

    def step():
        with autocast(x.device, "bf16" if x.device.type == "cuda" else "fp32"):  # as documented above
            loss = model(pixel_values=x, interpolate_pos_encoding=interpolate).loss if hf else model(x, gen)
        loss.backward()
        opt.step()
        opt.zero_grad(set_to_none=True)
    return step


def sync(device):
    if device.type == "cuda":
        torch.cuda.synchronize()


def time_steps(step, n: int, device) -> float:
    sync(device)
    t0 = time.perf_counter()
    for _ in range(n):
        step()
    sync(device)
    return (time.perf_counter() - t0) / n


def flops_of(step) -> float:
    from torch.utils.flop_counter import FlopCounterMode

    with FlopCounterMode(display=False) as fc:
        step()
    return float(fc.get_total_flops())


def matmul_peak(device, n: int = 2048, reps: int = 5) -> float:
    dtype = torch.bfloat16 if device.type == "cuda" else torch.float32
    a, b = torch.randn(n, n, device=device, dtype=dtype), torch.randn(n, n, device=device, dtype=dtype)
    best = float("inf")
    for _ in range(reps):
        sync(device)
        t0 = time.perf_counter()
        a @ b
        sync(device)
        best = min(best, time.perf_counter() - t0)
    return 2 * n ** 3 / best


def compare(h: int, w: int, args, device) -> dict:
    torch.manual_seed(0)
    x = torch.randn(args.batch, 3, h, w, device=device)
    m_ours, m_hf = ours(h, w).to(device), theirs(h, w).to(device)
    interpolate = h != w
    s_ours, s_hf = step_fn(m_ours, x, False, False), step_fn(m_hf, x, True, interpolate)
    for s in (s_ours, s_hf):
        time_steps(s, args.warmup, device)
    t_ours, t_hf = [], []
    for _ in range(args.rounds):
        t_ours.append(time_steps(s_ours, args.steps, device))
        t_hf.append(time_steps(s_hf, args.steps, device))
    f_ours, f_hf = flops_of(s_ours), flops_of(s_hf)
    to, th = statistics.median(t_ours), statistics.median(t_hf)
    params = lambda m: sum(p.numel() for p in m.parameters() if p.requires_grad) / 1e6  # noqa: E731
    return {"size": f"{h}x{w}", "ours_img_s": args.batch / to, "hf_img_s": args.batch / th, "ratio": th / to,
            "ours_gflop_step": f_ours / 1e9, "hf_gflop_step": f_hf / 1e9, "ours_flop_s": f_ours / to,
            "hf_flop_s": f_hf / th, "ours_params_m": params(m_ours), "hf_params_m": params(m_hf)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--steps", type=int, default=5, help="steps per timed round")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--threads", type=int, default=0, help="torch threads [default: all cores]")
    ap.add_argument("--height", type=int, default=320)
    ap.add_argument("--width", type=int, default=512)
    ap.add_argument("--square", action="store_true", help="also compare at 224x224")
    args = ap.parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if args.threads:
        torch.set_num_threads(args.threads)
    peak_before = matmul_peak(device)
    rows = [compare(args.height, args.width, args, device)]
    if args.square:
        rows.append(compare(224, 224, args, device))
    peak = max(peak_before, matmul_peak(device))
    dev = torch.cuda.get_device_name() if device.type == "cuda" else f"CPU, {torch.get_num_threads()} threads"
    print(f"device: {dev}; batch {args.batch}; {args.rounds} rounds x {args.steps} steps; "
          f"matmul peak {peak / 1e9:.1f} GFLOP/s ({'bf16' if device.type == 'cuda' else 'fp32'} 2048^3)")
    print("| input (HxW) | ours img/s | HF ViTMAE img/s | ours / HF | GFLOP per step (ours / HF) | "
          "ours GFLOP/s | share of matmul peak (ours / HF) |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['size']} | {r['ours_img_s']:.2f} | {r['hf_img_s']:.2f} | {r['ratio']:.2f}x | "
              f"{r['ours_gflop_step']:.1f} / {r['hf_gflop_step']:.1f} | {r['ours_flop_s'] / 1e9:.1f} | "
              f"{r['ours_flop_s'] / peak:.0%} / {r['hf_flop_s'] / peak:.0%} |")
    print(f"trainable parameters (M): ours {rows[0]['ours_params_m']:.2f}, HF {rows[0]['hf_params_m']:.2f}")


if __name__ == "__main__":
    main()
