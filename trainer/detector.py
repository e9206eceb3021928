"""UI-element detector: a backbone with a feature pyramid and torchvision's FCOS (anchor-free; its own
focal/GIoU/centerness losses and class-wise NMS). Two backbones (cfg.model, `factory finetune --model`):

- "vit" (default): a timm ViT and a ViTDet-style simple feature pyramid built from its last feature map
  (strides 8-64, cfg.strides).
- a convnet ("convnextv2_atto", "convnextv2_femto"): timm's `features_only` stages (strides 4/8/16/32)
  and torchvision's FeaturePyramidNetwork to P2-P5, plus a P6 by max-pool (ConvFeaturePyramid). P2 is
  why: at a 0.5x canvas a stride-4 level sees a checkbox's glyph. P6 costs nothing (no weights, 60 locations
  at 640x384) and gives the largest boxes (windows, tables, full-width toolbars: 300-640 px at
  640x384) a level whose scale fits them, as the ViT pyramid's P6 does: without it ATSS's largest
  "anchor" is 256 px and torchvision's rule puts everything over 128 px on P5.

The backbone owns its strides (`.strides`): they make the anchors, and the assigner reads the strides from
the anchors, so both follow the architecture.

Why this head: FCOS has no anchors to tune for UI boxes (2:1 buttons, 30:1 text lines, 1:1 icons), trains
stably from small data, and torchvision ships it with any backbone that returns a feature pyramid. The
simple pyramid (Li et al. 2022, ViTDet) needs no multi-scale backbone: the stride-16 ViT map is upsampled
to stride 8 and pooled to 32 and 64, which is what a plain, MAE-pretrained ViT gives.

Target assignment (cfg.assigner, trainer.assign): "fcos" is torchvision's own rule with its cell-corner
grid, unchanged; "atss" assigns over all levels with ATSS and puts the grid points at cell centres. With
torchvision's rule ~12% of our boxes get no positive location at all (thin and container classes worst),
with ATSS ~2% (benchmarks/README.md, "Target assignment").
"""

from __future__ import annotations

import re
from collections import OrderedDict

import timm
import torch
from timm.layers import LayerNorm2d
from torch import nn
from torchvision.models.detection import FCOS
from torchvision.models.detection.anchor_utils import AnchorGenerator
from torchvision.models.detection.fcos import FCOSHead, FCOSRegressionHead
from torchvision.ops import FeaturePyramidNetwork
from torchvision.ops.feature_pyramid_network import LastLevelMaxPool

from factory.core.errors import ConfigError
from trainer import assign
from trainer.checkpoint import first_line, load_weights
from trainer.config import MODELS, FinetuneConfig
from trainer.data import IMAGE_MEAN, IMAGE_STD


