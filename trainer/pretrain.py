"""Masked-image pretraining on the factory's screenshots: setup (`main`); the steps run in engine.train; the
model is trainer.mae.MAE around a timm ViT (cfg.model "vit") or trainer.fcmae.FCMAE around a timm ConvNeXt V2
(cfg.model a convnet, the backbone `factory finetune --model` of the same name loads).

OUT/ holds checkpoints/ (resumable), encoder.safetensors (timm key names), metrics.csv, tb/ and
recon/step-*.png (reconstructions of fixed validation samples).
"""

from __future__ import annotations

import json
from pathlib import Path

import torch

from trainer import data, distributed, engine
from trainer.augment import AugmentConfig
from trainer.checkpoint import save_weights
from trainer.config import PretrainConfig
from trainer.faults import NoGoodSamples
from trainer.fcmae import FCMAE
from trainer.mae import MAE
from trainer.runlog import RunLog
from trainer.schedule import adamw, scheduler
from trainer.sources import describe, resolve
from trainer.visualize import reconstruction_grid


def normalize(images: torch.Tensor, device: torch.device) -> torch.Tensor:
    """(B, 3, H, W) uint8 -> float, ImageNet-normalized, on `device`."""
    x = images.to(device, non_blocking=True).float().div_(255)
    mean = torch.tensor(data.IMAGE_MEAN, device=device)[:, None, None]
    std = torch.tensor(data.IMAGE_STD, device=device)[:, None, None]
    return (x - mean) / std


def fixed_samples(tars: list[str], cfg: PretrainConfig, name: str) -> torch.Tensor:
    """The first `recon_samples` readable images of `tars`, letterboxed, not augmented: (n, 3, H, W) uint8.
    Broken samples are skipped; NoGoodSamples when `name` (the dataset) has none at all."""
    stream = data.EvalStream(tars, data.Decoder(cfg.width, cfg.height), batch_size=cfg.recon_samples, name=name)
    for batch in stream:  # in this process: the first batch is at most a few shards away
        return batch["image"]
    raise NoGoodSamples(f"{name}: none of its {len(tars)} shard(s) holds a readable image; check it with "
                        f"`factory verify` or re-render it")


def build(cfg: PretrainConfig) -> torch.nn.Module:
    """The pretraining model of cfg.model: MAE on cfg.encoder, or FCMAE on the convnet; `.encoder` is timm's."""
    if cfg.model == "vit":
        return MAE(cfg.encoder, (cfg.height, cfg.width), cfg.decoder_dim, cfg.decoder_depth, cfg.decoder_heads,
                   cfg.mask_ratio, cfg.norm_pix_loss)
    return FCMAE(cfg.model, cfg.decoder_dim, cfg.decoder_depth, cfg.mask_ratio, cfg.norm_pix_loss)


def main(cfg: PretrainConfig, sources: list[str], out: Path, resume: bool = True, stop_after: int | None = None,
         val: list[str] | None = None, allow_evaluation_only: bool = False) -> dict:
    d = distributed.setup(cfg.threads)
    srcs = resolve(sources, allow_evaluation_only)  # an evaluation-only set only when asked for
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(cfg.seed)
    model = build(cfg).to(d.device)
    lr = cfg.effective_lr(d.world_size)
    optimizer = adamw(model, lr, cfg.weight_decay, (0.9, cfg.beta2))
    sched = scheduler(optimizer, cfg.warmup, cfg.steps, cfg.min_lr_ratio)
    # Masks come from a generator of their own, seeded per rank, whose state is checkpointed.
    gens = {"mask": torch.Generator(device=d.device).manual_seed(data.derive_seed(cfg.seed, d.rank, 11))}
    ckpt, pos = engine.start_or_resume(out, cfg, resume, d, model, optimizer, sched, gens)
    decoder = data.Decoder(cfg.width, cfg.height, augment=AugmentConfig() if cfg.augment else None)
    stream = data.TrainStream(srcs, decoder,
                              cfg.batch_size, seed=cfg.seed, shuffle_buffer=cfg.shuffle_buffer,
                              total_batches=cfg.steps * cfg.accum, start_batch=pos.batches,
                              raw_seen=engine.loader_position(pos, cfg.workers))
    ids = [d.device.index] if d.device.type == "cuda" else None
    ddp = torch.nn.parallel.DistributedDataParallel(model, device_ids=ids) if d.world_size > 1 else model
    precision = distributed.resolve_precision(d.device, cfg.precision)  # what `auto` is here: recorded, shown
    if d.main:
        record = {**json.loads(cfg.to_json()), "precision_used": precision, "data": describe(srcs, sources)}
        (out / "config.json").write_text(json.dumps(record, indent=1) + "\n")
    recon_images = None
    if d.main:
        shown = resolve(val, allow_evaluation_only=True) if val else srcs[:1]  # only drawn, never trained on
        recon_images = normalize(fixed_samples([t for s in shown for t in s.tars], cfg,
                                               ", ".join(s.path or s.name for s in shown)), d.device)
    batches = data.batches(stream, cfg.workers)  # forks the loader workers: before any logging thread
    log = RunLog(out, ["loss", "loss_avg", "lr", "img_s", "faults"], cfg.steps, pos.step, enabled=d.main,
                 description=f"{'MAE' if cfg.model == 'vit' else 'FCMAE'} pretraining ({precision})")

    def loss_fn(m, batch):
        return {"loss": m(normalize(batch["image"], d.device), gens["mask"])}

    def on_step(step: int) -> None:
        if d.main and (step % cfg.recon_every == 0 or step == cfg.steps):
            grid = reconstruction_grid(model, recon_images, cfg.seed, out / "recon" / f"step-{step:06d}.png")
            log.image("recon", torch.from_numpy(grid).permute(2, 0, 1), step)

    def checkpoint(p: engine.Position) -> None:
        engine.save(ckpt, cfg, d, model, optimizer, sched, p, gens)
        if d.main:  # the encoder alone, under timm's names, loadable by timm.create_model(checkpoint_path=...)
            save_weights(out / "encoder.safetensors", model.encoder.state_dict(), cfg.to_json(),
                         timm_model=cfg.encoder if cfg.model == "vit" else cfg.model,
                         img_size=f"{cfg.height}x{cfg.width}", step=str(p.step))

    try:
        pos = engine.train(cfg, d, model, ddp, batches, optimizer, sched, loss_fn, pos, log, checkpoint, on_step,
                           stop_after)
    finally:
        log.close()
    summary = {"step": pos.step, "faults": pos.faults.counts, "out": str(out),
               "encoder": str(out / "encoder.safetensors")}
    distributed.teardown()
    return summary
