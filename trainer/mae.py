"""Masked autoencoder (He et al. 2021) around a timm ViT: the encoder runs on the visible 25% of patches
only, a small decoder (1 block x 128 wide by default, the MAE-Lite choice for tiny encoders) predicts the
pixels of the masked patches, and the loss is the per-patch normalized pixel MSE on masked patches only.

The encoder is the timm model itself (`self.encoder`), so its weights export under timm's own key names
and load back with `timm.create_model(name, checkpoint_path=..., img_size=..., num_classes=0)`.
"""

from __future__ import annotations

import numpy as np
import timm
import torch
from timm.layers import trunc_normal_
from timm.models.vision_transformer import Block
from torch import nn

from factory.core.errors import ConfigError


def sincos_2d(dim: int, grid_h: int, grid_w: int, cls_token: bool) -> torch.Tensor:
    """Fixed 2-D sine-cosine position embedding, (1 + gh*gw, dim) with a zero row for the class token."""
    def sincos_1d(d: int, pos: np.ndarray) -> np.ndarray:
        omega = 1.0 / 10000 ** (np.arange(d // 2, dtype=np.float64) / (d / 2.0))
        out = np.outer(pos.reshape(-1), omega)  # (M, d/2)
        return np.concatenate([np.sin(out), np.cos(out)], axis=1)

    gy, gx = np.meshgrid(np.arange(grid_h, dtype=np.float64), np.arange(grid_w, dtype=np.float64), indexing="ij")
    emb = np.concatenate([sincos_1d(dim // 2, gy), sincos_1d(dim // 2, gx)], axis=1)  # (gh*gw, dim)
    if cls_token:
        emb = np.concatenate([np.zeros((1, dim)), emb], axis=0)
    return torch.from_numpy(emb).float()


class MAE(nn.Module):
    def __init__(self, encoder: str = "vit_tiny_patch16_224", img_size: tuple[int, int] = (320, 512),
                 decoder_dim: int = 128, decoder_depth: int = 1, decoder_heads: int = 4, mask_ratio: float = 0.75,
                 norm_pix_loss: bool = True):
        super().__init__()
        self.encoder = timm.create_model(encoder, pretrained=False, img_size=img_size, num_classes=0)
        enc = self.encoder
        if getattr(enc, "cls_token", None) is None or getattr(enc, "num_prefix_tokens", 0) != 1 \
                or getattr(enc, "no_embed_class", True) or getattr(enc, "pos_embed", None) is None:
            raise ConfigError(f"{encoder}: MAE here needs a timm VisionTransformer with one class token and a "
                              f"learned position embedding (e.g. vit_tiny_patch16_224, vit_small_patch16_224)")
        self.patch = enc.patch_embed.patch_size[0]
        self.grid = tuple(enc.patch_embed.grid_size)  # (gh, gw) = (H / p, W / p)
        self.mask_ratio, self.norm_pix_loss = mask_ratio, norm_pix_loss
        dim = enc.embed_dim

        # Encoder position embedding: fixed sin-cos as in MAE (non-square grid: 20 x 32 at 320 x 512).
        enc.pos_embed.data.copy_(sincos_2d(dim, *self.grid, cls_token=True)[None])
        enc.pos_embed.requires_grad_(False)

        self.decoder_embed = nn.Linear(dim, decoder_dim)
        self.mask_token = nn.Parameter(torch.zeros(1, 1, decoder_dim))
        self.register_buffer("decoder_pos_embed", sincos_2d(decoder_dim, *self.grid, cls_token=True)[None],
                             persistent=False)
        self.decoder_blocks = nn.ModuleList(
            Block(decoder_dim, decoder_heads, mlp_ratio=4.0, qkv_bias=True) for _ in range(decoder_depth))
        self.decoder_norm = nn.LayerNorm(decoder_dim)
        self.decoder_pred = nn.Linear(decoder_dim, self.patch ** 2 * 3)
        trunc_normal_(self.mask_token, std=0.02)
        for m in (self.decoder_embed, self.decoder_pred, self.decoder_norm, *self.decoder_blocks.modules()):
            if isinstance(m, nn.Linear):
                nn.init.xavier_uniform_(m.weight)
                nn.init.zeros_(m.bias)
            elif isinstance(m, nn.LayerNorm):
                nn.init.ones_(m.weight)
                nn.init.zeros_(m.bias)

    # --- patches ------------------------------------------------------------------------------------------
    def patchify(self, imgs: torch.Tensor) -> torch.Tensor:
        """(B, 3, H, W) -> (B, N, 3*p*p): row-major patches, each flattened in (channel, row, col) order,
        the order of the patch-embedding conv's weight, so a linear map of a patch equals the conv."""
        b, c, _, _ = imgs.shape
        p, (gh, gw) = self.patch, self.grid
        x = imgs.reshape(b, c, gh, p, gw, p).permute(0, 2, 4, 1, 3, 5)  # (B, gh, gw, 3, p, p)
        return x.reshape(b, gh * gw, c * p * p)

    def unpatchify(self, x: torch.Tensor) -> torch.Tensor:
        """(B, N, 3*p*p) -> (B, 3, H, W)."""
        b = x.shape[0]
        p, (gh, gw) = self.patch, self.grid
        x = x.reshape(b, gh, gw, 3, p, p).permute(0, 3, 1, 4, 2, 5)  # (B, 3, gh, p, gw, p)
        return x.reshape(b, 3, gh * p, gw * p)

    # --- model --------------------------------------------------------------------------------------------
    def random_masking(self, n: int, b: int, generator: torch.Generator | None, device) -> tuple[torch.Tensor, ...]:
        """Per-sample random split of N patches: (ids_keep (B, K), ids_masked (B, N-K), ids_restore (B, N))."""
        keep = int(n * (1 - self.mask_ratio))
        noise = torch.rand(b, n, generator=generator, device=device)  # (B, N); ascending: small = keep
        ids_shuffle = torch.argsort(noise, dim=1)
        ids_restore = torch.argsort(ids_shuffle, dim=1)
        return ids_shuffle[:, :keep], ids_shuffle[:, keep:], ids_restore

    def forward_encoder(self, patches: torch.Tensor, ids_keep: torch.Tensor) -> torch.Tensor:
        """Visible patches only: patches (B, N, 3*p*p), ids_keep (B, K) -> latent (B, 1 + K, D).

        The patch embedding is applied to the K visible patches as a linear map with the conv's weights
        (the same numbers as timm's conv over all N patches, at a quarter of the cost)."""
        enc = self.encoder
        proj = enc.patch_embed.proj  # Conv2d(3, D, p, stride=p)
        visible = torch.gather(patches, 1, ids_keep[..., None].expand(-1, -1, patches.shape[-1]))  # (B, K, 3pp)
        x = nn.functional.linear(visible, proj.weight.flatten(1), proj.bias)  # (B, K, D)
        x = enc.patch_embed.norm(x)
        pos = enc.pos_embed[:, 1:, :].expand(x.shape[0], -1, -1)
        x = x + torch.gather(pos, 1, ids_keep[..., None].expand(-1, -1, x.shape[-1]))
        cls = (enc.cls_token + enc.pos_embed[:, :1, :]).expand(x.shape[0], -1, -1)
        x = torch.cat([cls, x], dim=1)
        x = enc.norm_pre(x)
        x = enc.blocks(x)
        return enc.norm(x)

    def forward_decoder(self, latent: torch.Tensor, ids_restore: torch.Tensor) -> torch.Tensor:
        """latent (B, 1 + K, D) -> decoder tokens for all patches (B, N, Dd), in image order."""
        x = self.decoder_embed(latent)  # (B, 1 + K, Dd)
        b, n = ids_restore.shape
        masks = self.mask_token.expand(b, n + 1 - x.shape[1], -1)
        patches = torch.cat([x[:, 1:], masks], dim=1)  # (B, N, Dd), shuffled order
        patches = torch.gather(patches, 1, ids_restore[..., None].expand(-1, -1, x.shape[-1]))
        x = torch.cat([x[:, :1], patches], dim=1) + self.decoder_pos_embed
        for blk in self.decoder_blocks:
            x = blk(x)
        return self.decoder_norm(x[:, 1:])

    def normalize_patches(self, t: torch.Tensor) -> torch.Tensor:
        """Loss target: (B, M, 3*p*p) pixels normalized per patch (mean 0, var 1) when norm_pix_loss."""
        if self.norm_pix_loss:
            t = (t - t.mean(dim=-1, keepdim=True)) / (t.var(dim=-1, keepdim=True) + 1e-6) ** 0.5
        return t

    def forward(self, imgs: torch.Tensor, generator: torch.Generator | None = None) -> torch.Tensor:
        """Loss of one batch (B, 3, H, W), normalized images: MSE on masked patches only."""
        patches = self.patchify(imgs)  # (B, N, 3*p*p)
        b, n, _ = patches.shape
        ids_keep, ids_masked, ids_restore = self.random_masking(n, b, generator, imgs.device)
        tokens = self.forward_decoder(self.forward_encoder(patches, ids_keep), ids_restore)  # (B, N, Dd)
        # Only masked positions enter the loss, so only they go through the prediction layer.
        idx = ids_masked[..., None]
        pred = self.decoder_pred(torch.gather(tokens, 1, idx.expand(-1, -1, tokens.shape[-1])))  # (B, M, 3pp)
        target = self.normalize_patches(torch.gather(patches, 1, idx.expand(-1, -1, patches.shape[-1])))
        return ((pred.float() - target) ** 2).mean()

    @torch.no_grad()
    def reconstruct(self, imgs: torch.Tensor, generator: torch.Generator | None = None):
        """(mask (B, N) 1 = masked, prediction (B, 3, H, W) in the input's normalization) for pictures."""
        patches = self.patchify(imgs)
        b, n, _ = patches.shape
        ids_keep, ids_masked, ids_restore = self.random_masking(n, b, generator, imgs.device)
        pred = self.decoder_pred(self.forward_decoder(self.forward_encoder(patches, ids_keep), ids_restore)).float()
        if self.norm_pix_loss:  # undo the per-patch normalization with the true patch statistics
            pred = pred * (patches.var(dim=-1, keepdim=True) + 1e-6) ** 0.5 + patches.mean(dim=-1, keepdim=True)
        mask = torch.zeros(b, n, device=imgs.device)
        mask.scatter_(1, ids_masked, 1.0)
        return mask, self.unpatchify(pred)
