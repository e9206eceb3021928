"""Fully convolutional masked autoencoder (FCMAE, ConvNeXt V2, Woo et al. 2023) around a timm ConvNeXt:
random 32x32-pixel units (one cell of the stride-32 map) are hidden, the encoder sees the visible ones
only, a light decoder on the stride-32 map fills the hidden cells with a learned mask token and predicts
their pixels, and the loss is the per-unit normalized pixel MSE on masked units only (as MAE's).

"Seeing the visible units only" is done densely, the masked dense convolution of the paper (Sec. 3.1):
every spatial convolution of the encoder (the stem, the downsampling convs, the 7x7 depthwise convs) has
its input and its output multiplied by the mask resized to its resolution, by forward hooks registered on
this model's encoder only. A masked position then enters no convolution, just as an absent point of a
sparse convolution (MinkowskiEngine in the paper); LayerNorm and the MLP work per position; and GRN,
whose L2 norm is global, gets its masked positions zeroed too, so its statistics are those of the visible
positions, as MinkowskiGRN's. At visible positions the encoder therefore computes exactly what the sparse
encoder computes (tests/test_fcmae.py checks this against timm on a crop of the visible region). The
stem's input mask is the pixel masking itself. The output masks, as the paper's, change nothing at visible
positions once the inputs are masked; they keep the masked positions free of content (GRN's input there is
then a per-channel constant, tested). The hooks act only inside `encode`: the encoder called directly is
timm's model, unchanged. The price of dense: every position is computed, masked or not
(benchmarks/pretrain_speed.py; the hooks themselves cost ~10%).

The encoder is the timm model itself (`self.encoder`, `num_classes=0`), so its weights export under timm's
names and load back with `timm.create_model(name, checkpoint_path=..., num_classes=0)` and
`trainer.detector.ConvFeaturePyramid.load_trunk`. Its classifier head (a LayerNorm after pooling) is not
used here and is frozen.
"""

from __future__ import annotations

import timm
import torch
from timm.layers.grn import GlobalResponseNorm
from timm.models.convnext import ConvNeXt, ConvNeXtBlock
from torch import nn

from factory.core.errors import ConfigError


