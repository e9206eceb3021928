"""Run configuration: two frozen dataclasses (pretraining, fine-tuning) that reject unknown keys and bad
values with a ConfigError naming the fix. The resolved config is written beside every checkpoint and
inside the safetensors metadata, so a checkpoint alone rebuilds its model."""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, fields
from typing import Any, Mapping

from factory.core.errors import ConfigError
from factory.core.taxonomy import MAPPINGS

VIT_FAMILY = "timm.models.vision_transformer"  # the timm module of the encoders MAE and the detector support

# Detector architectures (`factory finetune --model`), each with the strides of its pyramid levels, which
# drive the anchors and so the assigner. "vit": `encoder` + the simple feature pyramid, levels from `strides`
# (default below); a convnet: timm's features_only stages (strides 4..32) + an FPN to P2-P5 and a P6 by
# max-pool (trainer.detector.ConvFeaturePyramid), never downloaded weights.
VIT_STRIDES = (8, 16, 32, 64)
CONVNET_STRIDES = (4, 8, 16, 32, 64)
# Precisions of training (RunConfig.precision), predict and evaluate; auto is bf16 where the device computes it in
# hardware, fp32 elsewhere (trainer.distributed.resolve_precision).
PRECISIONS = ("auto", "fp32", "bf16")
MODELS = {"vit": VIT_STRIDES, "convnextv2_atto": CONVNET_STRIDES, "convnextv2_femto": CONVNET_STRIDES}
# Pretraining (`factory pretrain --model`, same names): MAE for vit, FCMAE for a convnet, whose masked unit
# is one cell of its last (stride-32) map. Default mask ratios are each paper's.
CONVNET_UNIT = 32
MASK_RATIOS = {"vit": 0.75, "convnet": 0.6}


