"""Detection fine-tuning: setup (`main`); the steps run in engine.train; the model is trainer.detector.

OUT/ holds checkpoints/ (resumable), model.safetensors (the detector with its config and class names in
the metadata: all that `factory evaluate` and `factory predict` need), metrics.csv and tb/. With
cfg.ema_decay > 0, model.safetensors holds the exponential moving average of the weights (metadata
weights=ema) and the checkpoints carry it, so a resumed run continues the same average.

With cfg.init (`factory finetune --init DETECTOR`) the run starts from another fine-tuned detector's full
weights instead of a fresh head (few-shot adaptation, benchmarks/fewshot.py): its config must agree on
INIT_KEYS (a convnet's canvas excepted: it may go on at another size) and its class list on ours, else
ConfigError before OUT is touched. A linear-regression detector may start a `--box-regression scaled` run (the
scale starts at 1), not the other way round. Only the weights are taken
(the optimizer, schedule and data stream start fresh); a resumed run continues from OUT's checkpoint as usual.
"""

from __future__ import annotations

import json
from pathlib import Path

import torch
from timm.utils import ModelEmaV3

from factory.core.errors import ConfigError
from factory.core.files import sha256_file
from trainer import data, detector, distributed, engine
from trainer.augment import AugmentConfig
from trainer.checkpoint import save_weights
from trainer.config import FinetuneConfig
from trainer.inference import fold_grn
from trainer.runlog import RunLog
from trainer.schedule import adamw, scheduler
from trainer.sources import describe, resolve

LOSSES = ["loss", "classification", "bbox_regression", "bbox_ctrness"]
# What an --init detector and the run must share: what gives the weights their shapes and meaning. The rest of
# the recipe (lr, steps, assigner, EMA, augmentation...) may differ.
INIT_KEYS = ("model", "encoder", "strides", "pyramid_channels", "head_convs", "width", "height", "taxonomy")
SCALE_LAYER = "head.regression_head.bbox_scale."  # what a scaled head has over a linear one (--box-regression)


def main(cfg: FinetuneConfig, sources: list[str], out: Path, resume: bool = True,
         stop_after: int | None = None, allow_evaluation_only: bool = False) -> dict:
    d = distributed.setup(cfg.threads)
    if cfg.encoder_checkpoint and not Path(cfg.encoder_checkpoint).is_file():
        raise ConfigError(f"encoder checkpoint {cfg.encoder_checkpoint} is not a file; run `factory pretrain` "
                          f"first (it writes OUT/encoder.safetensors) or leave it out to train from scratch")
    srcs = resolve(sources, allow_evaluation_only)  # an evaluation-only set only when asked for
    names, classes = data.label_map(cfg.taxonomy)
    init = init_weights(cfg, names) if cfg.init else None
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(cfg.seed)
    model = detector.build(cfg, len(names), cfg.encoder_checkpoint)
    if init is not None:  # before the EMA copies the model: the average starts from these weights too
        # A linear detector may start a scaled one: its scale layer keeps its zero init (the same boxes at step 0).
        missing, unexpected = model.load_state_dict(init, strict=False)
        assert not unexpected and all(k.startswith(SCALE_LAYER) for k in missing), (missing, unexpected)
    if cfg.freeze == "body":  # before the optimizer: adamw leaves out what does not learn
        detector.body(model).requires_grad_(False)
    model = model.to(d.device)
    optimizer = adamw(model, cfg.effective_lr(d.world_size), cfg.weight_decay, (0.9, cfg.beta2))
    sched = scheduler(optimizer, cfg.warmup, cfg.steps, cfg.min_lr_ratio)
    # Warm-up: the decay at step t is min(1 - (1 + t)^(-2/3), ema_decay), so a short run's average is not still
    # mostly its initial weights (0.998 without warm-up kept 51% of them after 333 steps: benchmarks/README.md).
    ema = ModelEmaV3(model, decay=cfg.ema_decay, use_warmup=True) if cfg.ema_decay else None
    ckpt, pos = engine.start_or_resume(out, cfg, resume, d, model, optimizer, sched, {}, ema=ema)
    decoder = data.Decoder(cfg.width, cfg.height, classes=classes, augment=AugmentConfig() if cfg.augment else None,
                           min_box=cfg.min_box)
    stream = data.TrainStream(srcs, decoder, cfg.batch_size, seed=cfg.seed, shuffle_buffer=cfg.shuffle_buffer,
                              total_batches=cfg.steps * cfg.accum, start_batch=pos.batches,
                              raw_seen=engine.loader_position(pos, cfg.workers))
    ids = [d.device.index] if d.device.type == "cuda" else None
    ddp = torch.nn.parallel.DistributedDataParallel(model, device_ids=ids) if d.world_size > 1 else model
    meta = {"classes": json.dumps(names), "taxonomy": cfg.taxonomy, "weights": "ema" if ema else "trained"}
    precision = distributed.resolve_precision(d.device, cfg.precision)  # what `auto` is here: recorded, shown
    if d.main:
        init_hash = {"init_sha256": sha256_file(_model_file(cfg.init))} if cfg.init else {}
        (out / "config.json").write_text(json.dumps({**json.loads(cfg.to_json()), **init_hash, "classes": names,
                                                    "precision_used": precision, "data": describe(srcs, sources)},
                                                   indent=1) + "\n")
    batches = data.batches(stream, cfg.workers)  # forks the loader workers: before any logging thread
    log = RunLog(out, [*LOSSES, *(f"{k}_avg" for k in LOSSES), "grad_norm", "lr", "img_s", "faults"], cfg.steps,
                 pos.step, enabled=d.main, description=f"fine-tuning ({precision})")

    def loss_fn(m, batch):
        images, targets = detector.to_inputs(batch, d.device)
        losses = m(images, targets)  # classification (focal), bbox_regression (GIoU), bbox_ctrness (BCE)
        return {"loss": sum(losses.values()), **losses}

    def update_ema(step: int) -> None:
        # timm's decay is 0 at step 1 (given the step): the average starts from trained, not random, weights.
        ema.update(model, step=step)

    def checkpoint(p: engine.Position) -> None:
        engine.save(ckpt, cfg, d, model, optimizer, sched, p, {}, ema=ema)
        if d.main:  # evaluate and predict read this file: the averaged weights when there are some
            weights = (ema.module if ema else model).state_dict()
            save_weights(out / "model.safetensors", weights, cfg.to_json(), step=str(p.step), **meta)

    try:
        pos = engine.train(cfg, d, model, ddp, batches, optimizer, sched, loss_fn, pos, log, checkpoint,
                           on_step=update_ema if ema else None, stop_after=stop_after)
    finally:
        log.close()
    distributed.teardown()
    return {"step": pos.step, "faults": pos.faults.counts, "model": str(out / "model.safetensors"), "classes": names}