def patchify(imgs: torch.Tensor, p: int) -> torch.Tensor:
    """(B, 3, H, W) -> (B, N, 3*p*p): row-major units, each flattened in (channel, row, col) order."""
    b, c, h, w = imgs.shape
    x = imgs.reshape(b, c, h // p, p, w // p, p).permute(0, 2, 4, 1, 3, 5)  # (B, gh, gw, 3, p, p)
    return x.reshape(b, (h // p) * (w // p), c * p * p)


def unpatchify(x: torch.Tensor, p: int, grid: tuple[int, int]) -> torch.Tensor:
    """(B, N, 3*p*p) -> (B, 3, gh*p, gw*p)."""
    gh, gw = grid
    x = x.reshape(x.shape[0], gh, gw, 3, p, p).permute(0, 3, 1, 4, 2, 5)  # (B, 3, gh, p, gw, p)
    return x.reshape(x.shape[0], 3, gh * p, gw * p)


class FCMAE(nn.Module):
    def __init__(self, encoder: str = "convnextv2_atto", decoder_dim: int = 128, decoder_depth: int = 1,
                 mask_ratio: float = 0.6, norm_pix_loss: bool = True, **timm_kwargs):
        """`encoder`: a timm ConvNeXt name (never pretrained weights); `timm_kwargs` go to timm.create_model."""
        super().__init__()
        self.encoder = timm.create_model(encoder, pretrained=False, num_classes=0, **timm_kwargs)
        enc = self.encoder
        if not isinstance(enc, ConvNeXt):  # the hooks below know its layers: convs, per-position norms, GRN
            raise ConfigError(f"{encoder}: FCMAE here needs a timm ConvNeXt (e.g. convnextv2_atto, convnextv2_femto)")
        # Its pooled-feature norm is never in the loss; frozen, as DDP needs every trained weight used.
        enc.head.requires_grad_(False)
        self.patch = enc.feature_info[-1]["reduction"]  # 32: one mask unit = one cell of the last stage's map
        self.mask_ratio, self.norm_pix_loss = mask_ratio, norm_pix_loss
        self._visible: torch.Tensor | None = None  # (B, 1, gh, gw), 1 = visible; set only inside encode()
        self._resized: dict[tuple, torch.Tensor] = {}
        self.conv_hooks = [h for m in enc.modules() if isinstance(m, nn.Conv2d) and max(m.kernel_size) > 1
                           for h in (m.register_forward_pre_hook(self._mask_input),
                                     m.register_forward_hook(self._mask_output))]
        self.grn_hooks = [m.register_forward_pre_hook(self._mask_input) for m in enc.modules()
                          if isinstance(m, GlobalResponseNorm)]

        dim = enc.num_features
        self.decoder_embed = nn.Conv2d(dim, decoder_dim, 1)
        self.mask_token = nn.Parameter(torch.zeros(1, decoder_dim, 1, 1))
        # ConvNeXt V2 blocks as FCMAE's decoder (GRN, no layer scale), per position + one 7x7 depthwise conv.
        self.decoder_blocks = nn.Sequential(*(ConvNeXtBlock(decoder_dim, conv_mlp=True, use_grn=True,
                                                            ls_init_value=None) for _ in range(decoder_depth)))
        self.decoder_pred = nn.Conv2d(decoder_dim, self.patch ** 2 * 3, 1)
        nn.init.normal_(self.mask_token, std=0.02)
        for m in (self.decoder_embed, self.decoder_pred, *self.decoder_blocks.modules()):
            if isinstance(m, nn.Conv2d):
                nn.init.trunc_normal_(m.weight, std=0.02)
                nn.init.zeros_(m.bias)

    # --- masking ------------------------------------------------------------------------------------------
    def _mask(self, t: torch.Tensor, channels_last: bool = False) -> torch.Tensor:
        """`t` with its masked positions zeroed: the unit mask repeated to t's resolution (exact, integer)."""
        h, w = t.shape[1:3] if channels_last else t.shape[-2:]
        key = (h, w, t.dtype, channels_last)
        if key not in self._resized:
            v = self._visible
            fy, fx = h // v.shape[-2], w // v.shape[-1]
            if fy * v.shape[-2] != h or fx * v.shape[-1] != w:
                raise ConfigError(f"a {h}x{w} feature map does not tile the {v.shape[-2]}x{v.shape[-1]} mask units; "
                                  f"image sides must be multiples of {self.patch}")
            m = v.repeat_interleave(fy, 2).repeat_interleave(fx, 3).to(t.dtype)  # (B, 1, h, w)
            self._resized[key] = m.permute(0, 2, 3, 1) if channels_last else m
        return t * self._resized[key]

    def _mask_input(self, module: nn.Module, args: tuple) -> tuple | None:
        if self._visible is None:
            return None
        channels_last = isinstance(module, GlobalResponseNorm) and module.channel_dim == -1
        return (self._mask(args[0], channels_last), *args[1:])

    def _mask_output(self, module: nn.Module, args: tuple, out: torch.Tensor) -> torch.Tensor | None:
        return None if self._visible is None else self._mask(out)

    def random_masking(self, n: int, b: int, generator: torch.Generator | None, device) -> tuple[torch.Tensor, ...]:
        """Per-sample random split of N units as MAE's: (ids_keep (B, K), ids_masked (B, N-K)), K = N(1-ratio)."""
        keep = int(n * (1 - self.mask_ratio))
        noise = torch.rand(b, n, generator=generator, device=device)  # (B, N); ascending: small = keep
        ids_shuffle = torch.argsort(noise, dim=1)
        return ids_shuffle[:, :keep], ids_shuffle[:, keep:]

    def units(self, imgs: torch.Tensor) -> tuple[int, int]:
        """(gh, gw) units of an image batch; ConfigError unless both sides are multiples of the unit."""
        h, w = imgs.shape[-2:]
        if h % self.patch or w % self.patch:
            raise ConfigError(f"FCMAE masks {self.patch}x{self.patch}-pixel units: image sides must be multiples of "
                              f"{self.patch}, got {w}x{h} (e.g. 640x384)")
        return h // self.patch, w // self.patch

    # --- model --------------------------------------------------------------------------------------------
    def encode(self, imgs: torch.Tensor, visible: torch.Tensor) -> torch.Tensor:
        """Masked dense encoding: imgs (B, 3, H, W), visible (B, gh, gw) 1 = visible -> (B, C, gh, gw), a
        function of the visible units only (values at masked positions are meaningless)."""
        self._visible, self._resized = visible[:, None].to(imgs.dtype), {}
        try:
            return self.encoder.forward_features(imgs)
        finally:
            self._visible, self._resized = None, {}

    def forward_decoder(self, latent: torch.Tensor, visible: torch.Tensor) -> torch.Tensor:
        """latent (B, C, gh, gw) -> predicted units (B, N, 3*p*p), row-major, for every position."""
        x = self.decoder_embed(latent)  # (B, Dd, gh, gw)
        v = visible[:, None].to(x.dtype)
        x = self.decoder_blocks(x * v + self.mask_token.to(x.dtype) * (1 - v))
        return self.decoder_pred(x).flatten(2).transpose(1, 2)  # (B, N, 3pp)

    def normalize_units(self, t: torch.Tensor) -> torch.Tensor:
        """Loss target: (B, M, 3*p*p) pixels normalized per unit (mean 0, var 1) when norm_pix_loss."""
        if self.norm_pix_loss:
            t = (t - t.mean(dim=-1, keepdim=True)) / (t.var(dim=-1, keepdim=True) + 1e-6) ** 0.5
        return t

    def _predict(self, imgs: torch.Tensor, generator: torch.Generator | None):
        gh, gw = self.units(imgs)
        b, n = imgs.shape[0], gh * gw
        _, ids_masked = self.random_masking(n, b, generator, imgs.device)
        visible = torch.ones(b, n, device=imgs.device).scatter_(1, ids_masked, 0.0).reshape(b, gh, gw)
        return self.forward_decoder(self.encode(imgs, visible), visible), ids_masked, (gh, gw)

    def forward(self, imgs: torch.Tensor, generator: torch.Generator | None = None) -> torch.Tensor:
        """Loss of one batch (B, 3, H, W), normalized images: MSE on masked units only."""
        pred, ids_masked, _ = self._predict(imgs, generator)  # (B, N, 3pp), (B, M)
        idx = ids_masked[..., None]
        pred = torch.gather(pred, 1, idx.expand(-1, -1, pred.shape[-1]))  # (B, M, 3pp)
        units = patchify(imgs, self.patch)
        target = self.normalize_units(torch.gather(units, 1, idx.expand(-1, -1, units.shape[-1])))
        return ((pred.float() - target) ** 2).mean()

    @torch.no_grad()
    def reconstruct(self, imgs: torch.Tensor, generator: torch.Generator | None = None):
        """(mask (B, N) 1 = masked, prediction (B, 3, H, W) in the input's normalization) for pictures."""
        pred, ids_masked, grid = self._predict(imgs, generator)
        pred = pred.float()
        if self.norm_pix_loss:  # undo the per-unit normalization with the true unit statistics
            units = patchify(imgs, self.patch)
            pred = pred * (units.var(dim=-1, keepdim=True) + 1e-6) ** 0.5 + units.mean(dim=-1, keepdim=True)
        mask = torch.zeros(imgs.shape[0], grid[0] * grid[1], device=imgs.device).scatter_(1, ids_masked, 1.0)
        return mask, unpatchify(pred, self.patch, grid)