@dataclass(frozen=True)
class RunConfig:
    """What pretraining and fine-tuning share."""

    encoder: str = "vit_tiny_patch16_224"  # a timm ViT architecture name (never pretrained weights)
    width: int = 512  # letterbox canvas, pixels
    height: int = 320
    steps: int = 200  # optimizer steps
    batch_size: int = 16  # per rank and micro-batch
    accum: int = 1  # micro-batches per optimizer step
    lr: float = 0.0  # 0: base_lr * effective batch / 256
    base_lr: float = 1.5e-4
    min_lr_ratio: float = 0.01  # cosine decays to base * this
    warmup: int = 20  # steps of linear warm-up
    weight_decay: float = 0.05
    beta2: float = 0.95
    clip_grad: float = 0.0  # 0: off
    seed: int = 0
    workers: int = 1  # DataLoader decoding processes per rank
    shuffle_buffer: int = 200
    threads: int = 0  # torch threads per rank; 0: cores / local ranks (torchrun sets OMP_NUM_THREADS=1)
    augment: bool = True
    # Autocast while training: auto is bf16 where the device computes it (a CUDA GPU with bf16, a CPU with AVX512-BF16
    # or AMX: a step ~1.2-1.3x faster there, the same learning per step, benchmarks/README "bf16 training on the CPU"),
    # fp32 elsewhere. Rounds 1-14 of the shipped detector trained in fp32 on the CPU.
    precision: str = "auto"
    log_every: int = 10
    ckpt_every: int = 50
    keep_checkpoints: int = 2

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]):
        known = {f.name for f in fields(cls)}
        unknown = set(d) - known
        if unknown:
            raise ConfigError(f"unknown {cls.__name__} keys {sorted(unknown)}; known keys: {sorted(known)}")
        return cls(**dict(d)).validate()

    def to_json(self) -> str:
        return json.dumps({"kind": type(self).__name__, **asdict(self)}, sort_keys=True)

    @property
    def patch(self) -> int:
        import re

        m = re.search(r"patch(\d+)", self.encoder)
        return int(m.group(1)) if m else 16

    def effective_lr(self, world_size: int) -> float:
        """Linear scaling rule of MAE: lr = base_lr * (batch * accum * ranks) / 256."""
        return self.lr or self.base_lr * self.batch_size * self.accum * world_size / 256

    def validate(self):
        import timm

        if not isinstance(self.encoder, str) or not timm.is_model(self.encoder):
            raise ConfigError(f"unknown timm model {self.encoder!r}; e.g. vit_tiny_patch16_224, vit_small_patch16_224")
        family = timm.models.model_entrypoint(self.encoder).__module__
        if family != VIT_FAMILY:  # MAE and the simple feature pyramid both need a plain ViT's patch tokens
            raise ConfigError(f"encoder {self.encoder} is not a Vision Transformer ({family.rsplit('.', 1)[-1]}); "
                              f"the trainer supports timm's plain ViTs (vit_*, {VIT_FAMILY}), e.g. "
                              f"vit_tiny_patch16_224, vit_small_patch16_224")
        for f in fields(self):
            v = getattr(self, f.name)
            if f.type in ("int", "float", "bool") and (not isinstance(v, (int, float)) or
                                                        (f.type == "int" and isinstance(v, float))):
                raise ConfigError(f"{f.name} must be a number of type {f.type}, got {v!r}")
            if isinstance(v, float) and not math.isfinite(v):
                raise ConfigError(f"{f.name} must be a finite number, got {v}")
        positive = ("width", "height", "steps", "batch_size", "accum", "log_every", "ckpt_every", "keep_checkpoints",
                    "shuffle_buffer")
        for k in positive:
            if getattr(self, k) < 1:
                raise ConfigError(f"{k} must be >= 1, got {getattr(self, k)}")
        for k in ("warmup", "workers", "threads", "seed"):
            if getattr(self, k) < 0:
                raise ConfigError(f"{k} must be >= 0, got {getattr(self, k)}")
        if self.precision not in PRECISIONS:
            raise ConfigError(f"unknown precision {self.precision!r}; choose one of {', '.join(PRECISIONS)}")
        if self.lr < 0 or self.base_lr <= 0:
            raise ConfigError("lr must be >= 0 (0: scaled from base_lr) and base_lr > 0")
        if self.weight_decay < 0 or not 0 < self.beta2 < 1 or self.clip_grad < 0 or not 0 <= self.min_lr_ratio <= 1:
            raise ConfigError(f"weight_decay and clip_grad must be >= 0, beta2 in (0, 1), min_lr_ratio in [0, 1]; got "
                              f"{self.weight_decay}, {self.clip_grad}, {self.beta2}, {self.min_lr_ratio}")
        if self.width % self.patch or self.height % self.patch:
            raise ConfigError(f"width and height must be multiples of the patch size {self.patch}, "
                              f"got {self.width}x{self.height}")
        return self


