"""Pictures users judge a run by: MAE (and FCMAE) reconstruction grids of fixed validation samples."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch
from PIL import Image

from trainer.data import IMAGE_MEAN, IMAGE_STD


def to_uint8(x: torch.Tensor) -> np.ndarray:
    """(3, H, W) ImageNet-normalized -> (H, W, 3) uint8."""
    mean = torch.tensor(IMAGE_MEAN, device=x.device)[:, None, None]
    std = torch.tensor(IMAGE_STD, device=x.device)[:, None, None]
    return ((x.float() * std + mean).clamp(0, 1) * 255).round().byte().permute(1, 2, 0).cpu().numpy()


@torch.no_grad()
def reconstruction_grid(mae, images: torch.Tensor, seed: int, path: Path) -> np.ndarray:
    """One row per image: original | masked input | reconstruction | reconstruction with visible patches
    pasted back. The mask is drawn from `seed`, so grids of different steps are comparable. Returns (H, W, 3).
    `mae`: trainer.mae.MAE or trainer.fcmae.FCMAE (`reconstruct` and `patch`, the side of a masked unit)."""
    was_training = mae.training
    mae.eval()
    gen = torch.Generator(device=images.device).manual_seed(seed)
    mask, pred = mae.reconstruct(images, gen)  # (B, N), (B, 3, H, W)
    p = mae.patch
    units = images.shape[-2] // p, images.shape[-1] // p  # masked units: rows, columns
    m = mask.reshape(-1, *units).repeat_interleave(p, 1).repeat_interleave(p, 2)[:, None]  # (B, 1, H, W)
    rows = []
    for i in range(images.shape[0]):
        orig = to_uint8(images[i])
        masked = to_uint8(images[i] * (1 - m[i]) + m[i] * images[i].new_tensor([-2.0, -2.0, 2.0])[:, None, None])
        rows.append(np.concatenate([orig, masked, to_uint8(pred[i]), to_uint8(images[i] * (1 - m[i]) + pred[i] * m[i])],
                                   axis=1))
    grid = np.concatenate(rows, axis=0)
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(grid).save(path, compress_level=1)
    mae.train(was_training)
    return grid