class SimpleFeaturePyramid(nn.Module):
    """ViT (B, 3, H, W) -> {"p3": (B, C, H/8, W/8), "p4": ..., "p5": ..., "p6": (B, C, H/64, W/64)}."""

    def __init__(self, encoder: nn.Module, out_channels: int = 128, strides: tuple[int, ...] = (8, 16, 32, 64)):
        super().__init__()
        self.encoder = encoder
        self.out_channels = out_channels  # FCOS reads this
        self.strides = strides
        dim, patch = encoder.embed_dim, encoder.patch_embed.patch_size[0]
        self.grid = tuple(encoder.patch_embed.grid_size)
        self.levels = nn.ModuleList()
        for s in strides:
            scale = patch / s
            if scale == 4:
                pre, ch = [nn.ConvTranspose2d(dim, dim // 2, 2, 2), LayerNorm2d(dim // 2), nn.GELU(),
                           nn.ConvTranspose2d(dim // 2, dim // 4, 2, 2)], dim // 4
            elif scale == 2:
                pre, ch = [nn.ConvTranspose2d(dim, dim // 2, 2, 2)], dim // 2
            elif scale == 1:
                pre, ch = [], dim
            else:  # coarser levels: max-pool by 2, 4, ...
                pre, ch = [nn.MaxPool2d(int(1 / scale), int(1 / scale))], dim
            self.levels.append(nn.Sequential(
                *pre,
                nn.Conv2d(ch, out_channels, 1, bias=False), LayerNorm2d(out_channels),
                nn.Conv2d(out_channels, out_channels, 3, padding=1, bias=False), LayerNorm2d(out_channels),
            ))

    def forward(self, x: torch.Tensor) -> OrderedDict[str, torch.Tensor]:
        tokens = self.encoder.forward_features(x)  # (B, 1 + N, D), N = gh * gw
        tokens = tokens[:, self.encoder.num_prefix_tokens:]
        b, n, dim = tokens.shape
        fmap = tokens.transpose(1, 2).reshape(b, dim, *self.grid)  # (B, D, H/16, W/16)
        return OrderedDict((f"p{s.bit_length() - 1}", level(fmap)) for s, level in zip(self.strides, self.levels))


class ConvFeaturePyramid(nn.Module):
    """A timm convnet (B, 3, H, W) -> {"p2": (B, C, H/4, W/4), ..., "p5": (B, C, H/32, W/32), "p6": (B, C,
    H/64, W/64)}: its four stages through torchvision's FPN (lateral 1x1 + top-down sum + 3x3), P6 max-pooled
    from P5. Any input size that is a multiple of 64 (no fixed img_size); never downloaded weights (the trunk
    may load a local timm-named file, `load_trunk`)."""

    def __init__(self, name: str, out_channels: int = 128):
        super().__init__()
        self.name = name
        self.body = timm.create_model(name, pretrained=False, features_only=True, out_indices=(0, 1, 2, 3))
        info = self.body.feature_info
        self.fpn = FeaturePyramidNetwork(info.channels(), out_channels, extra_blocks=LastLevelMaxPool())
        self.out_channels = out_channels  # FCOS reads this
        reductions = tuple(info.reduction())
        self.strides = (*reductions, 2 * reductions[-1])  # + P6

    def load_trunk(self, path: str) -> None:
        """Trunk weights from a safetensors file with timm's names for the whole model (what
        `timm.create_model(name).state_dict()` holds; `head.*` is ignored): timm's features_only wrapper
        names `stem.0` `stem_0` and `stages.1` `stages_1`. ConfigError naming the file if they do not fit.
        (`factory pretrain --model <this convnet>` writes one: OUT/encoder.safetensors, FCMAE, trainer.fcmae.)"""
        weights, _ = load_weights(path, "give a safetensors file of the same timm convnet's weights (timm names), "
                                        "or leave --encoder-checkpoint out to train from scratch")
        trunk = {re.sub(r"^(stem|stages)\.", r"\1_", k): v for k, v in weights.items() if not k.startswith("head.")}
        try:
            self.body.load_state_dict(trunk)
        except RuntimeError as e:  # another architecture
            raise ConfigError(f"encoder checkpoint {path} does not fit {self.name}: give that timm model's weights "
                              f"({first_line(e, 200)})") from None

    def forward(self, x: torch.Tensor) -> OrderedDict[str, torch.Tensor]:
        feats = self.body(x)
        levels = self.fpn(OrderedDict((str(i), f) for i, f in enumerate(feats))).values()  # fine to coarse, + pool
        return OrderedDict((f"p{s.bit_length() - 1}", f) for s, f in zip(self.strides, levels))


def backbone(cfg: FinetuneConfig, encoder_checkpoint: str = "") -> nn.Module:
    """The pyramid of cfg.model: a module returning an OrderedDict of levels, with .strides and .out_channels."""
    if cfg.model != "vit":
        body = ConvFeaturePyramid(cfg.model, cfg.pyramid_channels)
        if encoder_checkpoint:
            body.load_trunk(encoder_checkpoint)
    else:
        encoder = timm.create_model(cfg.encoder, pretrained=False, img_size=(cfg.height, cfg.width), num_classes=0)
        if encoder_checkpoint:
            weights, _ = load_weights(encoder_checkpoint, "give OUT/encoder.safetensors of `factory pretrain`, or "
                                                          "leave --encoder-checkpoint out to train from scratch")
            try:
                encoder.load_state_dict(weights)
            except RuntimeError as e:  # another architecture or canvas size
                raise ConfigError(f"encoder checkpoint {encoder_checkpoint} does not fit {cfg.encoder} at "
                                  f"{cfg.width}x{cfg.height}: pretrain with the same --encoder/--width/--height "
                                  f"({first_line(e, 200)})") from None
        body = SimpleFeaturePyramid(encoder, cfg.pyramid_channels, cfg.strides)
    if tuple(body.strides) != tuple(cfg.strides):  # the config records what the model has
        raise ConfigError(f"model {cfg.model} has pyramid strides {tuple(body.strides)}, its config says "
                          f"{tuple(cfg.strides)} (expected {MODELS[cfg.model]})")
    return body


class CellCentreAnchors(AnchorGenerator):
    """torchvision's AnchorGenerator with every anchor moved by half a stride: its centre, FCOS's location,
    sits at the cell centre ((i + 0.5) * s, where the feature is computed) instead of its corner (i * s)."""

    def generate_anchors(self, scales, aspect_ratios, dtype=torch.float32, device=torch.device("cpu")):
        base = super().generate_anchors(scales, aspect_ratios, dtype, device)  # (A, 4) centred on 0
        return base + torch.as_tensor(scales, dtype=dtype, device=device)[0] / 2


class ScaledRegressionHead(FCOSRegressionHead):
    """torchvision's FCOS regression head (distances to the box's sides, in strides, ReLU) times exp(a second,
    zero-initialized output): `relu(bbox_reg(f)) * exp(bbox_scale(f))`. Why: with GIoU, the gradient a box
    sends to a linear distance falls as 1 / its length, so a 1,000 px scrollbar learnt at stride 4 (125 strides
    a side) pulls 20x weaker than a 40 px button and comes out as 150-240 px fragments (rounds 7-9). The scale's
    gradient grows with the distance it scales, so long boxes are reachable. At init it is the linear head
    exactly (exp(0) = 1): a linear detector's weights start it (`factory finetune --init`)."""

    MAX_LOG_SCALE = 6.0  # exp(6) ~ 400x: far past any box on a canvas; keeps exp finite

    def __init__(self, in_channels: int, num_anchors: int, num_convs: int = 4):
        super().__init__(in_channels, num_anchors, num_convs)
        self.bbox_scale = nn.Conv2d(in_channels, num_anchors * 4, kernel_size=3, stride=1, padding=1)
        nn.init.zeros_(self.bbox_scale.weight)
        nn.init.zeros_(self.bbox_scale.bias)

    def forward(self, x: list[torch.Tensor]) -> tuple[torch.Tensor, torch.Tensor]:
        regression, ctrness = [], []
        for features in x:
            f = self.conv(features)
            scale = self.bbox_scale(f).clamp(max=self.MAX_LOG_SCALE).exp()
            n, _, h, w = f.shape  # (N, 4A, H, W) -> (N, HWA, 4) and (N, A, H, W) -> (N, HWA, 1), as torchvision's
            reg = nn.functional.relu(self.bbox_reg(f)) * scale
            regression.append(reg.view(n, -1, 4, h, w).permute(0, 3, 4, 1, 2).reshape(n, -1, 4))
            ctrness.append(self.bbox_ctrness(f).view(n, -1, 1, h, w).permute(0, 3, 4, 1, 2).reshape(n, -1, 1))
        return torch.cat(regression, dim=1), torch.cat(ctrness, dim=1)


class Head(FCOSHead):
    """torchvision's FCOS head with float32 outputs, whatever autocast computed them in. Boxes are decoded from
    them (anchor + distance x stride), scored, suppressed and given a loss in the caller's precision: in bf16 (8
    significant bits) a coordinate near 600 px is a multiple of 4 px, so NMS let near-duplicates through (the
    shipped model under CPU bf16 autocast: 300 detections, the cap, on 5 of 8 screens that have 90-225 in fp32)."""

    def forward(self, x: list[torch.Tensor]) -> dict[str, torch.Tensor]:
        return {k: v.float() for k, v in super().forward(x).items()}


class Detector(FCOS):
    """torchvision's FCOS whose targets come from the chosen assigner (trainer.assign); "fcos" runs
    torchvision's own compute_loss untouched. Losses (focal, GIoU, centerness) are torchvision's either way."""

    def __init__(self, *args, assigner: str = "fcos", **kwargs):
        super().__init__(*args, **kwargs)
        self.assigner = assigner

    def compute_loss(self, targets, head_outputs, anchors, num_anchors_per_level):
        if self.assigner == "fcos":
            return super().compute_loss(targets, head_outputs, anchors, num_anchors_per_level)
        rule = assign.ASSIGNERS[self.assigner]
        matched = [rule(*assign.from_anchors(a), num_anchors_per_level, t["boxes"])  # B x (P,), -1: background
                   for a, t in zip(anchors, targets)]
        return self.head.compute_loss(targets, head_outputs, anchors, matched)


def build(cfg: FinetuneConfig, num_classes: int, encoder_checkpoint: str = "") -> Detector:
    """FCOS over the pyramid of cfg.model (a pretrained or fresh timm ViT, or a fresh timm convnet) at the
    letterbox size cfg.width x cfg.height. `encoder_checkpoint`: a safetensors file of `factory pretrain`
    (vit), or of the convnet's timm-named weights (ConfigError naming it if unreadable or another model)."""
    body = backbone(cfg, encoder_checkpoint)
    strides = tuple(body.strides)
    # One anchor per location whose size equals the level's stride: FCOS derives its per-level box-size
    # ranges (4x..8x the anchor size), the centre-sampling radius and its box-regression scale from it.
    grid = CellCentreAnchors if assign.CELL_CENTRES[cfg.assigner] else AnchorGenerator
    anchors = grid(tuple((s,) for s in strides), ((1.0,),) * len(strides))
    head = Head(cfg.pyramid_channels, 1, num_classes, num_convs=cfg.head_convs)
    if cfg.box_regression == "scaled":
        head.regression_head = ScaledRegressionHead(cfg.pyramid_channels, 1, cfg.head_convs)
    # torchvision's regression layer starts at ~0 behind a ReLU: zero-size boxes, whose GIoU gradient is ~0,
    # and with AdamW the outputs drift negative and die (GIoU loss stuck at exactly 1.0, measured). A bias of 1
    # starts every box at one stride per side, like the original FCOS's exp(0) = 1.
    nn.init.constant_(head.regression_head.bbox_reg.bias, 1.0)
    # Inputs are already letterboxed to width x height: min/max size equal to the canvas make the
    # transform's resize the identity (skipped in training), so boxes stay in canvas pixels.
    return Detector(body, num_classes, assigner=cfg.assigner, min_size=min(cfg.width, cfg.height),
                    max_size=max(cfg.width, cfg.height), image_mean=list(IMAGE_MEAN), image_std=list(IMAGE_STD),
                    anchor_generator=anchors, head=head, score_thresh=cfg.score_thresh, nms_thresh=cfg.nms_thresh,
                    detections_per_img=cfg.detections_per_img, topk_candidates=1000, _skip_resize=True,
                    size_divisible=max(strides))


def body(model: Detector) -> nn.Module:
    """The feature extractor under the pyramid: the convnet (timm features_only), or the ViT encoder."""
    pyramid = model.backbone
    return pyramid.body if isinstance(pyramid, ConvFeaturePyramid) else pyramid.encoder


def to_inputs(batch: dict, device: torch.device) -> tuple[list[torch.Tensor], list[dict[str, torch.Tensor]] | None]:
    """A loader batch -> FCOS inputs: images as floats in [0, 1] (FCOS normalizes) and targets."""
    images = list(batch["image"].to(device, non_blocking=True).float().div_(255).unbind(0))  # B x (3, H, W)
    if "boxes" not in batch:
        return images, None
    targets = [{"boxes": b.to(device), "labels": l.to(device)} for b, l in zip(batch["boxes"], batch["labels"])]
    return images, targets