@dataclass(frozen=True)
class PretrainConfig(RunConfig):
    # vit: MAE on `encoder` (trainer.mae); a convnet of MODELS: FCMAE (trainer.fcmae), masked units of
    # CONVNET_UNIT px (one cell of its stride-32 map), its own backbone (no `encoder`).
    model: str = "vit"
    mask_ratio: float | None = None  # None: the model's own (MASK_RATIOS: MAE 0.75, FCMAE 0.6), set on creation
    decoder_dim: int = 128  # MAE-Lite: 1 block x 128 keeps ViT-Tiny fast; the paper's 8 x 512 is ~4x slower
    decoder_depth: int = 1
    decoder_heads: int = 4  # (vit only: the convnet decoder is ConvNeXt blocks)
    norm_pix_loss: bool = True
    recon_every: int = 50  # steps between reconstruction grids
    recon_samples: int = 4

    def __post_init__(self):
        # A vit config keeps exactly the values it had before `model` existed (mask_ratio 0.75).
        if self.mask_ratio is None:
            object.__setattr__(self, "mask_ratio", MASK_RATIOS["vit" if self.model == "vit" else "convnet"])

    @property
    def patch(self) -> int:
        """Side of a masked unit: the ViT's patch, or a convnet's last stride."""
        return super().patch if self.model == "vit" else CONVNET_UNIT

    def validate(self):
        check_backbone(self.model, self.encoder)
        if self.model != "vit":
            if self.decoder_heads != PretrainConfig.decoder_heads:
                raise ConfigError(f"decoder_heads is the ViT decoder's; --model {self.model} decodes with ConvNeXt "
                                  f"blocks: leave --decoder-heads out")
            u = CONVNET_UNIT
            if isinstance(self.width, int) and isinstance(self.height, int) and (self.width % u or self.height % u):
                raise ConfigError(f"--model {self.model} masks {u}x{u}-pixel units (its stride-{u} map): width and "
                                  f"height must be multiples of {u}, got {self.width}x{self.height} (e.g. 640x384; "
                                  f"fine-tuning needs multiples of 64)")
        super().validate()
        if isinstance(self.mask_ratio, bool) or not isinstance(self.mask_ratio, (int, float)):
            raise ConfigError(f"mask_ratio must be a number of type float, got {self.mask_ratio!r}")
        if not 0 < self.mask_ratio < 1:
            raise ConfigError(f"mask_ratio must be in (0, 1), got {self.mask_ratio}")
        patches = (self.width // self.patch) * (self.height // self.patch)
        if int(patches * (1 - self.mask_ratio)) < 1:
            raise ConfigError(f"mask_ratio {self.mask_ratio} leaves no visible patch of the {patches} at "
                              f"{self.width}x{self.height}; lower it (0.75 is MAE's choice)")
        if self.decoder_dim % self.decoder_heads:
            raise ConfigError(f"decoder_dim {self.decoder_dim} must be divisible by decoder_heads {self.decoder_heads}")
        if self.decoder_depth < 1:
            raise ConfigError("decoder_depth must be >= 1")
        return self


FREEZES = ("none", "body")  # FinetuneConfig.freeze


@dataclass(frozen=True)
class FinetuneConfig(RunConfig):
    base_lr: float = 1e-3  # a fresh FCOS head needs more than MAE's 1.5e-4 (x batch/256)
    weight_decay: float = 0.05
    beta2: float = 0.999
    clip_grad: float = 1.0
    taxonomy: str = "canonical"  # canonical | rico | clay | vins | interactable (factory.core.taxonomy.mapping)
    pyramid_channels: int = 128
    head_convs: int = 2
    model: str = "vit"  # detector architecture (MODELS): vit | convnextv2_atto | convnextv2_femto
    strides: tuple[int, ...] | None = None  # pyramid levels; None: the model's own (MODELS), set on creation
    min_box: float = 2.0  # canvas px; thinner training boxes are dropped
    score_thresh: float = 0.02  # low for mAP (top 300 kept); `factory predict --score` filters further
    nms_thresh: float = 0.6
    detections_per_img: int = 300  # screens are dense: COCO's default cap of 100 lowers AP
    encoder_checkpoint: str = ""  # timm-format encoder weights (from `factory pretrain`); "" = from scratch
    # target assignment (trainer.assign): fcos (torchvision's) | atss (all levels, cell centres) | atss_along (atss,
    # and upright thin boxes learn all along their length)
    assigner: str = "fcos"
    # box distances: linear (torchvision's, ReLU, in strides) | scaled (times a learnt exp scale, for long boxes:
    # trainer.detector.ScaledRegressionHead)
    box_regression: str = "linear"
    ema_decay: float = 0.0  # EMA of the weights (timm ModelEmaV3), saved as model.safetensors; 0: off
    # A fine-tuned detector (model.safetensors of `factory finetune`) whose full weights start this run, e.g.
    # few-shot adaptation to a real site; "" = a fresh detector. Its architecture, canvas and classes must match.
    init: str = ""
    # What keeps its weights: none, or body (the convnet, or the ViT encoder: the pyramid and head still learn), a
    # gentler adaptation of a trained detector (--init) to a few screens (benchmarks/fewshot.py).
    freeze: str = "none"

    def __post_init__(self):
        # The architecture owns its levels: config.json and the checkpoint record the strides in use. A vit
        # config keeps exactly the fields and values it had before `model` existed.
        if self.strides is None:
            object.__setattr__(self, "strides", MODELS.get(self.model, VIT_STRIDES))
        elif isinstance(self.strides, list):
            object.__setattr__(self, "strides", tuple(self.strides))

    def validate(self):
        check_backbone(self.model, self.encoder)
        if self.model != "vit":
            if tuple(self.strides) != MODELS[self.model]:
                raise ConfigError(f"--model {self.model} has pyramid levels at strides {MODELS[self.model]} (P2-P6), "
                                  f"got strides {tuple(self.strides)}; leave strides out")
        super().validate()

        if self.taxonomy not in ("canonical", *MAPPINGS):
            raise ConfigError(f"unknown taxonomy {self.taxonomy!r}; choose one of: canonical, {', '.join(MAPPINGS)}")
        top = max(self.strides)
        if self.width % top or self.height % top:
            raise ConfigError(f"width and height must be multiples of the coarsest pyramid stride {top}, "
                              f"got {self.width}x{self.height} (e.g. 512x320, 640x384, 1024x640)")
        strides = list(self.strides)
        if any(s not in (4, 8, 16, 32, 64, 128) for s in strides) or strides != sorted(set(strides)):
            raise ConfigError(f"strides must be increasing powers of two in 4..128, got {self.strides}")
        if self.assigner not in ("fcos", "atss", "atss_along"):
            raise ConfigError(f"unknown assigner {self.assigner!r}; choose fcos, atss or atss_along")
        if self.box_regression not in ("linear", "scaled"):
            raise ConfigError(f"unknown box_regression {self.box_regression!r}; choose linear or scaled")
        if not 0 <= self.ema_decay < 1:
            raise ConfigError(f"ema_decay must be in [0, 1) (0: no EMA; e.g. 0.999), got {self.ema_decay}")
        if self.freeze not in FREEZES:
            raise ConfigError(f"unknown freeze {self.freeze!r}; choose one of: {', '.join(FREEZES)}")
        if self.freeze != "none" and not (self.init or self.encoder_checkpoint):
            raise ConfigError(f"--freeze {self.freeze} keeps weights that were never trained: give --init DETECTOR "
                              f"or --encoder-checkpoint ENCODER with it, or leave --freeze out")
        if self.init and self.encoder_checkpoint:
            raise ConfigError("--init and --encoder-checkpoint exclude each other: --init loads a whole detector "
                              "(encoder included); give one of them")
        if self.pyramid_channels % 32:
            raise ConfigError(f"pyramid_channels must be a multiple of 32 (GroupNorm in the FCOS head), "
                              f"got {self.pyramid_channels}")
        return self


def check_backbone(model: object, encoder: str) -> None:
    """A known --model, and --encoder only with the ViT (a convnet is its own backbone)."""
    if not isinstance(model, str) or model not in MODELS:
        raise ConfigError(f"unknown model {model!r}; choose one of: {', '.join(MODELS)}")
    if model != "vit" and encoder != RunConfig.encoder:
        raise ConfigError(f"encoder {encoder} is the ViT of --model vit; --model {model} is its own "
                          f"backbone: leave --encoder out")


def from_json(text: str) -> RunConfig:
    """Rebuild a config written by to_json (checkpoint metadata)."""
    d = json.loads(text)
    kind = d.pop("kind", "FinetuneConfig")
    cls = {"PretrainConfig": PretrainConfig, "FinetuneConfig": FinetuneConfig}[kind]
    if "strides" in d:
        d["strides"] = tuple(d["strides"])
    return cls.from_dict(d)