def _model_file(path: str | Path) -> Path:
    """A model.safetensors path, or a fine-tuning output directory's."""
    path = Path(path)
    return path / "model.safetensors" if path.is_dir() else path


def init_settings(path: str | Path) -> dict:
    """The INIT_KEYS values of the detector at `path` (`factory finetune --init` takes them for options not
    given); ConfigError naming the file if it is not a detector written by `factory finetune`."""
    _, cfg, _ = load(path)
    return {k: getattr(cfg, k) for k in INIT_KEYS}


def init_weights(cfg: FinetuneConfig, names: list[str]) -> dict[str, torch.Tensor]:
    """The weights of the detector cfg.init, once its config agrees with `cfg` on INIT_KEYS and its classes are
    `names`; ConfigError naming every difference otherwise."""
    model, theirs, their_names = load(cfg.init)
    ours, theirs = json.loads(cfg.to_json()), json.loads(theirs.to_json())
    # A convnet's weights do not depend on the canvas (a ViT's position embeddings do): it may go on at another size.
    keys = [k for k in INIT_KEYS if not (k in ("width", "height") and ours.get("model") != "vit")]
    differ = [f"{k} {theirs.get(k)} (this run: {ours.get(k)})" for k in keys if theirs.get(k) != ours.get(k)]
    if theirs.get("box_regression") == "scaled" and ours.get("box_regression") != "scaled":
        differ.append("box_regression scaled (this run: linear; its learnt scale would be dropped)")
    if their_names != names:
        differ.append(f"{len(their_names)} classes {', '.join(their_names[:4])}... (this run: {len(names)} classes "
                      f"{', '.join(names[:4])}...)")
    if differ:
        raise ConfigError(f"--init {cfg.init} is a detector with {'; '.join(differ)}: fine-tuning from it needs the "
                          f"same architecture, canvas and classes; leave those options out (they default to the "
                          f"detector's own) or leave --init out to start from a fresh detector")
    return model.state_dict()


def load(path: Path, device: torch.device | str = "cpu"):
    """(FCOS in eval mode, config, class names) from a model.safetensors written by fine-tuning, or from a
    fine-tuning output directory (its model.safetensors). ConfigError naming the file for anything else.
    For inference: a ConvNeXt V2 trunk's GRN is folded into the next layer (trainer.inference.fold_grn: the
    same outputs to float rounding, the same weights' names)."""
    from trainer.checkpoint import first_line, load_weights
    from trainer.config import from_json

    path = _model_file(path)
    if not path.is_file():
        raise ConfigError(f"{path} not found; give a model.safetensors written by `factory finetune` (or its --out)")
    weights, meta = load_weights(path, "give a model.safetensors written by `factory finetune`")
    not_ours = f"{path} is not a detector written by `factory finetune`"
    try:
        cfg = from_json(meta["config"])  # (ConfigError too: a config this version rejects)
        names = json.loads(meta["classes"])
    except (KeyError, ValueError, TypeError) as e:
        raise ConfigError(f"{not_ours} ({type(e).__name__}: {first_line(e)})") from None
    if not isinstance(cfg, FinetuneConfig):
        raise ConfigError(f"{path} holds a {type(cfg).__name__} model; give the output of `factory finetune`")
    if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
        raise ConfigError(f"{not_ours} (its class list is not a list of names)")
    model = detector.build(cfg, len(names))
    try:
        model.load_state_dict(weights)
    except RuntimeError as e:  # tensors that do not fit the model its own config describes: edited or damaged
        raise ConfigError(f"{not_ours} (its weights do not fit its config: {first_line(e)})") from None
    fold_grn(model)
    return model.to(device).eval(), cfg, names
