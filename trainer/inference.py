"""Rewrites of a trained detector for inference that keep its outputs (to float rounding) and its weights' names.

`fold_grn`: ConvNeXt V2's MLP (timm's GlobalResponseNormMlp: fc1, GELU, GRN, fc2) with the Global Response
Norm folded into fc2. GRN is `x + beta + gamma * n * x` with n = N(x) one number per sample and channel, i.e. a
per-channel scale and shift of x: `x * (1 + gamma * n) + beta`. fc2 is linear, so fc2 of that is fc2 with its
weight scaled per input channel by (1 + gamma * n) and its bias moved by `weight @ beta`. Only the norm N(x)
still reads x; the three passes timm's GRN makes over the MLP's widest tensor (4x the block's channels, at the
finest stage 160 x 96 x 160 floats for a 640x384 canvas) are gone. Measured in benchmarks/README ("factory
predict latency"). The weights stay where they were (fc1, grn, fc2), so the model's state_dict is unchanged.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from timm.layers import GlobalResponseNormMlp
from torch import nn


class FoldedGrnMlp(nn.Module):
    """A GlobalResponseNormMlp computing fc2(GRN(x)) as one scaled fc2: the same submodules, the same outputs."""

    def __init__(self, mlp: GlobalResponseNormMlp):
        super().__init__()
        self.fc1, self.act, self.drop1, self.grn, self.fc2, self.drop2 = (
            mlp.fc1, mlp.act, mlp.drop1, mlp.grn, mlp.fc2, mlp.drop2)
        self.conv = isinstance(mlp.fc2, nn.Conv2d)  # NCHW with 1x1 convolutions; else NHWC with nn.Linear

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.drop1(self.act(self.fc1(x)))
        grn = self.grn
        g = torch.linalg.vector_norm(x, dim=(2, 3) if self.conv else (1, 2))  # (B, C): the norm over the image
        scale = 1 + grn.weight * (g / (g.mean(dim=1, keepdim=True) + grn.eps))  # (B, C)
        weight = self.fc2.weight.flatten(1)  # (out, C)
        bias = weight @ grn.bias
        if self.fc2.bias is not None:
            bias = bias + self.fc2.bias
        out = []
        for xi, si in zip(x.split(1), scale):  # the scale is per sample: one fc2 each (one call at predict)
            w = weight * si
            out.append(F.conv2d(xi, w.view_as(self.fc2.weight), bias) if self.conv else F.linear(xi, w, bias))
        return self.drop2(torch.cat(out))


def fold_grn(model: nn.Module) -> int:
    """Replace every GlobalResponseNormMlp inside `model` by its FoldedGrnMlp, in place; returns how many."""
    folded = 0
    for parent in list(model.modules()):
        for name, child in parent.named_children():
            if isinstance(child, GlobalResponseNormMlp):
                setattr(parent, name, FoldedGrnMlp(child))
                folded += 1
    return folded
