"""Box-aware augmentation with albumentations, applied to the letterboxed canvas.

Augmenting after the letterbox costs a 512x320 image instead of a 1920x1080 one. Scale/crop and
translation move boxes with the pixels; boxes that leave the canvas are clipped, and dropped when less
than `min_visibility` of them stays visible. Small rotations exist but are off by default: UI is axis-aligned.
"""

from __future__ import annotations

from dataclasses import dataclass

import albumentations as A
import numpy as np


@dataclass(frozen=True)
class AugmentConfig:
    """Augmentation strengths; p=0 (or a zero range) turns a transform off."""

    scale: tuple[float, float] = (0.8, 1.25)  # zoom out / in around the canvas centre
    translate: float = 0.05  # fraction of the canvas
    p_affine: float = 0.5
    rotate: float = 0.0  # degrees, +-; 0 = off (UI is axis-aligned)
    jpeg_quality: tuple[int, int] = (40, 95)
    p_jpeg: float = 0.3
    p_blur: float = 0.1
    brightness: float = 0.2
    contrast: float = 0.2
    saturation: float = 0.2
    hue: float = 0.05
    p_color: float = 0.5
    min_visibility: float = 0.5  # a box keeping less than this share of its area is dropped


def build(cfg: AugmentConfig, with_boxes: bool) -> A.Compose:
    """An albumentations pipeline; with boxes, it takes `bboxes` in COCO [x, y, w, h] with `labels`."""
    transforms = []
    if cfg.p_affine > 0:
        transforms.append(A.Affine(scale=cfg.scale, translate_percent=(-cfg.translate, cfg.translate),
                                   rotate=(-cfg.rotate, cfg.rotate), fill=0, p=cfg.p_affine))
    if cfg.p_jpeg > 0:
        transforms.append(A.ImageCompression(quality_range=cfg.jpeg_quality, p=cfg.p_jpeg))
    if cfg.p_blur > 0:
        transforms.append(A.GaussianBlur(sigma_limit=(0.3, 1.0), p=cfg.p_blur))
    if cfg.p_color > 0:
        transforms.append(A.ColorJitter(brightness=cfg.brightness, contrast=cfg.contrast,
                                        saturation=cfg.saturation, hue=cfg.hue, p=cfg.p_color))
    bbox_params = None
    if with_boxes:
        # clip=True: a box half outside the canvas keeps its visible part instead of being rejected.
        bbox_params = A.BboxParams(format="coco", label_fields=["labels"], min_visibility=cfg.min_visibility,
                                   clip=True, filter_invalid_bboxes=True)
    return A.Compose(transforms, bbox_params=bbox_params, seed=0)


def apply(pipeline: A.Compose, seed: int, image: np.ndarray, boxes: np.ndarray | None = None,
          labels: np.ndarray | None = None):
    """Run `pipeline` with a per-sample seed (so a sample's augmentation does not depend on which worker or
    how many samples came before it). Returns (image, boxes (N, 4) float32, labels (N,) int64)."""
    pipeline.set_random_seed(seed)
    if boxes is None:
        return pipeline(image=image)["image"], None, None
    out = pipeline(image=image, bboxes=boxes, labels=labels)
    b = np.asarray(out["bboxes"], dtype=np.float32).reshape(-1, 4)
    return out["image"], b, np.asarray(out["labels"], dtype=np.int64)
