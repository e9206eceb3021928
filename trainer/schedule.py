"""Learning-rate schedule: linear warm-up, then cosine decay to a floor (a LambdaLR factor)."""

from __future__ import annotations

import math

import torch


class WarmupCosine:
    """Factor of the peak lr at `step`: step/warmup during warm-up, then cosine from 1 down to `floor`.
    A plain object (not a lambda) so that LambdaLR.state_dict() records it and checkpoints stay plain data."""

    def __init__(self, warmup: int, total: int, floor: float = 0.01):
        self.warmup, self.total, self.floor = warmup, max(1, total), floor

    def __call__(self, step: int) -> float:
        if step < self.warmup:
            return (step + 1) / (self.warmup + 1)
        t = min(1.0, (step - self.warmup) / max(1, self.total - self.warmup))
        return self.floor + (1 - self.floor) * 0.5 * (1 + math.cos(math.pi * t))


def adamw(model: torch.nn.Module, lr: float, weight_decay: float, betas: tuple[float, float]) -> torch.optim.AdamW:
    """AdamW with no weight decay on biases, norms, tokens and position embeddings (1-D or named *_token/pos_embed)."""
    decay, no_decay = [], []
    for name, p in model.named_parameters():
        if not p.requires_grad:
            continue
        (no_decay if p.ndim <= 1 or name.endswith(("token", "pos_embed")) else decay).append(p)
    groups = [{"params": decay, "weight_decay": weight_decay}, {"params": no_decay, "weight_decay": 0.0}]
    return torch.optim.AdamW(groups, lr=lr, betas=betas)


def scheduler(optimizer: torch.optim.Optimizer, warmup: int, total: int, floor: float):
    return torch.optim.lr_scheduler.LambdaLR(optimizer, WarmupCosine(warmup, total, floor))
